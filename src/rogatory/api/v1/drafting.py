"""API endpoints of the drafting area: what a draft still lacks, and why."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rogatory.api.v1.bounds import Id
from rogatory.apps.cases.drafting_selectors import draft_check_for
from rogatory.apps.errors import error_message

router = Router(tags=["drafting"])


class DraftingFindingOut(Schema):
    code: str
    severity: str
    article: str
    field: str
    message: str


class DraftingChecklistOut(Schema):
    case_id: int
    blocking: int
    completeness: list[DraftingFindingOut]
    requirements: list[DraftingFindingOut]
    # The version of the requested State's requirements read, if any are published.
    requirements_version: int | None
    approved_hash: str


def _out(findings: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "article": f.article,
            "field": f.field,
            "message": error_message(f.code, dict(f.params)),
        }
        for f in findings
    ]


@router.get("/cases/{case_id}/checklist", response=DraftingChecklistOut)
def checklist(request: HttpRequest, case_id: Id) -> Any:
    case, check = draft_check_for(actor=request.user, case_id=case_id)
    return {
        "case_id": case.pk,
        "blocking": len(check.blocking),
        "completeness": _out(check.completeness),
        "requirements": _out(check.requirements),
        "requirements_version": check.rules.version if check.rules else None,
        "approved_hash": case.approved_hash,
    }
