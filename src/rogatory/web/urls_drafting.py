"""Screens of the drafting area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path, re_path

from rogatory.web.views import drafting, persons, requirements_edit

urlpatterns: list[URLPattern] = [
    path(
        "cases/new/<str:direction>/<str:kind>/check/",
        drafting.draft_check_live,
        name="drafting_check_live",
    ),
    path(
        "cases/<id:case_id>/persons/<id:person_id>/files/new/",
        persons.person_file_add,
        name="person_file_add",
    ),
    path("cases/<int:case_id>/checklist/", drafting.case_checklist, name="drafting_checklist"),
    path("cases/<int:case_id>/translations/", drafting.translations, name="drafting_translations"),
    path(
        "cases/<int:case_id>/translations/<int:translation_id>/step/",
        drafting.translation_step_view,
        name="drafting_translation_step",
    ),
    # The requested States' requirements, kept by an administrator (a State code: two letters).
    path("directory/requirements/", requirements_edit.requirements_list, name="requirements_list"),
    re_path(
        r"^directory/requirements/(?P<state>[A-Za-z]{2})/$",
        requirements_edit.requirements_edit,
        name="requirements_edit",
    ),
    re_path(
        r"^directory/requirements/(?P<state>[A-Za-z]{2})/(?P<version>[0-9]{1,9})/publish/$",
        requirements_edit.requirements_publish,
        name="requirements_publish",
    ),
]
