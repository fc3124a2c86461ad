"""What apps above the exchange do when a communication of a case arrives.

The exchange receives, receipts and threads a communication into its case
(``services.cases.incoming_case_from_message``); an app that keeps more of what the message
carries (the hearings: a proposal's slots, the signed minutes) sits above the exchange and
cannot be imported by it (import-linter layers). So such an app registers a handler when
Django starts (its ``AppConfig.ready``), and the exchange runs every handler right after the
transaction that received the message commits: the message is received and receipted whatever
a handler does, and a handler that fails is logged and leaves its work for that app's own
catch-up (``rogatory hearings sync``), never half-applied.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True, slots=True)
class Arrival:
    """A communication kept on a case: its case, kind and exchange message id."""

    case_id: int
    kind: str
    message_id: str


Handler = Callable[[Arrival], None]
_handlers: dict[str, Handler] = {}


def arrival_handler_register(name: str, handler: Handler | None) -> None:
    """Register ``handler`` under ``name`` (once per name: a second start-up replaces it;
    ``None`` unregisters, for tests)."""
    if handler is None:
        _handlers.pop(name, None)
    else:
        _handlers[name] = handler


def communication_arrived(arrival: Arrival) -> None:
    """Call inside the receiving transaction: each handler runs once it commits (robust: an
    exception is logged by Django and the others still run)."""
    for handler in tuple(_handlers.values()):
        transaction.on_commit(functools.partial(handler, arrival), robust=True)
