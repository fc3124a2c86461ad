"""Figures for central authorities: dashboards, drill-down to the cases, activity reports."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rogatory.apps.cases.choices import DirectionChoice, KindChoice
from rogatory.apps.cases.services.deadlines import node_zone
from rogatory.apps.directory.models import State
from rogatory.apps.stats.figures import dashboard_for, questionnaire_for
from rogatory.apps.stats.filters import Filters, drill_from, filters_from
from rogatory.apps.stats.reports import (
    FORMATS,
    REPORT_LANGUAGES,
    pdf_text,
    report_csv,
    report_pdf,
    report_xlsx,
)
from rogatory.apps.stats.selectors import drill_cases_for
from rogatory.core.errors import DomainError
from rogatory.core.stats.tables import ColumnType, Table
from rogatory.web.views.common import error_page


def _today() -> date:
    return timezone.now().astimezone(node_zone()).date()


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    return str(value)


def _rows(table: Table) -> list[dict[str, Any]]:
    base = reverse("web:stats_cases")
    rows = []
    first_count = next(
        (i for i, c in enumerate(table.columns) if c.type is ColumnType.INTEGER), None
    )
    for row, drill in zip(table.rows, table.drill, strict=True):
        cells = []
        for i, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            numeric = column.type in (ColumnType.INTEGER, ColumnType.PERCENT)
            query: dict[str, str] | None = None
            if drill is not None and numeric and value:
                if table.split and i in (1, 2):
                    direction = DirectionChoice.INCOMING if i == 1 else DirectionChoice.OUTGOING
                    query = {**drill, "direction": direction.value}
                elif (table.split and i == 3) or (not table.split and i == first_count):
                    query = drill
            url = f"{base}?{urlencode(query)}" if query is not None else None
            cells.append({"text": _shown(value), "numeric": numeric, "url": url})
        rows.append({"cells": cells})
    return rows


def _tables(tables: list[Table]) -> list[dict[str, Any]]:
    return [{"table": t, "rows": _rows(t)} for t in tables]


def _filter_context(f: Filters) -> dict[str, Any]:
    return {
        "filters": f,
        "query": urlencode(f.query()),
        "kinds": KindChoice.choices,
        "states": State.objects.order_by("code"),
        "directions": DirectionChoice.choices,
        "first": f"{f.period.first:%Y-%m}",
        "last": f"{f.period.last:%Y-%m}",
    }


@login_required
@require_GET
def stats_dashboard(request: HttpRequest) -> HttpResponse:
    try:
        f = filters_from(request.GET, today=_today())
        board = dashboard_for(
            actor=request.user, filters=f, today=_today(), rtl=translation.get_language_bidi()
        )
    except DomainError as err:
        return error_page(request, err)
    return render(
        request,
        "web/stats/dashboard.html",
        {
            **_filter_context(f),
            "board": board,
            "tables": _tables(board.tables),
            "languages": [
                (code, translation.get_language_info(code)["name_local"])
                for code in REPORT_LANGUAGES
            ],
            "formats": FORMATS,
        },
    )


@login_required
@require_GET
def stats_cases(request: HttpRequest) -> HttpResponse:
    try:
        drill = drill_from(request.GET, today=_today())
        total, cases = drill_cases_for(actor=request.user, drill=drill, today=_today())
    except DomainError as err:
        return error_page(request, err)
    return render(
        request,
        "web/stats/cases.html",
        {
            "total": total,
            "cases": cases,
            "shown": len(cases),
            "back": f"{reverse('web:stats_dashboard')}?{urlencode(drill.filters.query())}",
        },
    )


@login_required
@require_GET
def stats_report(request: HttpRequest) -> HttpResponse:
    language = request.GET.get("lang") or "en"
    fmt = request.GET.get("format") or "pdf"
    if language not in REPORT_LANGUAGES:
        return error_page(request, DomainError("stats.bad_language"))
    if fmt not in FORMATS:
        return error_page(request, DomainError("stats.bad_format"))
    try:
        f = filters_from(request.GET, today=_today())
        with translation.override(language):
            rtl = translation.get_language_bidi()
            board = dashboard_for(
                actor=request.user,
                filters=f,
                today=_today(),
                rtl=rtl,
                shape=pdf_text if fmt == "pdf" else None,
            )
            tables = [questionnaire_for(actor=request.user, filters=f), *board.tables]
            title = _("Activity report")
            period = f"{f.period.first:%Y-%m} – {f.period.last:%Y-%m}"
            if fmt == "pdf":
                html = render_to_string(
                    "web/stats/report_pdf.html",
                    {
                        "title": title,
                        "period": period,
                        "board": board,
                        "tables": _tables(tables),
                        "lang": language,
                        "rtl": rtl,
                    },
                )
    except DomainError as err:
        return error_page(request, err)
    name = f"activity-report-{f.period.first:%Y-%m}-{f.period.last:%Y-%m}-{language}"
    if fmt == "csv":
        body, ctype = report_csv(tables), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = report_xlsx(tables, title=f"{title} {period}", rtl=rtl)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, ctype = report_pdf(html), "application/pdf"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
