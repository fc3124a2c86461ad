"""Reads for detention conditions: a dossier is its authority's own work, shown only to that
authority's users; a case's detention panel only to whoever may see the case."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.models import Case
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.cases.services.deadlines import node_zone
from rogatory.apps.extradition.models import (
    Assurance,
    Consultation,
    DetentionAssessment,
    DetentionDossier,
    DetentionSource,
    MonitoringVisit,
    Surrender,
)
from rogatory.core.errors import DomainError
from rogatory.core.extradition.detention import (
    SPACE_SOURCES,
    Checklist,
    Gate,
    GeneralRisk,
    IndividualRisk,
    SpaceReading,
    TwoStep,
    checklist_from,
    evidence_of_risk,
    gate,
    gate_with_evidence,
    space_reading,
)
from rogatory.core.workflow import CaseKind


def _today() -> date:
    return timezone.localtime(timezone.now(), node_zone()).date()


def dossier_list_for(*, actor: Any, state: str | None = None) -> QuerySet[DetentionDossier]:
    rows = DetentionDossier.objects.filter(
        owner_authority_id=getattr(actor, "authority_id", None) or -1
    ).select_related("state")
    if state:
        rows = rows.filter(state_id=state.upper())
    return rows


def dossier_get_for(*, actor: Any, dossier_id: int) -> DetentionDossier:
    row = dossier_list_for(actor=actor).filter(pk=dossier_id).first()
    if row is None:
        access_denied(
            actor=actor, action="detention.read", object_type="dossier", object_id=dossier_id
        )
        raise DomainError("detention.dossier_not_found", dossier_id=dossier_id)
    return row


@dataclass(frozen=True, slots=True)
class SpaceFinding:
    square_metres: Any
    reading: SpaceReading
    source: str


def space_finding(value: Any, multi_occupancy: bool = True) -> SpaceFinding | None:
    if value is None:
        return None
    reading = space_reading(value, multi_occupancy=multi_occupancy)
    return SpaceFinding(value, reading, SPACE_SOURCES[reading])


@dataclass(frozen=True, slots=True)
class DossierView:
    dossier: DetentionDossier
    sources: list[DetentionSource]
    space: SpaceFinding | None


def dossier_view_for(*, actor: Any, dossier_id: int) -> DossierView:
    dossier = dossier_get_for(actor=actor, dossier_id=dossier_id)
    return DossierView(
        dossier=dossier,
        sources=list(dossier.sources.all()),
        space=space_finding(dossier.personal_space_m2, dossier.multi_occupancy),
    )


@dataclass(frozen=True, slots=True)
class AssuranceRow:
    assurance: Assurance
    checklist: Checklist


@dataclass(frozen=True, slots=True)
class CaseDetention:
    applies: bool
    case: Case | None = None
    assessment: DetentionAssessment | None = None
    step: TwoStep | None = None
    gate: Gate = Gate.OPEN
    general_sources: tuple[DetentionSource, ...] = ()
    facility_space: SpaceFinding | None = None
    # The requesting State's dossiers at this authority, to choose sources and a facility.
    dossiers: tuple[DetentionDossier, ...] = ()
    assurances: tuple[AssuranceRow, ...] = ()
    visits: tuple[MonitoringVisit, ...] = ()
    consultations: tuple[Consultation, ...] = ()
    surrenders: tuple[Surrender, ...] = ()
    information_overdue: bool = False


def case_detention_of(case: Case, *, actor: Any) -> CaseDetention:
    """Precondition: `case` was returned to `actor` by a case selector."""
    consultations = tuple(Consultation.objects.filter(case=case).select_related("state"))
    if not CaseKind(case.kind).is_extradition:
        return CaseDetention(applies=False, case=case, consultations=consultations)
    row = (
        DetentionAssessment.objects.filter(case=case)
        .select_related("facility")
        .prefetch_related("general_sources")
        .first()
    )
    today = _today()
    step = (
        TwoStep(
            general=GeneralRisk(row.general_risk),
            individual=IndividualRisk(row.individual_risk),
            requested_on=row.information_requested_on,
            deadline=row.information_deadline,
            received_on=row.information_received_on,
        )
        if row
        else None
    )
    facility = row.facility if row else None
    return CaseDetention(
        applies=True,
        case=case,
        assessment=row,
        step=step,
        gate=gate(step, today) if step else Gate.GENERAL_RISK_NOT_ASSESSED,
        general_sources=tuple(row.general_sources.all()) if row else (),
        facility_space=space_finding(facility.personal_space_m2, facility.multi_occupancy)
        if facility
        else None,
        dossiers=tuple(
            dossier_list_for(actor=actor, state=case.requesting_state_id).prefetch_related(
                "sources"
            )
        ),
        assurances=tuple(
            AssuranceRow(a, checklist_from(a.othman)) for a in Assurance.objects.filter(case=case)
        ),
        visits=tuple(MonitoringVisit.objects.filter(case=case).select_related("assurance")),
        consultations=consultations,
        surrenders=tuple(Surrender.objects.filter(case=case).prefetch_related("consents__state")),
        information_overdue=bool(
            step
            and step.received_on is None
            and step.deadline is not None
            and today > step.deadline
        ),
    )


def case_detention_for(*, actor: Any, case_id: int) -> CaseDetention:
    case = case_get_for(actor=actor, case_id=case_id)
    return case_detention_of(case, actor=actor)


def requesting_state_evidence(case: Case) -> bool:
    """This node holds evidence of a risk in the requesting State's detention: a dossier or
    source on that State under 3 m² per detainee in shared cells, or a general risk found on
    that State in another case (see core `evidence_of_risk`). Every authority's dossiers at
    the node count: the evidence is the node's, whoever filed it."""
    state = case.requesting_state_id
    readings = [
        space_reading(value, multi_occupancy=shared)
        for value, shared in DetentionDossier.objects.filter(
            state_id=state, personal_space_m2__isnull=False
        ).values_list("personal_space_m2", "multi_occupancy")
        if value is not None
    ]
    readings += [
        space_reading(value, multi_occupancy=shared)
        for value, shared in DetentionSource.objects.filter(
            dossier__state_id=state, personal_space_m2__isnull=False
        ).values_list("personal_space_m2", "dossier__multi_occupancy")
        if value is not None
    ]
    found = (
        DetentionAssessment.objects.filter(
            general_risk=GeneralRisk.GENERAL_RISK.value, case__requesting_state_id=state
        )
        .exclude(case=case)
        .exists()
    )
    return evidence_of_risk(readings=readings, general_risk_found=found)


def detention_gate_of(case: Case) -> Gate:
    """Whether the detention assessment lets the surrender decision be taken. Where no
    assessment was opened, the decision is still held if this node's evidence shows a risk
    in the requesting State; an accepted assurance (every Othman factor weighed, none
    against) lets it be taken."""
    row = DetentionAssessment.objects.filter(case=case).first()
    step = (
        None
        if row is None
        else TwoStep(
            general=GeneralRisk(row.general_risk),
            individual=IndividualRisk(row.individual_risk),
            requested_on=row.information_requested_on,
            deadline=row.information_deadline,
            received_on=row.information_received_on,
        )
    )
    accepted = any(checklist_from(a.othman).accepted for a in Assurance.objects.filter(case=case))
    return gate_with_evidence(
        step,
        _today(),
        evidence=step is None and requesting_state_evidence(case),
        assurance_accepted=accepted,
    )
