"""Demo settings: plain-HTTP cookies on loopback, DEBUG off as in production, every page
marked as a demo node."""

import os

# DEBUG stays off: a clerk on the demo must see the friendly error page with an incident id,
# never a traceback; tools/demo_nodes.py runs `runserver --insecure` to serve static files.
os.environ.setdefault("ROGATORY_NODE_KIND", "demo")

from rogatory.settings.base import *  # noqa: F403
from rogatory.settings.env import env_bool

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The loopback demo signs in with a password only (docs/decisions/0005-authentication.md).
ROGATORY_REQUIRE_2FA = False
# The demo nodes talk plain HTTP on 127.0.0.1 without client certificates
# (tools/demo_nodes.py): the exchange lets them in from loopback only. Never on a real node;
# check --deploy warns (exchange.W002). The mutual-TLS node tests turn it off.
EXCHANGE_INSECURE_LOOPBACK = env_bool("ROGATORY_EXCHANGE_INSECURE_LOOPBACK", True)
