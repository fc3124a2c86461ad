"""The pure parts: percentiles, periods and age bands, milestones, SVG charts (no database)."""

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rogatory.core.errors import DomainError
from rogatory.core.stats.charts import Bar, Series, bar_chart, series_chart
from rogatory.core.stats.milestones import milestones
from rogatory.core.stats.percentiles import histogram, median, p90, percentile
from rogatory.core.stats.periods import (
    AgeBand,
    Grain,
    Period,
    age_band,
    band_months,
    bucket_label,
    parse_month,
)
from rogatory.core.workflow import Direction

SVG = "{http://www.w3.org/2000/svg}"


def test_percentiles_by_nearest_rank() -> None:
    h = histogram([0, 2, 3, 3, 10, 40, 7, 8, 9, 12])
    # Sorted: 0 2 3 3 7 8 9 10 12 40; rank ceil(.5*10)=5 -> 7; ceil(.9*10)=9 -> 12.
    assert (median(h), p90(h)) == (7, 12)
    assert median(histogram([5])) == p90(histogram([5])) == 5
    assert median(histogram([])) is None
    assert percentile({1: 1, 2: 1}, 100) == 2
    with pytest.raises(ValueError, match="p must be"):
        percentile({1: 1}, 0)


@given(st.lists(st.integers(min_value=0, max_value=3000), min_size=1, max_size=200))
def test_percentile_matches_a_sorted_list(values: list[int]) -> None:
    ordered = sorted(values)
    for p in (50, 90):
        rank = -(-p * len(values) // 100)
        assert percentile(histogram(values), p) == ordered[rank - 1]


def test_periods_and_buckets() -> None:
    assert parse_month("2026-02", field="from") == date(2026, 2, 1)
    for bad in ("2026-13", "26-01", "2026-1", "x"):
        with pytest.raises(DomainError):
            parse_month(bad, field="from")
    with pytest.raises(DomainError):
        Period(date(2026, 3, 1), date(2026, 1, 1))
    year = Period(date(2025, 4, 1), date(2026, 3, 1))
    assert year.grain() is Grain.MONTH
    assert len(year.buckets()) == 12
    five = Period(date(2021, 1, 1), date(2025, 12, 1))
    assert five.grain() is Grain.QUARTER
    assert len(five.buckets()) == 20
    assert bucket_label(date(2024, 4, 1), Grain.QUARTER) == "2024-Q2"
    assert Period(date(2015, 1, 1), date(2025, 12, 1)).grain() is Grain.YEAR


def test_age_bands_and_their_months() -> None:
    march = date(2026, 3, 1)
    assert age_band(date(2026, 1, 1), march) is AgeBand.UNDER_3
    assert age_band(date(2025, 12, 1), march) is AgeBand.UNDER_6
    assert age_band(date(2025, 3, 1), march) is AgeBand.UNDER_24
    assert age_band(date(2024, 3, 1), march) is AgeBand.OLDER
    for band in AgeBand:
        first, last = band_months(band, march)
        assert age_band(last, march) is band
        if first is not None:
            assert age_band(first, march) is band


def _t(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def test_milestones_of_an_incoming_request_in_the_node_time_zone() -> None:
    m = milestones(
        direction=Direction.INCOMING,
        received_at=_t("2026-01-10", 23),
        events=[(_t("2026-01-11", 1), "registered"), (_t("2026-02-01"), "refused")],
        tz=ZoneInfo("UTC"),
    )
    assert (m.started, m.acknowledge, m.decide, m.execute) == (date(2026, 1, 10), 1, 22, None)
    # In Vladivostok (UTC+10) both the arrival and the registration fall on 11 January.
    east = milestones(
        direction=Direction.INCOMING,
        received_at=_t("2026-01-10", 23),
        events=[(_t("2026-01-11", 1), "registered")],
        tz=ZoneInfo("Asia/Vladivostok"),
    )
    assert (east.started, east.acknowledge) == (date(2026, 1, 11), 0)


def test_outgoing_clocks_start_at_transmission() -> None:
    draft = milestones(
        direction=Direction.OUTGOING,
        received_at=None,
        events=[(_t("2026-01-01"), "draft")],
        tz=ZoneInfo("UTC"),
    )
    assert draft.started is None
    assert draft.acknowledge is None
    sent = milestones(
        direction=Direction.OUTGOING,
        received_at=None,
        events=[
            (_t("2026-01-05"), "transmitted"),
            (_t("2026-01-09"), "acknowledged"),
            (_t("2026-03-01"), "executed"),
        ],
        tz=ZoneInfo("UTC"),
    )
    assert (sent.acknowledge, sent.decide, sent.execute) == (4, 55, 55)


@pytest.mark.parametrize("rtl", [False, True])
def test_charts_are_accessible_svg_with_escaped_labels(rtl: bool) -> None:
    svg = bar_chart(
        chart_id="c1",
        title="طلبات حسب النوع",
        desc="Bar chart <data> & table",
        bars=[Bar("المساعدة القانونية المتبادلة", 4), Bar("<script>", 1)],
        rtl=rtl,
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.findtext(f"{SVG}title") == "طلبات حسب النوع"
    assert root.findtext(f"{SVG}desc") == "Bar chart <data> & table"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>" in texts
    assert "4" in texts
    starts = {
        round(float(r.get("x", "")) + (float(r.get("width", "")) if rtl else 0))
        for r in root.iter(f"{SVG}rect")
    }
    # Every bar starts at the labels: on the left, or right to left on the right.
    assert starts == ({640 - 230} if rtl else {230})


def test_series_chart_runs_time_in_reading_direction() -> None:
    def first_label_x(rtl: bool) -> float:
        svg = series_chart(
            chart_id="c2",
            title="t",
            desc="d",
            labels=["2026-01", "2026-02"],
            series=[Series("Median", [3, None]), Series("P90", [5, 7])],
            lines=True,
            rtl=rtl,
        )
        root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
        tick = next(t for t in root.iter(f"{SVG}text") if t.text == "2026-01")
        return float(tick.get("x", ""))

    assert first_label_x(False) < 320 < first_label_x(True)


def test_charts_without_words_draw_digits_only() -> None:
    bars = bar_chart(
        chart_id="c3", title="عنوان", desc="d", bars=[Bar("وارد", 3)], rtl=True, text=False
    )
    series = series_chart(
        chart_id="c4",
        title="t",
        desc="d",
        labels=["2026-01"],
        series=[Series("وارد", [2])],
        rtl=True,
        text=False,
    )
    for svg in (bars, series):
        root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
        words = [t.text or "" for t in root.iter(f"{SVG}text")]
        assert all(not any("\u0600" <= ch <= "\u06ff" for ch in w) for w in words), words
        assert root.findtext(f"{SVG}title")  # still named for assistive technology
