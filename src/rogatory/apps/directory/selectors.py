from datetime import date

from django.db.models import Q, QuerySet

from rogatory.apps.directory.models import (
    CentralAuthority,
    RequirementSet,
    RequirementStatus,
    State,
    TreatyRecord,
)
from rogatory.core.drafting import Requirements, parse_requirements
from rogatory.core.extradition.treaties import Treaty, parse_treaty, treaty_between


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


def treaties_between(a: str, b: str, *, on: date) -> list[Treaty]:
    """The published treaties binding States `a` and `b` that are in force on `on`, the
    governing one first (a bilateral treaty before a multilateral one, then the most recent).
    Treaty records are public law, readable by any signed-in user."""
    rows = (
        TreatyRecord.objects.filter(status=RequirementStatus.PUBLISHED, parties=a)
        .filter(parties=b, in_force_from__lte=on)
        .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=on))
        .distinct()
    )
    treaties = [parse_treaty(r.data) for r in rows]
    ordered: list[Treaty] = []
    while (first := treaty_between(treaties, a, b, on)) is not None:
        ordered.append(first)
        treaties.remove(first)
    return ordered


def treaty_governing(a: str, b: str, *, on: date) -> Treaty | None:
    """The treaty whose periods and rules govern between `a` and `b` on `on`, if any."""
    found = treaties_between(a, b, on=on)
    return found[0] if found else None


def treaty_list() -> QuerySet[TreatyRecord]:
    return TreatyRecord.objects.prefetch_related("parties").order_by("code", "-version")
