"""Screens of the drafting area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path

from rogatory.web.views import drafting

urlpatterns: list[URLPattern] = [
    path(
        "cases/new/<str:direction>/<str:kind>/check/",
        drafting.draft_check_live,
        name="drafting_check_live",
    ),
    path("cases/<int:case_id>/checklist/", drafting.case_checklist, name="drafting_checklist"),
    path("cases/<int:case_id>/translations/", drafting.translations, name="drafting_translations"),
    path(
        "cases/<int:case_id>/translations/<int:translation_id>/step/",
        drafting.translation_step_view,
        name="drafting_translation_step",
    ),
]
