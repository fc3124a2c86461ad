"""Who the database acts for: the acting user of a request, or the explicit system context.

The values are session settings of the connection, set when the context is entered and put
back when it is left, so that a connection reused by the next request or task (CONN_MAX_AGE)
never carries the previous one's identity. Django holds one connection per thread, and a
request or a task runs in one thread from start to end.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from rogatory.apps.audit.services import Entry, audit_record_many
from rogatory.apps.rowsecurity.policies import (
    OPENED_SETTING,
    SYSTEM_SETTING,
    USER_SETTING,
    WRITTEN_NOTICES_SETTING,
)

logger = logging.getLogger("rogatory.security")


def row_security_on(using: str = DEFAULT_DB_ALIAS) -> bool:
    return bool(getattr(settings, "ROGATORY_ROW_SECURITY", True)) and (
        connections[using].vendor == "postgresql"
    )


def _get(cursor: Any) -> tuple[str, str]:
    cursor.execute(
        "SELECT coalesce(current_setting(%s, true), ''), coalesce(current_setting(%s, true), '')",
        [USER_SETTING, SYSTEM_SETTING],
    )
    user, system = cursor.fetchone()
    return str(user), str(system)


def _set(cursor: Any, user: str, system: str) -> None:
    # A change of identity also forgets the cases the previous one opened, and the notices it
    # wrote, in this transaction.
    cursor.execute(
        "SELECT set_config(%s, %s, false), set_config(%s, %s, false), set_config(%s, '', true),"
        " set_config(%s, '', true)",
        [USER_SETTING, user, SYSTEM_SETTING, system, OPENED_SETTING, WRITTEN_NOTICES_SETTING],
    )


@contextmanager
def _context(user: str, system: str, using: str) -> Iterator[None]:
    if not row_security_on(using):
        yield
        return
    with connections[using].cursor() as cursor:
        previous = _get(cursor)
        _set(cursor, user, system)
    try:
        yield
    finally:
        with connections[using].cursor() as cursor:
            _set(cursor, *previous)


def acting_user(user: Any, *, using: str = DEFAULT_DB_ALIAS) -> Any:
    """The database shows the rows this user may see (nobody's, for an anonymous user)."""
    pk = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    return _context("" if pk is None else str(int(pk)), "", using)


def act_as(user: Any, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make the database act for `user` for the rest of the request: for a user known only
    inside the view (an API bearer token). RowSecurityMiddleware, around the request, puts
    the previous values back at its end."""
    if not row_security_on(using):
        return
    pk = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    with connections[using].cursor() as cursor:
        _set(cursor, "" if pk is None else str(int(pk)), "")


@contextmanager
def system_context(
    reason: str, *, audited: bool = True, using: str = DEFAULT_DB_ALIAS
) -> Iterator[None]:
    """Background work that acts for the node, not for a user (exchange worker, screening
    index, deadline timer, demo data): every row is visible. Entering it is recorded in the
    audit chain and the security log, unless `audited` is False (each request of an
    authenticated peer, each thread of an audited command: the exchange audits what it
    receives, and a log line per request would name its message)."""
    on = row_security_on(using)
    if audited and on:
        audit_record_many(
            [
                Entry(
                    actor_id=None,
                    actor="system",
                    action="system.context",
                    object_type="rowsecurity.context",
                    object_id=reason[:200],
                )
            ]
        )
    if audited and on:
        logger.info("row security: system context entered (%s)", reason[:200])
    with _context("", "on", using):
        yield
