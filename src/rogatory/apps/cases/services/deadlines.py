from datetime import datetime

from django.db.models import Min

from rogatory.apps.cases.models import Case, Deadline
from rogatory.core.deadlines import deadlines_on_entering
from rogatory.core.deadlines.rules import stops
from rogatory.core.workflow import CaseKind, CaseState, Direction


def deadlines_apply(*, case: Case, state: CaseState, at: datetime) -> list[Deadline]:
    """Meet the deadlines that `state` stops, start those it starts, refresh `case.due_at`."""
    open_rows = list(Deadline.objects.filter(case=case, met_at__isnull=True))
    met = [d for d in open_rows if stops(d.code, state)]
    for d in met:
        d.met_at = at
    Deadline.objects.bulk_update(met, ["met_at"])
    due = deadlines_on_entering(
        state=state,
        direction=Direction(case.direction),
        kind=CaseKind(case.kind),
        in_custody=case.custody == "detained",
        at=at,
        requested_by=case.requested_by,
    )
    created = Deadline.objects.bulk_create(
        [
            Deadline(
                case=case,
                code=d.rule.code,
                source=d.rule.source,
                practice=d.rule.practice,
                started_at=at,
                due_at=d.due_at,
            )
            for d in due
        ]
    )
    case.due_at = Deadline.objects.filter(case=case, met_at__isnull=True).aggregate(
        m=Min("due_at")
    )["m"]
    return created
