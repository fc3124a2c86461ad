import logging
from typing import Any

from rogatory.apps.audit.models import AccessDenial

security_log = logging.getLogger("rogatory.security")


def access_denied(*, actor: Any, action: str, object_type: str, object_id: str | int) -> None:
    """Record a refused access in the security log and the denial table."""
    actor_id = getattr(actor, "pk", None)
    name = getattr(actor, "username", "") or "anonymous"
    # %r escapes control characters, so a crafted identifier cannot forge log lines.
    security_log.warning(
        "access_denied actor=%r action=%r object=%r id=%r",
        name,
        action,
        object_type,
        str(object_id),
    )
    AccessDenial.objects.create(
        actor_id=actor_id,
        actor=name,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
    )
