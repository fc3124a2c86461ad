from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.accounts.models import User
from rogatory.apps.audit.services import access_denied, audit_record
from rogatory.apps.cases.models import CaseGrant
from rogatory.apps.cases.selectors import case_get_for
from rogatory.core.errors import DomainError
from rogatory.core.workflow import Role


def _require_supervisor(actor: Any, case_id: int, action: str) -> None:
    case_get_for(actor=actor, case_id=case_id, action=action)
    if actor.role != Role.SUPERVISOR:
        access_denied(actor=actor, action=action, object_type="case", object_id=case_id)
        raise DomainError("grant.forbidden", case_id=case_id)


def grant_add(*, actor: Any, case_id: int, user_id: int) -> CaseGrant:
    """A supervisor adds a colleague of the same central authority to the case's team."""
    with transaction.atomic():
        _require_supervisor(actor, case_id, "grant.add")
        if user_id == actor.pk:
            # Separation of duties: access to a case is given by someone else (issue 14,
            # finding 8); a supervisor already sees their authority's unsealed cases.
            raise DomainError("grant.self_forbidden", user_id=user_id)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or user.authority_id != actor.authority_id:
            raise DomainError("grant.unknown_user", user_id=user_id)
        existing = CaseGrant.objects.filter(case_id=case_id, user=user, revoked_at=None).first()
        if existing:
            return existing
        grant = CaseGrant.objects.create(case_id=case_id, user=user, granted_by=actor)
        audit_record(
            actor=actor, action="grant.add", obj=grant, case_id=case_id, changes={"user": user_id}
        )
    return grant


def grant_revoke(*, actor: Any, case_id: int, user_id: int) -> CaseGrant:
    with transaction.atomic():
        _require_supervisor(actor, case_id, "grant.revoke")
        grant = (
            CaseGrant.objects.select_for_update()
            .filter(case_id=case_id, user_id=user_id, revoked_at=None)
            .first()
        )
        if grant is None:
            raise DomainError("grant.not_found", user_id=user_id)
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="grant.revoke",
            obj=grant,
            case_id=case_id,
            changes={"user": user_id},
        )
    return grant
