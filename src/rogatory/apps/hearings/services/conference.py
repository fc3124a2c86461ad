"""Joining the conference: a link made for one participant when asked for, never stored, never
sent; only the fact that a link was issued, to whom and by which provider, is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import audit_record
from rogatory.apps.hearings.models import HearingStatus, ModeChoice
from rogatory.apps.hearings.providers import provider_for
from rogatory.apps.hearings.services.common import hearing_for_write
from rogatory.core.errors import DomainError
from rogatory.core.hearings.kinds import ParticipantRole
from rogatory.core.hearings.providers import Joiner, room_name


def hearing_join_url(*, actor: User, hearing_id: int, participant_id: int) -> str:
    """The join link of one participant (moderator for the judges), for the actor to pass on
    by a channel of their choosing; the room is created on first use."""
    with transaction.atomic():
        case, hearing = hearing_for_write(actor=actor, hearing_id=hearing_id, action="hearing.join")
        if hearing.status not in (HearingStatus.AGREED, HearingStatus.HELD):
            raise DomainError("hearing.not_agreed", status=hearing.status)
        if hearing.mode == ModeChoice.TELEPHONE:
            # A telephone conference is joined by its number, not by a link.
            raise DomainError("hearing.telephone_no_link")
        participant = hearing.participants.filter(pk=participant_id).first()
        if participant is None:
            raise DomainError("hearing.participant_unknown", field="participant")
        if not participant.ours:
            # The other State's participants get their link from their own authority's node.
            raise DomainError("hearing.participant_not_ours", field="participant")
        provider = provider_for(hearing)
        if not hearing.room:
            hearing.room = room_name()
            hearing.save(update_fields=["room"])
            provider.create(hearing.room, f"Hearing {case.our_reference}")
        joiner = Joiner(
            f"{hearing.uid[:8]}-{participant.pk}",
            participant.name,
            moderator=ParticipantRole(participant.role).moderates,
        )
        url = provider.join_url(hearing.room, joiner, now=timezone.now())
        audit_record(
            actor=actor,
            action="hearing.join_link",
            obj=hearing,
            case_id=case.pk,
            changes={"participant": participant.name, "provider": provider.kind.value},
        )
    return url
