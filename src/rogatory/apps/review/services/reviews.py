"""States parties, phases, country reviews drawn by lot, and their steps."""

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from babel import Locale
from django.db import IntegrityError, transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.review.access import check_write, today
from rogatory.apps.review.models import (
    CountryReview,
    Phase,
    ReviewerAssignment,
    ReviewStep,
    StateParty,
)
from rogatory.core.errors import DomainError
from rogatory.core.review.draw import draw_reviewers
from rogatory.core.review.parties import (
    EXAMPLE_PARTIES,
    PROTOCOLS,
    SOURCE_GROUPS,
    SOURCE_PARTIES,
    Instrument,
    Party,
)
from rogatory.core.review.steps import GROUP_YEARS, PHASES, STEP_RULES, Cluster, due_on
from rogatory.core.review.steps import StepKind as CoreStep

_LOCALES = {"ar": "ar", "zh-hans": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def _names(code: str, given: dict[str, str] | None) -> dict[str, str]:
    if given:
        return dict(given)
    out: dict[str, str] = {}
    for lang, loc in _LOCALES.items():
        name = Locale.parse(loc).territories.get(code)
        if name:
            out[lang] = str(name)
    return out or {"en": code}


def parties_load(
    *,
    actor: Any,
    parties: Iterable[Party] = EXAMPLE_PARTIES,
    names: dict[str, dict[str, str]] | None = None,
) -> int:
    """Write (or rewrite) the States parties and their instruments and groups."""
    check_write(actor, "review.parties_load")
    count = 0
    with transaction.atomic():
        for p in parties:
            StateParty.objects.update_or_create(
                code=p.code,
                defaults={
                    "names": _names(p.code, (names or {}).get(p.code)),
                    "regional_group": p.group.value,
                    "instruments": sorted(i.value for i in p.instruments),
                    "example": p.example,
                    "fictional": p.fictional,
                    "source": "" if p.fictional else f"{SOURCE_PARTIES}; {SOURCE_GROUPS}",
                },
            )
            count += 1
        for number in PHASES:
            Phase.objects.get_or_create(number=number, defaults={"cluster": Cluster(number)})
        audit_record(
            actor=actor,
            action="review.parties_load",
            obj=Phase.objects.get(number=1),
            changes={"parties": count},
        )
    return count


def _party(row: StateParty) -> Party:
    from rogatory.core.review.parties import RegionalGroup

    return Party(
        row.code,
        RegionalGroup(row.regional_group),
        frozenset(Instrument(i) for i in row.instruments),
        example=row.example,
        fictional=row.fictional,
    )


def review_draw(
    *,
    actor: Any,
    state: str,
    phase: int,
    group_year: int,
    started_on: date,
    seed: str | None = None,
) -> CountryReview:
    """Open a country review and draw its reviewing States by lot with a recorded seed."""
    check_write(actor, "review.draw")
    if phase not in PHASES:
        raise DomainError("review.phase_invalid", field="phase", value=phase)
    if group_year not in GROUP_YEARS:
        raise DomainError("review.group_invalid", field="group_year", value=group_year)
    if started_on > today():
        raise DomainError("review.date_future", field="started_on")
    seed = (seed or "").strip() or secrets.token_hex(8)
    if len(seed) > 64:
        raise DomainError("field.too_long", field="seed", max_length=64)
    with transaction.atomic():
        rows = list(StateParty.objects.all())
        if not any(r.code == state for r in rows):
            raise DomainError("review.not_a_party", field="state", state=state)
        draw = draw_reviewers(state, [_party(r) for r in rows], seed)
        phase_row, _ = Phase.objects.get_or_create(
            number=phase, defaults={"cluster": Cluster(phase)}
        )
        try:
            with transaction.atomic():
                review = CountryReview.objects.create(
                    state_id=state,
                    phase=phase_row,
                    group_year=group_year,
                    started_on=started_on,
                    seed=seed,
                    draw_log=draw.log,
                    drawn_by=actor,
                )
        except IntegrityError:
            raise DomainError("review.already_drawn", state=state, phase=phase) from None
        subject = next(r for r in rows if r.code == state)
        instruments = [Instrument.UNTOC] + [i for i in PROTOCOLS if i.value in subject.instruments]
        ReviewerAssignment.objects.bulk_create(
            ReviewerAssignment(review=review, instrument=i.value, slot=slot.value, reviewer_id=code)
            for i in instruments
            for slot, code in draw.reviewers(i).items()
        )
        ReviewStep.objects.bulk_create(
            ReviewStep(
                review=review,
                kind=rule.kind.value,
                position=n,
                due_on=due_on(rule.kind, started=started_on),
            )
            for n, rule in enumerate(STEP_RULES)
        )
        audit_record(
            actor=actor,
            action="review.draw",
            obj=review,
            changes={"state": state, "phase": phase, "seed": seed, "draw": draw.log},
        )
    return review


def phase_start(*, actor: Any, number: int, started_on: date) -> Phase:
    """Start a phase: fix the number of reviews scheduled at its start (Procedures para. 10)."""
    check_write(actor, "review.phase_start")
    with transaction.atomic():
        phase = Phase.objects.select_for_update().filter(number=number).first()
        if phase is None:
            raise DomainError("review.phase_not_found", number=number)
        if phase.started_on is not None:
            raise DomainError("review.phase_started", number=number)
        phase.started_on = started_on
        phase.scheduled = phase.reviews.count()
        phase.save(update_fields=["started_on", "scheduled"])
        audit_record(
            actor=actor,
            action="review.phase_start",
            obj=phase,
            changes={"started_on": started_on, "scheduled": phase.scheduled},
        )
    return phase


def step_done(*, actor: Any, review_id: int, step_id: int, done_on: date) -> ReviewStep:
    """Record a step as done; the next step's period may start from it (written feedback runs
    six months from the self-assessment answers)."""
    check_write(actor, "review.step_done")
    with transaction.atomic():
        step = (
            ReviewStep.objects.select_for_update().filter(pk=step_id, review_id=review_id).first()
        )
        if step is None:
            raise DomainError("review.step_not_found", step_id=step_id)
        review = step.review
        if step.done_on is not None:
            raise DomainError("review.step_done_already")
        if done_on > today() or done_on < review.started_on:
            raise DomainError("review.step_date_invalid", field="done_on")
        previous = review.steps.filter(position__lt=step.position, done_on=None).exists()
        if previous:
            raise DomainError("review.step_out_of_order")
        step.done_on = done_on
        step.save(update_fields=["done_on"])
        following = review.steps.filter(position=step.position + 1).first()
        if following is not None:
            following.due_on = due_on(
                CoreStep(following.kind), started=review.started_on, previous_done=done_on
            )
            following.save(update_fields=["due_on"])
        audit_record(
            actor=actor,
            action="review.step_done",
            obj=step,
            changes={"review": review.pk, "kind": step.kind, "done_on": done_on},
        )
    return step
