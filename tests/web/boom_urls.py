"""The node's URLs plus a page that fails, to see what an unexpected error looks like."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from rogatory.urls import urlpatterns as node_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("canary-7f3a: something unexpected")


urlpatterns = [path("boom/", boom), *node_urlpatterns]

handler400 = "rogatory.web.views.errors.bad_request"
handler403 = "rogatory.web.views.errors.permission_denied"
handler404 = "rogatory.web.views.errors.page_not_found"
handler500 = "rogatory.web.views.errors.server_error"
