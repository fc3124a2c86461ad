"""API endpoints of the hearings area: a case's hearings by video, one hearing with its local
times, warnings and safeguard steps, and recording the next safeguard step (ETS 182 art. 9;
Directive 2014/41/EU art. 24)."""

from datetime import datetime
from typing import Annotated, Any, cast

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from rogatory.api.v1.bounds import Id
from rogatory.apps.accounts.models import User
from rogatory.apps.hearings import selectors
from rogatory.apps.hearings.models import Hearing
from rogatory.apps.hearings.services.safeguards import safeguard_record

router = Router(tags=["hearings"])


class HearingOut(Schema):
    id: int
    uid: str
    case_id: int
    kind: str
    legal_basis: str
    status: str
    # "video" or "telephone" (EU MLA Convention 2000 art. 11: witnesses and experts only).
    mode: str
    start: datetime | None
    minutes: int
    sequence: int
    proposed_by_us: bool


class LocalTimeOut(Schema):
    who: str
    zone: str
    start: datetime
    end: datetime


class WarningOut(Schema):
    flag: str
    detail: str


class HearingViewOut(HearingOut):
    local: list[LocalTimeOut]
    warnings: list[WarningOut]
    steps: list[str]
    done: list[str]
    next: str | None


class SafeguardIn(Schema):
    step: Annotated[str, Field(max_length=32)]
    note: Annotated[str, Field(max_length=10_000)] = ""
    details: dict[Annotated[str, Field(max_length=32)], str | bool] = Field(
        default_factory=dict, max_length=10
    )


class SafeguardOut(Schema):
    step: str
    at: datetime
    details: dict[str, Any]


def _user(request: HttpRequest) -> User:
    # The API's authentication has admitted a user before any endpoint runs.
    return cast(User, request.user)


def _out(h: Hearing) -> dict[str, Any]:
    return {
        "id": h.pk,
        "uid": h.uid,
        "case_id": h.case_id,
        "kind": h.kind,
        "legal_basis": h.legal_basis,
        "status": h.status,
        "mode": h.mode,
        "start": h.start,
        "minutes": h.minutes,
        "sequence": h.sequence,
        "proposed_by_us": h.proposed_by_us,
    }


@router.get("/cases/{case_id}/hearings", response=list[HearingOut])
def case_hearings(request: HttpRequest, case_id: Id) -> Any:
    return [_out(h) for h in selectors.hearings_for_case(actor=_user(request), case_id=case_id)]


@router.get("/hearings/{hearing_id}", response=HearingViewOut)
def hearing_view(request: HttpRequest, hearing_id: Id) -> Any:
    view = selectors.hearing_view_for(actor=_user(request), hearing_id=hearing_id)
    return {
        **_out(view.hearing),
        "local": [
            {"who": t.who, "zone": t.zone, "start": t.start, "end": t.end} for t in view.local
        ],
        "warnings": [{"flag": w.flag.value, "detail": w.detail} for w in view.warnings],
        "steps": [s.value for s in view.steps],
        "done": sorted(s.value for s in view.done),
        "next": view.next.value if view.next else None,
    }


@router.post("/hearings/{hearing_id}/safeguards", response={201: SafeguardOut})
def hearing_safeguard(request: HttpRequest, hearing_id: Id, payload: SafeguardIn) -> Any:
    row = safeguard_record(
        actor=_user(request),
        hearing_id=hearing_id,
        step=payload.step,
        note=payload.note,
        details=dict(payload.details),
    )
    return Status(201, {"step": row.step, "at": row.at, "details": row.details})
