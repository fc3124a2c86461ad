from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.choices import KindChoice
from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant, Measure, Offence
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.deadlines import deadlines_apply
from rogatory.apps.cases.services.indexing import case_reindex
from rogatory.apps.cases.services.inputs import MeasureInput, OffenceInput, PersonInput
from rogatory.apps.cases.services.notifications import case_queued_notify
from rogatory.apps.cases.services.permissions import require_can_open
from rogatory.apps.cases.services.persons import person_create_rows, person_summary
from rogatory.apps.cases.services.validation import person_details_save
from rogatory.apps.directory.models import CentralAuthority
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseKind, Direction, initial_state

_KIND_CODES = {
    CaseKind.MLA: "MLA",
    CaseKind.EXTRADITION: "EXT",
    CaseKind.PROVISIONAL_ARREST: "PA",
    CaseKind.TRANSFER_OF_SENTENCED_PERSONS: "TSP",
    CaseKind.TRANSFER_OF_PROCEEDINGS: "TOP",
    CaseKind.CONFISCATION: "CONF",
    CaseKind.JOINT_INVESTIGATION_TEAM: "JIT",
}


def make_reference(*, state: str, kind: CaseKind, year: int, number: int) -> str:
    return f"{state}/{_KIND_CODES[kind]}/{year}/{number:06d}"


def _validate(
    *,
    direction: str,
    kind: str,
    requesting_state: str,
    requested_state: str,
    legal_bases: list[str],
    title: str,
    urgency: str,
    custody: str,
    persons: list[PersonInput],
    offences: list[OffenceInput],
    measures: list[MeasureInput],
    requesting_authority_id: int | None,
    requested_authority_id: int | None,
) -> None:
    validation.choice(direction, [d.value for d in Direction], "direction")
    validation.choice(kind, KindChoice.values, "kind")
    validation.required(title, "title", 300)
    validation.legal_bases(legal_bases)
    validation.urgency_and_custody(urgency, custody)
    validation.states_exist({requesting_state}, "requesting_state")
    validation.states_exist({requested_state}, "requested_state")
    if requesting_state == requested_state:
        raise DomainError("case.same_state", field="requested_state")
    for field, pk, state in (
        ("requesting_authority", requesting_authority_id, requesting_state),
        ("requested_authority", requested_authority_id, requested_state),
    ):
        if pk is not None and not CentralAuthority.objects.filter(pk=pk, state_id=state).exists():
            raise DomainError("field.unknown_authority", field=field, value=pk)
    for i, p in enumerate(persons):
        validation.person(p, f"persons[{i}]")
    for i, o in enumerate(offences):
        validation.offence(o, f"offences[{i}]")
    for i, m in enumerate(measures):
        validation.measure(m, f"measures[{i}]")


def case_open(
    *,
    actor: Any,
    direction: str,
    kind: str,
    requesting_state: str,
    requested_state: str,
    legal_bases: list[str],
    title: str,
    treaty: str = "",
    subject: str = "",
    facts: str = "",
    their_reference: str = "",
    urgency: str = "routine",
    urgency_reason: str = "",
    custody: str = "not_applicable",
    confidential: bool = False,
    sealed: bool = False,
    requested_by: datetime | None = None,
    requesting_authority_id: int | None = None,
    requested_authority_id: int | None = None,
    persons: list[PersonInput] | None = None,
    offences: list[OffenceInput] | None = None,
    measures: list[MeasureInput] | None = None,
    requesting_authority_name: str = "",
    **details: Any,
) -> Case:
    """Open a case: outgoing as a draft, incoming as received. Validates all before writing.

    ``details``: the request fields of wire schema 1.1 (``rogatory.apps.cases.wire.DETAILS``).
    """
    persons, offences, measures = persons or [], offences or [], measures or []
    details = validation.request_details(details)
    validation.persons_details(persons)
    _validate(
        direction=direction,
        kind=kind,
        requesting_state=requesting_state,
        requested_state=requested_state,
        legal_bases=legal_bases,
        title=title,
        urgency=urgency,
        custody=custody,
        persons=persons,
        offences=offences,
        measures=measures,
        requesting_authority_id=requesting_authority_id,
        requested_authority_id=requested_authority_id,
    )
    require_can_open(actor=actor, direction=Direction(direction))
    dir_ = Direction(direction)
    now = timezone.now()
    requesting_authority_name = requesting_authority_name.strip()
    if not requesting_authority_name:
        # UNTOC art. 18(15)(a): an outgoing request is made by this node's authority unless
        # the drafter names another (a prosecutor's office, a court).
        named = requesting_authority_id or (
            actor.authority_id if dir_ is Direction.OUTGOING else None
        )
        authority = CentralAuthority.objects.filter(pk=named).first() if named else None
        requesting_authority_name = authority.name if authority else ""
    validation.bounded(requesting_authority_name, "requesting_authority_name", 300)
    with transaction.atomic():
        case = Case.objects.create(
            direction=direction,
            kind=kind,
            status=initial_state(dir_),
            legal_bases=validation.legal_bases(legal_bases),
            treaty=treaty,
            requesting_state_id=requesting_state,
            requested_state_id=requested_state,
            requesting_authority_id=requesting_authority_id,
            requested_authority_id=requested_authority_id,
            owner_authority_id=actor.authority_id,
            # Unique placeholder until the primary key is known.
            our_reference=f"pending-{now.timestamp()}-{actor.pk}",
            their_reference=their_reference,
            title=title.strip(),
            subject=subject,
            facts=facts,
            urgency=urgency,
            urgency_reason=urgency_reason,
            custody=custody,
            confidential=confidential,
            sealed=sealed,
            requested_by=requested_by,
            received_at=now if dir_ is Direction.INCOMING else None,
            officer=actor if dir_ is Direction.OUTGOING else None,
            requesting_authority_name=requesting_authority_name,
            **details,
        )
        case.our_reference = make_reference(
            state=settings.NODE_STATE, kind=CaseKind(kind), year=now.year, number=case.pk
        )
        for p in persons:
            row = person_create_rows(case=case, data=p)
            person_details_save(row, p)
        Offence.objects.bulk_create([Offence(case=case, **asdict(o)) for o in offences])
        Measure.objects.bulk_create([Measure(case=case, **asdict(m)) for m in measures])
        CaseGrant.objects.create(case=case, user=actor, granted_by=actor)
        CaseEvent.objects.create(
            case=case, at=now, actor=actor, kind="created", to_status=case.status
        )
        deadlines_apply(case=case, state=initial_state(dir_), at=now)
        case.save(update_fields=["our_reference", "due_at"])
        case_reindex(case)
        audit_record(
            actor=actor,
            action="case.open",
            obj=case,
            case_id=case.pk,
            changes={
                "reference": case.our_reference,
                "direction": direction,
                "kind": kind,
                "status": case.status,
                "requesting_state": requesting_state,
                "requested_state": requested_state,
                "title": case.title,
                "persons": [person_summary(p) for p in persons],
                "offences": len(offences),
                "measures": len(measures),
                "sealed": sealed,
            },
        )
        # An incoming request lands in the registry's queue: tell the clerks who may see it.
        case_queued_notify(case=case, actor=actor)
    return case
