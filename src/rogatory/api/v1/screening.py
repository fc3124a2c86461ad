from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rogatory.api.v1.bounds import Id
from rogatory.apps.screening import selectors, services

router = Router(tags=["screening"])


class MatchOut(Schema):
    id: int
    case_id: int
    person_id: int
    other_case_id: int
    other_person_id: int
    score: float
    # "alert" (linked, officers alerted) or "review" ("possible, please check": no link, no
    # alert until an officer confirms it).
    band: str
    explanation: list[dict[str, Any]]
    status: str
    decided_by_id: int | None
    decision_note: str


class DecisionIn(Schema):
    confirm: bool
    note: str = ""


@router.get("/cases/{case_id}/matches", response=list[MatchOut])
def case_matches(request: HttpRequest, case_id: Id) -> Any:
    return list(selectors.matches_for(actor=request.user, case_id=case_id))


@router.post("/matches/{match_id}/decision", response=MatchOut)
def match_decision(request: HttpRequest, match_id: Id, payload: DecisionIn) -> Any:
    return services.match_decide(actor=request.user, match_id=match_id, **payload.dict())
