"""From what a resident typed to a search query: cleaning, synonyms, highlighting."""

import functools
import html
import re

from django.conf import settings
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from modelsearch.query import Or, PlainText

from .segment import tokens

MAX_VARIANTS = 8


def clean_query(raw):
    """Printable, trimmed, whitespace collapsed, cut to SEARCH_MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(raw or ""))
    text = " ".join(text.split())
    return text[: settings.SEARCH_MAX_QUERY_LENGTH].strip()


def query_variants(text, synonym_groups):
    """`text` plus its rewrites with each synonym group's other words (物业费 -> 物业管理费)."""
    variants = [text]
    for group in synonym_groups:
        for variant in list(variants):
            # Longest first, so 物业管理费 is not rewritten as if it were 物业费.
            present = next((t for t in sorted(group, key=len, reverse=True) if t in variant), None)
            if present is None:
                continue
            for other in group:
                rewritten = variant.replace(present, other)
                if rewritten not in variants and len(variants) < MAX_VARIANTS:
                    variants.append(rewritten)
    return variants


def build_query(text, synonym_groups=(), operator="and"):
    """A query matching any variant; each variant needs all its words (or any, if 'or')."""
    parts = [PlainText(v, operator=operator) for v in query_variants(text, synonym_groups)]
    return parts[0] if len(parts) == 1 else Or(parts)


def highlight_terms(text, synonym_groups=()):
    """The words to highlight: every word of every variant, longest first."""
    words = set()
    for variant in query_variants(text, synonym_groups):
        words.update(tokens(variant))
    return sorted(words, key=len, reverse=True)


@functools.lru_cache(maxsize=256)
def _terms_pattern(terms):
    """The pattern matching any of `terms` (a tuple), compiled once per set of terms."""
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None


def snippet(text, terms, width=90):
    """About `width` characters of `text` around the first match, matches in <mark>."""
    text = str(text or "")
    if "<" in text:  # strip_tags leaves text without one as it is
        text = strip_tags(text)
    text = " ".join(text.split())
    if not text:
        return ""
    pattern = _terms_pattern(tuple(terms))
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - width // 3) if match else 0
    excerpt = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    if pattern is None:
        return escape(prefix + excerpt + suffix)
    # html.escape is what django.utils.html.escape applies, without its check for lazy text.
    pieces = [prefix]
    last = 0
    for m in pattern.finditer(excerpt):
        pieces.append(html.escape(excerpt[last : m.start()]))
        pieces.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    pieces.append(html.escape(excerpt[last:]))
    pieces.append(suffix)
    return mark_safe("".join(pieces))  # noqa: S308 (pieces escaped)
