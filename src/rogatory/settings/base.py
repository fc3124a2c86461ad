"""Production-ready defaults; every deployment choice comes from the environment.

With nothing set, the node runs on an embedded SQLite database under ./var (zero configuration).
"""

import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from rogatory.settings.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    sqlite_database,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("ROGATORY_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("ROGATORY_DEBUG", False)


def _secret_key() -> str:
    key = env_secret("ROGATORY_SECRET_KEY")
    if key:
        return key
    # No key configured: make one at first run and keep it beside the data (never in git).
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ROGATORY_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("ROGATORY_CSRF_TRUSTED_ORIGINS", [])

# The node's identity: the ISO code of its State (XA, XB, XC in the demo).
NODE_STATE = env_str("ROGATORY_NODE_STATE", "XA")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "rogatory.apps.audit",
    "rogatory.apps.directory",
    "rogatory.apps.accounts",
    "rogatory.apps.cases",
    "rogatory.apps.screening",
    "rogatory.apps.exchange",
    "rogatory.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rogatory.apps.exchange.peers.ExchangePeerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rogatory.apps.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# Mutual TLS between nodes (rogatory.apps.exchange.peers): refuse /exchange/ requests whose
# client certificate is not a registry node's; optionally trust a TLS-terminating proxy that
# forwards the certificate hash in a header, only from the listed addresses (IPs or CIDRs).
EXCHANGE_PATH_PREFIX = "/exchange/"
EXCHANGE_REQUIRE_MTLS = env_bool("ROGATORY_EXCHANGE_REQUIRE_MTLS", False)
EXCHANGE_TLS_CLIENT_HASH_HEADER = env_str("ROGATORY_EXCHANGE_TLS_CLIENT_HASH_HEADER", "")
EXCHANGE_TLS_TRUSTED_PROXIES = env_list("ROGATORY_EXCHANGE_TLS_TRUSTED_PROXIES", [])

ROOT_URLCONF = "rogatory.urls"
WSGI_APPLICATION = "rogatory.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
DATABASES = {
    "default": database_from_url(_database_url, base_dir=Path.cwd())
    if _database_url
    else sqlite_database(DATA_DIR / "rogatory.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese (simplified)")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "files"
# Large evidence is streamed to disk rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ROGATORY_MAX_DOCUMENT_BYTES = env_int("ROGATORY_MAX_DOCUMENT_BYTES", 4 * 1024**3)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("ROGATORY_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("ROGATORY_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("ROGATORY_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "frame-ancestors": ["'none'"],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "structured"},
    },
    "loggers": {
        "rogatory.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "rogatory": {"handlers": ["console"], "level": "INFO"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
