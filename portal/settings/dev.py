"""Local development: debug on, a fixed key, console email."""

import os

from .base import *  # noqa: F403

# The demo community and `manage.py load_demo` (not installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405

PORTAL_ENVIRONMENT = "dev"
DEBUG = True
# Residents' 404 page even in development; DEBUG_404=1 shows Django's debug page instead.
DEBUG_404 = os.environ.get("DEBUG_404") == "1"
MIDDLEWARE = [*MIDDLEWARE, "portal.not_found.FriendlyNotFoundMiddleware"]  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
# The demo communities live at *.localhost names, which resolve to this machine.
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", ".localhost", "[::1]"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# A template edited while `make run` serves shows at the next reload, not after the page cache.
PAGE_CACHE_ENABLED = False
