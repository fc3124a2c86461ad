"""Competing requests: open a file on several requests for the same person, and record the
decision between them with its reasons (ETS 24 art. 17; FD 2002/584/JHA art. 16). The reasons
are kept because the choice must be open to judicial review (CJEU C-763/22)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.models import Case
from rogatory.apps.extradition.models import CompetingFile, CompetingStatus
from rogatory.apps.extradition.selectors import competing_candidates_for, competing_file_get_for
from rogatory.core.errors import DomainError
from rogatory.core.extradition.competing import order_check
from rogatory.core.workflow import Role

DECIDERS = (Role.CASE_OFFICER, Role.SUPERVISOR)


def competing_file_open(*, actor: Any, case_id: int, case_ids: list[int]) -> CompetingFile:
    """Open a file on the case and the chosen requests confirmed to concern the same person."""
    if getattr(actor, "role", None) not in DECIDERS:
        raise DomainError("competing.forbidden")
    chosen = {case_id, *case_ids}
    with transaction.atomic():
        # Lock the requests in one order: two officers opening files on a shared request at
        # once would otherwise both pass the check below and put it in two open files.
        list(Case.objects.select_for_update().filter(pk__in=chosen).order_by("pk").values("pk"))
        candidates = {c.pk for c in competing_candidates_for(actor=actor, case_id=case_id)}
        if len(chosen) < 2 or not chosen <= candidates:
            raise DomainError("competing.not_same_person")
        if (
            CompetingFile.objects.filter(status=CompetingStatus.OPEN, cases__in=chosen)
            .distinct()
            .exists()
        ):
            raise DomainError("competing.already_open")
        file = CompetingFile.objects.create(opened_by=actor)
        file.cases.set(sorted(chosen))
        audit_record(
            actor=actor,
            action="extradition.competing_open",
            obj=file,
            case_id=case_id,
            changes={"cases": sorted(chosen)},
        )
    return file


def competing_file_decide(
    *, actor: Any, file_id: int, order: list[int], reasons: str
) -> CompetingFile:
    """Record which request prevails and the order of the others, with the reasons."""
    if getattr(actor, "role", None) not in DECIDERS:
        raise DomainError("competing.forbidden")
    reasons = reasons.strip()
    if not reasons:
        raise DomainError("competing.reasons_required", field="reasons")
    with transaction.atomic():
        file = competing_file_get_for(actor=actor, file_id=file_id)
        file = CompetingFile.objects.select_for_update().get(pk=file.pk)
        if file.status != CompetingStatus.OPEN:
            raise DomainError("competing.already_decided", file_id=file_id)
        ids = list(file.cases.values_list("pk", flat=True))
        if not order_check([str(i) for i in order], [str(i) for i in ids]):
            raise DomainError("competing.order_invalid", field="order")
        file.status = CompetingStatus.DECIDED
        file.order = list(order)
        file.reasons = reasons
        file.decided_by = actor
        file.decided_at = timezone.now()
        file.save(update_fields=["status", "order", "reasons", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action="extradition.competing_decide",
            obj=file,
            case_id=order[0],
            changes={"order": list(order), "reasons": reasons},
        )
    return file
