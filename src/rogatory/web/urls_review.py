"""Screens of the review area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path

from rogatory.web.views import review

urlpatterns: list[URLPattern] = [
    path("review/", review.overview, name="review_overview"),
    path("review/draw/", review.draw, name="review_draw"),
    path("review/<int:review_id>/", review.review_detail, name="review_detail"),
    path(
        "review/<int:review_id>/steps/<int:step_id>/done/",
        review.step_done_view,
        name="review_step_done",
    ),
    path("review/programme/", review.programme, name="review_programme"),
    path("review/programme/<int:meeting_id>/", review.meeting_detail, name="review_meeting"),
    path(
        "review/programme/<int:meeting_id>/documents/",
        review.document_add_view,
        name="review_document_add",
    ),
]
