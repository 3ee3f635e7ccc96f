"""gunicorn.conf.py: workers from the CPU count, timeouts, forwarded headers, an access log
that names the visitor and the page cache's answer; gunicorn itself accepts the file."""

import multiprocessing
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load(**env):
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_workers_follow_the_cpu_count_unless_set():
    assert load()["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert load(GUNICORN_WORKERS="3")["workers"] == 3


def test_timeouts_forwarded_headers_and_access_log():
    conf = load(TRUSTED_PROXIES="10.0.0.2")
    assert conf["timeout"] == 30 and conf["graceful_timeout"] == 30
    assert conf["forwarded_allow_ips"] == "10.0.0.2"
    assert "x-real-ip" in conf["access_log_format"] and "x-page-cache" in conf["access_log_format"]
    # Recycled workers fork from a loaded master instead of loading Django again.
    assert conf["preload_app"] is True and conf["max_requests"] > 0


def test_gunicorn_accepts_the_file():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_preloaded_master_hands_workers_compiled_templates_and_a_frozen_heap():
    """What portal.wsgi does before gunicorn forks: a recycled worker needs no warm-up and its
    garbage collector's full passes skip the objects every worker shares."""
    code = (
        "import gc, portal.wsgi\n"
        "from django.template import engines\n"
        "loader = engines['django'].engine.template_loaders[0]\n"
        "names = {key.split('-')[0] for key in loader.get_template_cache}\n"
        "print(gc.get_freeze_count(), 'notices/notice_page.html' in names, 'base.html' in names)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    frozen, page_compiled, base_compiled = result.stdout.split()
    assert int(frozen) > 100_000
    assert page_compiled == base_compiled == "True"
