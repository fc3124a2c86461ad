from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from rogatory.web import views

app_name = "web"

urlpatterns = [
    path(
        "signin/",
        auth_views.LoginView.as_view(template_name="web/signin.html"),
        name="login",
    ),
    path("signout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("", views.case_list, name="case_list"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("audit/", views.audit_log, name="audit"),
]
