"""The witness endpoint where the project will include it (``exchange/witness/``)."""

from django.urls import include, path

urlpatterns = [path("exchange/witness/", include("rogatory.apps.audit.witness_urls"))]
