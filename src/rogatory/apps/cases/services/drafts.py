"""What may still change in a draft: persons, offences and measures.

A change to an approved request withdraws the approval (back to draft, audited). Once a
request is submitted for approval it waits for the supervisor; once it leaves it has been
approved (four eyes) and may have been sent: what the other State holds must not differ from
our record, so later changes go through a communication (additional information, UNTOC art.
18(15)-(16)), never by editing the request in place.
"""

from typing import Any

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.services.permissions import case_for_write
from rogatory.apps.cases.services.transition import approval_withdraw
from rogatory.core.errors import DomainError
from rogatory.core.workflow import CaseState


def draft_for_write(*, actor: Any, case_id: int, action: str) -> Case:
    """The case, locked, if the actor may change it and it is still a draft."""
    case = case_for_write(actor=actor, case_id=case_id, action=action)
    # An approved request not yet sent is still ours: changing it withdraws the approval
    # (four eyes on a version), and the supervisor approves the new version.
    approval_withdraw(case=case, actor=actor, because=action)
    if case.status != CaseState.DRAFT:
        raise DomainError("case.not_draft", case_id=case_id)
    return case
