"""Reads for competing requests, with the access rules: a file is shown only to someone who
may see every case in it, so it never reveals a sealed request."""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.models import Case, Person, PersonName
from rogatory.apps.cases.selectors import case_get_for, case_queryset_for
from rogatory.apps.directory.selectors import treaty_governing
from rogatory.apps.extradition.models import CompetingFile, Consultation
from rogatory.apps.screening.models import MatchStatus, PersonMatch
from rogatory.core.deadlines.events import ClockBasis
from rogatory.core.errors import DomainError
from rogatory.core.extradition.competing import (
    Finding,
    Offence,
    Request,
    assess,
    treaty_findings,
)
from rogatory.core.extradition.treaties import Treaty
from rogatory.core.workflow import CaseKind

# Requests that seek the person's surrender: the formal request, the urgent provisional
# arrest that precedes it (UNTOC art. 16(9)) and, by its basis, the arrest warrant.
SURRENDER_KINDS = (CaseKind.EXTRADITION.value, CaseKind.PROVISIONAL_ARREST.value)


def case_matches_for(*, actor: Any, case_id: int) -> QuerySet[PersonMatch]:
    """Matches on either side of the case, where the actor may see both cases."""
    visible = case_queryset_for(actor=actor).values("pk")
    persons = Person.objects.prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("id")),
        "nationalities__state",
        "documents",
    )
    return (
        PersonMatch.objects.filter(Q(case_id=case_id) | Q(other_case_id=case_id))
        .filter(case_id__in=visible, other_case_id__in=visible)
        .select_related("case", "other_case", "decided_by")
        .prefetch_related(Prefetch("person", persons), Prefetch("other_person", persons))
        .order_by("-score", "id")
    )


def competing_candidates_for(*, actor: Any, case_id: int) -> list[Case]:
    """The visible surrender requests joined to the case by confirmed same-person matches,
    directly or through another request, the case itself first."""
    visible = case_queryset_for(actor=actor)
    start = visible.filter(pk=case_id, kind__in=SURRENDER_KINDS).first()
    if start is None:
        return []
    visible_ids = visible.values("pk")
    edges = PersonMatch.objects.filter(
        status=MatchStatus.CONFIRMED, case_id__in=visible_ids, other_case_id__in=visible_ids
    ).values_list("case_id", "other_case_id")
    neighbours: dict[int, set[int]] = {}
    for a, b in edges:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    seen = {start.pk}
    todo = [start.pk]
    while todo:
        for n in neighbours.get(todo.pop(), set()) - seen:
            seen.add(n)
            todo.append(n)
    others = list(
        visible.filter(pk__in=seen - {start.pk}, kind__in=SURRENDER_KINDS)
        .select_related("requesting_state")
        .order_by("received_at", "id")
    )
    return [start, *others] if others else []


def competing_files_of(*, actor: Any, case_id: int) -> QuerySet[CompetingFile]:
    """Files that include the case, each with every case visible to the actor."""
    hidden = Case.objects.exclude(pk__in=case_queryset_for(actor=actor).values("pk"))
    return (
        CompetingFile.objects.filter(cases__id=case_id)
        .exclude(cases__in=hidden)
        .distinct()
        .order_by("-opened_at", "id")
    )


def competing_file_get_for(*, actor: Any, file_id: int) -> CompetingFile:
    file = CompetingFile.objects.filter(pk=file_id).select_related("decided_by").first()
    visible = set(case_queryset_for(actor=actor).values_list("pk", flat=True))
    # The file's requests from its own link table: under row-level security a join through
    # the cases would list only the visible ones, and the check would pass vacuously.
    in_file = set(
        CompetingFile.cases.through.objects.filter(competingfile_id=file_id).values_list(
            "case_id", flat=True
        )
    )
    if file is None or not in_file <= visible:
        access_denied(
            actor=actor, action="extradition.read", object_type="competing", object_id=file_id
        )
        raise DomainError("competing.not_found", file_id=file_id)
    return file


def _received_on(case: Case) -> date | None:
    at = case.received_at or case.created_at
    return timezone.localtime(at).date() if at else None


def competing_cases(file: CompetingFile) -> list[Case]:
    """The file's cases with what the side-by-side view shows; in the decided order if any."""
    persons = Person.objects.filter(role="person_sought").prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("id")), "nationalities__state"
    )
    cases = list(
        file.cases.select_related("requesting_state", "requested_state")
        .prefetch_related("offences", Prefetch("persons", persons))
        .order_by("received_at", "id")
    )
    if file.order:
        rank = {pk: i for i, pk in enumerate(file.order)}
        cases.sort(key=lambda c: rank.get(c.pk, len(rank)))
    return cases


def request_of(case: Case) -> Request:
    """The pure description of one request that the factors are assessed from."""
    state = case.requesting_state
    names = tuple({state.code, *(state.names or {}).values()})
    nationalities = tuple(
        sorted({n.state_id for p in case.persons.all() for n in p.nationalities.all()})
    )
    return Request(
        reference=case.our_reference,
        requesting_state=state.code,
        state_names=names,
        received_on=_received_on(case),
        is_arrest_warrant=case.time_limit_basis == ClockBasis.EAW.value,
        offences=tuple(
            Offence(o.max_penalty_months, o.max_penalty_life, o.place) for o in case.offences.all()
        ),
        nationalities=nationalities,
    )


def case_treaty(case: Case) -> Treaty | None:
    """The treaty in force between the request's two States on the day it was received
    (today if no date is recorded), from the directory's treaty records."""
    on = _received_on(case) or timezone.localdate()
    return treaty_governing(case.requesting_state_id, case.requested_state_id, on=on)


def competing_findings(cases: list[Case]) -> list[Finding]:
    """Each request describes the same person, so every nationality recorded in any of them
    counts for all (ETS 24 art. 17 looks at the person, not at one file). The instruments'
    factors come first, then the criteria of each request's treaty."""
    requests = [request_of(c) for c in cases]
    nationalities = tuple(sorted({n for r in requests for n in r.nationalities}))
    requests = [replace(r, nationalities=nationalities) for r in requests]
    treaties = {c.our_reference: case_treaty(c) for c in cases}
    return [*assess(requests), *treaty_findings(requests, treaties)]


@dataclass(frozen=True, slots=True)
class MatchesPage:
    case: Case
    matches: QuerySet[PersonMatch]
    # The case itself first, then the requests a file may be opened with; empty if none.
    candidates: list[Case]
    files: QuerySet[CompetingFile]


def case_matches_page_for(*, actor: Any, case_id: int) -> MatchesPage:
    """What the match-review screen of a case shows, if the actor may see the case."""
    case = case_get_for(actor=actor, case_id=case_id)
    return MatchesPage(
        case=case,
        matches=case_matches_for(actor=actor, case_id=case.pk),
        candidates=competing_candidates_for(actor=actor, case_id=case.pk),
        files=competing_files_of(actor=actor, case_id=case.pk),
    )


@dataclass(frozen=True, slots=True)
class CompetingView:
    file: CompetingFile
    cases: list[Case]
    findings: list[Finding]
    # Other States and Eurojust consulted on the file (FD 2002/584/JHA art. 16(2)).
    consultations: list[Consultation]


def competing_view_for(*, actor: Any, file_id: int) -> CompetingView:
    """The file, its requests side by side and the factors read from them."""
    file = competing_file_get_for(actor=actor, file_id=file_id)
    cases = competing_cases(file)
    return CompetingView(
        file=file,
        cases=cases,
        findings=competing_findings(cases),
        consultations=list(file.consultations.select_related("state")),
    )
