"""Production settings are checked in a subprocess: they read the environment at import."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra):
    # The browser tests allow Django's ORM inside Playwright's event loop; production must not.
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key():
    result = run_manage("check", env_extra={"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_deploy_check_is_clean_with_documented_variables():
    result = run_manage(
        "check",
        "--deploy",
        env_extra={
            "SECRET_KEY": "k" * 20 + "-production-secret-key-for-deploy-check-0123456789",
            "ALLOWED_HOSTS": "lishan.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://lishan.example.org",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    assert "WARNINGS" not in result.stderr
