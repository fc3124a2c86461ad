from django.urls import include, path

from rogatory.api.v1.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("exchange/", include("rogatory.apps.exchange.urls")),
    path("", include("rogatory.web.urls")),
]
