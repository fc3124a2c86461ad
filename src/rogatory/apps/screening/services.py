"""Screening writes: suggested same-person links, and officers' decisions on them."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from rogatory.apps.audit.services import audit_record
from rogatory.apps.cases.choices import LinkType
from rogatory.apps.cases.models import Case, CaseLink, Person, WorkQueue
from rogatory.apps.cases.services.notifications import queue_notify
from rogatory.apps.screening.index import current_index
from rogatory.apps.screening.models import MatchStatus, PersonMatch
from rogatory.apps.screening.records import person_record, persons_with_details
from rogatory.apps.screening.selectors import match_get_for
from rogatory.core.errors import DomainError
from rogatory.core.matching import DEFAULT_THRESHOLD
from rogatory.core.workflow import Role

TOP = 20
log = logging.getLogger("rogatory.screening")


def case_screen(
    *, actor: Any, case: Case, threshold: float = DEFAULT_THRESHOLD
) -> list[PersonMatch]:
    """Screen the case's persons against every other case's persons; above the threshold,
    record the match with its evidence and link the two cases as concerning the same person.

    Called inside the registering transaction, so the suggestion exists exactly when the
    registration does.
    """
    index = current_index()
    found: list[PersonMatch] = []
    for person in persons_with_details().filter(case=case):
        try:
            candidates = index.search_scored(person_record(person), TOP, threshold=threshold)
        except Exception as exc:  # a person that cannot be screened must not stop registration
            log.warning(
                "screening_skip person=%s case=%s error=%s", person.pk, case.pk, type(exc).__name__
            )
            continue
        for candidate in candidates:
            if not candidate.pair.match:
                continue
            other = (
                Person.objects.filter(pk=int(candidate.person_id)).select_related("case").first()
            )
            if other is None or other.case_id == case.pk:
                continue
            match, created = PersonMatch.objects.get_or_create(
                person=person,
                other_person=other,
                defaults={
                    "case": case,
                    "other_case": other.case,
                    "score": round(candidate.score, 4),
                    "explanation": [e.to_dict() for e in candidate.pair.explanation],
                },
            )
            if not created:
                continue
            CaseLink.objects.get_or_create(
                source=case,
                target=other.case,
                type=LinkType.SAME_PERSON,
                defaults={"note": f"screening score {match.score:.2f}"},
            )
            audit_record(
                actor=actor,
                action="screening.match",
                obj=match,
                case_id=case.pk,
                # The other case may be sealed or another authority's: the audit trail of
                # this case names only the suggestion, which the match selectors show to
                # those who may see both cases (issue 14 finding 4).
                changes={"person": person.pk, "match": match.pk, "score": match.score},
            )
            found.append(match)
    if found:
        # The suggestions wait in the officers' and supervisors' queue of matches to review.
        queue_notify(case=case, queue=WorkQueue.MATCHES, actor=actor)
    return found


def match_decide(*, actor: Any, match_id: int, confirm: bool, note: str = "") -> PersonMatch:
    """An officer confirms or rejects a suggested same-person link; the decision is kept."""
    if getattr(actor, "role", None) not in (Role.CASE_OFFICER, Role.SUPERVISOR):
        raise DomainError("screening.decision_forbidden")
    with transaction.atomic():
        match = match_get_for(actor=actor, match_id=match_id)
        match = PersonMatch.objects.select_for_update().get(pk=match.pk)
        if match.status != MatchStatus.SUGGESTED:
            raise DomainError("screening.already_decided", match_id=match_id)
        match.status = MatchStatus.CONFIRMED if confirm else MatchStatus.REJECTED
        match.decided_by = actor
        match.decided_at = timezone.now()
        match.decision_note = note.strip()
        match.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if not confirm:
            CaseLink.objects.filter(
                source_id=match.case_id, target_id=match.other_case_id, type=LinkType.SAME_PERSON
            ).delete()
        audit_record(
            actor=actor,
            action="screening.confirm" if confirm else "screening.reject",
            obj=match,
            case_id=match.case_id,
            changes={"other_case": match.other_case_id, "note": match.decision_note},
        )
    return match
