"""Cases the page tests look at, built through the services as an officer's work builds them."""

import io
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services import document_add, offence_add
from rogatory.apps.cases.services.communications import communication_add
from rogatory.apps.cases.services.event_dates import case_event_date_set
from rogatory.apps.cases.services.inputs import NameInput, OffenceInput, PersonInput
from rogatory.apps.proceedings.services import case_transition
from rogatory.core.wire.communication import Communication, CommunicationKind


def extradition_in_progress(people: dict[str, Any], open_case: Any) -> Case:
    """An incoming extradition request, registered and assigned, with a person sought, an
    offence, an arrest date (so the legal time limits run) and a question from the other State."""
    case: Case = open_case(
        "clerk",
        direction="incoming",
        kind="extradition",
        title="Extradition of Abdullah Al-Husseini",
        custody="detained",
        persons=[
            PersonInput(
                role="person_sought",
                names=[NameInput("عبد الله الحسيني", "original_script", "Abdullah Al-Husseini")],
                birth_date="1975-03-02",
                nationalities=["XB"],
            )
        ],
        offences=[OffenceInput("Fraud.", place="Port Aurel", committed_on=date(2025, 6, 30))],
    )
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    case_transition(
        actor=people["supervisor"],
        case_id=case.pk,
        target="assigned",
        officer_id=people["officer"].pk,
    )
    case_event_date_set(
        actor=people["officer"], case_id=case.pk, kind="arrest", day=date(2026, 11, 20)
    )
    with transaction.atomic():
        communication_add(
            actor=people["officer"],
            case=case,
            data=Communication(
                CommunicationKind.INFORMATION_REQUEST, text="Which court issued the warrant?"
            ),
            sent=False,
            at=timezone.now(),
        )
    return case


def draft_with_items(people: dict[str, Any], open_case: Any) -> Case:
    """An outgoing draft with a person, an offence and a document: the forms that edit it."""
    draft: Case = open_case()
    offence_add(
        actor=people["officer"], case_id=draft.pk, data=OffenceInput("Fraud", place="Port Aurel")
    )
    document_add(
        actor=people["officer"],
        case_id=draft.pk,
        title="Court order",
        filename="order.txt",
        stream=io.BytesIO(b"order of the investigating judge"),
    )
    return draft
