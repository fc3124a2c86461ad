"""In/Out schemas of the API: shapes only, no logic."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator

from rogatory.api.v1.bounds import MAX_ROWS, Id, Moment, Present
from rogatory.core.dates import parse_full_date


class ErrorOut(Schema):
    code: str
    message: str
    params: dict[str, object] = {}


def _day(value: object) -> object:
    # The common written forms (31/12/2024, 2024-12-31) read as the web form reads them; a
    # date that is not one is refused with the one error shape, in the reader's language.
    if isinstance(value, str):
        return parse_full_date(value, field="committed_on")
    return value


OffenceDay = Annotated[date | None, BeforeValidator(_day)]


class NameIn(Schema):
    full_name: str = Field(..., max_length=300)
    role: str = "primary"
    latin: str = Field("", max_length=300)


class IdDocumentIn(Schema):
    type: str
    number: str = Field(..., max_length=64)
    issuing_state: str | None = None


class PersonIn(Schema):
    role: str
    names: list[NameIn] = Field(..., max_length=MAX_ROWS)
    gender: str = ""
    birth_date: str = ""
    birth_place: str = Field("", max_length=200)
    location: str = Field("", max_length=300)
    nationalities: list[str] = Field([], max_length=MAX_ROWS)
    documents: list[IdDocumentIn] = Field([], max_length=MAX_ROWS)
    father_name: str = Field("", max_length=300)
    mother_name: str = Field("", max_length=300)
    physical_description: str = ""


class OffenceIn(Schema):
    description: str
    legal_provisions: str = ""
    max_penalty_months: int | None = None
    max_penalty_life: bool = False
    place: str = Field("", max_length=200)
    committed_on: OffenceDay = None
    legal_qualification: str = Field("", max_length=300)


class MeasureIn(Schema):
    type: str
    description: str
    purpose: str = ""
    procedure: str = ""


class CaseIn(Schema):
    direction: str
    kind: str
    requesting_state: str
    requested_state: str
    legal_bases: list[str] = Field(..., max_length=MAX_ROWS)
    title: str
    treaty: str = Field("", max_length=300)
    subject: str = ""
    facts: str = ""
    their_reference: str = Field("", max_length=64)
    urgency: str = "routine"
    urgency_reason: str = ""
    custody: str = "not_applicable"
    confidential: bool = False
    sealed: bool = False
    requested_by: Moment | None = None
    requesting_authority_id: Id | None = None
    requested_authority_id: Id | None = None
    persons: list[PersonIn] = Field([], max_length=MAX_ROWS)
    offences: list[OffenceIn] = Field([], max_length=MAX_ROWS)
    measures: list[MeasureIn] = Field([], max_length=MAX_ROWS)
    # What a complete request says (issue 17; wire schema 1.1).
    requesting_authority_name: str = Field("", max_length=300)
    proceedings_authority: str = Field("", max_length=300)
    proceedings_authority_functions: str = Field("", max_length=300)
    request_language: str = Field("", max_length=8)
    translation_languages: list[str] = Field([], max_length=MAX_ROWS)
    contact_name: str = Field("", max_length=200)
    contact_function: str = Field("", max_length=200)
    contact_phone: str = Field("", max_length=64)
    contact_email: str = Field("", max_length=254)
    dual_criminality: str = ""
    use_limits: str = ""
    warrant_kind: str = ""
    warrant_date: OffenceDay = None
    warrant_court: str = Field("", max_length=300)
    warrant_enforceable: bool = False
    extradition_purpose: str = ""
    sentence_remaining: str = Field("", max_length=200)
    assurance_death_penalty: str = ""
    assurance_speciality: str = ""
    interpol_notice: str = Field("", max_length=64)


class CasePatch(Schema):
    # Only requested_by may be cleared with null; the other columns cannot be empty.
    title: Present[str] = None
    subject: Present[str] = None
    facts: Present[str] = None
    their_reference: Present[str] = Field(None, max_length=64)
    treaty: Present[str] = Field(None, max_length=300)
    urgency: Present[str] = None
    urgency_reason: Present[str] = None
    custody: Present[str] = None
    confidential: Present[bool] = None
    requested_by: Moment | None = None
    legal_bases: Present[list[str]] = Field(None, max_length=MAX_ROWS)
    requesting_authority_name: Present[str] = Field(None, max_length=300)
    proceedings_authority: Present[str] = Field(None, max_length=300)
    proceedings_authority_functions: Present[str] = Field(None, max_length=300)
    request_language: Present[str] = Field(None, max_length=8)
    translation_languages: Present[list[str]] = Field(None, max_length=MAX_ROWS)
    contact_name: Present[str] = Field(None, max_length=200)
    contact_function: Present[str] = Field(None, max_length=200)
    contact_phone: Present[str] = Field(None, max_length=64)
    contact_email: Present[str] = Field(None, max_length=254)
    dual_criminality: Present[str] = None
    use_limits: Present[str] = None
    warrant_kind: Present[str] = None
    warrant_date: OffenceDay = None
    warrant_court: Present[str] = Field(None, max_length=300)
    warrant_enforceable: Present[bool] = None
    extradition_purpose: Present[str] = None
    sentence_remaining: Present[str] = Field(None, max_length=200)
    assurance_death_penalty: Present[str] = None
    assurance_speciality: Present[str] = None
    interpol_notice: Present[str] = Field(None, max_length=64)


class TransitionIn(Schema):
    target: str
    reason: str = ""
    ground: str | None = None
    officer_id: Id | None = None


class GrantIn(Schema):
    user_id: Id


class LinkIn(Schema):
    target_id: Id
    type: str
    note: str = ""


class CaseSummaryOut(Schema):
    id: int
    our_reference: str
    their_reference: str
    direction: str
    kind: str
    status: str
    title: str
    requesting_state: str = Field(..., alias="requesting_state_id")
    requested_state: str = Field(..., alias="requested_state_id")
    urgency: str
    custody: str
    sealed: bool
    officer_id: int | None
    due_at: datetime | None
    created_at: datetime


class CasePageOut(Schema):
    items: list[CaseSummaryOut]
    next_cursor: str | None


class NameOut(Schema):
    role: str
    full_name: str
    script: str
    latin: str


class NationalityOut(Schema):
    state: str = Field(..., alias="state_id")
    acquired_on: date | None
    lost_on: date | None


class IdDocumentOut(Schema):
    type: str
    number: str
    issuing_state: str | None = Field(None, alias="issuing_state_id")


class PersonOut(Schema):
    id: int
    role: str
    gender: str
    birth_date: str = Field(..., alias="birth_date_text")
    birth_precision: str | None
    birth_place: str
    location: str
    names: list[NameOut]
    nationalities: list[NationalityOut]
    documents: list[IdDocumentOut]
    father_name: str
    mother_name: str
    physical_description: str


class OffenceOut(Schema):
    id: int
    description: str
    legal_provisions: str
    max_penalty_months: int | None
    max_penalty_life: bool
    place: str
    committed_on: date | None
    legal_qualification: str


class MeasureOut(Schema):
    id: int
    type: str
    description: str
    purpose: str
    procedure: str


class DocumentOut(Schema):
    id: int
    title: str
    filename: str
    content_type: str
    language: str
    sha256: str
    size: int
    uploaded_at: datetime


class EventOut(Schema):
    at: datetime
    kind: str
    actor_id: int | None
    from_status: str
    to_status: str
    reason: str
    ground: str


class DeadlineOut(Schema):
    code: str
    source: str
    practice: bool
    started_at: datetime
    due_at: datetime
    met_at: datetime | None


class LinkOut(Schema):
    source_id: int
    target_id: int
    type: str
    note: str


class CaseDetailOut(CaseSummaryOut):
    legal_bases: list[str]
    treaty: str
    subject: str
    facts: str
    urgency_reason: str
    confidential: bool
    requested_by: datetime | None
    refusal_ground: str
    received_at: datetime | None
    persons: list[PersonOut]
    offences: list[OffenceOut]
    measures: list[MeasureOut]
    documents: list[DocumentOut]
    events: list[EventOut]
    deadlines: list[DeadlineOut]
    links_out: list[LinkOut]
    links_in: list[LinkOut]
    requesting_authority_name: str
    proceedings_authority: str
    proceedings_authority_functions: str
    request_language: str
    translation_languages: list[str]
    contact_name: str
    contact_function: str
    contact_phone: str
    contact_email: str
    dual_criminality: str
    use_limits: str
    warrant_kind: str
    warrant_date: date | None
    warrant_court: str
    warrant_enforceable: bool
    extradition_purpose: str
    sentence_remaining: str
    assurance_death_penalty: str
    assurance_speciality: str
    interpol_notice: str
    approved_hash: str


class TransitionOptionOut(Schema):
    target: str
    # What the step does (core.workflow.Action), e.g. "submit_for_approval".
    action: str
    reason_required: bool
    ground_required: bool
    basis: str


class GrantOut(Schema):
    case_id: int
    user_id: int
    granted_at: datetime
    revoked_at: datetime | None


class AuditEventOut(Schema):
    seq: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    case_id: int | None
    changes: dict[str, object]
    hash: str


class StateOut(Schema):
    code: str
    alpha3: str
    name: str
    names: dict[str, str]
    un_member: bool
    fictional: bool


class AuthorityOut(Schema):
    id: int
    state: str = Field(..., alias="state_id")
    instrument: str
    treaty: str
    name: str
    email: str
    phone: str
    address: str
    accepted_languages: list[str]
    channels: list[str]
