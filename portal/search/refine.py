"""What residents see of the ranked matches: reposts collapsed, a series newest first, and a
"您是不是要找" suggestion for a likely typo.

The backend ranks; this module only regroups the best CANDIDATES matches, so it costs the same
whatever the size of the site.
"""

import functools
import re
from collections import defaultdict

from django.core.cache import cache
from wagtail.models import Page

from . import bounded
from .segment import DICT_PATH, HAN_RE, tokens

# Matches regrouped and paginated (five pages; residents rarely go further): as many as the
# backends count exactly, so "more than" and "the best" name the same number.
CANDIDATES = bounded.COUNT_LIMIT
VOCABULARY_TIMEOUT = 600  # seconds; new titles join the suggestions within ten minutes
MAX_SUGGESTION_CHECKS = 3

PUNCTUATION_RE = re.compile(r"[\W_]+", re.UNICODE)
# Dates and numbers that tell the issues of a series apart: 2026年第一季度, 第35期, 3月.
SERIES_RE = re.compile(r"[0-9０-９一二三四五六七八九十百零〇两]+")


# Titles recur from search to search: each key is worked out once per process (a bounded cache).
@functools.lru_cache(maxsize=4096)
def same_post_key(title):
    """Titles equal up to spaces and punctuation: a repost of the same notice."""
    return PUNCTUATION_RE.sub("", title).lower()


@functools.lru_cache(maxsize=4096)
def series_key(title):
    """Titles equal once their numbers are dropped: the quarters of one fund, a paper's issues."""
    return SERIES_RE.sub("#", same_post_key(title))


def regroup(entries, query):
    """`entries` (dicts with "title" and "date", best match first; each gets "copies") with
    reposts folded into their newest copy (`entry["copies"]` lists the others, newest first)
    and, unless the query names a number or date itself, each series of titles that differ
    only in their numbers in newest-first order at the place of its best match."""
    posts = defaultdict(list)
    for entry in entries:
        posts[same_post_key(entry["title"])].append(entry)
    kept = []
    for group in posts.values():  # dicts keep the order of each group's best match
        newest, *copies = sorted(group, key=_newest_first) if len(group) > 1 else group
        newest["copies"] = copies  # the entries are the caller's fresh dicts: no copy needed
        kept.append(newest)
    if SERIES_RE.search(query):
        return kept

    series = defaultdict(list)
    for entry in kept:
        series[series_key(entry["title"])].append(entry)
    return [
        entry
        for group in series.values()
        for entry in (sorted(group, key=_newest_first) if len(group) > 1 else group)
    ]


def _newest_first(entry):
    date = entry.get("date")
    return (date is None, -(date.toordinal() if date else 0))


def live_pages(site):
    """The pages residents of `site` may find: live, public, in its tree."""
    return Page.objects.live().public().descendant_of(site.root_page, inclusive=True)


def vocabulary(site):
    """Words residents may have meant: the community dictionary and the words of the site's
    live page titles (Han words of 2 to 8 characters), cached per site."""
    key = f"search-vocabulary:{site.pk}"
    words = cache.get(key)
    if words is None:
        words = set(dictionary_words())
        titles = live_pages(site).values_list("title", flat=True)
        for title in titles.iterator():
            words.update(w for w in tokens(title) if 2 <= len(w) <= 8 and HAN_RE.fullmatch(w))
        words = sorted(words)
        cache.set(key, words, VOCABULARY_TIMEOUT)
    return words


def dictionary_words():
    lines = DICT_PATH.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


def corrections(text, words):
    """Spellings of `text` with one character of one word changed to make a known word,
    longest word first (公益基经 -> 公益基金)."""
    known = set(words)
    patterns = defaultdict(set)
    for word in words:
        for i in range(len(word)):
            patterns[word[:i] + "\0" + word[i + 1 :]].add(word)
    found = []
    for length in range(min(8, len(text)), 1, -1):
        for start in range(len(text) - length + 1):
            piece = text[start : start + length]
            if piece in known or not HAN_RE.fullmatch(piece):
                continue
            for i in range(length):
                for word in sorted(patterns.get(piece[:i] + "\0" + piece[i + 1 :], ())):
                    fixed = text[:start] + word + text[start + length :]
                    if fixed not in found:
                        found.append(fixed)
    return found


def suggestion(site, text, has_results):
    """The first correction of `text` for which `has_results(correction)` is true, or ""."""
    for fixed in corrections(text, vocabulary(site))[:MAX_SUGGESTION_CHECKS]:
        if has_results(fixed):
            return fixed
    return ""
