"""Who may use the review register, and where.

The register exists only on a node run by the Secretariat (`SECRETARIAT_NODE`): elsewhere every
review screen and endpoint answers 404, as if it did not exist, because a national node holds
no review data. There, the Secretariat (COP resolution 9/1, annex, para. 47) reads and writes,
an auditor reads; every other role is refused and the refusal is logged. Case roles have no
business in the register and the Secretariat has none in the cases (a secretariat user sees no
case: rogatory.apps.cases.selectors.visible_cases_q grants it nothing).
"""

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from rogatory.apps.audit.services import access_denied
from rogatory.core.errors import DomainError
from rogatory.core.workflow import Role

READERS = (Role.SECRETARIAT, Role.AUDITOR)
WRITERS = (Role.SECRETARIAT,)


def review_available(actor: Any) -> bool:
    return bool(settings.SECRETARIAT_NODE) and getattr(actor, "role", None) in READERS


def check_read(actor: Any, action: str = "review.read") -> None:
    if not settings.SECRETARIAT_NODE:
        raise DomainError("review.not_found")
    if not getattr(actor, "is_authenticated", False) or actor.role not in READERS:
        access_denied(actor=actor, action=action, object_type="review", object_id="-")
        raise DomainError("review.forbidden")


def check_write(actor: Any, action: str) -> None:
    check_read(actor, action)
    if actor.role not in WRITERS:
        access_denied(actor=actor, action=action, object_type="review", object_id="-")
        raise DomainError("review.write_forbidden")


def today() -> date:
    """The day at the node (time limits are counted in the node's time zone)."""
    return timezone.now().astimezone(ZoneInfo(settings.NODE_TIME_ZONE)).date()
