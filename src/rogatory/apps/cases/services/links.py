from typing import Any

from django.db import transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.choices import LinkType
from rogatory.apps.cases.models import CaseLink
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.cases.services import validation
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.core.errors import DomainError


def case_link(*, actor: Any, case_id: int, target_id: int, type: str, note: str = "") -> CaseLink:
    """Link two cases the actor can both see (e.g. two requests for the same person)."""
    validation.choice(type, LinkType.values, "type")
    if case_id == target_id:
        raise DomainError("link.same_case")
    with transaction.atomic():
        case = case_for_write(actor=actor, case_id=case_id, action="case.link", lock=False)
        target = case_get_for(actor=actor, case_id=target_id, action="case.link")
        link, created = CaseLink.objects.get_or_create(
            source=case, target=target, type=type, defaults={"note": note, "created_by": actor}
        )
        if created:
            audit_record(
                actor=actor,
                action="case.link",
                obj=link,
                case_id=case.pk,
                changes={"target": target.pk, "type": type, "note": note},
            )
    return link
