"""Settings of a loopback test node: the demo settings with the exchange URLs routed.

SQLite is told to take the write lock at BEGIN (IMMEDIATE) and to wait for it: with a web
process, a worker and a submitting client on one file, a deferred transaction that reads then
writes fails at once with "database is locked" instead of waiting its turn.
"""

from rogatory.settings.demo import *  # noqa: F403
from rogatory.settings.demo import DATABASES

ROOT_URLCONF = "tests.exchange.urls"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"transaction_mode": "IMMEDIATE", "timeout": 30})
