from django.urls import include, path

from rogatory.api.v1.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    # Witnesses of other nodes' audit checkpoints (protocol.md §13), beside the exchange.
    path("exchange/witness/", include("rogatory.apps.audit.witness_urls")),
    path("exchange/", include("rogatory.apps.exchange.urls")),
    path("", include("rogatory.web.urls")),
]
