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
    path("review/programme/meetings/", review.meeting_create_view, name="review_meeting_create"),
    path(
        "review/programme/dialogues/",
        review.programme_dialogue_view,
        name="review_programme_dialogue",
    ),
    path("review/programme/<int:meeting_id>/", review.meeting_detail, name="review_meeting"),
    path(
        "review/programme/<int:meeting_id>/edit/", review.meeting_edit, name="review_meeting_edit"
    ),
    path(
        "review/programme/<int:meeting_id>/items/",
        review.agenda_item_add_view,
        name="review_item_add",
    ),
    path(
        "review/programme/<int:meeting_id>/slots/",
        review.work_slot_add_view,
        name="review_slot_add",
    ),
    path(
        "review/programme/<int:meeting_id>/documents/",
        review.document_add_view,
        name="review_document_add",
    ),
    path(
        "review/programme/<int:meeting_id>/videos/",
        review.video_add_view,
        name="review_video_add",
    ),
    path(
        "review/programme/<int:meeting_id>/videos/<int:video_id>/translation/",
        review.video_translation_view,
        name="review_video_translation",
    ),
    path(
        "review/programme/<int:meeting_id>/dialogues/",
        review.meeting_dialogue_view,
        name="review_meeting_dialogue",
    ),
]
