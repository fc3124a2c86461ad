"""Screens of the letters area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path

from rogatory.web.views import letters

urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/letter/", letters.case_letter, name="case_letter"),
    path(
        "cases/<id:case_id>/letter/attach/", letters.case_letter_attach, name="case_letter_attach"
    ),
    path(
        "cases/<id:case_id>/extradition-summary/",
        letters.extradition_summary,
        name="extradition_summary",
    ),
]
