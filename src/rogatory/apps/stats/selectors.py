"""Reads of the figures, each checked against what the reader may see.

Who reads figures, and over what:
- supervisors and auditors: the cases of their central authority that are not sealed (the
  pre-aggregated cells) plus the cases they see through a grant (sealed ones of their team,
  other authorities' cases shared with them), read live from the facts;
- case officers: the cases of their team, read live from the facts (a team is small);
- registry clerks and administrators: none. A clerk sees only the requests waiting to be
  registered, which make no figures; an administrator sees no case (cases.selectors).
The split follows `cases.selectors.visible_cases_q` exactly: the extras are the visible cases
minus those the cells hold, so no case is counted twice or counted unseen.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import Trunc

from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.models import Case, CaseGrant, Measure
from rogatory.apps.stats.filters import Drill, Filters
from rogatory.apps.stats.models import CaseFact, DueCell, DurationCell, MeasureCell, VolumeCell
from rogatory.core.errors import DomainError
from rogatory.core.stats.milestones import Metric
from rogatory.core.stats.periods import AgeBand, Grain, age_band, band_months, month_of
from rogatory.core.workflow import Role

FIGURE_ROLES = frozenset({Role.SUPERVISOR, Role.AUDITOR, Role.CASE_OFFICER})
_AGGREGATED = frozenset({Role.SUPERVISOR, Role.AUDITOR})


def figures_allowed(actor: Any) -> bool:
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role in FIGURE_ROLES
    )


@dataclass(frozen=True, slots=True)
class Scope:
    """The cells (None: none) and the live facts a reader's figures are made of."""

    authority_id: int | None
    extras: QuerySet[CaseFact]

    def _cells(self, model: Any, f: Filters | None, *, period: bool = True) -> QuerySet[Any]:
        if self.authority_id is None:
            none: QuerySet[Any] = model.objects.none()
            return none
        return _filtered(model.objects.filter(authority_id=self.authority_id), f, period)

    def _facts(self, f: Filters | None, *, period: bool = True) -> QuerySet[CaseFact]:
        return _filtered(self.extras, f, period)

    def count(
        self, f: Filters | None, dims: Iterable[str], *, period: bool = True, **where: object
    ) -> Counter[tuple[Any, ...]]:
        """Cases per combination of `dims` (fields common to facts and volume cells)."""
        dims = list(dims)
        out: Counter[tuple[Any, ...]] = Counter()
        cells = self._cells(VolumeCell, f, period=period).filter(**where)
        for row in cells.values_list(*dims).annotate(n=Sum("cases")).order_by():
            out[tuple(row[:-1])] += row[-1]
        facts = self._facts(f, period=period).filter(**where)
        for row in facts.values_list(*dims).annotate(n=Count("pk")).order_by():
            out[tuple(row[:-1])] += row[-1]
        return out

    def info_requests(self, f: Filters, dims: Iterable[str]) -> dict[tuple[Any, ...], list[int]]:
        """Per combination: [cases with a request for more information, requests]."""
        dims = list(dims)
        out: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
        cells = self._cells(VolumeCell, f).filter(info_requested=True)
        for *key, cases, asks in (
            cells.values_list(*dims).annotate(c=Sum("cases"), a=Sum("info_requests")).order_by()
        ):
            out[tuple(key)][0] += cases
            out[tuple(key)][1] += asks
        facts = self._facts(f).filter(info_requests__gt=0)
        for *key, cases, asks in (
            facts.values_list(*dims).annotate(c=Count("pk"), a=Sum("info_requests")).order_by()
        ):
            out[tuple(key)][0] += cases
            out[tuple(key)][1] += asks
        return out

    def durations(
        self, f: Filters, metric: Metric, dims: Iterable[str], *, grain: Grain | None = None
    ) -> dict[tuple[Any, ...], Counter[int]]:
        """Histograms (days -> cases) of one metric per combination of `dims`, first by the
        period bucket (month, quarter, year) with `grain`: summed in the database, so that
        years of months do not travel to Python one day count at a time."""
        dims = list(dims)
        column = f"{metric.value}_days"
        out: dict[tuple[Any, ...], Counter[int]] = defaultdict(Counter)
        cells = self._cells(DurationCell, f).filter(metric=metric.value)
        facts = self._facts(f).filter(**{f"{column}__isnull": False})
        if grain is not None:
            bucket = Trunc("month", grain.value, output_field=DateField())
            cells, facts = cells.annotate(bucket=bucket), facts.annotate(bucket=bucket)
            dims = ["bucket", *dims]
        for *key, days, n in cells.values_list(*dims, "days").annotate(n=Sum("cases")).order_by():
            out[tuple(key)][days] += n
        for *key, days, n in facts.values_list(*dims, column).annotate(n=Count("pk")).order_by():
            out[tuple(key)][days] += n
        return out

    def measures(self, f: Filters) -> Counter[tuple[str, str]]:
        """(measure, direction) -> cases asking for it (a case with two measures counts in both)."""
        out: Counter[tuple[str, str]] = Counter()
        cells = self._cells(MeasureCell, f)
        for measure, direction, n in (
            cells.values_list("measure", "direction").annotate(n=Sum("cases")).order_by()
        ):
            out[(measure, direction)] += n
        facts = self._facts(f)
        rows = (
            Measure.objects.filter(case_id__in=facts.values("case_id"))
            .values_list("case_id", "type")
            .distinct()
        )
        direction_of = dict(facts.values_list("case_id", "direction"))
        for case_id, measure in rows:
            out[(measure, direction_of[case_id])] += 1
        return out

    def due(self, f: Filters, *, before: date) -> Counter[str]:
        """Pending cases whose earliest open deadline's last day is before `before`, by direction
        (all periods: an overdue deadline is overdue whenever the request arrived)."""
        out: Counter[str] = Counter()
        cells = self._cells(DueCell, f, period=False).filter(due_on__lt=before)
        for direction, n in cells.values_list("direction").annotate(n=Sum("cases")).order_by():
            out[direction] += n
        facts = self._facts(f, period=False).filter(due_on__lt=before)
        for direction, n in facts.values_list("direction").annotate(n=Count("pk")).order_by():
            out[direction] += n
        return out


def _filtered(qs: QuerySet[Any], f: Filters | None, period: bool) -> QuerySet[Any]:
    if f is None:
        return qs
    if period:
        qs = qs.filter(month__gte=f.period.first, month__lte=f.period.last)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.state:
        qs = qs.filter(other_state_id=f.state)
    if f.direction:
        qs = qs.filter(direction=f.direction)
    return qs


def _check(actor: Any) -> None:
    if not figures_allowed(actor):
        access_denied(actor=actor, action="stats.read", object_type="figures", object_id="-")
        raise DomainError("stats.forbidden")


def _team(actor: Any) -> QuerySet[CaseGrant]:
    return CaseGrant.objects.filter(user=actor, revoked_at=None)


def visible_facts_q(actor: Any) -> Q:
    """`cases.selectors.visible_cases_q` for the roles that read figures, on the facts' own
    columns, so the database need not join the cases (a test checks they agree)."""
    team = Q(case_id__in=_team(actor).values("case_id"))
    if actor.role in _AGGREGATED:
        return Q(authority_id=actor.authority_id, sealed=False) | team
    return team


def stats_scope_for(*, actor: Any) -> Scope:
    _check(actor)
    team = CaseFact.objects.filter(case_id__in=_team(actor).values("case_id"))
    if actor.role in _AGGREGATED:
        # Visible = own unsealed (the cells) + team; the extras are the team minus own unsealed.
        extras = team.exclude(authority_id=actor.authority_id, sealed=False)
        return Scope(authority_id=actor.authority_id, extras=extras)
    return Scope(authority_id=None, extras=team)


DRILL_LIMIT = 200


def drill_cases_for(*, actor: Any, drill: Drill, today: date) -> tuple[int, list[Case]]:
    """The cases behind a figure that the actor may see: their number and the newest ones."""
    _check(actor)
    f = drill.filters
    snapshot = drill.pending or drill.overdue or bool(drill.band)
    facts = _filtered(
        CaseFact.objects.filter(visible_facts_q(actor)),
        f,
        period=not snapshot,
    )
    where = Q()
    if drill.month:
        where &= Q(month=drill.month)
    for field, value in (
        ("channel", drill.channel),
        ("status", drill.status),
        ("refusal_ground", drill.ground),
    ):
        if value:
            where &= Q(**{field: value})
    if drill.refused:
        where &= ~Q(refusal_ground="")
    if drill.metric:
        where &= Q(**{f"{drill.metric}_days__isnull": False})
    if drill.info:
        where &= Q(info_requests__gt=0)
    if drill.pending or drill.band:
        where &= Q(pending=True)
    if drill.band:
        this_month = month_of(today)
        first, last = band_months(AgeBand(drill.band), this_month)
        where &= Q(month__lte=last) & (Q() if first is None else Q(month__gte=first))
    if drill.overdue:
        where &= Q(due_on__lt=today)
    if drill.measure:
        where &= Q(case_id__in=Measure.objects.filter(type=drill.measure).values("case_id"))
    facts = facts.filter(where)
    total = facts.count()
    ids = list(
        facts.order_by("-opened_on", "-case_id").values_list("case_id", flat=True)[:DRILL_LIMIT]
    )
    cases = Case.objects.filter(pk__in=ids).select_related("requesting_state", "requested_state")
    order = {pk: i for i, pk in enumerate(ids)}
    return total, sorted(cases, key=lambda c: order[c.pk])


def age_bands(months: Counter[tuple[Any, ...]], today: date) -> Counter[tuple[AgeBand, str]]:
    """(band, direction) -> pending cases, from counts per (month, direction)."""
    this_month = month_of(today)
    out: Counter[tuple[AgeBand, str]] = Counter()
    for (month, direction), n in months.items():
        out[(age_band(month, this_month), direction)] += n
    return out
