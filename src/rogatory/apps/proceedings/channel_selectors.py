"""What the case page shows of the other channels: the dispatches and answers recorded by hand.

Reads only; callers pass a case fetched through ``cases.selectors.case_get_for``.
"""

from __future__ import annotations

from typing import Any

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.selectors import case_get_for
from rogatory.apps.proceedings.models import ChannelRecord
from rogatory.core.workflow import CaseState, Direction

_NOT_YET_APPROVED = frozenset({CaseState.DRAFT, CaseState.PENDING_APPROVAL})


def channel_records_of(case: Case) -> list[ChannelRecord]:
    return list(
        ChannelRecord.objects.filter(case=case)
        .select_related("recorded_by", "communication")
        .order_by("recorded_at", "id")
    )


def package_offered(case: Case) -> bool:
    """Whether the request can be produced as files for another channel: an outgoing request
    once approved (the same rule as ``other_channel_package``)."""
    return case.direction == Direction.OUTGOING and case.status not in _NOT_YET_APPROVED


def dispatch_offered(case: Case) -> bool:
    return case.direction == Direction.INCOMING or case.status not in _NOT_YET_APPROVED


def channel_records_for(*, actor: Any, case_id: int) -> list[ChannelRecord]:
    """The other-channel records of a case the actor may see (access checked and a denial
    logged by ``case_get_for``)."""
    return channel_records_of(case_get_for(actor=actor, case_id=case_id))
