"""Settings shared by every environment. Secrets and hosts come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# Which kind of deployment this is; load_demo refuses to invent passwords in production.
PORTAL_ENVIRONMENT = "base"

INSTALLED_APPS = [
    "portal",
    "portal.search",
    "portal.accounts",
    "portal.review",
    "portal.security",
    "home",
    "notices",
    "notices.feedback",
    "news",
    "volunteers",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.apps.PortalUsersConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its Chinese for Wagtail's "3 seconds ago" (naturaltime)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached page for an anonymous visitor costs no query.
    "portal.page_cache.middleware.PageCacheMiddleware",
    "portal.page_cache.site.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.security.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.review.middleware.ReviewRefusedMiddleware",
    "portal.view_restrictions.ViewRestrictionsPerRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Chinese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.elder_mode",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database (PostgreSQL).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite: readers never block the writer (WAL), every transaction takes the write lock when it
# begins (a read that later writes cannot fail with "database is locked"), and a writer waits
# for another instead of failing at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# The cache every app server shares: Redis when REDIS_URL is set (several app servers), else
# files on this machine, which every gunicorn worker of one server shares (a per-process locmem
# cache would let one worker serve a page another worker has already purged). The anonymous
# page cache (portal/page_cache/) and its purge counters live here.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache_backends.PrefixedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache_backends.FileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Anonymous page cache (portal/page_cache/): how long an entry may live at most (it is purged on
# every change anyway), the paths it never serves, and the query parameters public pages read
# (a request with any other parameter is answered but not cached).
PAGE_CACHE_ENABLED = True
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/elder-mode/", "/_util/", "/disclosure-files/"]
PAGE_CACHE_QUERY_PARAMS = [
    *("page", "q", "type", "category", "year", "tag", "scope", "team", "show", "honour"),
    *("kind", "status", "format"),  # the feedback record, its summary and CSV
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.security.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks every sign-in first (lockouts), then Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after 5 failures for one account or from one address; lifted after 15 minutes or by
# a 站点管理员 (admin menu “登录锁定”). See portal/security/lockout.py.
# Failures and lockouts are rows in the database, which every app server shares.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A correct password clears only that account's own failures (portal/security/lockout.py).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "portal.security.lockout.client_ip"
# Reverse proxies whose X-Real-IP header names the visitor (nginx on the same machine by default).
PORTAL_TRUSTED_PROXIES = [
    ip.strip() for ip in os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if ip.strip()
]

LANGUAGE_CODE = "zh-hans"
# The project's Chinese for what Wagtail's own catalog leaves in English (compiled .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Residents' report photos: outside MEDIA_ROOT (which nginx serves to anyone), shown only in the admin.
FEEDBACK_PRIVATE_ROOT = Path(os.environ.get("FEEDBACK_PRIVATE_ROOT", BASE_DIR / "private" / "feedback"))
# Text messages to residents when their report changes status: a class with send(phone, text).
FEEDBACK_SMS_BACKEND = os.environ.get("FEEDBACK_SMS_BACKEND", "notices.feedback.sms.ConsoleSMSBackend")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Complex page editors post many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "社区公开栏 <noreply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "社区公开栏"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
# One time zone for everyone: no list of the world's zones in the account settings.
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAILADMIN_USER_LOGIN_FORM = "portal.accounts.forms.LoginForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The last approval publishes exactly the approved revision (portal.review.workflows).
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.review.workflows.publish_approved"
# Chinese-aware database search (SQLite FTS5 or PostgreSQL); see portal/search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.backend"}}
JIEBA_CACHE_DIR = os.environ.get("JIEBA_CACHE_DIR", str(BASE_DIR / ".cache" / "jieba"))
# Longer queries are cut to this many characters before searching.
SEARCH_MAX_QUERY_LENGTH = 100
# Documents: PDF, office files (Microsoft, WPS, OpenDocument) and photos; portal/security/uploads.py
# checks that the content matches the extension.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "wps",
    "et",
    "dps",
    "odt",
    "ods",
    "odp",
    "jpg",
    "jpeg",
    "png",
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Decoded size allowed for an uploaded image: width × height × bytes per pixel (bands), so a
# small PNG of 121 megapixels is refused before anything decodes it.
PORTAL_IMAGE_MEMORY_BUDGET = 120_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Alt text (the image's description) is required for every uploaded image.
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.forms.ImageForm"
# Documents such as the printed newspaper open in the browser instead of downloading.
# Every other type is served as an attachment (Content-Disposition: attachment).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Admin avatars come from the portal itself, never from an outside service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Two-factor sign-in (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "社区公开栏"

# Content-Security-Policy (django-csp 4): only the site's own files. The Wagtail admin gets the
# inline allowances it needs in portal/security/middleware.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# No page uses these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
