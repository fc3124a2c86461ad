"""Screens of the stats area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
