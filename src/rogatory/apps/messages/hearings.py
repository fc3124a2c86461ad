"""Messages for the DomainError codes of the hearings area (merged into rogatory.apps.errors):
hearings by video, their safeguards, minutes and conference providers."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "hearing.not_found": _("Hearing %(hearing_id)s was not found."),
    "hearing.time_zone_unknown": _("Choose a time zone from the list, such as Europe/Paris."),
    "hearing.naive_time": _("Give the time with its time zone."),
    "hearing.duration_invalid": _("Give a duration from 15 minutes to %(max_minutes)s minutes."),
    "hearing.in_past": _("The hearing must be in the future."),
    "hearing.slots_count": _("Propose from 1 to %(max_slots)s slots."),
    "hearing.interpreter_unknown": _("This interpreter is not in the register."),
    "hearing.not_open": _("The slot of this hearing is no longer under discussion."),
    "hearing.slot_unknown": _("Accept one of the slots the other State proposed."),
    "hearing.not_agreed": _("The hearing has no agreed slot yet."),
    "hearing.not_cancellable": _("A hearing under way or held is minuted, not cancelled."),
    "hearing.register_forbidden": _("Only staff of the central authority keep this register."),
    "hearing.duplicate": _("This hearing is already on the case."),
    "hearing.stale": _("An older version of the hearing's slot arrived after a newer one."),
    "hearing.requested_side_only": _(
        "The requested State records this, where the person is heard."
    ),
    "hearing.safeguard_missing": _(
        "Record the step “%(missing)s” first: each safeguard is recorded in its order."
    ),
    "hearing.safeguard_done": _("The step “%(step)s” is already recorded."),
    "hearing.safeguard_not_applicable": _("The step “%(step)s” does not apply to this hearing."),
    "hearing.not_connected": _(
        "Record first the connection of each person this step needs: the person heard, "
        "the official present, the interpreter."
    ),
    "hearing.consent_missing": _(
        "Without the person's consent the hearing does not go ahead: cancel it instead."
    ),
    "hearing.participant_unknown": _("This participant is not on the hearing."),
    "hearing.not_held": _("Minutes are drawn up once every safeguard is recorded."),
    "hearing.minutes_missing": _("The minutes' file or signature is missing from the message."),
    "hearing.minutes_signature_invalid": _(
        "The signature of the minutes does not verify with the sending node's key."
    ),
    "hearing.sha256_invalid": _("Give the SHA-256 as 64 hexadecimal characters."),
    "hearing.provider_not_configured": _(
        "The conference system is not configured on this node (%(setting)s)."
    ),
    "hearing.provider_failed": _("The conference system did not answer (%(call)s)."),
    "hearing.provider_refused": _("The conference system refused the call %(call)s (%(key)s)."),
    "hearing.telephone_not_allowed": _(
        "Only a witness or an expert may be heard by telephone conference (EU MLA Convention "
        "2000 art. 11; ETS 182 art. 10): hold this hearing by videoconference."
    ),
    "hearing.dial_in_required": _("Give the number to dial for the telephone conference."),
    "hearing.participant_not_ours": _(
        "The other State gives its own participants their link to the conference."
    ),
    "hearing.telephone_no_link": _(
        "A hearing by telephone has no join link: participants dial the number on this page."
    ),
}
