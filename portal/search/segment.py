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


def tokens(text):
    """The words of `text` for search: overlapping words of compounds included, lower-cased."""
    if not text:
        return []
    words = get_tokenizer().cut_for_search(str(text))
    return [w.strip().lower() for w in words if WORD_RE.search(w)]


def segment(text):
    """`text` as space-separated words, ready for a full-text index."""
    return " ".join(tokens(text))
