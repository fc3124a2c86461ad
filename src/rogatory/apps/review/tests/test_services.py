"""Writes of the review register: the draw recorded and audited, steps and their time limits,
the phase's scheduled reviews fixed at its start, the programme's document symbols."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from rogatory.apps.audit.models import AccessDenial, AuditEvent
from rogatory.apps.review.access import today
from rogatory.apps.review.models import CountryReview, Phase, ReviewStep
from rogatory.apps.review.selectors import overview_for
from rogatory.apps.review.services import (
    document_add,
    meeting_create,
    phase_start,
    review_draw,
    step_done,
    video_add,
)
from rogatory.core.errors import DomainError
from rogatory.core.review.draw import draw_reviewers
from rogatory.core.review.parties import DEMO_PARTIES, Instrument

pytestmark = pytest.mark.django_db
START = date(2024, 1, 31)


def _draw(actor: Any, state: str = "XD", seed: str = "s-1", phase: int = 1) -> CountryReview:
    return review_draw(
        actor=actor, state=state, phase=phase, group_year=2020, started_on=START, seed=seed
    )


def test_a_draw_records_its_seed_reviewers_steps_and_an_audit_event(
    secretariat: Any, parties: None
) -> None:
    review = _draw(secretariat)
    expected = draw_reviewers("XD", DEMO_PARTIES, "s-1")
    assert review.seed == "s-1"
    assert review.draw_log == expected.log
    # XD is party to UNTOC and the Smuggling Protocol only: reviewers for those two.
    rows = {(a.instrument, a.slot): a.reviewer_id for a in review.reviewers.all()}
    assert {i for i, _ in rows} == {Instrument.UNTOC.value, Instrument.SMUGGLING.value}
    for instrument in (Instrument.UNTOC, Instrument.SMUGGLING):
        for slot, code in expected.reviewers(instrument).items():
            assert rows[(instrument.value, slot.value)] == code
    due = {s.kind: s.due_on for s in review.steps.all()}
    assert due == {
        "focal_point": date(2024, 2, 14),
        "experts": date(2024, 2, 28),
        "self_assessment": date(2024, 7, 31),
        "written_feedback": None,
        "list_of_observations": None,
        "summary": None,
    }
    event = AuditEvent.objects.get(action="review.draw")
    assert event.changes["seed"] == "s-1"
    assert event.changes["draw"] == expected.log


def test_the_same_seed_draws_the_same_reviewers_again(secretariat: Any, parties: None) -> None:
    first = _draw(secretariat, state="XA", seed="again", phase=1)
    second = _draw(secretariat, state="XA", seed="again", phase=2)
    assert first.draw_log == second.draw_log


def test_an_empty_seed_is_replaced_by_a_random_recorded_one(
    secretariat: Any, parties: None
) -> None:
    review = review_draw(
        actor=secretariat, state="XA", phase=1, group_year=2021, started_on=START, seed=" "
    )
    assert len(review.seed) == 16
    assert review.draw_log == draw_reviewers("XA", DEMO_PARTIES, review.seed).log


def test_one_review_per_state_and_phase(
    secretariat: Any, parties: None, counts: Callable[[], tuple[int, ...]]
) -> None:
    _draw(secretariat)
    before = counts()
    with pytest.raises(DomainError) as err:
        _draw(secretariat, seed="other")
    assert err.value.code == "review.already_drawn"
    assert counts() == before


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"state": "ZZ"}, "review.not_a_party"),
        ({"phase": 5}, "review.phase_invalid"),
        ({"group_year": 2019}, "review.group_invalid"),
        ({"started_on": date(2999, 1, 1)}, "review.date_future"),
    ],
)
def test_bad_draws_are_refused_and_write_nothing(
    secretariat: Any,
    parties: None,
    counts: Callable[[], tuple[int, ...]],
    kwargs: dict[str, Any],
    code: str,
) -> None:
    args: dict[str, Any] = {
        "state": "XA",
        "phase": 1,
        "group_year": 2020,
        "started_on": START,
        "seed": "x",
    }
    args.update(kwargs)
    before = counts()
    with pytest.raises(DomainError) as err:
        review_draw(actor=secretariat, **args)
    assert err.value.code == code
    assert counts() == before


@pytest.mark.parametrize("role", ["auditor", "supervisor", "case_officer", "administrator"])
def test_only_the_secretariat_draws(
    secretariat: Any,
    parties: None,
    counts: Callable[[], tuple[int, ...]],
    role: str,
) -> None:
    from rogatory.apps.accounts.models import User

    other = User.objects.create_user(username=f"u-{role}", password="x", role=role)
    before = counts()
    with pytest.raises(DomainError) as err:
        _draw(other)
    assert err.value.code == ("review.write_forbidden" if role == "auditor" else "review.forbidden")
    assert counts() == before
    assert AccessDenial.objects.filter(actor=f"u-{role}", action="review.draw").count() == 1


def test_nothing_exists_on_a_node_not_run_by_the_secretariat(
    secretariat: Any, parties: None, settings: Any
) -> None:
    settings.SECRETARIAT_NODE = False
    with pytest.raises(DomainError) as err:
        _draw(secretariat)
    assert err.value.code == "review.not_found"
    with pytest.raises(DomainError) as err:
        overview_for(actor=secretariat)
    assert err.value.code == "review.not_found"


def test_written_feedback_falls_due_six_months_after_the_answers(
    secretariat: Any, parties: None
) -> None:
    review = _draw(secretariat)
    steps = {s.kind: s for s in review.steps.all()}
    for kind, day in (
        ("focal_point", date(2024, 2, 10)),
        ("experts", date(2024, 2, 20)),
        ("self_assessment", date(2024, 8, 31)),
    ):
        step_done(actor=secretariat, review_id=review.pk, step_id=steps[kind].pk, done_on=day)
    feedback = ReviewStep.objects.get(review=review, kind="written_feedback")
    assert feedback.due_on == date(2025, 2, 28)
    assert AuditEvent.objects.filter(action="review.step_done").count() == 3


def test_steps_are_done_in_order_and_not_in_the_future(
    secretariat: Any, parties: None, counts: Callable[[], tuple[int, ...]]
) -> None:
    review = _draw(secretariat)
    steps = {s.kind: s for s in review.steps.all()}
    before = counts()
    with pytest.raises(DomainError) as err:
        step_done(
            actor=secretariat,
            review_id=review.pk,
            step_id=steps["self_assessment"].pk,
            done_on=date(2024, 5, 1),
        )
    assert err.value.code == "review.step_out_of_order"
    with pytest.raises(DomainError) as err:
        step_done(
            actor=secretariat,
            review_id=review.pk,
            step_id=steps["focal_point"].pk,
            done_on=today() + timedelta(days=1),
        )
    assert err.value.code == "review.step_date_invalid"
    with pytest.raises(DomainError) as err:
        step_done(
            actor=secretariat,
            review_id=review.pk + 1,
            step_id=steps["focal_point"].pk,
            done_on=START,
        )
    assert err.value.code == "review.step_not_found"
    assert counts() == before


def test_a_phase_fixes_the_reviews_scheduled_at_its_start(secretariat: Any, parties: None) -> None:
    for code in ("XA", "XB", "XC"):
        _draw(secretariat, state=code, seed=code)
    phase = phase_start(actor=secretariat, number=1, started_on=START)
    assert phase.scheduled == 3
    _draw(secretariat, state="XD", seed="late")
    assert Phase.objects.get(number=1).scheduled == 3
    view = overview_for(actor=secretariat)
    assert view.phases[0].threshold.scheduled == 3
    with pytest.raises(DomainError) as err:
        phase_start(actor=secretariat, number=1, started_on=START)
    assert err.value.code == "review.phase_started"


def test_a_document_needs_a_valid_symbol_once(
    secretariat: Any, parties: None, counts: Callable[[], tuple[int, ...]]
) -> None:
    meeting = meeting_create(
        actor=secretariat,
        body="international_cooperation",
        title="WG",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 2),
    )
    doc = document_add(
        actor=secretariat,
        meeting_id=meeting.pk,
        symbol="CTOC/COP/WG.3/2024/2",
        title="Background paper",
        languages=["fr", "en", "ar"],
    )
    assert doc.languages == ["ar", "en", "fr"]
    before = counts()
    for symbol, code in (
        ("CTOC/WG3/2024/2", "review.symbol_invalid"),
        (doc.symbol, "review.symbol_taken"),
    ):
        with pytest.raises(DomainError) as err:
            document_add(
                actor=secretariat, meeting_id=meeting.pk, symbol=symbol, title="x", languages=[]
            )
        assert err.value.code == code
    assert counts() == before


def test_a_video_statement_starts_untranslated_but_for_its_original(
    secretariat: Any, parties: None
) -> None:
    meeting = meeting_create(
        actor=secretariat,
        body="firearms",
        title="WG",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 1),
    )
    video = video_add(
        actor=secretariat,
        meeting_id=meeting.pk,
        delegation="XC",
        original="ru",
        translations={"en": "done"},
    )
    assert video.translations == {
        "ar": "not_started",
        "zh": "not_started",
        "en": "done",
        "fr": "not_started",
        "ru": "original",
        "es": "not_started",
    }
