"""Messages for the DomainError codes of the review area (merged into rogatory.apps.errors)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "review.not_found": _("This page was not found."),
    "review.forbidden": _("Only the Secretariat and auditors can read the review register."),
    "review.write_forbidden": _("Only the Secretariat can change the review register."),
    "review.not_a_party": _("%(state)s is not a State party to the Convention in this register."),
    "review.seed_required": _("The draw needs a seed."),
    "review.phase_invalid": _("%(value)s is not a phase of the Mechanism (1 to 4)."),
    "review.group_invalid": _("%(value)s is not the year of a group of reviews (2020 to 2022)."),
    "review.date_future": _("The date cannot be in the future."),
    "review.already_drawn": _(
        "The reviewing States of %(state)s for phase %(phase)s have already been drawn."
    ),
    "review.phase_not_found": _("Phase %(number)s was not found."),
    "review.phase_started": _("Phase %(number)s has already started."),
    "review.step_not_found": _("Step %(step_id)s was not found."),
    "review.step_done_already": _("This step is already done."),
    "review.step_date_invalid": _("The date must fall between the start of the review and today."),
    "review.step_out_of_order": _("The steps before this one must be done first."),
    "review.review_not_found": _("Country review %(review_id)s was not found."),
    "review.meeting_not_found": _("Meeting %(meeting_id)s was not found."),
    "review.meeting_dates": _("The last day cannot come before the first day."),
    "review.agenda_item_taken": _("The agenda already has an item %(number)s."),
    "review.agenda_item_not_found": _("An agenda item was not found in this meeting."),
    "review.slot_outside_meeting": _("The day must fall within the meeting."),
    "review.symbol_invalid": _(
        "“%(value)s” is not a document symbol of the Conference (for example CTOC/COP/WG.3/2024/2)."
    ),
    "review.symbol_taken": _("A document with the symbol %(symbol)s is already registered."),
    "review.meeting_slots_outside": _(
        "The organization of work has time slots outside these days: move them first."
    ),
    "review.agenda_item_number": _("The number of an agenda item starts at 1."),
    "review.video_minutes": _("A statement lasts at least one minute."),
    "review.video_not_found": _("Video statement %(video_id)s was not found."),
    "review.video_original_fixed": _(
        "The original language of a statement cannot be changed; record another language."
    ),
}
