"""Encrypted site backups: one file holding the database and the media files.

Archive: a gzipped tar with manifest.json, the database (a SQLite copy made with the online
backup API, or a pg_dump custom-format dump), media/ and private/ (files kept out of the public
media folder, e.g. residents' report photos in FEEDBACK_PRIVATE_ROOT). Encryption: a key derived from the
passphrase with scrypt; the archive is cut into 1 MiB chunks, each sealed with AES-256-GCM
(nonce = random prefix + chunk number + last-chunk flag), so chunks cannot be reordered,
dropped or cut off without decryption failing."""

import datetime
import json
import os
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connections

MAGIC = b"GKLBAK1\n"
CHUNK = 1024 * 1024
SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
PASSPHRASE_VARIABLE = "BACKUP_PASSPHRASE"  # noqa: S105 (the variable's name)
MIN_PASSPHRASE = 12
FORMAT = 1


class BackupError(Exception):
    """A refusal or failure, explained in Chinese."""


def passphrase_from_environment():
    passphrase = os.environ.get(PASSPHRASE_VARIABLE, "")
    if not passphrase:
        raise BackupError(
            f"没有设置备份密码：请先设置环境变量 {PASSPHRASE_VARIABLE}（至少 {MIN_PASSPHRASE} 个字符），"
            "并把它另外妥善保存——没有它，备份无法恢复。"
        )
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"备份密码太短：{PASSPHRASE_VARIABLE} 至少要 {MIN_PASSPHRASE} 个字符。")
    return passphrase.encode("utf-8")


def _key(passphrase, salt):
    return Scrypt(salt=salt, length=32, n=2**SCRYPT_LOG_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase)


def encrypt(source, target, passphrase):
    """Encrypt the file-like `source` into the file-like `target`."""
    salt, prefix = os.urandom(16), os.urandom(7)
    header = MAGIC + salt + struct.pack(">BBB", SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P) + prefix
    aead = AESGCM(_key(passphrase, salt))
    target.write(header)
    chunk, number = source.read(CHUNK), 0
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = prefix + struct.pack(">IB", number, last)
        sealed = aead.encrypt(nonce, chunk, header)
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk, number = following, number + 1


def decrypt(source, target, passphrase):
    """Decrypt the file-like `source` into the file-like `target`; BackupError if it cannot."""
    header = source.read(len(MAGIC) + 16 + 3 + 7)
    if not header.startswith(MAGIC) or len(header) < len(MAGIC) + 26:
        raise BackupError("这不是本站的备份文件（文件开头不对）。")
    salt = header[len(MAGIC) : len(MAGIC) + 16]
    log_n, r, p = struct.unpack(">BBB", header[len(MAGIC) + 16 : len(MAGIC) + 19])
    if (log_n, r, p) != (SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P):
        raise BackupError("备份文件的加密参数不认识，可能来自更新版本的程序。")
    prefix = header[-7:]
    aead = AESGCM(_key(passphrase, salt))
    number = 0
    while True:
        size = source.read(4)
        if len(size) < 4:
            raise BackupError("备份文件不完整（被截断了），无法恢复。")
        sealed = source.read(struct.unpack(">I", size)[0])
        for last in (False, True):
            try:
                chunk = aead.decrypt(prefix + struct.pack(">IB", number, last), sealed, header)
                break
            except InvalidTag:
                continue
        else:
            raise BackupError("无法解密：备份密码不对，或者备份文件已损坏。")
        target.write(chunk)
        if last:
            if source.read(1):
                raise BackupError("备份文件末尾有多余的数据，可能被改动过。")
            return
        number += 1


def _database():
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return "sqlite", database
    if database["ENGINE"] in ("django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"):
        return "postgresql", database
    raise BackupError(f"不支持这种数据库：{database['ENGINE']}")


def _pg_environment(database):
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(database.get("HOST") or ""),
            "PGPORT": str(database.get("PORT") or ""),
            "PGUSER": str(database.get("USER") or ""),
            "PGPASSWORD": str(database.get("PASSWORD") or ""),
            "PGDATABASE": str(database["NAME"]),
        }
    )
    return env


def _run(command, env=None):
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"找不到 {command[0]}：请安装 PostgreSQL 客户端（如 apt-get install postgresql-client）。"
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{result.stderr.strip()[-500:]}")


def dump_database(folder):
    """Write a consistent copy of the database into `folder`; returns (engine, file name)."""
    engine, database = _database()
    if engine == "sqlite":
        target = Path(folder) / "database.sqlite3"
        source = sqlite3.connect(database["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # the online backup API: a consistent snapshot while the site runs
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
            source.close()
        return engine, target.name
    target = Path(folder) / "database.pgdump"
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        _pg_environment(database),
    )
    return engine, target.name


def folders():
    """{name in the archive: folder}: the public media and the private files."""
    found = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "FEEDBACK_PRIVATE_ROOT", None)
    if private:
        found["private"] = Path(private)
    return found


def files_in(root):
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def media_files():
    return files_in(Path(settings.MEDIA_ROOT))


def write_backup(output):
    """Write the encrypted backup of the database and MEDIA_ROOT to the path `output`."""
    passphrase = passphrase_from_environment()
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        engine, database_name = dump_database(work)
        files = {name: files_in(root) for name, root in folders().items()}
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "engine": engine,
            "database": database_name,
            "media_files": len(files["media"]),
            "private_files": len(files.get("private", [])),
        }
        archive = Path(work) / "backup.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            manifest_path = Path(work) / "manifest.json"
            manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            tar.add(manifest_path, arcname="manifest.json")
            tar.add(Path(work) / database_name, arcname=database_name)
            for name, root in folders().items():
                for path in files[name]:
                    tar.add(path, arcname=f"{name}/{path.relative_to(root).as_posix()}")
        partial = output.with_name(output.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as target, archive.open("rb") as source:
            encrypt(source, target, passphrase)
        partial.replace(output)
    return manifest


def database_tables():
    """Tables in the configured database; an empty list for a new, empty database."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore_backup(path, force=False):
    """Replace the database and add the media files from the backup file at `path`."""
    passphrase = passphrase_from_environment()
    engine, database = _database()
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        archive = Path(work) / "backup.tar.gz"
        if not Path(path).is_file():
            raise BackupError(f"找不到备份文件 {path}。")
        with Path(path).open("rb") as source, archive.open("wb") as target:
            decrypt(source, target, passphrase)
        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise BackupError("备份文件的格式版本不认识，可能来自更新版本的程序。")
            if manifest["engine"] != engine:
                raise BackupError(
                    f"这份备份来自 {manifest['engine']} 数据库，而当前设置的是 {engine}，不能直接恢复。"
                )
            tables = database_tables()
            if tables and not force:
                raise BackupError(
                    f"目标数据库不是空的（已有 {len(tables)} 张数据表）。恢复会用备份完全替换它；"
                    "确认无误后，加 --force 再运行。"
                )
            tar.extract(manifest["database"], work, filter="data")
            _restore_database(engine, database, Path(work) / manifest["database"])
            _restore_media(tar)
    return manifest


def _restore_database(engine, database, dump):
    connections.close_all()
    if engine == "sqlite":
        source, target = sqlite3.connect(dump), sqlite3.connect(database["NAME"])
        try:
            source.backup(target)  # replaces every page of the target database
        finally:
            target.close()
            source.close()
        return
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--dbname",
            database["NAME"],
            str(dump),
        ],
        _pg_environment(database),
    )


def _restore_media(tar):
    roots = folders()
    for member in tar.getmembers():
        name, _, rest = member.name.partition("/")
        if name not in roots or not rest or not member.isfile():
            continue
        roots[name].mkdir(parents=True, exist_ok=True)
        member.name = rest
        tar.extract(member, roots[name], filter="data")  # refuses absolute paths and ../
