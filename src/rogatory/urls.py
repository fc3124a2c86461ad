from django.urls import include, path

from rogatory.api.v1.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    # Witnesses of other nodes' audit checkpoints (protocol.md §13), beside the exchange.
    path("exchange/witness/", include("rogatory.apps.audit.witness_urls")),
    path("exchange/", include("rogatory.apps.exchange.urls")),
    path("", include("rogatory.web.urls")),
]

# Friendly pages in the user's language; the 500 page carries an incident id that is logged
# with the traceback (rogatory.apps.incidents).
handler400 = "rogatory.web.views.errors.bad_request"
handler403 = "rogatory.web.views.errors.permission_denied"
handler404 = "rogatory.web.views.errors.page_not_found"
handler500 = "rogatory.web.views.errors.server_error"
