"""Exchange endpoints; the project includes them at ``exchange/`` (the registry endpoint)."""

from django.urls import path, register_converter

from rogatory.apps.exchange import views


class _MessageId:
    regex = r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_MessageId, "uuid7")

app_name = "exchange"
urlpatterns = [
    path(
        "messages/<uuid7:message_id>/parts/<int:part>/chunks/<int:chunk>",
        views.chunk_put,
        name="chunk_put",
    ),
    path("messages/<uuid7:message_id>/parts/<int:part>/chunks", views.chunk_list, name="chunks"),
    path("messages/<uuid7:message_id>/commit", views.commit, name="commit"),
    path("batch", views.batch, name="batch"),
    path("outbox", views.outbox_list, name="outbox"),
    path(
        "outbox/<uuid7:message_id>/parts/<int:part>/chunks/<int:chunk>",
        views.outbox_chunk_get,
        name="outbox_chunk",
    ),
    path("outbox/<uuid7:message_id>/signal", views.outbox_signal, name="outbox_signal"),
]
