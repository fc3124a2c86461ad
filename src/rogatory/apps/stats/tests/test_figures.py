"""Every figure of the dashboard against the hand-computed register of conftest.py."""

from datetime import date
from typing import Any

import pytest

from rogatory.apps.stats.figures import build_questionnaire, dashboard_for, questionnaire_for
from rogatory.apps.stats.filters import Filters
from rogatory.apps.stats.selectors import stats_scope_for
from rogatory.apps.stats.tests.conftest import TODAY
from rogatory.core.errors import DomainError
from rogatory.core.stats.periods import Period

pytestmark = pytest.mark.django_db
Q1 = Filters(period=Period(date(2026, 1, 1), date(2026, 3, 1)))


def rows(board: Any, key: str) -> list[list[Any]]:
    found: list[list[Any]] = board.table(key).rows
    return found


def test_supervisor_figures_count_own_unsealed_cases_and_sealed_team_cases_only(
    register: dict[str, Any], people: dict[str, Any]
) -> None:
    # Given the register; when the supervisor of XA reads the first quarter
    board = dashboard_for(actor=people["supervisor"], filters=Q1, today=TODAY)
    # then S (sealed, not in their team) and F (another authority) are not counted; S2
    # (sealed, in their team) is.
    assert rows(board, "volumes") == [
        [date(2026, 1, 1), 2, 0, 2],
        [date(2026, 2, 1), 0, 1, 1],
        [date(2026, 3, 1), 0, 2, 2],
    ]
    assert board.headline == {
        "incoming": 2,
        "outgoing": 3,
        "pending": 3,
        "overdue": 1,
        "refused": 1,
        "electronic_percent": 50,
    }
    assert rows(board, "kind") == [
        ["Mutual legal assistance", 2, 2, 4],
        ["Extradition", 0, 1, 1],
    ]
    assert [r[1:] for r in rows(board, "state")] == [[2, 3, 5]]
    assert rows(board, "channel") == [
        ["Not recorded", 1, 2, 3],
        ["Diplomatic channel", 0, 1, 1],
        ["Secure electronic transmission", 1, 0, 1],
    ]
    assert [r[1:] for r in rows(board, "measure")] == [[1, 0, 1]]
    assert rows(board, "times") == [
        ["Time to acknowledge", "Incoming", 2, 0, 2],
        ["Time to acknowledge", "Outgoing", 1, 10, 10],
        ["Time to decide", "Incoming", 2, 10, 10],
        ["Time to decide", "Outgoing", 0, None, None],
        ["Time to execute", "Incoming", 1, 30, 30],
        ["Time to execute", "Outgoing", 0, None, None],
    ]
    assert rows(board, "trend-acknowledge") == [
        [date(2026, 1, 1), 2, 0, 2],
        [date(2026, 2, 1), 1, 10, 10],
        [date(2026, 3, 1), 0, None, None],
    ]
    assert rows(board, "backlog")[0] == ["Under 3 months", 0, 3, 3]
    assert [r[1:] for r in rows(board, "backlog")[1:]] == [[0, 0, 0]] * 4
    assert rows(board, "overdue") == [["Incoming", 0], ["Outgoing", 1]]
    assert rows(board, "info") == [["Incoming", 0, 0], ["Outgoing", 1, 1]]
    assert [r[1:] for r in rows(board, "refusals")] == [[1, 0, 1]]


def test_officer_figures_are_their_team_cases_sealed_included(
    register: dict[str, Any], people: dict[str, Any]
) -> None:
    board = dashboard_for(actor=people["officer"], filters=Q1, today=TODAY)
    assert rows(board, "volumes")[0] == [date(2026, 1, 1), 2, 0, 2]
    assert board.headline["pending"] == 1  # S, received, sealed: in the officer's team
    assert rows(board, "times")[0] == ["Time to acknowledge", "Incoming", 1, 2, 2]


def test_foreign_supervisor_sees_only_their_authority(
    register: dict[str, Any], people: dict[str, Any]
) -> None:
    board = dashboard_for(actor=people["foreign_supervisor"], filters=Q1, today=TODAY)
    assert rows(board, "volumes")[0] == [date(2026, 1, 1), 1, 0, 1]
    assert rows(board, "times")[0] == ["Time to acknowledge", "Incoming", 1, 1, 1]


def test_filters_by_type_state_and_period(register: dict[str, Any], people: dict[str, Any]) -> None:
    only_extradition = Filters(period=Q1.period, kind="extradition")
    board = dashboard_for(actor=people["supervisor"], filters=only_extradition, today=TODAY)
    assert board.headline["incoming"] == 0
    assert board.headline["outgoing"] == 1
    february = Filters(period=Period(date(2026, 2, 1), date(2026, 2, 1)))
    board = dashboard_for(actor=people["supervisor"], filters=february, today=TODAY)
    assert rows(board, "volumes") == [[date(2026, 2, 1), 0, 1, 1]]
    # Backlog and overdue are a picture of today, whatever the period.
    assert board.headline["pending"] == 3
    assert board.headline["overdue"] == 1
    other = Filters(period=Q1.period, state="FR")
    board = dashboard_for(actor=people["supervisor"], filters=other, today=TODAY)
    assert board.headline["incoming"] == board.headline["outgoing"] == 0


def test_cells_and_live_facts_give_the_same_figures(
    register: dict[str, Any], people: dict[str, Any]
) -> None:
    # The supervisor's own cases come from the cells; read live instead, they must agree.
    from rogatory.apps.stats.figures import build_dashboard
    from rogatory.apps.stats.models import CaseFact
    from rogatory.apps.stats.selectors import Scope

    scope = stats_scope_for(actor=people["supervisor"])
    live = Scope(
        authority_id=None,
        extras=CaseFact.objects.filter(authority=people["supervisor"].authority).exclude(
            sealed=True, case_id__in=[register["S"].pk]
        ),
    )
    a = build_dashboard(scope, Q1, today=TODAY, rtl=False)
    b = build_dashboard(live, Q1, today=TODAY, rtl=False)
    assert [t.rows for t in a.tables] == [t.rows for t in b.tables]
    assert build_questionnaire(scope, Q1).rows == build_questionnaire(live, Q1).rows


def test_questionnaire_figures(register: dict[str, Any], people: dict[str, Any]) -> None:
    table = questionnaire_for(actor=people["supervisor"], filters=Q1)
    assert table.rows == [
        ["Extradition (art. 16), received", 0, 0, 0, 0, None],
        ["Extradition (art. 16), sent", 1, 0, 0, 1, None],
        ["Mutual legal assistance (art. 18), received", 2, 1, 1, 0, 10],
        ["Mutual legal assistance (art. 18), sent", 2, 0, 0, 2, None],
    ]


@pytest.mark.parametrize("who", ["clerk", "admin"])
def test_clerks_and_administrators_get_no_figures(
    register: dict[str, Any], people: dict[str, Any], who: str
) -> None:
    from rogatory.apps.audit.models import AccessDenial

    before = AccessDenial.objects.count()
    with pytest.raises(DomainError) as err:
        dashboard_for(actor=people[who], filters=Q1, today=TODAY)
    assert err.value.code == "stats.forbidden"
    assert AccessDenial.objects.count() == before + 1


def test_refresh_picks_up_a_change(register: dict[str, Any], people: dict[str, Any]) -> None:
    from rogatory.apps.cases.models import Case, CaseEvent
    from rogatory.apps.stats.services.refresh import stats_refresh
    from rogatory.apps.stats.tests.conftest import _at

    # Given C is acknowledged; when the requested State grants extradition and we refresh
    CaseEvent.objects.create(
        case=register["C"], at=_at("2026-03-10"), kind="transition", to_status="extradition_granted"
    )
    Case.objects.filter(pk=register["C"].pk).update(status="extradition_granted")
    done = stats_refresh()
    # then the time to decide counts it (35 days).
    assert done["cases"] >= 1
    board = dashboard_for(actor=people["supervisor"], filters=Q1, today=TODAY)
    assert rows(board, "times")[3] == ["Time to decide", "Outgoing", 1, 35, 35]


@pytest.mark.parametrize("who", ["supervisor", "auditor", "officer", "foreign_supervisor"])
def test_visible_facts_are_exactly_the_visible_cases(
    register: dict[str, Any], people: dict[str, Any], who: str
) -> None:
    from rogatory.apps.cases.selectors import case_queryset_for
    from rogatory.apps.stats.models import CaseFact
    from rogatory.apps.stats.selectors import visible_facts_q

    actor = people[who]
    facts = set(CaseFact.objects.filter(visible_facts_q(actor)).values_list("case_id", flat=True))
    assert facts == set(case_queryset_for(actor=actor).values_list("pk", flat=True))


def _cells() -> dict[str, set[tuple[Any, ...]]]:
    from rogatory.apps.stats.models import DueCell, DurationCell, MeasureCell, VolumeCell

    return {
        m.__name__: {tuple(v for k, v in row.items() if k != "id") for row in m.objects.values()}
        for m in (VolumeCell, DurationCell, MeasureCell, DueCell)
    }


def test_incremental_refresh_gives_the_cells_of_a_full_rebuild(
    register: dict[str, Any], people: dict[str, Any]
) -> None:
    from rogatory.apps.cases.models import Case, CaseEvent, Measure
    from rogatory.apps.stats.services.refresh import stats_refresh
    from rogatory.apps.stats.tests.conftest import _at

    # Given changes of every kind: a status, a seal, a new measure, a deadline met
    CaseEvent.objects.create(
        case=register["A"], at=_at("2026-03-01"), kind="transition", to_status="closed"
    )
    Case.objects.filter(pk=register["A"].pk).update(status="closed")
    Case.objects.filter(pk=register["B"].pk).update(sealed=True)
    Measure.objects.create(case=register["D"], type="taking_evidence", description="Hearing")
    Case.objects.filter(pk=register["C"].pk).update(due_at=None)
    # when the worker refreshes by deltas
    stats_refresh()
    by_delta = _cells()
    # then the cells are those a full rebuild makes
    stats_refresh(full=True)
    assert by_delta == _cells()
    board = dashboard_for(actor=people["supervisor"], filters=Q1, today=TODAY)
    assert board.headline["incoming"] == 1  # B is sealed now, and not in the team
    assert board.headline["overdue"] == 0


def test_stats_refresh_command(register: dict[str, Any]) -> None:
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command("stats-refresh", "--full", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"cases": 7, "cells": 4}
