"""Production: everything sensitive comes from the environment; see README (部署)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

PORTAL_ENVIRONMENT = "production"

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("生产环境必须设置环境变量 SECRET_KEY。")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("生产环境必须设置环境变量 ALLOWED_HOSTS（以逗号分隔的域名）。")


def _flag(name, default):
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


# A showcase server may load the demo community, and only with its own password (README).
if os.environ.get("DEMO_PASSWORD"):
    INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405

# HTTPS is terminated by the reverse proxy (nginx) in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", "true")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", "false")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview shows the page in an iframe of the admin, so frames from the same
# origin stay allowed (security.W019). HSTS preload is opt-in: once on the list, a domain
# cannot easily leave it (security.W021). README (部署) explains both.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"] + ([] if SECURE_HSTS_PRELOAD else ["security.W021"])

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", "false")
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", "false")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
