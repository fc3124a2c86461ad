"""Reads of the review register, each behind rogatory.apps.review.access.check_read."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from rogatory.apps.review.access import WRITERS, check_read, review_available, today
from rogatory.apps.review.models import (
    ConstructiveDialogue,
    CountryReview,
    Meeting,
    Phase,
    ReviewerAssignment,
    ReviewNotice,
    ReviewStep,
    StateParty,
    StepKind,
    WorkSlot,
)
from rogatory.core.errors import DomainError
from rogatory.core.review.steps import RULES, STEP_RULES, Urgency, urgency
from rogatory.core.review.steps import StepKind as CoreStep
from rogatory.core.review.threshold import Threshold, threshold

STEPS = len(STEP_RULES)


@dataclass(frozen=True, slots=True)
class Progress:
    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True, slots=True)
class PhaseView:
    phase: Phase
    reviews: int
    threshold: Threshold
    # The phase after this one, which the 70 % of this one lets start.
    next_number: int | None


@dataclass(frozen=True, slots=True)
class Reminder:
    step: ReviewStep
    urgency: Urgency


@dataclass(slots=True)
class Overview:
    today: date
    phases: list[PhaseView] = field(default_factory=list)
    by_group: list[Progress] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    reviews: list[CountryReview] = field(default_factory=list)


def _reviews() -> QuerySet[CountryReview]:
    return CountryReview.objects.select_related("state", "phase").prefetch_related(
        Prefetch("steps", queryset=ReviewStep.objects.order_by("position")),
        Prefetch("reviewers", queryset=ReviewerAssignment.objects.select_related("reviewer")),
    )


def review_progress(review: CountryReview) -> Progress:
    steps = list(review.steps.all())
    return Progress(str(review.state), sum(1 for s in steps if s.done_on), len(steps) or STEPS)


def _completed_on(review: CountryReview) -> date | None:
    for s in review.steps.all():
        if s.kind == StepKind.SUMMARY:
            return s.done_on
    return None


def overview_for(*, actor: Any) -> Overview:
    check_read(actor)
    now = today()
    reviews = list(_reviews().order_by("phase_id", "group_year", "state_id"))
    out = Overview(today=now, reviews=reviews)
    phases = list(Phase.objects.order_by("number"))
    numbers = [p.number for p in phases]
    for p in phases:
        mine = [r for r in reviews if r.phase_id == p.number]
        # Before the phase starts, the reviews drawn so far stand for those to be scheduled.
        scheduled = p.scheduled if p.started_on else len(mine)
        completions = [d for d in (_completed_on(r) for r in mine) if d is not None]
        later = [n for n in numbers if n > p.number]
        out.phases.append(
            PhaseView(
                phase=p,
                reviews=len(mine),
                threshold=threshold(
                    scheduled=scheduled,
                    completions=completions,
                    phase_started=p.started_on,
                    today=now,
                ),
                next_number=later[0] if later else None,
            )
        )
    for year in sorted({r.group_year for r in reviews}):
        mine = [r for r in reviews if r.group_year == year]
        out.by_group.append(
            Progress(
                str(year),
                sum(1 for r in mine if _completed_on(r) is not None),
                len(mine),
            )
        )
    for r in reviews:
        for s in r.steps.all():
            u = urgency(s.due_on, s.done_on, now)
            if u in (Urgency.OVERDUE, Urgency.DUE_SOON):
                out.reminders.append(Reminder(s, u))
    out.reminders.sort(key=lambda x: (x.step.due_on or now, x.step.review_id))
    return out


def review_get_for(*, actor: Any, review_id: int) -> CountryReview:
    check_read(actor)
    review = _reviews().filter(pk=review_id).first()
    if review is None:
        raise DomainError("review.review_not_found", review_id=review_id)
    return review


def review_list_for(*, actor: Any) -> list[CountryReview]:
    check_read(actor)
    return list(_reviews().order_by("phase_id", "group_year", "state_id"))


def parties_for(*, actor: Any) -> list[StateParty]:
    check_read(actor)
    return list(StateParty.objects.order_by("code"))


def step_source(kind: str) -> str:
    return RULES[CoreStep(kind)].source


def meetings_for(*, actor: Any) -> list[Meeting]:
    check_read(actor)
    return list(Meeting.objects.order_by("-starts_on", "id"))


def meeting_get_for(*, actor: Any, meeting_id: int) -> Meeting:
    check_read(actor)
    meeting = (
        Meeting.objects.filter(pk=meeting_id)
        .prefetch_related(
            "items",
            Prefetch(
                "slots",
                queryset=WorkSlot.objects.prefetch_related("items").order_by("day", "period"),
            ),
            "documents__item",
            "videos__delegation",
            "videos__item",
            "dialogues",
        )
        .first()
    )
    if meeting is None:
        raise DomainError("review.meeting_not_found", meeting_id=meeting_id)
    return meeting


def dialogues_for(*, actor: Any) -> list[ConstructiveDialogue]:
    check_read(actor)
    return list(ConstructiveDialogue.objects.select_related("meeting").order_by("-held_on"))


def review_notices_for(*, actor: Any, unread_only: bool = False) -> QuerySet[ReviewNotice]:
    """The actor's reminders of review steps; none off a Secretariat node or for a user who is
    no longer of the Secretariat (a notice written before says nothing to them)."""
    if not review_available(actor) or actor.role not in WRITERS:
        return ReviewNotice.objects.none()
    rows = ReviewNotice.objects.filter(user_id=actor.pk)
    if unread_only:
        rows = rows.filter(read_at=None)
    return rows.select_related("step__review__state").order_by("-created_at", "-id")
