"""What the cases app does when something happens to a user (signals from accounts)."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from rogatory.apps.accounts.signals import authority_changed
from rogatory.apps.audit.services import Entry, audit_record_many
from rogatory.apps.cases.models import CaseGrant


@receiver(authority_changed, dispatch_uid="rogatory.cases.grants_end_with_move")
def _end_grants_on_move(
    sender: Any, user: Any, actor: Any, previous_authority_id: int | None, **kwargs: Any
) -> None:
    """A grant is given by a supervisor of the case's authority to one of its staff: it ends
    when the user leaves that authority (issue 14, finding 8), each revocation audited."""
    now = timezone.now()
    grants = list(
        CaseGrant.objects.select_for_update().filter(user=user, revoked_at=None).order_by("pk")
    )
    if not grants:
        return
    CaseGrant.objects.filter(pk__in=[g.pk for g in grants]).update(revoked_at=now)
    audit_record_many(
        Entry(
            actor_id=getattr(actor, "pk", None),
            actor=str(getattr(actor, "username", "") or "system"),
            action="grant.revoke",
            object_type=CaseGrant._meta.label_lower,
            object_id=str(grant.pk),
            case_id=grant.case_id,
            changes={
                "user": user.pk,
                "reason": "authority_changed",
                "authority_from": previous_authority_id,
            },
            at=now,
        )
        for grant in grants
    )
