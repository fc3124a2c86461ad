"""What an outgoing request carries: the case data the requested State needs to open its case.

``request_payload`` is the inverse of what ``incoming_case_from_message`` reads; both sides use
the case input records' field names, so a request opens an equivalent incoming case.
"""

from __future__ import annotations

from typing import Any

from rogatory.apps.cases.models import Case
from rogatory.apps.exchange.models import Peer
from rogatory.core.errors import DomainError


def _birth_date(person: Any) -> str:
    parts = [person.birth_year, person.birth_month, person.birth_day]
    text = [f"{parts[0]:04d}"] if parts[0] else []
    text += [f"{p:02d}" for p in parts[1:] if p]
    return "-".join(text) if parts[0] else ""


def request_payload(case: Case) -> dict[str, Any]:
    """The manifest payload of an outgoing request (no internal ids, officers or grants)."""
    persons = []
    for person in case.persons.prefetch_related("names", "nationalities", "documents"):
        persons.append(
            {
                "role": person.role,
                "names": [
                    {"full_name": n.full_name, "role": n.role, "latin": n.latin}
                    for n in person.names.all()
                ],
                "gender": person.gender,
                "birth_date": _birth_date(person),
                "birth_place": person.birth_place,
                "location": person.location,
                "nationalities": [n.state_id for n in person.nationalities.all()],
                "documents": [
                    {"type": d.type, "number": d.number, "issuing_state": d.issuing_state_id}
                    for d in person.documents.all()
                ],
            }
        )
    return {
        "kind": case.kind,
        "legal_bases": list(case.legal_bases),
        "treaty": case.treaty,
        "title": case.title,
        "subject": case.subject,
        "facts": case.facts,
        "urgency": case.urgency,
        "urgency_reason": case.urgency_reason,
        "custody": case.custody,
        "confidential": case.confidential,
        "persons": persons,
        "offences": [
            {
                "description": o.description,
                "legal_provisions": o.legal_provisions,
                "max_penalty_months": o.max_penalty_months,
                "max_penalty_life": o.max_penalty_life,
                "place": o.place,
                "committed_on": o.committed_on.isoformat() if o.committed_on else None,
            }
            for o in case.offences.all()
        ],
        "measures": [
            {
                "type": m.type,
                "description": m.description,
                "purpose": m.purpose,
                "procedure": m.procedure,
            }
            for m in case.measures.all()
        ],
    }


def peer_node_for_state(state: str) -> str:
    """The one active node of ``state`` in the accepted registry (refused if none or several)."""
    nodes = list(
        Peer.objects.filter(state=state, status="active").values_list("node_id", flat=True)
    )
    if not nodes:
        raise DomainError("exchange.no_peer_for_state", state=state)
    if len(nodes) > 1:
        raise DomainError("exchange.several_peers_for_state", state=state)
    return nodes[0]
