"""SQLite that does not lock up: WAL, IMMEDIATE transactions and a busy timeout. The load runs
in a subprocess on a database file (the test database is in memory, where nothing locks)."""

import json

from tests.portal.security import sitecopy

LOAD = ["tests/portal/security/sqlite_load.py"]


def load(sqlite_site, *args):
    result = sitecopy.run([*LOAD, *args], *sqlite_site, timeout=300)
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


def test_sqlite_gets_wal_immediate_transactions_and_a_busy_timeout(tmp_path):
    # In a subprocess on SQLite: the suite itself may run on PostgreSQL (make test-postgres).
    code = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    result = sitecopy.run(["-c", code], tmp_path / "site.sqlite3", tmp_path)
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.splitlines()[-1])
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10


def test_postgresql_gets_no_sqlite_options(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    result = sitecopy.run(["-c", code], tmp_path / "unused.sqlite3", tmp_path)
    assert "transaction_mode" in result.stdout  # the SQLite run, for comparison
    env = {"DATABASE_URL": "postgres://portal:secret@127.0.0.1:5432/portal"}
    result = sitecopy.run(["-c", code], tmp_path / "unused.sqlite3", tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert "transaction_mode" not in result.stdout and "journal_mode" not in result.stdout


def test_publishing_while_residents_browse_and_autosave_racing_submit_gives_no_error(sqlite_site):
    summary = load(sqlite_site)
    assert summary["errors"] == []
    assert summary["journal_mode"] == "wal"
    assert summary["publish"] == 24
    assert summary["read"] > 50
    # The submit a moment after typing went through while autosave was saving.
    assert summary["submit"] == 1 and summary["disclosure_in_workflow"]
    assert summary["autosave"] >= 1
    assert all(title.endswith("（第6次修改）") for title in summary["live_revisions"])


def test_the_same_load_without_those_options_hits_database_is_locked(sqlite_site):
    """Shows what the options prevent (Django's SQLite defaults: rollback journal, DEFERRED)."""
    summary = load(sqlite_site, "--plain")
    assert any("database is locked" in error for error in summary["errors"])
