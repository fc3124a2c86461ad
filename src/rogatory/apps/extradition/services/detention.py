"""Detention conditions in the requesting State: dossiers and their sources, the two-step
assessment of a case (CJEU Aranyosi and Căldăraru, C-404/15 and C-659/15 PPU), assurances
weighed with the Othman factors, and monitoring after surrender. Each write is audited in its
transaction; a refused write changes nothing."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.apps.cases.models import Case, Deadline, WorkQueue
from rogatory.apps.cases.services.deadlines import day_end, day_start, due_at_refresh, node_zone
from rogatory.apps.cases.services.notifications import queue_notify
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.services.validation import states_exist
from rogatory.apps.extradition.detention_selectors import dossier_get_for
from rogatory.apps.extradition.models import (
    Assurance,
    AssuranceLevel,
    Compliance,
    DetentionAssessment,
    DetentionDossier,
    DetentionSource,
    FacilityKind,
    GeneralRiskChoice,
    IndividualRiskChoice,
    MonitoringVisit,
    SourceKind,
)
from rogatory.core.errors import DomainError
from rogatory.core.extradition.detention import (
    INFORMATION_DEADLINE_CODE,
    INFORMATION_DEADLINE_SOURCE,
    Answer,
    GeneralRisk,
    IndividualRisk,
    OthmanFactor,
    TwoStep,
    may_conclude_individual,
)
from rogatory.core.limits import bounded_text
from rogatory.core.workflow import CaseKind, Direction, Role

EDITORS = (Role.CASE_OFFICER, Role.SUPERVISOR)


def node_today() -> date:
    return timezone.localtime(timezone.now(), node_zone()).date()


def _editor(actor: Any, action: str, object_type: str, object_id: str | int) -> None:
    if getattr(actor, "role", None) not in EDITORS or getattr(actor, "authority_id", None) is None:
        access_denied(actor=actor, action=action, object_type=object_type, object_id=object_id)
        raise DomainError("detention.forbidden")


def _choice(enum: type[Any], value: str, field: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise DomainError("field.invalid_choice", field=field, value=value) from None


def _text(value: str, field: str, *, required: bool = False) -> str:
    value = bounded_text(value.strip(), field)
    if required and not value:
        raise DomainError("field.required", field=field)
    return value


def _not_future(day: date | None, field: str) -> None:
    if day is not None and day > node_today():
        raise DomainError("event_date.in_future", field=field, value=day.isoformat())


def _space(value: Decimal | None) -> Decimal | None:
    if value is not None and not Decimal("0") <= value <= Decimal("100"):
        raise DomainError("detention.space_invalid", field="personal_space_m2")
    return value


# ---- Dossiers ----


def dossier_save(
    *,
    actor: Any,
    state: str,
    facility: str = "",
    facility_kind: str = FacilityKind.SYSTEM,
    personal_space_m2: Decimal | None = None,
    multi_occupancy: bool = True,
    findings: str = "",
    dossier_id: int | None = None,
) -> DetentionDossier:
    """Open a dossier on a State (or one of its facilities), or update one."""
    _editor(actor, "detention.dossier_save", "dossier", dossier_id or "new")
    code = state.strip().upper()
    states_exist({code}, "state")
    kind = _choice(FacilityKind, facility_kind, "facility_kind")
    facility = _text(facility, "facility")
    findings = _text(findings, "findings")
    _space(personal_space_m2)
    if dossier_id is not None:
        # Outside the transaction, so that a refused access stays logged.
        dossier_get_for(actor=actor, dossier_id=dossier_id)
    with transaction.atomic():
        if dossier_id is None:
            row = DetentionDossier(owner_authority_id=actor.authority_id, created_by=actor)
            before = None
        else:
            row = DetentionDossier.objects.select_for_update().get(pk=dossier_id)
            before = {
                "state": row.state_id,
                "facility": row.facility,
                "personal_space_m2": row.personal_space_m2,
                "findings": row.findings,
            }
        clash = DetentionDossier.objects.filter(
            owner_authority_id=actor.authority_id, state_id=code, facility=facility
        ).exclude(pk=row.pk)
        if clash.exists():
            raise DomainError("detention.dossier_exists", field="facility")
        row.state_id = code
        row.facility = facility
        row.facility_kind = kind
        row.personal_space_m2 = personal_space_m2
        row.multi_occupancy = multi_occupancy
        row.findings = findings
        row.save()
        audit_record(
            actor=actor,
            action="detention.dossier_save",
            obj=row,
            changes={
                "from": before,
                "state": code,
                "facility": facility,
                "facility_kind": kind.value,
                "personal_space_m2": personal_space_m2,
                "multi_occupancy": multi_occupancy,
                "findings": findings,
            },
        )
    return row


def source_add(
    *,
    actor: Any,
    dossier_id: int,
    kind: str,
    title: str,
    published_on: date,
    url: str = "",
    summary: str = "",
    personal_space_m2: Decimal | None = None,
) -> DetentionSource:
    """Add a source (a CPT report, a judgment, a monitoring body's finding) to a dossier."""
    _editor(actor, "detention.source_add", "dossier", dossier_id)
    source_kind = _choice(SourceKind, kind, "kind")
    title = _text(title, "title", required=True)
    summary = _text(summary, "summary")
    url = url.strip()
    if url and not url.startswith(("https://", "http://")):
        raise DomainError("detention.url_invalid", field="url")
    _not_future(published_on, "published_on")
    _space(personal_space_m2)
    # Outside the transaction, so that a refused access stays logged (the denial is a row).
    dossier = dossier_get_for(actor=actor, dossier_id=dossier_id)
    with transaction.atomic():
        row = DetentionSource.objects.create(
            dossier=dossier,
            kind=source_kind,
            title=title,
            published_on=published_on,
            url=url,
            summary=summary,
            personal_space_m2=personal_space_m2,
            added_by=actor,
        )
        DetentionDossier.objects.filter(pk=dossier.pk).update(updated_at=timezone.now())
        audit_record(
            actor=actor,
            action="detention.source_add",
            obj=dossier,
            changes={
                "source": row.pk,
                "kind": source_kind.value,
                "title": title,
                "published_on": published_on.isoformat(),
                "url": url,
                "personal_space_m2": personal_space_m2,
            },
        )
    return row


# ---- The two-step assessment of a case ----


def _case(actor: Any, case_id: int, action: str) -> Case:
    case = case_for_write(actor=actor, case_id=case_id, action=action)
    _editor(actor, action, "case", case_id)
    if not CaseKind(case.kind).is_extradition:
        raise DomainError("detention.not_extradition", case_id=case_id)
    return case


def _assessment(case: Case, actor: Any) -> DetentionAssessment:
    row = DetentionAssessment.objects.select_for_update().filter(case=case).first()
    return row or DetentionAssessment(case=case, updated_by=actor)


def two_step_of(row: DetentionAssessment) -> TwoStep:
    return TwoStep(
        general=GeneralRisk(row.general_risk),
        individual=IndividualRisk(row.individual_risk),
        requested_on=row.information_requested_on,
        deadline=row.information_deadline,
        received_on=row.information_received_on,
    )


def _information_deadline_set(case: Case, *, requested_on: date, deadline: date) -> Deadline:
    """The time limit set for the supplementary information, as a row of the case's deadlines
    (reminded before it passes and escalated after, like every other clock): the issuing
    authority answers within the time limit set in the request (Aranyosi § 97). The row is
    open until the information is recorded; asking again restarts it."""
    zone = node_zone()
    row = Deadline.objects.filter(case=case, code=INFORMATION_DEADLINE_CODE).first() or Deadline(
        case=case, code=INFORMATION_DEADLINE_CODE
    )
    due_at = day_end(deadline, zone)
    if row.pk is not None and row.due_at != due_at:
        row.reminded_at = row.escalated_at = None
    row.source = INFORMATION_DEADLINE_SOURCE
    # Set by the executing authority in its request, as the judgment requires: not a default.
    row.practice = False
    row.started_at = day_start(requested_on, zone)
    row.due_at = due_at
    row.last_day = deadline
    row.met_at = None
    row.save()
    _due_refresh(case)
    return row


def _information_deadline_stop(case: Case, *, on: date) -> None:
    """The information is in: its deadline is met on the day it arrived."""
    Deadline.objects.filter(case=case, code=INFORMATION_DEADLINE_CODE, met_at__isnull=True).update(
        met_at=day_start(on, node_zone())
    )
    _due_refresh(case)


def _due_refresh(case: Case) -> None:
    due_at_refresh(case)
    Case.objects.filter(pk=case.pk).update(due_at=case.due_at)


def _audit(actor: Any, case: Case, action: str, changes: dict[str, Any]) -> None:
    audit_record(actor=actor, action=action, obj=case, case_id=case.pk, changes=changes)


def assessment_general_record(
    *,
    actor: Any,
    case_id: int,
    general_risk: str,
    reasons: str,
    source_ids: list[int] | None = None,
    facility_id: int | None = None,
) -> DetentionAssessment:
    """Step 1: the general risk in the requesting State's system, from the dossier's sources.

    Only sources on the requesting State count: the evidence must concern the State the
    person would go to (Aranyosi § 89)."""
    risk = _choice(GeneralRiskChoice, general_risk, "general_risk")
    if risk == GeneralRiskChoice.NOT_ASSESSED:
        raise DomainError("field.invalid_choice", field="general_risk", value=general_risk)
    reasons = _text(reasons, "reasons", required=True)
    with transaction.atomic():
        case = _case(actor, case_id, "detention.assessment")
        requesting = case.requesting_state_id
        sources = list(
            DetentionSource.objects.filter(
                pk__in=source_ids or [],
                dossier__owner_authority_id=actor.authority_id,
                dossier__state_id=requesting,
            )
        )
        if len(sources) != len(set(source_ids or [])):
            raise DomainError("detention.source_not_of_state", field="sources")
        if risk == GeneralRiskChoice.GENERAL_RISK and not sources:
            # Aranyosi § 89: the finding rests on objective, reliable, specific and properly
            # updated evidence; name it.
            raise DomainError("detention.sources_required", field="sources")
        facility = None
        if facility_id is not None:
            facility = dossier_get_for(actor=actor, dossier_id=facility_id)
            if facility.state_id != requesting:
                raise DomainError("detention.source_not_of_state", field="facility")
        row = _assessment(case, actor)
        row.general_risk = risk
        row.general_reasons = reasons
        row.facility = facility
        if risk == GeneralRiskChoice.NO_GENERAL_RISK:
            row.individual_risk = IndividualRiskChoice.PENDING
        row.updated_by = actor
        row.save()
        row.general_sources.set(sources)
        _audit(
            actor,
            case,
            "detention.general_risk",
            {
                "general_risk": risk.value,
                "reasons": reasons,
                "sources": sorted(s.pk for s in sources),
                "facility": facility.pk if facility else None,
            },
        )
    return row


def assessment_information_request(
    *, actor: Any, case_id: int, asked: str, requested_on: date, deadline: date
) -> DetentionAssessment:
    """Step 2 begins: the supplementary information asked of the requesting State, with the
    time limit for its answer (FD 2002/584/JHA art. 15(2); Aranyosi § 95)."""
    asked = _text(asked, "asked", required=True)
    _not_future(requested_on, "requested_on")
    if deadline < requested_on:
        raise DomainError("detention.deadline_before_request", field="deadline")
    with transaction.atomic():
        case = _case(actor, case_id, "detention.assessment")
        row = _assessment(case, actor)
        if row.general_risk != GeneralRiskChoice.GENERAL_RISK:
            raise DomainError("detention.no_general_risk", case_id=case_id)
        row.information_requested = asked
        row.information_requested_on = requested_on
        row.information_deadline = deadline
        row.information_received_on = None
        row.information_received = ""
        row.individual_risk = IndividualRiskChoice.PENDING
        row.updated_by = actor
        row.save()
        _information_deadline_set(case, requested_on=requested_on, deadline=deadline)
        _audit(
            actor,
            case,
            "detention.information_request",
            {
                "asked": asked,
                "requested_on": requested_on.isoformat(),
                "deadline": deadline.isoformat(),
            },
        )
        # The officers on the case see the pending answer in their queue until it is in.
        queue_notify(case=case, queue=WorkQueue.MINE, actor=actor)
    return row


def assessment_information_received(
    *, actor: Any, case_id: int, received_on: date, answer: str
) -> DetentionAssessment:
    answer = _text(answer, "answer", required=True)
    _not_future(received_on, "received_on")
    with transaction.atomic():
        case = _case(actor, case_id, "detention.assessment")
        row = _assessment(case, actor)
        if row.information_requested_on is None:
            raise DomainError("detention.information_not_requested", case_id=case_id)
        if received_on < row.information_requested_on:
            raise DomainError("detention.received_before_request", field="received_on")
        row.information_received_on = received_on
        row.information_received = answer
        row.updated_by = actor
        row.save()
        _information_deadline_stop(case, on=received_on)
        _audit(
            actor,
            case,
            "detention.information_received",
            {"received_on": received_on.isoformat(), "answer": answer},
        )
    return row


def assessment_individual_record(
    *, actor: Any, case_id: int, individual_risk: str, reasons: str
) -> DetentionAssessment:
    """Step 2 concluded: the risk for this person in the facility where he or she would be
    held. Refused while the information asked is neither in nor its time limit passed: the
    decision is postponed until then (Aranyosi §§ 95-98)."""
    risk = _choice(IndividualRiskChoice, individual_risk, "individual_risk")
    if risk == IndividualRiskChoice.PENDING:
        raise DomainError("field.invalid_choice", field="individual_risk", value=individual_risk)
    reasons = _text(reasons, "reasons", required=True)
    with transaction.atomic():
        case = _case(actor, case_id, "detention.assessment")
        row = _assessment(case, actor)
        step = two_step_of(row)
        if not may_conclude_individual(step, node_today()):
            if step.general is not GeneralRisk.GENERAL_RISK:
                raise DomainError("detention.no_general_risk", case_id=case_id)
            if step.requested_on is None:
                raise DomainError("detention.information_not_requested", case_id=case_id)
            raise DomainError(
                "detention.awaiting_information",
                deadline=step.deadline.isoformat() if step.deadline else "",
            )
        row.individual_risk = risk
        row.individual_reasons = reasons
        row.updated_by = actor
        row.save()
        _audit(
            actor,
            case,
            "detention.individual_risk",
            {"individual_risk": risk.value, "reasons": reasons},
        )
    return row


# ---- Assurances and monitoring ----


def _checklist(raw: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    """The Othman checklist as stored: every factor, with an answer and a note."""
    unknown = set(raw) - {f.value for f in OthmanFactor}
    if unknown:
        raise DomainError("field.invalid_choice", field="othman", value=sorted(unknown)[0])
    out: dict[str, dict[str, str]] = {}
    for factor in OthmanFactor:
        answer, note = raw.get(factor.value, (Answer.UNKNOWN.value, ""))
        out[factor.value] = {
            "answer": _choice(Answer, answer, f"othman_{factor.value}").value,
            "note": _text(note, f"note_{factor.value}"),
        }
    return out


def assurance_record(
    *,
    actor: Any,
    case_id: int,
    given_by: str,
    level: str,
    given_on: date,
    covers: str,
    facility: str = "",
    othman: dict[str, tuple[str, str]] | None = None,
) -> Assurance:
    """An assurance from the requesting State, weighed with the Othman factors."""
    assurance_level = _choice(AssuranceLevel, level, "level")
    given_by = _text(given_by, "given_by", required=True)
    covers = _text(covers, "covers", required=True)
    facility = _text(facility, "facility")
    _not_future(given_on, "given_on")
    checklist = _checklist(othman or {})
    with transaction.atomic():
        case = _case(actor, case_id, "detention.assurance")
        if Direction(case.direction) is not Direction.INCOMING:
            # Assurances are weighed by the requested State (ML, C-220/18 PPU § 112).
            raise DomainError("detention.not_requested_state", case_id=case_id)
        row = Assurance.objects.create(
            case=case,
            given_by=given_by,
            level=assurance_level,
            given_on=given_on,
            covers=covers,
            facility=facility,
            othman=checklist,
            created_by=actor,
        )
        _audit(
            actor,
            case,
            "detention.assurance",
            {
                "assurance": row.pk,
                "given_by": given_by,
                "level": assurance_level.value,
                "given_on": given_on.isoformat(),
                "covers": covers,
                "facility": facility,
                "othman": checklist,
            },
        )
    return row


def monitoring_record(
    *,
    actor: Any,
    case_id: int,
    visited_on: date,
    visited_by: str,
    findings: str,
    compliance: str,
    assurance_id: int | None = None,
) -> MonitoringVisit:
    """A visit after surrender and whether the assurances were kept."""
    result = _choice(Compliance, compliance, "compliance")
    visited_by = _text(visited_by, "visited_by", required=True)
    findings = _text(findings, "findings", required=True)
    _not_future(visited_on, "visited_on")
    with transaction.atomic():
        case = _case(actor, case_id, "detention.monitoring")
        assurance = None
        if assurance_id is not None:
            assurance = Assurance.objects.filter(case=case, pk=assurance_id).first()
            if assurance is None:
                raise DomainError("detention.assurance_not_found", field="assurance")
        row = MonitoringVisit.objects.create(
            case=case,
            assurance=assurance,
            visited_on=visited_on,
            visited_by=visited_by,
            findings=findings,
            compliance=result,
            created_by=actor,
        )
        _audit(
            actor,
            case,
            "detention.monitoring",
            {
                "visit": row.pk,
                "assurance": assurance_id,
                "visited_on": visited_on.isoformat(),
                "visited_by": visited_by,
                "findings": findings,
                "compliance": result.value,
            },
        )
    return row
