"""A small register whose figures are computed by hand in the tests (today: 15 March 2026).

| case | owner | sealed | direction, type   | opened     | days to ack/decide/exec | status       |
|------|-------|--------|-------------------|------------|-------------------------|--------------|
| A    | XA    | no     | in, MLA from XB   | 2026-01-10 | 2 / 10 / 30             | executed     |
| B    | XA    | no     | in, MLA from XB   | 2026-01-15 | 0 / 10 (refused) / -    | refused      |
| C    | XA    | no     | out, extradition  | 2026-02-03 | 10 / - / -; 1 info req. | acknowledged |
| D    | XA    | no     | out, MLA (draft)  | 2026-03-01 | - / - / -               | draft        |
| S    | XA    | yes    | in, MLA from XB   | 2026-01-20 | - / - / -               | received     |
| S2   | XA    | yes    | out, MLA to XB    | 2026-03-02 | - / - / -               | transmitted  |
| F    | XB    | no     | in, MLA from XA   | 2026-01-05 | 1 / - / -               | registered   |

Grants (only these): supervisor on S2; officer on A and S. A came by the exchange (inbox), C by
the diplomatic channel; A asks for records; C's time limit ended on 28 February (overdue).
"""

from datetime import UTC, date, datetime
from typing import Any

import pytest

TODAY = date(2026, 3, 15)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=10, tzinfo=UTC)


@pytest.fixture
def register(people: dict[str, Any], open_case: Any) -> dict[str, Any]:
    from rogatory.apps.cases.models import Case, CaseEvent, CaseGrant, Measure
    from rogatory.apps.exchange.models import InboxMessage, InboxState
    from rogatory.apps.proceedings.models import ChannelRecord

    def make(
        name: str,
        *,
        direction: str,
        kind: str = "mla",
        status: str,
        events: list[tuple[str, str]],
        created: str,
        sealed: bool = False,
        ground: str = "",
        due: str | None = None,
        owner: str = "XA",
    ) -> Any:
        extra: dict[str, Any] = {}
        if owner == "XB":
            extra = {"requesting_state": "XA", "requested_state": "XB"}
        if kind == "extradition":
            extra["persons"] = []
        case = open_case(
            actor="clerk" if direction == "incoming" else "officer",
            direction=direction,
            kind=kind,
            title=f"Case {name}",
            **extra,
        )
        CaseEvent.objects.filter(case=case).delete()
        for day, to in events:
            CaseEvent.objects.create(case=case, at=_at(day), kind="transition", to_status=to)
        Case.objects.filter(pk=case.pk).update(
            status=status,
            sealed=sealed,
            refusal_ground=ground,
            created_at=_at(created),
            received_at=_at(created) if direction == "incoming" else None,
            due_at=_at(due) if due else None,
            owner_authority=people["foreign_supervisor"].authority
            if owner == "XB"
            else people["supervisor"].authority,
        )
        return Case.objects.get(pk=case.pk)

    cases = {
        "A": make(
            "A",
            direction="incoming",
            status="executed",
            created="2026-01-10",
            events=[
                ("2026-01-10", "received"),
                ("2026-01-12", "registered"),
                ("2026-01-15", "assigned"),
                ("2026-01-20", "under_execution"),
                ("2026-02-09", "executed"),
            ],
        ),
        "B": make(
            "B",
            direction="incoming",
            status="refused",
            ground="mla_essential_interests",
            created="2026-01-15",
            events=[
                ("2026-01-15", "received"),
                ("2026-01-15", "registered"),
                ("2026-01-25", "refused"),
            ],
        ),
        "C": make(
            "C",
            direction="outgoing",
            kind="extradition",
            status="acknowledged",
            created="2026-01-28",
            due="2026-02-28",
            events=[
                ("2026-01-28", "draft"),
                ("2026-02-01", "approved"),
                ("2026-02-03", "transmitted"),
                ("2026-02-13", "acknowledged"),
                ("2026-02-20", "additional_information_requested"),
                ("2026-02-25", "acknowledged"),
            ],
        ),
        "D": make(
            "D",
            direction="outgoing",
            status="draft",
            created="2026-03-01",
            events=[("2026-03-01", "draft")],
        ),
        "S": make(
            "S",
            direction="incoming",
            status="received",
            created="2026-01-20",
            sealed=True,
            events=[("2026-01-20", "received")],
        ),
        "S2": make(
            "S2",
            direction="outgoing",
            status="transmitted",
            created="2026-02-25",
            sealed=True,
            events=[("2026-02-25", "draft"), ("2026-03-02", "transmitted")],
        ),
        "F": make(
            "F",
            direction="incoming",
            status="registered",
            created="2026-01-05",
            owner="XB",
            events=[("2026-01-05", "received"), ("2026-01-06", "registered")],
        ),
    }
    CaseGrant.objects.all().delete()
    CaseGrant.objects.create(case=cases["S2"], user=people["supervisor"])
    CaseGrant.objects.create(case=cases["A"], user=people["officer"])
    CaseGrant.objects.create(case=cases["S"], user=people["officer"])
    Measure.objects.filter(case__in=cases.values()).delete()
    Measure.objects.create(case=cases["A"], type="records", description="Bank records")
    InboxMessage.objects.create(
        sender_node="xb",
        message_id="m-a",
        state=InboxState.ACCEPTED,
        header_jws="h",
        header_sha256="0" * 64,
        received_at=_at("2026-01-10"),
        case=cases["A"],
    )
    ChannelRecord.objects.create(
        case=cases["C"],
        sent=True,
        channel="diplomatic",
        on=date(2026, 2, 3),
        recorded_by=people["officer"],
        recorded_at=_at("2026-02-03"),
    )
    from rogatory.apps.stats.services.refresh import stats_refresh

    stats_refresh(full=True)
    return cases
