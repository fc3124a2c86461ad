"""API endpoints of the stats area: the dashboard's figures as typed tables."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from rogatory.apps.cases.services.deadlines import node_zone
from rogatory.apps.stats.figures import dashboard_for, questionnaire_for
from rogatory.apps.stats.filters import filters_from

router = Router(tags=["stats"])


class FiguresQuery(Schema):
    from_month: str | None = Field(None, alias="from", max_length=7, description="YYYY-MM")
    to_month: str | None = Field(None, alias="to", max_length=7, description="YYYY-MM")
    kind: str | None = Field(None, max_length=32)
    state: str | None = Field(None, max_length=2)
    direction: str | None = Field(None, max_length=16)


class ColumnOut(Schema):
    label: str
    type: str


class TableOut(Schema):
    key: str
    title: str
    columns: list[ColumnOut]
    rows: list[list[str | int | float | date | None]]
    note: str


class DashboardOut(Schema):
    period_from: date
    period_to: date
    headline: dict[str, int]
    tables: list[TableOut]


def _table(t: Any) -> dict[str, Any]:
    return {
        "key": t.key,
        "title": t.title,
        "columns": [{"label": c.label, "type": c.type.value} for c in t.columns],
        "rows": t.rows,
        "note": t.note,
    }


@router.get("/stats/dashboard", response=DashboardOut)
def stats_dashboard(request: HttpRequest, q: Query[FiguresQuery]) -> Any:
    """Figures of the cases the caller may see: volumes, times (median, 90th percentile),
    backlog, overdue time limits, requests for more information, refusals by ground, and the
    review mechanism's questionnaire figures (UNTOC arts. 16, 18)."""
    today = timezone.now().astimezone(node_zone()).date()
    raw = {
        "from": q.from_month,
        "to": q.to_month,
        "kind": q.kind,
        "state": q.state,
        "direction": q.direction,
    }
    f = filters_from({k: v for k, v in raw.items() if v}, today=today)
    board = dashboard_for(actor=request.user, filters=f, today=today)
    tables = [questionnaire_for(actor=request.user, filters=f), *board.tables]
    return {
        "period_from": f.period.first,
        "period_to": f.period.last,
        "headline": board.headline,
        "tables": [_table(t) for t in tables],
    }
