from django.db.models import QuerySet

from rogatory.apps.directory.models import CentralAuthority, State


def state_list() -> QuerySet[State]:
    # The directory is public knowledge (UNTOC art. 18(13) designations are notified to the UN
    # Secretary-General), so any signed-in user may read it.
    return State.objects.order_by("code")


def authority_list(*, state: str | None = None) -> QuerySet[CentralAuthority]:
    qs = CentralAuthority.objects.select_related("state").order_by("state_id", "instrument")
    return qs.filter(state_id=state) if state else qs
