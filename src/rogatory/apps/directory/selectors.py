from django.db.models import QuerySet

from rogatory.apps.directory.models import (
    CentralAuthority,
    RequirementSet,
    RequirementStatus,
    State,
)
from rogatory.core.drafting import Requirements, parse_requirements


def state_list() -> QuerySet[State]:
    # The directory is public knowledge (UNTOC art. 18(13) designations are notified to the UN
    # Secretary-General), so any signed-in user may read it.
    return State.objects.order_by("code")


def authority_list(*, state: str | None = None) -> QuerySet[CentralAuthority]:
    qs = CentralAuthority.objects.select_related("state").order_by("state_id", "instrument")
    return qs.filter(state_id=state) if state else qs


def requirements_published(state: str) -> Requirements | None:
    """The published requirements of ``state``, or None where none are published."""
    row = RequirementSet.objects.filter(state_id=state, status=RequirementStatus.PUBLISHED).first()
    return parse_requirements(row.data) if row is not None else None


def requirement_versions(state: str) -> QuerySet[RequirementSet]:
    return RequirementSet.objects.filter(state_id=state).order_by("-version")
