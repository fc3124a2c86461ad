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
from rogatory.apps.screening.models import PENDING, MatchBand, MatchStatus, PersonMatch
from rogatory.apps.screening.records import person_record, persons_with_details
from rogatory.apps.screening.selectors import match_get_for
from rogatory.core.errors import DomainError
from rogatory.core.limits import bounded_text
from rogatory.core.matching import DEFAULT_THRESHOLD
from rogatory.core.matching.scoring import REVIEW_THRESHOLD, Band, band_of
from rogatory.core.workflow import Role

TOP = 20
# The officer's reason for a decision: a few sentences (the web form's limit too). It goes
# into the audit chain, so it is bounded before anything is written (issue 14 finding 11).
DECISION_NOTE_MAX = 2000
log = logging.getLogger("rogatory.screening")


def case_screen(
    *,
    actor: Any,
    case: Case,
    threshold: float = DEFAULT_THRESHOLD,
    review: float = REVIEW_THRESHOLD,
) -> list[PersonMatch]:
    """Screen the case's persons against every other case's persons.

    At or above ``threshold`` (the alert band) the match is recorded with its evidence, the
    two cases are linked as concerning the same person and the officers are alerted. In the
    review band (``review`` up to the threshold) the suggestion is recorded with its evidence
    as "possible, please check" only: no link, no alert (issue 18). Both are returned, each
    with its ``band``.

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
            band = band_of(candidate.score, threshold=threshold, review=review)
            if band is None:
                continue
            other = (
                Person.objects.filter(pk=int(candidate.person_id)).select_related("case").first()
            )
            if other is None or other.case_id == case.pk:
                continue
            alert = band == Band.ALERT
            match, created = PersonMatch.objects.get_or_create(
                person=person,
                other_person=other,
                defaults={
                    "case": case,
                    "other_case": other.case,
                    "score": round(candidate.score, 4),
                    "explanation": [e.to_dict() for e in candidate.pair.explanation],
                    "band": MatchBand.ALERT if alert else MatchBand.REVIEW,
                    "status": MatchStatus.SUGGESTED if alert else MatchStatus.TO_CHECK,
                },
            )
            if not created:
                continue
            if alert:
                _link_same_person(match, f"screening score {match.score:.2f}")
            audit_record(
                actor=actor,
                action="screening.match" if alert else "screening.possible",
                obj=match,
                case_id=case.pk,
                # The other case may be sealed or another authority's: the audit trail of
                # this case names only the suggestion, which the match selectors show to
                # those who may see both cases (issue 14 finding 4).
                changes={"person": person.pk, "match": match.pk, "score": match.score},
            )
            found.append(match)
    if any(m.band == MatchBand.ALERT for m in found):
        # The alerts wait in the officers' and supervisors' queue of matches to review; the
        # review band's suggestions are shown on the case's match screen only.
        queue_notify(case=case, queue=WorkQueue.MATCHES, actor=actor)
    return found


def _link_same_person(match: PersonMatch, note: str) -> None:
    CaseLink.objects.get_or_create(
        source_id=match.case_id,
        target_id=match.other_case_id,
        type=LinkType.SAME_PERSON,
        defaults={"note": note},
    )


def match_decide(*, actor: Any, match_id: int, confirm: bool, note: str = "") -> PersonMatch:
    """An officer confirms or rejects a suggested same-person link; the decision is kept.

    Confirming a review-band suggestion makes the link that the band did not make."""
    if getattr(actor, "role", None) not in (Role.CASE_OFFICER, Role.SUPERVISOR):
        raise DomainError("screening.decision_forbidden")
    note = bounded_text(note.strip(), "note", DECISION_NOTE_MAX)
    with transaction.atomic():
        match = match_get_for(actor=actor, match_id=match_id)
        match = PersonMatch.objects.select_for_update().get(pk=match.pk)
        if match.status not in PENDING:
            raise DomainError("screening.already_decided", match_id=match_id)
        match.status = MatchStatus.CONFIRMED if confirm else MatchStatus.REJECTED
        match.decided_by = actor
        match.decided_at = timezone.now()
        match.decision_note = note
        match.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if confirm and match.band == MatchBand.REVIEW:
            _link_same_person(match, f"confirmed by an officer, screening score {match.score:.2f}")
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
