"""One log line per refused exchange request, on ``rogatory.security``.

Only logged, never a database row: an unauthenticated flood must not turn into database
writes. ``%r`` escapes control characters, so a crafted path or id cannot forge log lines.
"""

from __future__ import annotations

import logging

__all__ = ["exchange_denied"]

security_log = logging.getLogger("rogatory.security")


def exchange_denied(*, actor: str, action: str, object_id: str, address: str = "") -> None:
    security_log.warning(
        "access_denied actor=%r action=%r object=%r id=%r address=%r",
        actor,
        action,
        "exchange",
        object_id[:200],
        address,
    )
