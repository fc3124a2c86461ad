"""Authentication events, one structured line each on ``rogatory.security``.

Only who, from where and what happened is written: never a password, one-time code, secret or
session key (issue 14, finding 5; ASVS 5.0 V16.3.1).
"""

import logging
from typing import Any

from django.http import HttpRequest

security_log = logging.getLogger("rogatory.security")


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))


def auth_event(
    event: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    level: int = logging.INFO,
    **fields: str | int,
) -> None:
    """Log one authentication event. %r escapes control characters, so a crafted user name
    cannot forge a log line."""
    name = username or str(getattr(user, "username", "") or "")
    extra = "".join(f" {key}=%r" for key in sorted(fields))
    security_log.log(
        level,
        "auth event=%r user=%r ip=%r" + extra,
        event,
        name,
        client_address(request),
        *(fields[key] for key in sorted(fields)),
    )
