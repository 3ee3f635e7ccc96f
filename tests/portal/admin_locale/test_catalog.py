"""The project's catalogs: the committed .mo files are compiled from the .po files as they are,
and every translation keeps Wagtail's placeholders."""

import re
from pathlib import Path

import polib
import pytest

LC_MESSAGES = Path(__file__).resolve().parents[3] / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_mo_matches_the_po(domain):
    po = polib.pofile(str(LC_MESSAGES / f"{domain}.po"))
    mo = polib.mofile(str(LC_MESSAGES / f"{domain}.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in mo if e.msgid}
    written = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in po.translated_entries()}
    assert compiled == written, "run `make messages` and commit the .mo files"
    assert po.untranslated_entries() == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_the_placeholders(domain):
    for entry in polib.pofile(str(LC_MESSAGES / f"{domain}.po")):
        translation = entry.msgstr or entry.msgstr_plural.get(0, "")
        source = entry.msgid_plural or entry.msgid
        assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(source)), entry.msgid
