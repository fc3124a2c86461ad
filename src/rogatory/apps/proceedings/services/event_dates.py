"""An event date of a case with what it sets off: the requested State tells the requesting
State the date of the arrest and the date fixed for surrender, so that both sides' clocks run
from the same day (ETS 24 art. 16(4), 18(2)-(4); UNTOC art. 16(9); FD 2002/584 art. 23).

The case file records the date (``cases.services.event_dates``); sending is orchestrated here,
above the exchange, in the same transaction: a refused date writes and sends nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from rogatory.apps.cases.models import CaseEventDate, Communication
from rogatory.apps.cases.services.event_dates import case_event_date_set
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.proceedings.services.communications import communication_send_body
from rogatory.core.deadlines.events import EventKind
from rogatory.core.wire.communication import SENT_WITH_EVENT_DATE, event_date_body
from rogatory.core.workflow import Direction


def case_event_date_record(
    *, actor: Any, case_id: int, kind: str, day: str | date | None, note: str = ""
) -> tuple[CaseEventDate | None, Communication | None]:
    """Enter or correct an event date (see ``case_event_date_set``) and, when it is one the
    other State is told of (``SENT_WITH_EVENT_DATE``) and its date changed, send it; returns
    the row (None once removed) and the communication sent (None when nothing was sent)."""
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="case.event_date")
        before = CaseEventDate.objects.filter(case=case, kind=kind).values_list("date", flat=True)
        previous = before.first()
        row = case_event_date_set(actor=actor, case_id=case_id, kind=kind, day=day, note=note)
        sent = None
        # case_event_date_set has refused an unknown kind, so EventKind(kind) holds here.
        told = SENT_WITH_EVENT_DATE.get((Direction(case.direction), EventKind(kind)))
        if told is not None and row is not None and row.date != previous:
            # A correction is sent again: the other State records the date now given.
            sent = communication_send_body(
                actor=actor, case=case, kind=told, body=event_date_body(row.date)
            )
    return row, sent
