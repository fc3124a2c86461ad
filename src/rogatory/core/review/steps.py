"""Clusters, phases, the steps of a country review and their time limits.

Sources: COP resolution 9/1, annex (Procedures and rules for the functioning of the Mechanism),
and the guidelines for country reviews adopted by resolution 10/1. Day counting: calendar days
and calendar months from the day the step's period starts; a month added to the 29th-31st
lands on the last day of a shorter month.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum


class Cluster(IntEnum):
    """The four thematic clusters of the articles of UNTOC and its Protocols, reviewed one per
    phase (Procedures; resolution 9/1). Cluster 1 is verified; the names and order of 2-4 are
    as usually listed and not verified against the Procedures text."""

    CRIMINALIZATION_JURISDICTION = 1
    PREVENTION_ASSISTANCE_PROTECTION = 2
    LAW_ENFORCEMENT_JUDICIAL = 3
    INTERNATIONAL_COOPERATION = 4


# Phase n reviews cluster n; a whole country review of the four phases takes about eight years.
PHASES = tuple(int(c) for c in Cluster)

# The States were split by lot into three groups starting in consecutive years.
GROUP_YEARS = (2020, 2021, 2022)


class StepKind(StrEnum):
    FOCAL_POINT = "focal_point"
    EXPERTS = "experts"
    SELF_ASSESSMENT = "self_assessment"
    WRITTEN_FEEDBACK = "written_feedback"
    LIST_OF_OBSERVATIONS = "list_of_observations"
    SUMMARY = "summary"


class Basis(StrEnum):
    """When a step's period starts."""

    REVIEW_START = "review_start"
    # Written feedback: within 6 months of receiving the self-assessment answers.
    PREVIOUS_STEP_DONE = "previous_step_done"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class StepRule:
    kind: StepKind
    basis: Basis
    days: int = 0
    months: int = 0
    source: str = ""


STEP_RULES: tuple[StepRule, ...] = (
    # The State under review appoints its focal point within two weeks, and its governmental
    # experts within four weeks, by note verbale (Procedures; guidelines for country reviews).
    StepRule(StepKind.FOCAL_POINT, Basis.REVIEW_START, days=14, source="Procedures, res. 9/1"),
    StepRule(StepKind.EXPERTS, Basis.REVIEW_START, days=28, source="Procedures, res. 9/1"),
    # The self-assessment questionnaire is answered within six months.
    StepRule(StepKind.SELF_ASSESSMENT, Basis.REVIEW_START, months=6, source="Procedures, res. 9/1"),
    # The reviewing States give written feedback within six months of receiving the answers.
    StepRule(
        StepKind.WRITTEN_FEEDBACK,
        Basis.PREVIOUS_STEP_DONE,
        months=6,
        source="Procedures, res. 9/1",
    ),
    # The list of observations and its summary have no fixed time limit; they go to the
    # working groups once the focal points have cleared them (blueprints, res. 10/1).
    StepRule(StepKind.LIST_OF_OBSERVATIONS, Basis.NONE, source="Procedures, res. 10/1"),
    StepRule(StepKind.SUMMARY, Basis.NONE, source="Procedures, res. 10/1"),
)
RULES = {r.kind: r for r in STEP_RULES}


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(kind: StepKind, *, started: date, previous_done: date | None = None) -> date | None:
    """The last day of the step, or None where no limit applies or its period has not begun."""
    rule = RULES[kind]
    if rule.basis == Basis.NONE:
        return None
    base = started if rule.basis == Basis.REVIEW_START else previous_done
    if base is None:
        return None
    return add_months(base, rule.months) + timedelta(days=rule.days)


@dataclass(frozen=True, slots=True)
class StepState:
    kind: StepKind
    due: date | None
    done: date | None


def all_due_dates(started: date, done: dict[StepKind, date | None]) -> list[StepState]:
    """Each step with its due date given the steps done so far."""
    out: list[StepState] = []
    previous: date | None = None
    for rule in STEP_RULES:
        finished = done.get(rule.kind)
        out.append(
            StepState(
                rule.kind, due_on(rule.kind, started=started, previous_done=previous), finished
            )
        )
        previous = finished
    return out


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"


# A reminder shows from this many days before a step's last day.
REMIND_DAYS = 14


def urgency(due: date | None, done: date | None, today: date) -> Urgency | None:
    if done is not None or due is None:
        return None
    if today > due:
        return Urgency.OVERDUE
    if (due - today).days <= REMIND_DAYS:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME
