"""API endpoints of the detention area: competing-requests files (ETS 24 art. 17; FD
2002/584/JHA art. 16) with their consultations, detention dossiers, the two-step assessment of
a case (CJEU C-404/15 and C-659/15 PPU), assurances, monitoring, consultation before refusal
(UNTOC arts. 16(16), 18(26)) and speciality (ETS 24 arts. 14, 15)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from rogatory.api.v1.bounds import MAX_ROWS, Id
from rogatory.apps.extradition import detention_selectors, selectors
from rogatory.apps.extradition.services import competing, consultation, detention, speciality

router = Router(tags=["detention"])

Space = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Ids = Annotated[list[Id], Field(max_length=MAX_ROWS)]
Short = Annotated[str, Field(max_length=300)]
Code = Annotated[str, Field(max_length=32)]


# ---- Competing requests ----


class FindingOut(Schema):
    factor: str
    sources: list[str]
    reading: str
    favours: list[str]
    params: dict[str, str]
    # The treaty whose own rule the finding reads (directory data); empty for ETS 24 art. 17
    # and FD 2002/584/JHA art. 16.
    treaty: str = ""


class ConsultationOut(Schema):
    id: int
    purpose: str
    party: str
    state_id: str | None
    case_id: int | None
    competing_file_id: int | None
    asked_on: date | None
    question: str
    answered_on: date | None
    answer: str
    not_possible_reason: str


class CompetingFileOut(Schema):
    id: int
    status: str
    case_ids: list[int]
    order: list[int]
    reasons: str
    opened_at: datetime
    decided_at: datetime | None


class CompetingViewOut(CompetingFileOut):
    findings: list[FindingOut]
    consultations: list[ConsultationOut]


def _file_out(file: Any) -> dict[str, Any]:
    return {
        "id": file.pk,
        "status": file.status,
        "case_ids": sorted(file.cases.values_list("pk", flat=True)),
        "order": file.order,
        "reasons": file.reasons,
        "opened_at": file.opened_at,
        "decided_at": file.decided_at,
    }


class OpenIn(Schema):
    case_ids: Ids


class DecideIn(Schema):
    order: Ids
    reasons: str


class CompetingConsultationIn(Schema):
    party: Code
    state: Code = ""
    asked_on: date
    question: str = ""
    answered_on: date | None = None
    answer: str = ""


@router.get("/cases/{case_id}/competing-files", response=list[CompetingFileOut])
def case_competing_files(request: HttpRequest, case_id: Id) -> Any:
    return [_file_out(f) for f in selectors.competing_files_of(actor=request.user, case_id=case_id)]


@router.post("/cases/{case_id}/competing-files", response={201: CompetingFileOut})
def competing_open(request: HttpRequest, case_id: Id, payload: OpenIn) -> Any:
    file = competing.competing_file_open(
        actor=request.user, case_id=case_id, case_ids=payload.case_ids
    )
    return Status(201, _file_out(file))


@router.get("/competing-files/{file_id}", response=CompetingViewOut)
def competing_file(request: HttpRequest, file_id: Id) -> Any:
    view = selectors.competing_view_for(actor=request.user, file_id=file_id)
    return {
        **_file_out(view.file),
        "findings": [
            {
                "factor": f.factor.value,
                "sources": list(f.sources),
                "reading": f.reading.value,
                "favours": list(f.favours),
                "params": dict(f.params),
                "treaty": f.treaty,
            }
            for f in view.findings
        ],
        "consultations": view.consultations,
    }


@router.post("/competing-files/{file_id}/decision", response=CompetingFileOut)
def competing_decide(request: HttpRequest, file_id: Id, payload: DecideIn) -> Any:
    file = competing.competing_file_decide(
        actor=request.user, file_id=file_id, order=payload.order, reasons=payload.reasons
    )
    return _file_out(file)


@router.post("/competing-files/{file_id}/consultations", response={201: ConsultationOut})
def competing_consult(request: HttpRequest, file_id: Id, payload: CompetingConsultationIn) -> Any:
    row = consultation.consultation_record(
        actor=request.user,
        purpose="competing_requests",
        competing_file_id=file_id,
        **payload.dict(),
    )
    return Status(201, row)


# ---- Dossiers ----


class SourceOut(Schema):
    id: int
    kind: str
    title: str
    published_on: date
    url: str
    summary: str
    personal_space_m2: Decimal | None


class DossierOut(Schema):
    id: int
    state_id: str
    facility: str
    facility_kind: str
    personal_space_m2: Decimal | None
    multi_occupancy: bool
    findings: str
    updated_at: datetime


class DossierDetailOut(DossierOut):
    sources: list[SourceOut]
    space_reading: str | None
    space_source: str | None


class DossierIn(Schema):
    state: Code
    facility: Short = ""
    facility_kind: Code = "system"
    personal_space_m2: Space | None = None
    multi_occupancy: bool = True
    findings: str = ""


class SourceIn(Schema):
    kind: Code
    title: Short
    published_on: date
    url: Annotated[str, Field(max_length=500)] = ""
    summary: str = ""
    personal_space_m2: Space | None = None


@router.get("/detention/dossiers", response=list[DossierOut])
def dossiers(request: HttpRequest, state: Code | None = None) -> Any:
    return list(detention_selectors.dossier_list_for(actor=request.user, state=state))


@router.post("/detention/dossiers", response={201: DossierOut})
def dossier_open(request: HttpRequest, payload: DossierIn) -> Any:
    return Status(201, detention.dossier_save(actor=request.user, **payload.dict()))


def _dossier_detail(view: Any) -> dict[str, Any]:
    d = view.dossier
    return {
        "id": d.pk,
        "state_id": d.state_id,
        "facility": d.facility,
        "facility_kind": d.facility_kind,
        "personal_space_m2": d.personal_space_m2,
        "multi_occupancy": d.multi_occupancy,
        "findings": d.findings,
        "updated_at": d.updated_at,
        "sources": view.sources,
        "space_reading": view.space.reading.value if view.space else None,
        "space_source": view.space.source if view.space else None,
    }


@router.get("/detention/dossiers/{dossier_id}", response=DossierDetailOut)
def dossier(request: HttpRequest, dossier_id: Id) -> Any:
    view = detention_selectors.dossier_view_for(actor=request.user, dossier_id=dossier_id)
    return _dossier_detail(view)


@router.put("/detention/dossiers/{dossier_id}", response=DossierOut)
def dossier_update(request: HttpRequest, dossier_id: Id, payload: DossierIn) -> Any:
    return detention.dossier_save(actor=request.user, dossier_id=dossier_id, **payload.dict())


@router.post("/detention/dossiers/{dossier_id}/sources", response={201: SourceOut})
def dossier_source(request: HttpRequest, dossier_id: Id, payload: SourceIn) -> Any:
    return Status(
        201, detention.source_add(actor=request.user, dossier_id=dossier_id, **payload.dict())
    )


# ---- A case's detention assessment, assurances, monitoring, consultation, speciality ----


class AssuranceOut(Schema):
    id: int
    given_by: str
    level: str
    given_on: date
    covers: str
    facility: str
    othman: dict[str, dict[str, str]]


class VisitOut(Schema):
    id: int
    assurance_id: int | None
    visited_on: date
    visited_by: str
    findings: str
    compliance: str


class ConsentOut(Schema):
    id: int
    kind: str
    state_id: str | None
    subject: str
    requested_on: date
    decision: str
    decided_on: date | None
    note: str


class SurrenderOut(Schema):
    id: int
    surrendered_on: date
    offences_covered: str
    speciality_waived: bool


class SurrenderDetailOut(SurrenderOut):
    consents: list[ConsentOut]


class AssessmentOut(Schema):
    general_risk: str
    general_reasons: str
    general_source_ids: list[int]
    facility_id: int | None
    information_requested: str
    information_requested_on: date | None
    information_deadline: date | None
    information_received_on: date | None
    information_received: str
    individual_risk: str
    individual_reasons: str


class CaseDetentionOut(Schema):
    applies: bool
    gate: str
    information_overdue: bool
    assessment: AssessmentOut | None
    assurances: list[AssuranceOut]
    visits: list[VisitOut]
    consultations: list[ConsultationOut]
    surrenders: list[SurrenderDetailOut]


def _assessment(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "general_risk": row.general_risk,
        "general_reasons": row.general_reasons,
        "general_source_ids": sorted(s.pk for s in row.general_sources.all()),
        "facility_id": row.facility_id,
        "information_requested": row.information_requested,
        "information_requested_on": row.information_requested_on,
        "information_deadline": row.information_deadline,
        "information_received_on": row.information_received_on,
        "information_received": row.information_received,
        "individual_risk": row.individual_risk,
        "individual_reasons": row.individual_reasons,
    }


@router.get("/cases/{case_id}/detention", response=CaseDetentionOut)
def case_detention(request: HttpRequest, case_id: Id) -> Any:
    view = detention_selectors.case_detention_for(actor=request.user, case_id=case_id)
    return {
        "applies": view.applies,
        "gate": view.gate.value,
        "information_overdue": view.information_overdue,
        "assessment": _assessment(view.assessment),
        "assurances": [a.assurance for a in view.assurances],
        "visits": list(view.visits),
        "consultations": list(view.consultations),
        "surrenders": [
            {
                "id": s.pk,
                "surrendered_on": s.surrendered_on,
                "offences_covered": s.offences_covered,
                "speciality_waived": s.speciality_waived,
                "consents": list(s.consents.all()),
            }
            for s in view.surrenders
        ],
    }


class GeneralIn(Schema):
    general_risk: Code
    reasons: str
    source_ids: Ids = []
    facility_id: Id | None = None


class InformationRequestIn(Schema):
    asked: str
    requested_on: date
    deadline: date


class InformationReceivedIn(Schema):
    received_on: date
    answer: str


class IndividualIn(Schema):
    individual_risk: Code
    reasons: str


def _case_out(request: HttpRequest, case_id: int) -> Any:
    return case_detention(request, case_id)


@router.post("/cases/{case_id}/detention/general-risk", response=CaseDetentionOut)
def general_risk(request: HttpRequest, case_id: Id, payload: GeneralIn) -> Any:
    detention.assessment_general_record(actor=request.user, case_id=case_id, **payload.dict())
    return _case_out(request, case_id)


@router.post("/cases/{case_id}/detention/information-request", response=CaseDetentionOut)
def information_request(request: HttpRequest, case_id: Id, payload: InformationRequestIn) -> Any:
    detention.assessment_information_request(actor=request.user, case_id=case_id, **payload.dict())
    return _case_out(request, case_id)


@router.post("/cases/{case_id}/detention/information-received", response=CaseDetentionOut)
def information_received(request: HttpRequest, case_id: Id, payload: InformationReceivedIn) -> Any:
    detention.assessment_information_received(actor=request.user, case_id=case_id, **payload.dict())
    return _case_out(request, case_id)


@router.post("/cases/{case_id}/detention/individual-risk", response=CaseDetentionOut)
def individual_risk(request: HttpRequest, case_id: Id, payload: IndividualIn) -> Any:
    detention.assessment_individual_record(actor=request.user, case_id=case_id, **payload.dict())
    return _case_out(request, case_id)


class OthmanEntry(Schema):
    answer: Code = "unknown"
    note: Annotated[str, Field(max_length=2000)] = ""


class AssuranceIn(Schema):
    given_by: Short
    level: Code
    given_on: date
    covers: str
    facility: Short = ""
    othman: Annotated[dict[Code, OthmanEntry], Field(max_length=20)] = {}


@router.post("/cases/{case_id}/assurances", response={201: AssuranceOut})
def assurance(request: HttpRequest, case_id: Id, payload: AssuranceIn) -> Any:
    data = payload.dict()
    othman = {k: (v["answer"], v["note"]) for k, v in data.pop("othman").items()}
    return Status(
        201, detention.assurance_record(actor=request.user, case_id=case_id, othman=othman, **data)
    )


class VisitIn(Schema):
    visited_on: date
    visited_by: Short
    findings: str
    compliance: Code
    assurance_id: Id | None = None


@router.post("/cases/{case_id}/monitoring", response={201: VisitOut})
def monitoring(request: HttpRequest, case_id: Id, payload: VisitIn) -> Any:
    return Status(
        201, detention.monitoring_record(actor=request.user, case_id=case_id, **payload.dict())
    )


class RefusalConsultationIn(Schema):
    asked_on: date | None = None
    question: str = ""
    answered_on: date | None = None
    answer: str = ""
    not_possible_reason: str = ""


@router.post("/cases/{case_id}/consultations", response={201: ConsultationOut})
def case_consultation(request: HttpRequest, case_id: Id, payload: RefusalConsultationIn) -> Any:
    return Status(
        201,
        consultation.consultation_record(
            actor=request.user,
            purpose="before_refusal",
            party="requesting_state",
            case_id=case_id,
            **payload.dict(),
        ),
    )


class AnswerIn(Schema):
    answered_on: date
    answer: str


@router.post("/consultations/{consultation_id}/answer", response=ConsultationOut)
def consultation_answer(request: HttpRequest, consultation_id: Id, payload: AnswerIn) -> Any:
    return consultation.consultation_answer(
        actor=request.user, consultation_id=consultation_id, **payload.dict()
    )


class SurrenderIn(Schema):
    surrendered_on: date
    offences_covered: str
    speciality_waived: bool = False


@router.post("/cases/{case_id}/surrenders", response={201: SurrenderOut})
def surrender(request: HttpRequest, case_id: Id, payload: SurrenderIn) -> Any:
    return Status(
        201, speciality.surrender_record(actor=request.user, case_id=case_id, **payload.dict())
    )


class ConsentIn(Schema):
    kind: Code
    subject: str
    requested_on: date
    state: Code = ""
    decision: Code = "pending"
    decided_on: date | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


@router.post("/cases/{case_id}/surrenders/{surrender_id}/consents", response={201: ConsentOut})
def consent(request: HttpRequest, case_id: Id, surrender_id: Id, payload: ConsentIn) -> Any:
    return Status(
        201,
        speciality.speciality_consent_record(
            actor=request.user, case_id=case_id, surrender_id=surrender_id, **payload.dict()
        ),
    )
