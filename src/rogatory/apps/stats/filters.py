"""The filters of the figures and of their drill-down, parsed from a query string.

Every value is checked against its closed set, so a crafted query is refused (stats.bad_filter,
a 400) rather than passed to the database.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from rogatory.apps.cases.choices import (
    DirectionChoice,
    GroundChoice,
    KindChoice,
    MeasureType,
    StatusChoice,
)
from rogatory.apps.directory.models import Channel
from rogatory.core.errors import DomainError
from rogatory.core.stats.milestones import Metric
from rogatory.core.stats.periods import AgeBand, Period, last_months, parse_month

NOT_SENT = "none"
CHANNELS = {c.value for c in Channel} | {NOT_SENT}
_STATE_CODE_LEN = 2


@dataclass(frozen=True, slots=True)
class Filters:
    period: Period
    kind: str = ""
    state: str = ""
    direction: str = ""

    def query(self) -> dict[str, str]:
        q = {
            "from": f"{self.period.first:%Y-%m}",
            "to": f"{self.period.last:%Y-%m}",
            "kind": self.kind,
            "state": self.state,
            "direction": self.direction,
        }
        return {k: v for k, v in q.items() if v}


@dataclass(frozen=True, slots=True)
class Drill:
    """Which cases of a figure: the filters plus the figure's own condition."""

    filters: Filters
    channel: str = ""
    status: str = ""
    ground: str = ""
    measure: str = ""
    metric: str = ""
    pending: bool = False
    band: str = ""
    overdue: bool = False
    info: bool = False
    refused: bool = False
    month: date | None = None


def _choice(data: Mapping[str, str], name: str, allowed: set[str]) -> str:
    value = (data.get(name) or "").strip()
    if value and value not in allowed:
        raise DomainError("stats.bad_filter", field=name, value=value[:40])
    return value


def filters_from(data: Mapping[str, str], *, today: date) -> Filters:
    default = last_months(today)
    first = parse_month(data["from"], field="from") if data.get("from") else default.first
    last = parse_month(data["to"], field="to") if data.get("to") else default.last
    state = (data.get("state") or "").strip().upper()
    if state and (len(state) != _STATE_CODE_LEN or not state.isascii() or not state.isalpha()):
        raise DomainError("stats.bad_filter", field="state", value=state[:40])
    return Filters(
        period=Period(first, last),
        kind=_choice(data, "kind", set(KindChoice.values)),
        state=state,
        direction=_choice(data, "direction", set(DirectionChoice.values)),
    )


def drill_from(data: Mapping[str, str], *, today: date) -> Drill:
    filters = filters_from(data, today=today)
    month = parse_month(data["month"], field="month") if data.get("month") else None
    return replace(
        Drill(filters=filters),
        channel=_choice(data, "channel", CHANNELS),
        status=_choice(data, "status", set(StatusChoice.values)),
        ground=_choice(data, "ground", set(GroundChoice.values)),
        measure=_choice(data, "measure", set(MeasureType.values)),
        metric=_choice(data, "metric", {m.value for m in Metric}),
        band=_choice(data, "band", {b.value for b in AgeBand}),
        pending=data.get("pending") == "1",
        overdue=data.get("overdue") == "1",
        info=data.get("info") == "1",
        refused=data.get("refused") == "1",
        month=month,
    )
