from django.urls import include, path
from django.views.generic import RedirectView

from rogatory.web.converters import register as register_converters
from rogatory.web.views import (
    accounts,
    audit,
    case_clocks,
    case_forms,
    case_nationality,
    cases,
    competing,
    conversation,
    dashboard,
    directory,
    documents,
    items,
    notifications,
    other_channels,
    passkeys,
    persons,
    security,
    signin,
)

# Ids in paths: only numbers a row can have (rogatory.web.converters).
register_converters()

app_name = "web"

urlpatterns = [
    path("signin/", accounts.SignInView.as_view(), name="login"),
    path("signout/", accounts.SignOutView.as_view(), name="logout"),
    path("language/", accounts.language_set, name="language"),
    path("signin/code/", signin.second_factor, name="second_factor"),
    path("signin/confirm/", signin.reauth, name="reauth"),
    path("signin/passkey/options/", passkeys.passkey_signin_options, name="passkey_signin_options"),
    path("signin/passkey/", passkeys.passkey_signin, name="passkey_signin"),
    path("account/", security.account, name="account"),
    path("account/passkeys/new/", passkeys.passkey_new, name="passkey_new"),
    path(
        "account/passkeys/options/",
        passkeys.passkey_register_options,
        name="passkey_register_options",
    ),
    path("account/passkeys/", passkeys.passkey_register, name="passkey_register"),
    path(
        "account/passkeys/<id:passkey_id>/remove/",
        passkeys.passkey_remove,
        name="passkey_remove",
    ),
    path("account/two-factor/", security.two_factor_setup, name="two_factor_setup"),
    path("account/password/", security.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/reset/<uidb64>/<token>/",
        security.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("account/sign-out-everywhere/", security.sign_out_everywhere, name="sign_out_everywhere"),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("", dashboard.home, name="dashboard"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", case_forms.case_new, name="case_new"),
    path("cases/new/row/<str:prefix>/", case_forms.formset_row, name="formset_row"),
    path("cases/new/<str:direction>/<str:kind>/", case_forms.case_create, name="case_create"),
    path("cases/<id:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<id:case_id>/edit/", case_forms.case_edit, name="case_edit"),
    path("cases/<id:case_id>/persons/new/", persons.person_add, name="person_add"),
    path(
        "cases/<id:case_id>/persons/<id:person_id>/edit/",
        persons.person_edit,
        name="person_edit",
    ),
    path(
        "cases/<id:case_id>/persons/<id:person_id>/remove/",
        persons.person_remove,
        name="person_remove",
    ),
    path("cases/<id:case_id>/offences/new/", case_forms.offence_add, name="offence_add"),
    path(
        "cases/<id:case_id>/offences/<id:offence_id>/edit/",
        items.offence_edit,
        name="offence_edit",
    ),
    path(
        "cases/<id:case_id>/offences/<id:offence_id>/remove/",
        items.offence_remove,
        name="offence_remove",
    ),
    path("cases/<id:case_id>/matches/", competing.case_matches, name="case_matches"),
    path(
        "cases/<id:case_id>/matches/<id:match_id>/decide/",
        competing.match_decision,
        name="match_decision",
    ),
    path("cases/<id:case_id>/competing/open/", competing.competing_open, name="competing_open"),
    path("competing/<id:file_id>/", competing.competing_file, name="competing_file"),
    path("cases/<id:case_id>/measures/new/", case_forms.measure_add, name="measure_add"),
    path(
        "cases/<id:case_id>/measures/<id:measure_id>/edit/",
        items.measure_edit,
        name="measure_edit",
    ),
    path(
        "cases/<id:case_id>/measures/<id:measure_id>/remove/",
        items.measure_remove,
        name="measure_remove",
    ),
    path(
        "cases/<id:case_id>/transition/<str:target>/",
        cases.case_transition,
        name="case_transition",
    ),
    path("cases/<id:case_id>/event-dates/", case_clocks.event_date_set, name="case_event_date"),
    path("cases/<id:case_id>/package/", other_channels.package_download, name="case_package"),
    path("cases/<id:case_id>/dispatch/", other_channels.dispatch_record, name="case_dispatch"),
    path(
        "cases/<id:case_id>/received-by-other-channel/",
        other_channels.paper_receive,
        name="case_paper_receive",
    ),
    path(
        "cases/<id:case_id>/time-limits/",
        case_clocks.time_limit_basis_set,
        name="case_time_limit_basis",
    ),
    path(
        "cases/<id:case_id>/nationalities/",
        case_nationality.nationality_add,
        name="case_nationality_add",
    ),
    path(
        "cases/<id:case_id>/nationality-steps/",
        case_nationality.follow_up_open,
        name="case_nationality_follow_up_open",
    ),
    path(
        "cases/<id:case_id>/nationality-steps/<id:follow_up_id>/",
        case_nationality.follow_up_update,
        name="case_nationality_follow_up_update",
    ),
    path("cases/<id:case_id>/team/", cases.grant_add, name="grant_add"),
    path(
        "cases/<id:case_id>/team/<id:user_id>/revoke/",
        cases.grant_revoke,
        name="grant_revoke",
    ),
    path("cases/<id:case_id>/documents/new/", documents.document_add, name="document_add"),
    path(
        "cases/<id:case_id>/communications/new/",
        conversation.communication_new,
        name="communication_new",
    ),
    path(
        "cases/<id:case_id>/documents/<id:document_id>/",
        documents.document_download,
        name="document_download",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("directory/", directory.directory, name="directory"),
    path("audit/", audit.audit_log, name="audit"),
    path("users/", accounts.user_list, name="user_list"),
    path("users/new/", accounts.user_create, name="user_create"),
    path("users/<id:user_id>/", accounts.user_edit, name="user_edit"),
    path("users/<id:user_id>/deactivate/", accounts.user_deactivate, name="user_deactivate"),
    path(
        "users/<id:user_id>/reset-link/", security.password_reset_link, name="password_reset_link"
    ),
    path(
        "users/<id:user_id>/two-factor/reset/", security.two_factor_reset, name="two_factor_reset"
    ),
    # Each area's screens in its own module (names stay in the "web" namespace).
    path("", include("rogatory.web.urls_letters")),
    path("", include("rogatory.web.urls_drafting")),
    path("", include("rogatory.web.urls_hearings")),
    path("", include("rogatory.web.urls_stats")),
    path("", include("rogatory.web.urls_review")),
    path("", include("rogatory.web.urls_detention")),
]
