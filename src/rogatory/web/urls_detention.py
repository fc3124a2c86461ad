"""Screens of the detention area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path

from rogatory.web.views import detention

urlpatterns: list[URLPattern] = [
    path("detention/", detention.dossier_list, name="detention_dossiers"),
    path("detention/<id:dossier_id>/", detention.dossier_detail, name="detention_dossier"),
    path("cases/<id:case_id>/detention/", detention.case_detention, name="case_detention"),
    path(
        "cases/<id:case_id>/detention/<slug:part>/",
        detention.case_detention_record,
        name="case_detention_record",
    ),
    path(
        "competing/<id:file_id>/consultations/",
        detention.competing_consultation,
        name="competing_consultation",
    ),
]
