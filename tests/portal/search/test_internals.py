"""The modelsearch internals the search relies on, pinned: an upgrade fails here first."""

from importlib.metadata import version

from modelsearch.backends.base import BaseSearchResults

from portal.search import internals


def test_installed_modelsearch_is_the_one_the_search_was_written_for(db):
    found = internals.problems()
    assert found == [], "\n".join(found)


def test_another_version_is_reported_with_what_to_do(db, monkeypatch):
    monkeypatch.setitem(internals.TESTED_WITH, "modelsearch", "0.9")
    messages = internals.problems()
    assert f"modelsearch {version('modelsearch')} is installed" in messages[0]
    assert "checked against 0.9" in messages[0]


def test_a_private_name_that_disappears_is_reported(db, monkeypatch):
    backend_class = internals.database_backend_class({})
    monkeypatch.delattr(backend_class.results_class, "_do_count")
    monkeypatch.delattr(BaseSearchResults, "_do_count")
    monkeypatch.delattr(backend_class.query_compiler_class, "get_config")
    found = "\n".join(internals.problems())
    assert "has no `_do_count`" in found
    assert "has no `get_config`" in found
