"""Writes of the review register, each audited (rogatory.apps.audit.services.audit_record)."""

from rogatory.apps.review.services.programme import (
    agenda_item_add,
    dialogue_add,
    document_add,
    meeting_create,
    video_add,
    work_slot_add,
)
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
    "parties_load",
    "phase_start",
    "review_draw",
    "step_done",
    "video_add",
    "work_slot_add",
]
