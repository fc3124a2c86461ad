"""The dashboard's figures as tables with their charts, in the active language."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rogatory.apps.cases.choices import DirectionChoice, GroundChoice, KindChoice, MeasureType
from rogatory.apps.directory.models import Channel, State
from rogatory.apps.stats.filters import NOT_SENT, Filters
from rogatory.apps.stats.models import RefreshMark
from rogatory.apps.stats.selectors import Scope, age_bands, stats_scope_for
from rogatory.core.stats.charts import PALETTE, Bar, Series, Shape, bar_chart, series_chart
from rogatory.core.stats.milestones import Metric
from rogatory.core.stats.percentiles import median, p90
from rogatory.core.stats.periods import AgeBand, Grain, add_months, bucket_label, bucket_of
from rogatory.core.stats.tables import Column, ColumnType, Table
from rogatory.core.workflow import CaseKind, Direction

IN, OUT = Direction.INCOMING.value, Direction.OUTGOING.value
T = ColumnType


def channel_labels() -> dict[str, str]:
    labels = {c.value: str(c.label) for c in Channel}
    labels[NOT_SENT] = _("Not recorded")
    return labels


def metric_labels() -> dict[str, str]:
    return {
        Metric.ACKNOWLEDGE.value: _("Time to acknowledge"),
        Metric.DECIDE.value: _("Time to decide"),
        Metric.EXECUTE.value: _("Time to execute"),
    }


def band_labels() -> dict[str, str]:
    return {
        AgeBand.UNDER_3.value: _("Under 3 months"),
        AgeBand.UNDER_6.value: _("3 to 5 months"),
        AgeBand.UNDER_12.value: _("6 to 11 months"),
        AgeBand.UNDER_24.value: _("12 to 23 months"),
        AgeBand.OLDER.value: _("24 months or more"),
    }


def _split_columns(first: str) -> list[Column]:
    return [
        Column(first, T.TEXT),
        Column(str(DirectionChoice.INCOMING.label)),
        Column(str(DirectionChoice.OUTGOING.label)),
        Column(_("Total")),
    ]


def _split_table(
    key: str,
    title: str,
    first: str,
    counts: Mapping[tuple[Any, str], int],
    labels: Mapping[str, str],
    drill_key: str | None,
    *,
    rtl: bool,
    shape: Shape | None = None,
    order: list[str] | None = None,
    extra: Mapping[str, str] | None = None,
) -> Table:
    table = Table(key=key, title=title, columns=_split_columns(first), split=True)
    categories = order or sorted(
        {c for c, _d in counts},
        key=lambda c: (-(counts.get((c, IN), 0) + counts.get((c, OUT), 0)), str(c)),
    )
    bars: list[Bar] = []
    for c in categories:
        i, o = counts.get((c, IN), 0), counts.get((c, OUT), 0)
        if order is None and i + o == 0:
            continue
        label = labels.get(c, str(c))
        table.add([label, i, o, i + o], {drill_key: str(c), **(extra or {})} if drill_key else None)
        bars.append(Bar(label, i + o))
    table.chart = bar_chart(
        chart_id=f"chart-{key}",
        title=title,
        desc=_("Bar chart; the figures are in the table beside it."),
        bars=bars,
        rtl=rtl,
        shape=shape,
    )
    return table


@dataclass(slots=True)
class Dashboard:
    filters: Filters
    tables: list[Table]
    headline: dict[str, int]
    # When the figures were last brought up to date (None: never; run `rogatory stats-refresh`).
    as_of: datetime | None = None

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _as_date(value: date | datetime) -> date:
    # Trunc on a date column gives a date on PostgreSQL and SQLite alike; a datetime is
    # accepted too, for backends that return one.
    return value.date() if isinstance(value, datetime) else value


def _bucket_drill(f: Filters, bucket: date, grain: Grain) -> dict[str, str]:
    size = {Grain.MONTH: 1, Grain.QUARTER: 3, Grain.YEAR: 12}[grain]
    first = max(bucket, f.period.first)
    last = min(add_months(bucket, size - 1), f.period.last)
    return {**f.query(), "from": f"{first:%Y-%m}", "to": f"{last:%Y-%m}"}


def dashboard_for(
    *, actor: Any, filters: Filters, today: date, rtl: bool = False, shape: Shape | None = None
) -> Dashboard:
    """`shape`: rewrites the charts' words for a renderer that does not shape text itself (the
    PDF: rogatory.apps.stats.reports.pdf_text); None for a browser."""
    scope = stats_scope_for(actor=actor)
    return build_dashboard(scope, filters, today=today, rtl=rtl, shape=shape)


def build_dashboard(
    scope: Scope, f: Filters, *, today: date, rtl: bool, shape: Shape | None = None
) -> Dashboard:
    grain = f.period.grain()
    buckets = f.period.buckets()
    base = f.query()
    tables: list[Table] = []

    # Volumes over time.
    per_month = scope.count(f, ["month", "direction"])
    by_bucket: Counter[tuple[date, str]] = Counter()
    for (month, direction), n in per_month.items():
        by_bucket[(bucket_of(month, grain), direction)] += n
    volumes = Table(
        key="volumes",
        title=_("Requests by period"),
        columns=[Column(_("Period"), T.MONTH), *_split_columns("")[1:]],
        split=True,
    )
    for b in buckets:
        i, o = by_bucket[(b, IN)], by_bucket[(b, OUT)]
        volumes.add([b, i, o, i + o], _bucket_drill(f, b, grain))
    labels = [bucket_label(b, grain) for b in buckets]
    volumes.chart = series_chart(
        chart_id="chart-volumes",
        title=volumes.title,
        desc=_("Column chart; the figures are in the table beside it."),
        labels=labels,
        series=[
            Series(str(DirectionChoice.INCOMING.label), [by_bucket[(b, IN)] for b in buckets]),
            Series(str(DirectionChoice.OUTGOING.label), [by_bucket[(b, OUT)] for b in buckets]),
        ],
        rtl=rtl,
        shape=shape,
    )
    volumes.legend = [
        (str(DirectionChoice.INCOMING.label), PALETTE[0]),
        (str(DirectionChoice.OUTGOING.label), PALETTE[1]),
    ]
    tables.append(volumes)
    total_in = sum(n for (_m, d), n in per_month.items() if d == IN)
    total_out = sum(n for (_m, d), n in per_month.items() if d == OUT)

    kinds = {k.value: str(k.label) for k in KindChoice}
    tables.append(
        _split_table(
            "kind",
            _("Requests by type"),
            _("Type of request"),
            scope.count(f, ["kind", "direction"]),
            kinds,
            "kind",
            rtl=rtl,
            shape=shape,
            extra=base,
        )
    )
    by_state = scope.count(f, ["other_state", "direction"])
    names = {s.code: s.name() for s in State.objects.filter(code__in={c for c, _d in by_state})}
    tables.append(
        _split_table(
            "state",
            _("Requests by State"),
            pgettext("international law", "State"),
            by_state,
            names,
            "state",
            rtl=rtl,
            shape=shape,
            extra=base,
        )
    )
    channels = scope.count(f, ["channel", "direction"])
    channel_table = _split_table(
        "channel",
        _("Requests by channel"),
        _("Channel"),
        channels,
        channel_labels(),
        "channel",
        rtl=rtl,
        shape=shape,
        extra=base,
    )
    sent = sum(n for (c, _d), n in channels.items() if c != NOT_SENT)
    electronic = sum(n for (c, _d), n in channels.items() if c == "secure_electronic")
    share = round(100 * electronic / sent) if sent else 0
    channel_table.note = _(
        "Electronic transmission: %(share)s %% of requests sent or received."
    ) % {"share": share}
    tables.append(channel_table)
    tables.append(
        _split_table(
            "measure",
            _("Requests by measure of assistance"),
            _("Measure"),
            scope.measures(f),
            {m.value: str(m.label) for m in MeasureType},
            "measure",
            rtl=rtl,
            shape=shape,
            extra=base,
        )
    )

    # Times, with their trends.
    times = Table(
        key="times",
        title=_("Time taken, in days"),
        columns=[
            Column(_("Measure of time"), T.TEXT),
            Column(_("Direction"), T.TEXT),
            Column(_("Cases")),
            Column(_("Median")),
            Column(_("90th percentile")),
        ],
    )
    metric_names = metric_labels()
    directions = {d.value: str(d.label) for d in DirectionChoice}
    for metric in Metric:
        hists = scope.durations(f, metric, ["direction"], grain=grain)
        for d in (IN, OUT):
            if f.direction and d != f.direction:
                continue
            h: Counter[int] = Counter()
            for (_m, direction), hist in hists.items():
                if direction == d:
                    h.update(hist)
            times.add(
                [metric_names[metric.value], directions[d], sum(h.values()), median(h), p90(h)],
                {**base, "metric": metric.value, "direction": d},
            )
        trend = Table(
            key=f"trend-{metric.value}",
            title=_("%(measure)s: trend") % {"measure": metric_names[metric.value]},
            columns=[
                Column(_("Period"), T.MONTH),
                Column(_("Cases")),
                Column(_("Median")),
                Column(_("90th percentile")),
            ],
        )
        per_bucket: dict[date, Counter[int]] = {b: Counter() for b in buckets}
        for (bucket, _d), hist in hists.items():
            per_bucket.setdefault(_as_date(bucket), Counter()).update(hist)
        for b in buckets:
            h = per_bucket[b]
            trend.add(
                [b, sum(h.values()), median(h), p90(h)],
                {**_bucket_drill(f, b, grain), "metric": metric.value},
            )
        trend.chart = series_chart(
            chart_id=f"chart-trend-{metric.value}",
            title=trend.title,
            desc=_("Line chart; the figures are in the table beside it."),
            labels=labels,
            series=[
                Series(_("Median"), [median(per_bucket[b]) for b in buckets]),
                Series(_("90th percentile"), [p90(per_bucket[b]) for b in buckets]),
            ],
            lines=True,
            rtl=rtl,
            shape=shape,
        )
        trend.legend = [(_("Median"), PALETTE[0]), (_("90th percentile"), PALETTE[1])]
        tables.append(trend)
    tables.insert(len(tables) - 3, times)

    # Backlog and ageing: pending now, whatever the period.
    pending = scope.count(f, ["month", "direction"], period=False, pending=True)
    bands = age_bands(pending, today)
    band_names = band_labels()
    snapshot = {k: v for k, v in base.items() if k not in ("from", "to")}
    tables.append(
        _split_table(
            "backlog",
            _("Pending requests by age"),
            _("Age"),
            {(b.value, d): n for (b, d), n in bands.items()},
            band_names,
            "band",
            rtl=rtl,
            shape=shape,
            order=[b.value for b in AgeBand],
            extra={**snapshot, "pending": "1"},
        )
    )
    overdue = scope.due(f, before=today)
    due_table = Table(
        key="overdue",
        title=_("Pending requests with a time limit passed"),
        columns=[Column(_("Direction"), T.TEXT), Column(_("Cases"))],
    )
    for d in (IN, OUT):
        due_table.add([directions[d], overdue[d]], {**snapshot, "overdue": "1", "direction": d})
    tables.append(due_table)

    info = scope.info_requests(f, ["direction"])
    info_table = Table(
        key="info",
        title=_("Requests for additional information"),
        columns=[Column(_("Direction"), T.TEXT), Column(_("Cases")), Column(_("Requests"))],
        note=_("Incoming: we asked the requesting State; outgoing: the requested State asked us."),
    )
    for d in (IN, OUT):
        cases, asks = info.get((d,), [0, 0])
        info_table.add([directions[d], cases, asks], {**base, "info": "1", "direction": d})
    tables.append(info_table)

    grounds = scope.count(f, ["refusal_ground", "direction"], refusal_ground__gt="")
    tables.append(
        _split_table(
            "refusals",
            _("Refusals by ground"),
            _("Ground"),
            grounds,
            {g.value: str(g.label) for g in GroundChoice},
            "ground",
            rtl=rtl,
            shape=shape,
            extra=base,
        )
    )
    headline = {
        "incoming": total_in,
        "outgoing": total_out,
        "pending": sum(pending.values()),
        "overdue": sum(overdue.values()),
        "refused": sum(grounds.values()),
        "electronic_percent": share,
    }
    mark = RefreshMark.objects.filter(id=1).values_list("refreshed_at", flat=True).first()
    return Dashboard(filters=f, tables=tables, headline=headline, as_of=mark)


ART_18 = frozenset(
    {
        CaseKind.MLA.value,
        CaseKind.CONFISCATION.value,
        CaseKind.JOINT_INVESTIGATION_TEAM.value,
        CaseKind.TRANSFER_OF_PROCEEDINGS.value,
    }
)
ART_16 = frozenset({CaseKind.EXTRADITION.value, CaseKind.PROVISIONAL_ARREST.value})


def questionnaire_for(*, actor: Any, filters: Filters) -> Table:
    """Figures asked by the self-assessment questionnaire on international cooperation of the
    Implementation Review Mechanism (COP resolution 10/1): requests sent and received under
    UNTOC art. 16 (extradition) and art. 18 (mutual legal assistance), granted, refused,
    pending, and the median time to decide."""
    scope = stats_scope_for(actor=actor)
    return build_questionnaire(scope, filters)


def build_questionnaire(scope: Scope, f: Filters) -> Table:
    counts = scope.count(f, ["kind", "direction", "status", "pending", "refusal_ground"])
    groups: list[tuple[str, frozenset[str], str]] = [
        (_("Extradition (art. 16), received"), ART_16, IN),
        (_("Extradition (art. 16), sent"), ART_16, OUT),
        (_("Mutual legal assistance (art. 18), received"), ART_18, IN),
        (_("Mutual legal assistance (art. 18), sent"), ART_18, OUT),
    ]
    table = Table(
        key="questionnaire",
        title=_("Self-assessment questionnaire: international cooperation"),
        columns=[
            Column(_("Requests"), T.TEXT),
            Column(_("Total")),
            Column(_("Granted or executed")),
            Column(_("Refused")),
            Column(_("Pending")),
            Column(_("Median days to decide")),
        ],
    )
    hists = scope.durations(f, Metric.DECIDE, ["kind", "direction"])
    for label, kinds, direction in groups:
        mine = {
            (status, pend, ground): n
            for (k, d, status, pend, ground), n in counts.items()
            if k in kinds and d == direction
        }
        h: Counter[int] = Counter()
        for (k, d), hist in hists.items():
            if k in kinds and d == direction:
                h.update(hist)
        refused = sum(n for (_s, _p, ground), n in mine.items() if ground)
        # Decided and not refused: granted, executed in part or whole, or surrendered, even if
        # the file was closed since (the status alone no longer says so).
        granted = max(sum(h.values()) - refused, 0)
        pending = sum(n for (_s, pend, _g), n in mine.items() if pend)
        table.add([label, sum(mine.values()), granted, refused, pending, median(h)])
    return table
