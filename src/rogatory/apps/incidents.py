"""Unexpected errors: each gets an incident id, shown to the user and logged with its traceback.

The user sees only the id (never a traceback, which could reveal case data or code paths); the
operator finds the same id on one log line of the ``rogatory.incident`` logger, with the
traceback, the method and the path (never the query string, which may carry names).
"""

import logging
import secrets
from types import TracebackType

from django.http import HttpRequest

log = logging.getLogger("rogatory.incident")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def incident_report(*, request: HttpRequest, exc: BaseException) -> str:
    """Log an unexpected exception with a new incident id, and return the id."""
    incident = secrets.token_hex(6)
    log.error(
        "unexpected_error incident=%s method=%s path=%s error=%s",
        incident,
        request.method,
        request.path,
        type(exc).__name__,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return incident


class SingleLineFormatter(logging.Formatter):
    """One record, one line: a traceback's newlines are escaped, so a log shipper or `grep`
    keeps the incident id and its traceback together."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\\", "\\\\").replace("\n", "\\n")
