"""The figures pages: dashboard, drill-down, reports (PDF in Arabic and Chinese, XLSX, CSV)."""

import io
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.utils import translation

from rogatory.apps.cases.choices import KindChoice
from rogatory.apps.stats.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
Q1 = {"from": "2026-01", "to": "2026-03"}


@pytest.fixture(autouse=True)
def _today() -> Any:
    with mock.patch("rogatory.web.views.stats._today", return_value=TODAY):
        yield


def test_dashboard_shows_charts_tables_and_drill_links(
    register: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    response = client_for("supervisor").get("/figures/", Q1)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') >= 8
    assert 'aria-labelledby="chart-volumes-title chart-volumes-desc"' in html
    assert "/figures/cases/?" in html
    assert 'href="/figures/"' in html  # the nav link "Figures"


def test_drill_down_lists_only_the_cases_behind_the_figure(
    register: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    client = client_for("supervisor")
    overdue = client.get("/figures/cases/", {"overdue": "1"})
    assert overdue.status_code == 200
    assert overdue.context["total"] == 1
    assert [c.title for c in overdue.context["cases"]] == ["Case C"]
    january_in = client.get("/figures/cases/", {**Q1, "direction": "incoming"})
    # S is sealed and not in the supervisor's team; F belongs to another authority.
    assert sorted(c.title for c in january_in.context["cases"]) == ["Case A", "Case B"]
    sealed_team = client.get("/figures/cases/", {**Q1, "direction": "outgoing", "month": "2026-03"})
    assert sorted(c.title for c in sealed_team.context["cases"]) == ["Case D", "Case S2"]
    refused = client.get("/figures/cases/", {**Q1, "ground": "mla_essential_interests"})
    assert [c.title for c in refused.context["cases"]] == ["Case B"]
    records = client.get("/figures/cases/", {**Q1, "measure": "records"})
    assert [c.title for c in records.context["cases"]] == ["Case A"]
    backlog = client.get("/figures/cases/", {"pending": "1", "band": "0-2"})
    assert sorted(c.title for c in backlog.context["cases"]) == ["Case C", "Case D", "Case S2"]


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2026-13"},
        {"from": "2026-03", "to": "2026-01"},
        {"from": "1000-01", "to": "2026-01"},
        {"kind": "bogus"},
        {"state": "X'; --"},
        {"direction": "sideways"},
    ],
)
def test_bad_input_is_refused_with_4xx(
    register: dict[str, Any], client_for: Callable[[str], Client], query: dict[str, str]
) -> None:
    client = client_for("supervisor")
    for url in ("/figures/", "/figures/cases/", "/figures/report/"):
        assert client.get(url, query).status_code in (400, 422), (url, query)


@pytest.mark.parametrize(
    "query",
    [{"month": "soon"}, {"channel": "pigeon"}, {"band": "old"}, {"ground": "x"}, {"metric": "y"}],
)
def test_bad_drill_down_is_refused_with_4xx(
    register: dict[str, Any], client_for: Callable[[str], Client], query: dict[str, str]
) -> None:
    assert client_for("supervisor").get("/figures/cases/", query).status_code == 422


def test_report_rejects_unknown_language_or_format(
    register: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    client = client_for("supervisor")
    assert client.get("/figures/report/", {"lang": "de"}).status_code == 422
    assert client.get("/figures/report/", {"format": "doc"}).status_code == 422


@pytest.mark.parametrize("who", ["clerk", "admin"])
def test_figures_refused_to_clerks_and_administrators(
    register: dict[str, Any], client_for: Callable[[str], Client], who: str, writes: Any
) -> None:
    before = writes()
    for url in ("/figures/", "/figures/cases/", "/figures/report/"):
        assert client_for(who).get(url).status_code == 403
    assert writes() == before


def test_xlsx_has_typed_columns(
    register: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    from openpyxl import load_workbook

    response = client_for("supervisor").get("/figures/report/", {**Q1, "format": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    questionnaire = book.worksheets[0]
    assert questionnaire["A1"].value == "Self-assessment questionnaire: international cooperation"
    assert [c.value for c in questionnaire[5]] == [
        "Mutual legal assistance (art. 18), received",
        2,
        1,
        1,
        0,
        10,
    ]
    volumes = book.worksheets[1]
    assert isinstance(volumes["A3"].value, datetime)
    assert volumes["A3"].value.date() == date(2026, 1, 1)
    assert volumes["A3"].number_format == "yyyy-mm"
    assert [c.value for c in volumes[3]][1:] == [2, 0, 2]
    assert all(isinstance(c.value, int) for c in volumes[3][1:])


def test_csv_report(register: dict[str, Any], client_for: Callable[[str], Client]) -> None:
    response = client_for("supervisor").get("/figures/report/", {**Q1, "format": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffSelf-assessment questionnaire")
    assert "2026-01,2,0,2" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_pdf_report_in_arabic_and_chinese(
    register: dict[str, Any], client_for: Callable[[str], Client], language: str, tmp_path: Any
) -> None:
    response = client_for("supervisor").get(
        "/figures/report/", {**Q1, "format": "pdf", "lang": language}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    with translation.override(language):
        mla = str(KindChoice.MLA.label)
        title = translation.gettext("Activity report")
        by_type = translation.gettext("Requests by type")
    assert mla != "Mutual legal assistance"  # the catalogue translates it
    flat = "".join(text.split())
    for expected in (mla, title, by_type):
        assert "".join(expected.split()) in flat, expected


@pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="pdftotext and pdftoppm (poppler) not installed",
)
@pytest.mark.parametrize("language", ["ar", "zh-hans", "ru"])
def test_pdf_charts_carry_their_words_inside(
    register: dict[str, Any], client_for: Callable[[str], Client], language: str, tmp_path: Any
) -> None:
    # given the activity report of the first quarter in the language, as PDF
    response = client_for("supervisor").get(
        "/figures/report/", {**Q1, "format": "pdf", "lang": language}
    )
    assert response.status_code == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    # when its text is extracted (Arabic presentation forms read back as their letters)
    raw = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = "".join(unicodedata.normalize("NFKC", raw).split())
    with translation.override(language):
        mla = "".join(str(KindChoice.MLA.label).split())
    # then the type of request is named in the chart as in the tables, in logical order
    # two rows of the questionnaire (received, sent), the row of the table and the chart's bar
    assert text.count(mla) == 4, mla
    if language == "ar":
        assert re.search("[\ufe70-\ufefc]", raw)  # the chart's Arabic was given joined
        # and the first page, rendered, is kept for a human look at the joined letters
        out = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "110",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / "figures-report-ar"),
            ],
            check=True,
        )
        assert (out / "figures-report-ar.png").stat().st_size > 10_000


def test_pdf_text_joins_arabic_and_leaves_other_scripts() -> None:
    # given words in Arabic, Chinese, Russian and digits
    # when they are prepared for a chart of the PDF
    # then Arabic comes in presentation forms, visual order, brackets as given; others unchanged
    from rogatory.apps.stats.reports import pdf_text

    assert pdf_text("طلب (2)") == "(2) \ufe90\ufee0\ufec3"
    assert unicodedata.normalize("NFKC", pdf_text("وارد"))[::-1] == "وارد"
    for same in ("司法协助", "Входящие", "2026-01", "Incoming (3)"):
        assert pdf_text(same) == same


def test_pdf_charts_name_bars_and_series_in_shaped_arabic() -> None:
    # given a bar chart and a column chart with Arabic words, drawn for the PDF
    from rogatory.apps.stats.reports import pdf_text
    from rogatory.core.stats.charts import Bar, Series, bar_chart, series_chart

    bars = bar_chart(
        chart_id="b", title="t", desc="d", bars=[Bar("طلب", 3)], rtl=True, shape=pdf_text
    )
    series = series_chart(
        chart_id="s",
        title="t",
        desc="d",
        labels=["2026-01"],
        series=[Series("طلب", [2])],
        rtl=True,
        shape=pdf_text,
    )
    # then the bar's label and the series' name are written joined, in visual order
    for svg in (bars, series):
        assert ">\ufe90\ufee0\ufec3</text>" in svg
        assert "طلب" not in svg
    assert ">2026-01</text>" in series
