"""manage.py backup / restore: one encrypted file with the database and the media files."""

import hashlib
import io
import os
import sqlite3

import pytest

from portal.security import backup
from tests.portal.security import sitecopy

PASSPHRASE = "lishan-backup-2026-secret"


def manage(args, database, media, **extra):
    return sitecopy.manage(args, database, media, BACKUP_PASSPHRASE=PASSPHRASE, **extra)


def table_rows(database):
    """{table: sorted rows} for every table in a SQLite file."""
    connection = sqlite3.connect(database)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        select = 'SELECT * FROM "{}"'  # names come from sqlite_master
        return {name: sorted(connection.execute(select.format(name)).fetchall(), key=repr) for name in names}
    finally:
        connection.close()


def file_hashes(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def demo(migrated_sqlite, tmp_path_factory):
    """The demo community (load_demo) in a SQLite file with its media, and its backup."""
    folder = tmp_path_factory.mktemp("demo-site")
    database = sitecopy.copy_database(migrated_sqlite, folder / "site.sqlite3")
    media = folder / "media"
    result = manage(["load_demo"], database, media, DEMO_PASSWORD="gongkailan2026")
    assert result.returncode == 0, result.stderr
    # A resident's report photo, kept outside the public media folder.
    private = folder / "private"
    (private / "FK20261130-0001").mkdir(parents=True)
    (private / "FK20261130-0001" / "a1b2.jpg").write_bytes(b"\xff\xd8 photo bytes")
    archive = folder / "site.bak"
    result = manage(["backup", str(archive)], database, media, FEEDBACK_PRIVATE_ROOT=str(private))
    assert result.returncode == 0, result.stderr
    assert "个上传文件" in result.stdout
    return database, media, archive


def test_the_demo_site_round_trips_table_by_table_and_file_by_file(demo, tmp_path):
    database, media, archive = demo
    target, target_media = tmp_path / "restored.sqlite3", tmp_path / "media"
    target_private = tmp_path / "private"
    result = manage(
        ["restore", str(archive)], target, target_media, FEEDBACK_PRIVATE_ROOT=str(target_private)
    )
    assert result.returncode == 0, result.stderr
    assert file_hashes(target_private) == file_hashes(database.parent / "private")
    assert not (target_media / "FK20261130-0001").exists()
    source_rows, restored_rows = table_rows(database), table_rows(target)
    assert source_rows.keys() == restored_rows.keys()
    for table, rows in source_rows.items():
        assert restored_rows[table] == rows, table
    assert len(source_rows["wagtailcore_page"]) > 50  # pages, notices, issues, volunteers...
    hashes = file_hashes(media)
    assert len(hashes) > 20 and any(name.startswith("original_images/") for name in hashes)
    assert file_hashes(target_media) == hashes


def test_the_backup_file_is_encrypted_and_private(demo):
    _, _, archive = demo
    data = archive.read_bytes()
    assert data.startswith(backup.MAGIC)
    # Long enough that random ciphertext cannot contain them by chance (a 3-byte gzip header could).
    for plain in (b"SQLite format 3", "历山名郡社区".encode(), b"manifest.json", b"pbkdf2_sha256"):
        assert plain not in data
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


def test_no_passphrase_no_backup(demo, tmp_path):
    database, media, _ = demo
    result = sitecopy.manage(["backup", str(tmp_path / "x.bak")], database, media, BACKUP_PASSPHRASE="")
    assert result.returncode != 0
    assert "没有设置备份密码" in result.stderr
    assert not (tmp_path / "x.bak").exists()
    short = sitecopy.manage(["backup", str(tmp_path / "x.bak")], database, media, BACKUP_PASSPHRASE="short")
    assert "备份密码太短" in short.stderr


def test_a_wrong_passphrase_restores_nothing(demo, tmp_path):
    _, _, archive = demo
    target, target_media = tmp_path / "restored.sqlite3", tmp_path / "media"
    result = sitecopy.manage(["restore", str(archive)], target, target_media, BACKUP_PASSPHRASE="x" * 20)
    assert result.returncode != 0
    assert "备份密码不对" in result.stderr
    assert not target_media.exists() or not any(target_media.rglob("*"))


def test_a_non_empty_database_is_replaced_only_with_force(demo, migrated_sqlite, tmp_path):
    database, _, archive = demo
    target = sitecopy.copy_database(migrated_sqlite, tmp_path / "existing.sqlite3")
    before = table_rows(target)
    refused = manage(["restore", str(archive)], target, tmp_path / "media")
    assert refused.returncode != 0
    assert "目标数据库不是空的" in refused.stderr and "--force" in refused.stderr
    assert table_rows(target) == before
    forced = manage(["restore", str(archive), "--force"], target, tmp_path / "media")
    assert forced.returncode == 0, forced.stderr
    assert table_rows(target) == table_rows(database)


def test_a_cut_or_altered_file_is_refused(tmp_path):
    data = os.urandom(2 * backup.CHUNK + 1000)  # three chunks
    sealed = io.BytesIO()
    backup.encrypt(io.BytesIO(data), sealed, PASSPHRASE.encode())
    opened = io.BytesIO()
    backup.decrypt(io.BytesIO(sealed.getvalue()), opened, PASSPHRASE.encode())
    assert opened.getvalue() == data

    whole = sealed.getvalue()
    last_chunk = 4 + len(data) - 2 * backup.CHUNK + 16
    with pytest.raises(backup.BackupError, match="截断|损坏"):
        backup.decrypt(io.BytesIO(whole[:-last_chunk]), io.BytesIO(), PASSPHRASE.encode())
    altered = bytearray(whole)
    altered[len(whole) // 2] ^= 1
    with pytest.raises(backup.BackupError, match="损坏"):
        backup.decrypt(io.BytesIO(bytes(altered)), io.BytesIO(), PASSPHRASE.encode())
    with pytest.raises(backup.BackupError, match="不是本站的备份"):
        backup.decrypt(io.BytesIO(b"PK\x03\x04" + whole), io.BytesIO(), PASSPHRASE.encode())
