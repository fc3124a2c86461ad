from django.urls import path
from django.views.generic import RedirectView

from rogatory.web.views import (
    accounts,
    audit,
    case_forms,
    cases,
    dashboard,
    directory,
    documents,
)

app_name = "web"

urlpatterns = [
    path("signin/", accounts.SignInView.as_view(), name="login"),
    path("signout/", accounts.SignOutView.as_view(), name="logout"),
    path("language/", accounts.language_set, name="language"),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("", dashboard.home, name="dashboard"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", case_forms.case_new, name="case_new"),
    path("cases/new/row/<str:prefix>/", case_forms.formset_row, name="formset_row"),
    path("cases/new/<str:direction>/<str:kind>/", case_forms.case_create, name="case_create"),
    path("cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:case_id>/edit/", case_forms.case_edit, name="case_edit"),
    path("cases/<int:case_id>/persons/new/", case_forms.person_add, name="person_add"),
    path("cases/<int:case_id>/offences/new/", case_forms.offence_add, name="offence_add"),
    path("cases/<int:case_id>/measures/new/", case_forms.measure_add, name="measure_add"),
    path(
        "cases/<int:case_id>/transition/<str:target>/",
        cases.case_transition,
        name="case_transition",
    ),
    path("cases/<int:case_id>/team/", cases.grant_add, name="grant_add"),
    path(
        "cases/<int:case_id>/team/<int:user_id>/revoke/",
        cases.grant_revoke,
        name="grant_revoke",
    ),
    path("cases/<int:case_id>/documents/new/", documents.document_add, name="document_add"),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/",
        documents.document_download,
        name="document_download",
    ),
    path("directory/", directory.directory, name="directory"),
    path("audit/", audit.audit_log, name="audit"),
    path("users/", accounts.user_list, name="user_list"),
    path("users/new/", accounts.user_create, name="user_create"),
    path("users/<int:user_id>/", accounts.user_edit, name="user_edit"),
    path("users/<int:user_id>/deactivate/", accounts.user_deactivate, name="user_deactivate"),
]
