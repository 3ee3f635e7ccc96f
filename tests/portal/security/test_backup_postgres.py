"""backup / restore on PostgreSQL (pg_dump, pg_restore): `make test-postgres` runs this with
DATABASE_URL set; elsewhere it is skipped."""

import hashlib
import os
import uuid

import dj_database_url
import psycopg
import pytest

from tests.portal.security import sitecopy

URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not URL.startswith("postgres"), reason="PostgreSQL only (DATABASE_URL)")
PASSPHRASE = "lishan-backup-2026-secret"


@pytest.fixture
def databases():
    """Two new, empty PostgreSQL databases; dropped afterwards."""
    server = dj_database_url.parse(URL)
    params = {
        "host": server["HOST"] or "127.0.0.1",
        "port": server["PORT"] or 5432,
        "user": server["USER"],
        "password": server["PASSWORD"],
    }
    names = [f"backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield [URL.rsplit("/", 1)[0] + "/" + name for name in names], params, names
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(args, url, media, **extra):
    return sitecopy.manage(args, "unused", media, DATABASE_URL=url, BACKUP_PASSPHRASE=PASSPHRASE, **extra)


def table_rows(params, name):
    with psycopg.connect(dbname=name, **params) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        select = 'SELECT * FROM "{}"'  # names come from information_schema
        return {t: sorted(connection.execute(select.format(t)).fetchall(), key=repr) for t in tables}


def test_the_demo_site_round_trips_on_postgresql(databases, tmp_path):
    (source, target), params, names = databases
    media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    for args in (["migrate", "--noinput", "-v0"], ["load_demo"], ["backup", str(tmp_path / "site.bak")]):
        result = manage(args, source, media, DEMO_PASSWORD="gongkailan2026")
        assert result.returncode == 0, result.stderr
    result = manage(["restore", str(tmp_path / "site.bak")], target, restored_media)
    assert result.returncode == 0, result.stderr
    source_rows, restored_rows = table_rows(params, names[0]), table_rows(params, names[1])
    assert source_rows.keys() == restored_rows.keys()
    for table, rows in source_rows.items():
        assert restored_rows[table] == rows, table

    def hashes(root):
        return {
            p.relative_to(root): hashlib.sha256(p.read_bytes()).digest()
            for p in root.rglob("*")
            if p.is_file()
        }

    assert hashes(restored_media) == hashes(media)
    again = manage(["restore", str(tmp_path / "site.bak")], target, restored_media)
    assert again.returncode != 0 and "目标数据库不是空的" in again.stderr
