"""gunicorn settings: `.venv/bin/gunicorn portal.wsgi` reads this file from the project folder.

Every value can be changed through the environment (README, 部署).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the usual (2 × cores) + 1; pages are rendered in Python, cached ones cost no query.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer is stuck (search and exports stay well below); the worker is
# replaced and the visitor gets an error instead of waiting forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Replace workers now and then, so a slow leak in any library never grows for weeks.
# Recycle a worker now and then (a guard against slow leaks), not every second under a burst:
# at 2,000 a busy worker was replaced so often that cached pages ran at half speed.
max_requests = 20000
# Workers are forked from a master that has already loaded Django and digested the release
# (portal/wsgi.py): a worker recycled by max_requests serves at once instead of stalling for a
# second while it loads, which showed as 1.8 s p99 spikes under load.
preload_app = True
max_requests_jitter = 2000

# nginx in front passes X-Forwarded-Proto (https) and X-Real-IP; only trust it from these.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

# Access log to stdout (journald): visitor address from nginx, time taken in microseconds, and
# whether the page cache answered.
accesslog = "-"
access_log_format = (
    '%({x-real-ip}i)s %(h)s "%(r)s" %(s)s %(B)s %(D)sus cache=%({x-page-cache}o)s "%(f)s" "%(a)s"'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
