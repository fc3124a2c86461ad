from typing import Any

from django.db.models import QuerySet

from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.selectors import case_queryset_for
from rogatory.apps.screening.models import PersonMatch
from rogatory.core.errors import DomainError


def matches_for(*, actor: Any, case_id: int) -> QuerySet[PersonMatch]:
    """Suggested and decided matches of a case, shown only where the actor may see both
    cases: screening must not reveal a sealed case to someone outside its team."""
    visible = case_queryset_for(actor=actor).values("pk")
    return (
        PersonMatch.objects.filter(case_id=case_id, case_id__in=visible, other_case_id__in=visible)
        .select_related("person", "other_person", "other_case")
        .order_by("-score", "id")
    )


def match_get_for(*, actor: Any, match_id: int) -> PersonMatch:
    visible = case_queryset_for(actor=actor).values("pk")
    match = PersonMatch.objects.filter(
        pk=match_id, case_id__in=visible, other_case_id__in=visible
    ).first()
    if match is None:
        access_denied(actor=actor, action="screening.read", object_type="match", object_id=match_id)
        raise DomainError("screening.not_found", match_id=match_id)
    return match
