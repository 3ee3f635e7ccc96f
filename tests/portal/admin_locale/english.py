"""Finding English an admin user would read: visible text, labels for assistive technology,
and the strings Wagtail's scripts show (its config, the sidebar, the block editor)."""

import contextlib
import json
import re
from html.parser import HTMLParser

# Brand names and code-like words a Chinese editor may meet as they are.
ALLOWED = {
    "Wagtail",  # only in "由 Wagtail 提供" style credits; never as the login title (tested)
    "PDF",
    "CSV",
    "RSS",
    "URL",
    "ID",
    "QR",
    "HTML",
    "JSON",
    "XML",
    "PNG",
    "JPEG",
    "JPG",
    "GIF",
    "WebP",
    "AVIF",
    "HEIC",
    "SVG",
    "Draftail",
    "JavaScript",
    "WEBP",
    "XLSX",
    "KB",
    "MB",
    # Keys on the keyboard, as printed on them (the editor's shortcut list).
    "Ctrl",
    "Alt",
    "Shift",
    "Esc",
    "Cmd",
    "Enter",
    # The site's host name in tests (data, not interface).
    "localhost",
}
TEXT_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value")
JSON_TEXT_KEYS = ("label", "description", "heading", "help_text", "helpText", "title")
# An English word: letters not touching letters, digits or the marks of file names, addresses
# and identifiers (so "editor1", "photo.png", "a@b.cn" and "/admin/" are not words).
WORD = re.compile(r"(?<![A-Za-z0-9_@./:\\#&=%-])[A-Za-z]{2,}(?![A-Za-z0-9_@./:\\#&=%-])")


def strings_in_json(data, keys=JSON_TEXT_KEYS, inside_strings=False):
    """Text values in Wagtail's JSON: under `keys`, and every value of a `strings`/`STRINGS` map."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (key in keys or inside_strings):
                yield value
            else:
                yield from strings_in_json(value, keys, key in ("strings", "STRINGS"))
    elif isinstance(data, list):
        for value in data:
            yield from strings_in_json(value, keys)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skipping = []
        self.json_script = None
        # A `hidden` element holding only text (a counter its script fills in) is not read; hidden
        # elements with elements inside (tabs, side panels) are read: editors open them.
        self.hidden_leaf = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.hidden_leaf is not None:
            self.texts.extend(self.hidden_leaf[1])
            self.hidden_leaf = None
        if "hidden" in attrs and tag not in VOID:
            self.hidden_leaf = (tag, [])
        if tag in ("script", "style"):
            self.skipping.append(tag)
            if tag == "script" and attrs.get("type") == "application/json":
                self.json_script = []
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])
        for name in ("data-w-block-data-value",):
            if attrs.get(name):
                self.texts.extend(strings_in_json(json.loads(attrs[name])))

    def handle_endtag(self, tag):
        if self.hidden_leaf is not None and tag == self.hidden_leaf[0]:
            self.hidden_leaf = None
            return
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
            if tag == "script" and self.json_script is not None:
                with contextlib.suppress(ValueError):  # not JSON after all: nothing to read
                    self.texts.extend(strings_in_json(json.loads("".join(self.json_script))))
                self.json_script = None

    def handle_data(self, data):
        if self.hidden_leaf is not None:
            self.hidden_leaf[1].append(data)
            return
        if self.json_script is not None:
            self.json_script.append(data)
        elif not self.skipping:
            self.texts.append(data)


# A 核验码 is hexadecimal in groups of four ("FEFC D226 …"): a group of letters only is no word.
HEX_GROUP = re.compile(r"[0-9A-F]{4}")


def texts_of(html):
    collector = TextCollector()
    collector.feed(html)
    return [" ".join(text.split()) for text in collector.texts if text.strip()]


def english_in(html):
    """{text: [English words]} for every piece of text in `html` with a word not allowed."""
    found = {}
    for text in texts_of(html):
        words = [word for word in WORD.findall(text) if word not in ALLOWED and not HEX_GROUP.fullmatch(word)]
        if words:
            found[text[:120]] = words
    return found
