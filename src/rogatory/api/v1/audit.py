from typing import Any

from django.http import HttpRequest
from ninja import Router

from rogatory.api.v1 import schemas as s
from rogatory.api.v1.bounds import Id, Seq
from rogatory.apps.cases import selectors

router = Router(tags=["audit"])


@router.get("/audit/events", response=list[s.AuditEventOut])
def audit_events(
    request: HttpRequest,
    case_id: Id | None = None,
    before_seq: Seq | None = None,
    limit: int = 100,
) -> Any:
    qs = selectors.audit_events_for_cases(actor=request.user, case_id=case_id)
    if before_seq is not None:
        qs = qs.filter(seq__lt=before_seq)
    return list(qs[: max(1, min(limit, 500))])
