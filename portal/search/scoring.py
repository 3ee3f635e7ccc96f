"""Relevance of a few candidate pages, worked out in Python from their indexed text.

FTS5's bm25 first counts, for every word of the query, how many pages of the whole index have
it: a pass over each word's full list, so a common word costs more as the site grows. The
bounded ranking only orders a few dozen candidates, and all of them have every word, so it
scores them here with the same BM25 saturation and length norm but without that count: the
cost follows the number of candidates and the text read of each (MAX_TEXT characters).
"""

from modelsearch.query import And, Boost, Or, Phrase, PlainText

# Each column's weight (title counts double, as in the earlier bm25 weights); columns not
# listed (autocomplete) do not rank.
WEIGHTS = {"title": 2.0, "body": 1.0}
# Characters of a column's indexed (segmented) text read per candidate: the first few
# paragraphs of a notice, where its subject is.
MAX_TEXT = 1000
K1 = 1.2
B = 0.75


def query_words(query):
    """The words of a segmented query tree (PlainText/Phrase leaves), lower-cased."""
    if isinstance(query, (PlainText, Phrase)):
        return set(query.query_string.lower().split())
    if isinstance(query, (And, Or)):
        return set().union(*(query_words(q) for q in query.subqueries))
    if isinstance(query, Boost):
        return query_words(query.subquery)
    return set()  # Not: words a page must not have do not make it relevant


def ranked(rows, words, columns):
    """`rows` (key, text of each of `columns`, as UTF-8 bytes or str), newest first, best
    first: sorted() keeps the newest first among equal scores."""
    weights = [WEIGHTS.get(column, 0.0) for column in columns]
    if not any(weights) or not rows:
        return [row[0] for row in rows]
    padded, lengths = [], []
    for row in rows:
        # As bytes between spaces: words and spaces count in UTF-8 as in the text (a UTF-8
        # word never matches inside a character).
        texts = [b" " + (t if type(t) is bytes else (t or "").encode()) + b" " for t in row[1:]]
        length = 0
        for text in texts:
            length += text.count(b" ")
        padded.append(texts)
        lengths.append(length)
    average = max(sum(lengths) / len(lengths), 1.0)
    needles = [f" {word} ".encode() for word in words]
    weighted = [(i, w) for i, w in enumerate(weights) if w]
    scores = []
    for texts, length in zip(padded, lengths, strict=True):
        norm = K1 * (1 - B + B * length / average)
        score = 0.0
        for needle in needles:
            f = 0  # plain loops: this runs for every candidate and word
            for i, w in weighted:
                f += w * texts[i].count(needle)
            score += f * (K1 + 1) / (f + norm) if f else 0.0
        scores.append(score)
    order = sorted(range(len(rows)), key=lambda i: -scores[i])
    return [rows[i][0] for i in order]
