"""Writes of the review register, each audited (rogatory.apps.audit.services.audit_record)."""

from rogatory.apps.review.services.programme import (
    agenda_item_add,
    dialogue_add,
    document_add,
    meeting_create,
    meeting_update,
    video_add,
    video_translation_set,
    work_slot_add,
)
from rogatory.apps.review.services.reminders import review_notices_read, review_reminders_send
from rogatory.apps.review.services.reviews import (
    parties_load,
    phase_start,
    review_draw,
    step_done,
)

__all__ = [
    "agenda_item_add",
    "dialogue_add",
    "document_add",
    "meeting_create",
    "meeting_update",
    "parties_load",
    "phase_start",
    "review_draw",
    "review_notices_read",
    "review_reminders_send",
    "step_done",
    "video_add",
    "video_translation_set",
    "work_slot_add",
]
