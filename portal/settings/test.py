"""Tests: fast hashing, in-memory cache, plain static storage, media in a temp folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# The demo community and `manage.py load_demo` (not installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405

PORTAL_ENVIRONMENT = "test"
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if REDIS_URL:  # noqa: F405
    # CI runs the suite once on Redis too; the key prefix keeps two runs apart.
    CACHES["default"]["KEY_PREFIX"] = f"portal-test-{os.getpid()}"  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
FEEDBACK_PRIVATE_ROOT = tempfile.mkdtemp(prefix="portal-test-private-")
FEEDBACK_SMS_BACKEND = "notices.feedback.sms.LocmemSMSBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A real file, not shared-cache memory: threads and the live server then lock as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(MEDIA_ROOT) / "test.sqlite3")}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Templates that only tests render (e.g. a stand-in home page section).
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405
# Nothing is collected in tests; whitenoise would warn about a missing folder.
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = True
