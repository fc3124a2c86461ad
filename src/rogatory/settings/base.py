"""Production-ready defaults; every deployment choice comes from the environment.

With nothing set, the node runs on an embedded SQLite database under ./var (zero configuration).
"""

import secrets
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured
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
# The node's time zone: legal time limits run in the calendar days of the node's State, so a
# deadline is due at the end of its last working day there and is shown in this zone.
NODE_TIME_ZONE = env_str("ROGATORY_NODE_TIME_ZONE", "UTC")
try:
    ZoneInfo(NODE_TIME_ZONE)
except (ValueError, ZoneInfoNotFoundError):
    raise ImproperlyConfigured("ROGATORY_NODE_TIME_ZONE must be an IANA time zone") from None
# How many days before a deadline its team is reminded (in-app notification).
DEADLINE_REMIND_DAYS = env_int("ROGATORY_DEADLINE_REMIND_DAYS", 3)
# What the node is for: every page of a demo or training node says so, so that nobody mistakes
# its fictional cases for real ones (rogatory.web.where.NodeKind holds the same values).
NODE_KIND = env_str("ROGATORY_NODE_KIND", "production")
# A node run by the Secretariat of the Conference of the Parties keeps the review mechanism's
# register (country reviews, working-group programme) besides, or instead of, a case register.
SECRETARIAT_NODE = env_str("ROGATORY_SECRETARIAT_NODE", "") in ("1", "true", "yes")
if NODE_KIND not in ("production", "demo", "training"):
    raise ImproperlyConfigured("ROGATORY_NODE_KIND must be production, demo or training")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Only for its static files: the API docs page is served from them, not from a CDN.
    "ninja",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rogatory.apps.audit",
    "rogatory.apps.directory",
    "rogatory.apps.accounts",
    "rogatory.apps.cases",
    "rogatory.apps.screening",
    "rogatory.apps.extradition",
    "rogatory.apps.exchange",
    "rogatory.apps.proceedings",
    "rogatory.apps.letters",
    "rogatory.apps.hearings",
    "rogatory.apps.stats",
    "rogatory.apps.review",
    "rogatory.apps.rowsecurity",
    "rogatory.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sends SECURE_CSP below (without it the policy is configured but never sent).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Cache-Control: no-store on every answer but static files (rogatory.web.cache).
    "rogatory.web.cache.NoStoreMiddleware",
    "rogatory.apps.exchange.peers.ExchangePeerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Tells PostgreSQL's row-level security which user this request acts for (ADR 0006).
    "rogatory.apps.rowsecurity.middleware.RowSecurityMiddleware",
    "rogatory.apps.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rogatory.apps.accounts.sessions.SessionExpiryMiddleware",
    "rogatory.web.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it answers a locked-out sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

# Mutual TLS between nodes (rogatory.apps.exchange.peers), on by default: refuse /exchange/
# requests whose client certificate is not a registry node's; optionally trust a
# TLS-terminating proxy that forwards the certificate hash in a header, only from the listed
# addresses (IPs or CIDRs). check --deploy warns when any of these is unsafe
# (rogatory.apps.exchange.checks).
EXCHANGE_PATH_PREFIX = "/exchange/"
EXCHANGE_REQUIRE_MTLS = env_bool("ROGATORY_EXCHANGE_REQUIRE_MTLS", True)
# Demo only, by name: let in requests without a client certificate when they come from a
# loopback address (the plain-HTTP `make demo`); from anywhere else they are still refused.
EXCHANGE_INSECURE_LOOPBACK = env_bool("ROGATORY_EXCHANGE_INSECURE_LOOPBACK", False)
# Uncommitted chunks one peer may keep here (0 = no limit); above the largest part in flight
# (documents up to ROGATORY_MAX_DOCUMENT_BYTES, 4 GiB by default).
EXCHANGE_PEER_QUOTA_BYTES = env_int("ROGATORY_EXCHANGE_PEER_QUOTA_BYTES", 16 * 1024**3)
# The reserve of free space on the data filesystem, which also holds the database and the
# received documents: a chunk, and the commit of a received message (assembling and
# decrypting its parts), are refused with the retryable 507 when they would leave less than
# this free, before anything is written (protocol.md R9).
EXCHANGE_MIN_FREE_BYTES = env_int("ROGATORY_EXCHANGE_MIN_FREE_BYTES", 1024**3)
EXCHANGE_TLS_CLIENT_HASH_HEADER = env_str("ROGATORY_EXCHANGE_TLS_CLIENT_HASH_HEADER", "")
EXCHANGE_TLS_TRUSTED_PROXIES = env_list("ROGATORY_EXCHANGE_TLS_TRUSTED_PROXIES", [])

ROOT_URLCONF = "rogatory.urls"
WSGI_APPLICATION = "rogatory.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"
# django-axes counts failed sign-ins before the password is checked (docs/decisions/0005).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a user name out from one address after N failures, for a cool-off period; a success
# clears the count. Other addresses can still sign in as that user (no denial of service by
# guessing someone's user name), and one address cannot try many names without limit either
# since each name is counted.
AXES_FAILURE_LIMIT = env_int("ROGATORY_SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ROGATORY_SIGNIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rogatory.web.views.signin.locked_out"
AXES_ENABLE_ADMIN = False
# Two factors for every user unless a deployment (the loopback demo, tests) opts out by name.
ROGATORY_REQUIRE_2FA = env_bool("ROGATORY_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Rogatory"
# Passkeys are bound to the node's host name and web origin; by default those of the request
# (set both behind a proxy that changes the host or the scheme).
ROGATORY_WEBAUTHN_RP_ID = env_str("ROGATORY_WEBAUTHN_RP_ID", "")
ROGATORY_WEBAUTHN_ORIGIN = env_str("ROGATORY_WEBAUTHN_ORIGIN", "")
# Sensitive steps (approve, transmit, grants) need a password check this recent.
ROGATORY_REAUTH_SECONDS = env_int("ROGATORY_REAUTH_SECONDS", 5 * 60)

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
                "rogatory.web.context_processors.notifications",
                "rogatory.web.where.where_am_i",
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
# Row-level security on the case tables (PostgreSQL; docs/decisions/0006): each request acts
# as its signed-in user in the database too, and background work in an explicit system
# context. Effective when the node connects as a role that neither owns the tables nor
# bypasses row security (`rogatory rowsecurity-role`); off only to diagnose.
ROGATORY_ROW_SECURITY = env_bool("ROGATORY_ROW_SECURITY", True)

# Argon2id first; the others stay so that older hashes still verify and are upgraded at the
# next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
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
# English dates day first with the month in words ("3 Dec 2026"), never the United States'
# 12/03/2026; the other languages keep Django's formats for their own locale.
FORMAT_MODULE_PATH = ["rogatory.settings.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "files"
# Large evidence is streamed to disk rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ROGATORY_MAX_DOCUMENT_BYTES = env_int("ROGATORY_MAX_DOCUMENT_BYTES", 4 * 1024**3)

SESSION_COOKIE_HTTPONLY = True
# A session ends after this long idle, and in any case this long after sign-in
# (rogatory.apps.accounts.sessions); the cookie never outlives the absolute limit.
ROGATORY_SESSION_IDLE_SECONDS = env_int("ROGATORY_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = env_int("ROGATORY_SESSION_MAX_SECONDS", 12 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# An administrator-issued password reset link works once, for this long.
PASSWORD_RESET_TIMEOUT = env_int("ROGATORY_PASSWORD_RESET_SECONDS", 24 * 3600)
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
    # No plugins, and no <base> that could send relative URLs elsewhere (ASVS 5.0 3.4.3).
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # One line per record, tracebacks included (rogatory.apps.incidents): every 500 is
        # logged on rogatory.incident with its incident id, in production as in the demo.
        "structured": {
            "()": "rogatory.apps.incidents.SingleLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
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
