"""Screens of the stats area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path

from rogatory.web.views import stats

urlpatterns: list[URLPattern] = [
    path("figures/", stats.stats_dashboard, name="stats_dashboard"),
    path("figures/cases/", stats.stats_cases, name="stats_cases"),
    path("figures/report/", stats.stats_report, name="stats_report"),
]
