"""Demo settings: DEBUG on loopback, plain-HTTP cookies."""

import os

os.environ.setdefault("ROGATORY_DEBUG", "true")

from rogatory.settings.base import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
