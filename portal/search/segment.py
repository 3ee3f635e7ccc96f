"""Chinese word segmentation with jieba, shared by indexing and querying.

The database search backends treat a run of Han characters as one token, so both the indexed
text and the query are cut into words with `cut_for_search` and joined with spaces.
"""

import logging
import re
import tempfile
import threading
from pathlib import Path

import jieba
from django.conf import settings

DICT_PATH = Path(__file__).with_name("dict.txt")

# A token is kept if it has a letter or digit; punctuation and search syntax are dropped.
WORD_RE = re.compile(r"\w", re.UNICODE)
HAN_RE = re.compile(r"[\u4e00-\u9fff]+")

_lock = threading.Lock()
_tokenizer = None


def get_tokenizer():
    """One jieba tokenizer per process, with the community dictionary and a writable cache."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                cache_dir = Path(getattr(settings, "JIEBA_CACHE_DIR", "") or tempfile.gettempdir())
                cache_dir.mkdir(parents=True, exist_ok=True)
                tokenizer.tmp_dir = str(cache_dir)
                tokenizer.initialize()
                tokenizer.load_userdict(str(DICT_PATH))
                _tokenizer = tokenizer
    return _tokenizer


def tokens(text, bigrams=False, inner=True):
    """The words of `text` for search, lower-cased: each word jieba finds, preceded by every
    dictionary word inside it (社区公益基金 -> 社区, 公益, 基金, 公益基金, ..., 社区公益基金)
    unless `inner` is false.

    Like jieba's cut_for_search, but with inner words of any length, so that a query for
    公益基金 finds 社区公益基金 whatever the surrounding text. With `bigrams` (for indexed
    text) every pair of adjacent Han characters is added too, so a two-character query finds
    it even across jieba's word boundaries (路灯 in 东门路灯不亮, cut as 东门路/灯/不亮).
    """
    if not text:
        return []
    tokenizer = get_tokenizer()
    freq = tokenizer.FREQ
    result = []
    for word in tokenizer.cut(str(text)):
        word = word.strip().lower()
        if not WORD_RE.search(word):
            continue
        n = len(word)
        if inner and n > 2 and HAN_RE.fullmatch(word):
            for size in range(2, n):
                for start in range(n - size + 1):
                    inner = word[start : start + size]
                    if freq.get(inner):
                        result.append(inner)
        result.append(word)
    if bigrams:
        for run in HAN_RE.findall(str(text)):
            result.extend(run[i : i + 2] for i in range(len(run) - 1))
    return result


def segment(text, bigrams=False, inner=True):
    """`text` as space-separated words for a full-text index (`bigrams=True`) or a query."""
    return " ".join(tokens(text, bigrams=bigrams, inner=inner))
