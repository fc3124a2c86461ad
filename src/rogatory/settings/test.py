"""Test settings: fast hashing, in-memory cache; DATABASE_URL still selects PostgreSQL."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault(
    "ROGATORY_DATA_DIR", str(Path(tempfile.gettempdir()) / f"rogatory-test-{os.getpid()}")
)

from rogatory.settings.base import *  # noqa: F403
from rogatory.settings.base import DATA_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests sign in with force_login; those of two-step verification turn it on themselves.
ROGATORY_REQUIRE_2FA = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The test client calls /exchange/ from 127.0.0.1 without a client certificate, as the demo
# does; tests/exchange/test_exchange_defaults.py checks the production default refuses it.
EXCHANGE_INSECURE_LOOPBACK = True
MEDIA_ROOT = DATA_DIR / "files"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"]},
}
