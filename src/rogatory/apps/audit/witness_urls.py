"""The witness endpoint (c2sp.org/tlog-witness); the project includes it at
``exchange/witness/``, so peers post to ``<registry endpoint>/witness/add-checkpoint``."""

from django.urls import path

from rogatory.apps.audit import witness_views

app_name = "audit_witness"
urlpatterns = [path("add-checkpoint", witness_views.add_checkpoint, name="add_checkpoint")]
