"""Reads with access checks. Every function that takes an actor ends in `_for`.

Who sees a case (issue: access control):
- its team: users holding an active grant on it;
- supervisors and auditors of the owning central authority, unless the case is sealed;
- registry clerks of the owning authority see incoming requests waiting to be registered
  (status received), unless sealed, so that they can register them.
Sealed cases are visible to their team only. Administrators manage users, not cases.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.audit.selectors import AuditFilters, audit_events_for
from rogatory.apps.audit.services import access_denied
from rogatory.apps.cases.models import (
    Case,
    CaseEvent,
    CaseGrant,
    CaseLink,
    Deadline,
    Document,
    Person,
    PersonName,
    SearchTerm,
)
from rogatory.apps.cases.pagination import keyset_page
from rogatory.apps.cases.search import Unit, query_units
from rogatory.apps.cases.search_hits import Hit, search_hits
from rogatory.core.errors import DomainError
from rogatory.core.workflow import (
    Action,
    CaseKind,
    CaseState,
    Direction,
    Role,
    allowed_transitions,
    states_of,
)


def visible_cases_q(actor: Any) -> Q:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return Q(pk__in=[])
    team = Q(Exists(CaseGrant.objects.filter(case=OuterRef("pk"), user=actor, revoked_at=None)))
    role = actor.role
    own = Q(owner_authority_id=actor.authority_id, sealed=False)
    if role in (Role.SUPERVISOR, Role.AUDITOR):
        return own | team
    if role == Role.REGISTRY_CLERK:
        return (own & Q(status=CaseState.RECEIVED)) | team
    if role == Role.CASE_OFFICER:
        return team
    return Q(pk__in=[])


def case_queryset_for(*, actor: Any) -> QuerySet[Case]:
    return Case.objects.filter(visible_cases_q(actor))


def case_list_for(
    *,
    actor: Any,
    direction: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    state: str | None = None,
    officer: int | None = None,
    urgency: str | None = None,
    custody: str | None = None,
    q: str | None = None,
    due_before: Any = None,
) -> QuerySet[Case]:
    qs = case_queryset_for(actor=actor)
    if direction and status and status not in {s.value for s in _states_of(direction)}:
        # The transition table says no case of this direction is ever in this state: answer
        # at once instead of letting the database look for rows that cannot exist.
        return qs.none()
    if direction:
        qs = qs.filter(direction=direction)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if state:
        qs = qs.filter(Q(requesting_state_id=state) | Q(requested_state_id=state))
    if officer:
        qs = qs.filter(officer_id=officer)
    if urgency:
        qs = qs.filter(urgency=urgency)
    if custody:
        qs = qs.filter(custody=custody)
    if due_before is not None:
        qs = qs.filter(due_at__lte=due_before)
    if q:
        units = query_units(q)
        if not units:
            return qs.none()
        # Every lookup of the search terms is limited to the cases the actor may see, so the
        # answer never depends on words found only in cases hidden from them (a sealed case,
        # another authority's case): search is no oracle for what those cases hold.
        visible = case_queryset_for(actor=actor).values("pk")
        for terms in _complete_last(units, visible):
            if len(terms) == 1:
                # One term: the database reads its posting list in case order and stops at a
                # page, however common the word.
                (term,) = terms
                qs = qs.filter(pk__in=SearchTerm.objects.filter(term=term).values("case_id"))
                continue
            # Several terms name few cases as a rule: hand their ids to the database, which
            # cannot estimate an IN over words and would otherwise scan every case.
            matches = SearchTerm.objects.filter(term__in=terms).values_list("case_id", flat=True)
            few = list(matches[: _FEW + 1])
            qs = qs.filter(pk__in=few if len(few) <= _FEW else matches)
    return qs


@dataclass(frozen=True, slots=True)
class CasePage:
    items: list[Case]
    next_cursor: str | None
    # For a search: per case id, the field that matched and its matched words.
    hits: dict[int, Hit]

    @property
    def rows(self) -> list[tuple[Case, Hit | None]]:
        return [(case, self.hits.get(case.pk)) for case in self.items]


RELEVANCE = "relevance"
# Relevance is computed for the newest matches of a search, this many at most; past them the
# results continue newest first. A bounded window keeps a search on a common word as fast as
# a page, however many cases hold it.
RANK_WINDOW = 100
# Without a search there is nothing to rank: the newest come first.
RELEVANCE_FALLBACK = {RELEVANCE: "newest"}


def case_page_for(
    *, actor: Any, order: str, cursor: str | None, limit: int, **filters: Any
) -> CasePage:
    """One page of the visible cases matching the filters; for a search, with the field that
    matched in each (read from the page's cases only, which the actor may all see) and, in
    the order "relevance", best match first."""
    q = filters.get("q")
    qs = case_list_for(actor=actor, **filters)
    if order == RELEVANCE and q:
        return _ranked_page(qs, q=q, cursor=cursor, limit=limit)
    page = keyset_page(qs, order=RELEVANCE_FALLBACK.get(order, order), cursor=cursor, limit=limit)
    return CasePage(page.items, page.next_cursor, _hits(page.items, q))


def _hits(items: list[Case], q: str | None) -> dict[int, Hit]:
    return search_hits(items, q) if q and items else {}


def _ranked_page(qs: QuerySet[Case], *, q: str, cursor: str | None, limit: int) -> CasePage:
    # The cursor of a ranked page is its position in the ranked window ("r<offset>"); past the
    # window, the ordinary keyset cursor of the newest-first order takes over.
    if cursor and not cursor.startswith("r"):
        page = keyset_page(qs, order="newest", cursor=cursor, limit=limit)
        return CasePage(page.items, page.next_cursor, _hits(page.items, q))
    offset = _offset(cursor)
    # The window is the first keyset page of the newest-first order; its cursor continues it.
    window = keyset_page(qs, order="newest", cursor=None, limit=RANK_WINDOW)
    hits = _hits(window.items, q)
    ranked = sorted(window.items, key=lambda c: (-(hits[c.pk].score if c.pk in hits else 0), -c.pk))
    items = ranked[offset : offset + limit]
    next_cursor = f"r{offset + limit}" if offset + limit < len(ranked) else window.next_cursor
    return CasePage(items=items, next_cursor=next_cursor, hits=hits)


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    digits = cursor[1:]
    # str.isdigit() also holds for "²", which int() refuses: ASCII digits only.
    if not (digits.isascii() and digits.isdigit()) or int(digits) >= RANK_WINDOW:
        raise DomainError("field.invalid_choice", field="cursor", value=cursor[:40])
    return int(digits)


_COMPLETIONS = 20
_FEW = 1000


def _complete_last(units: list[Unit], visible: Any) -> list[frozenset[str]]:
    """Whole words match exactly; the last word, if no visible case holds it, is taken as the
    beginning of one (typing in progress) and completed to at most 20 words of visible cases.

    A loose index scan: each step jumps to the next distinct word, so a prefix shared by a
    million references costs 20 index probes, not a scan of the million.
    """
    *whole, last = units
    terms = [u.terms for u in whole]
    prefix = last.prefix
    if (
        prefix is None
        or SearchTerm.objects.filter(term__in=last.terms, case_id__in=visible).exists()
    ):
        return [*terms, last.terms]
    words: list[str] = []
    while len(words) < _COMPLETIONS:
        after = SearchTerm.objects.filter(term__startswith=prefix, case_id__in=visible)
        if words:
            after = after.filter(term__gt=words[-1])
        word = after.order_by("term").values_list("term", flat=True).first()
        if word is None:
            break
        words.append(word)
    return [*terms, frozenset(words) or last.terms]


def _states_of(direction: str) -> frozenset[CaseState]:
    try:
        return states_of(Direction(direction))
    except ValueError:
        return frozenset()


def case_get_for(*, actor: Any, case_id: int, action: str = "case.read") -> Case:
    """The case, if the actor may see it; otherwise the same error as for a missing case."""
    case = (
        case_queryset_for(actor=actor)
        .select_related(
            "requesting_state",
            "requested_state",
            "requesting_authority",
            "requested_authority",
            "owner_authority",
            "officer",
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        access_denied(actor=actor, action=action, object_type="case", object_id=case_id)
        raise DomainError("case.not_found", case_id=case_id)
    return case


def case_detail_for(*, actor: Any, case_id: int) -> Case:
    case = case_get_for(actor=actor, case_id=case_id)
    visible = case_queryset_for(actor=actor).values("pk")
    persons = Person.objects.prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("id")),
        "nationalities",
        "documents",
        # The photograph and fingerprints shown on the person's block (issue 17).
        Prefetch("files", queryset=Document.objects.order_by("id")),
    ).order_by("id")
    # Prefetch into the already-checked instance, so no second access check is needed.
    prefetch_related_objects(
        [case],
        Prefetch("persons", queryset=persons),
        "offences",
        "measures",
        "documents",
        "events",
        "deadlines",
        # A link never reveals a case the actor may not see (e.g. a sealed request found by
        # screening to concern the same person).
        Prefetch("links_out", queryset=CaseLink.objects.filter(target__in=visible)),
        Prefetch("links_in", queryset=CaseLink.objects.filter(source__in=visible)),
    )
    return case


def document_get_for(*, actor: Any, case_id: int, document_id: int) -> Document:
    case = case_get_for(actor=actor, case_id=case_id, action="document.download")
    doc = Document.objects.filter(case=case, pk=document_id).first()
    if doc is None:
        raise DomainError("document.not_found", document_id=document_id)
    return doc


def audit_events_for_cases(
    *, actor: Any, case_id: int | None = None, filters: AuditFilters | None = None
) -> QuerySet[AuditEvent]:
    if case_id is not None:
        case_get_for(actor=actor, case_id=case_id, action="audit.read")
    visible = case_queryset_for(actor=actor).values("pk")
    return audit_events_for(actor=actor, case_ids=visible, case_id=case_id, filters=filters)


def draft_authored_by(*, case: Case, actor: Any) -> bool:
    """Whether the actor opened the draft or submitted it for approval: four eyes keep them
    from approving it (issue 14 finding 7)."""
    submitted = Q(kind="transition", to_status=CaseState.PENDING_APPROVAL.value)
    return (
        CaseEvent.objects.filter(case=case, actor=actor)
        .filter(Q(kind="created") | submitted)
        .exists()
    )


def transitions_for(*, actor: Any, case: Case) -> list[Any]:
    """The moves the actor may make on a case already fetched through case_get_for."""
    if actor.role not in (Role.REGISTRY_CLERK, Role.CASE_OFFICER, Role.SUPERVISOR):
        return []
    moves = allowed_transitions(
        direction=Direction(case.direction),
        kind=CaseKind(case.kind),
        source=CaseState(case.status),
        role=Role(actor.role),
    )
    if any(t.action is Action.APPROVE for t in moves) and draft_authored_by(case=case, actor=actor):
        # Not offered a button the service would refuse: the author waits for another supervisor.
        moves = [t for t in moves if t.action is not Action.APPROVE]
    return moves


def case_export_rows_for(*, actor: Any, **filters: Any) -> Any:
    """Rows of the visible cases for export, streamed in id order."""
    qs = case_list_for(actor=actor, **filters).order_by("id")
    return qs.values_list(
        "our_reference",
        "their_reference",
        "direction",
        "kind",
        "status",
        "requesting_state_id",
        "requested_state_id",
        "title",
        "urgency",
        "custody",
        "due_at",
        "created_at",
    ).iterator(chunk_size=2000)


def deadline_report(*, now: Any, soon: Any) -> list[Any]:
    """Open deadlines overdue or due within `soon`, for operators (no actor: node-wide)."""
    return list(
        Deadline.objects.filter(met_at__isnull=True, due_at__lte=now + soon)
        .exclude(case__status=CaseState.CLOSED)
        .select_related("case")
        .order_by("due_at")
    )


def communications_for(*, actor: Any, case_id: int) -> list[Any]:
    """The case's communications with the other State, oldest first, if the actor may see it."""
    case = case_get_for(actor=actor, case_id=case_id)
    return list(case.communications.order_by("at", "id"))
