"""Fresh sites in file-based SQLite databases for tests that need real files and real locking
(pytest-django's test database lives in memory): migrate once per test session, copy per test."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def environment(database, media_root, **extra):
    """The environment for a manage.py or script subprocess using that database and media folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media_root),
        # Private files (report photos) beside the media folder, never in the project folder.
        FEEDBACK_PRIVATE_ROOT=str(Path(media_root).parent / "private"),
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def run(args, database, media_root, timeout=600, **extra):
    """Run `python args...` in the project folder; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment(database, media_root, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(args, database, media_root, **extra):
    """`manage.py args` with the development settings (MEDIA_ROOT from the environment)."""
    extra.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    return run(["manage.py", *args], database, media_root, **extra)


def migrated_template(folder):
    """A migrated, empty database file in `folder` (made once)."""
    database = folder / "template.sqlite3"
    if not database.exists():
        result = run(["manage.py", "migrate", "--noinput", "-v0"], database, folder / "media")
        assert result.returncode == 0, result.stderr
    return database


def copy_database(template, target):
    """Copy a SQLite file with its WAL side files, if any."""
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return target
