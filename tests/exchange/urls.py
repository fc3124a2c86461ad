"""Project URLs plus the exchange endpoints at ``exchange/`` (until the project includes them)."""

from django.urls import include, path

from rogatory.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("exchange/", include("rogatory.apps.exchange.urls")), *project_urlpatterns]
