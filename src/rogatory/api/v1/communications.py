"""A case's communications with the other State: list them, send one (docs/protocol.md §15)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from rogatory.api.v1.bounds import MAX_ROWS, Id
from rogatory.apps.cases import selectors
from rogatory.apps.cases.condition_selectors import condition_label, document_conditions
from rogatory.apps.cases.models import Document
from rogatory.apps.proceedings.services import communication_send

router = Router(tags=["communications"])


class CommunicationIn(Schema):
    kind: str
    text: str = Field("", max_length=10_000)
    contact: str = Field("", max_length=300)
    in_reply_to: str = Field("", max_length=36)
    document_ids: list[Id] = Field([], max_length=MAX_ROWS)


class ConditionOut(Schema):
    """A condition binding an evidence file: ``kind`` is a stable code (``use_limited``,
    ``use_consented``, ``confidentiality``, ``confidentiality_not_kept``,
    ``conditions_accepted``, ``conditions_proposed``), ``basis`` its article."""

    kind: str
    label: str
    basis: str
    text: str
    at: datetime | None


class CommunicationDocumentOut(Schema):
    """A file that travelled with the communication: for one received, the SHA-256 the sender
    declared (``sent_sha256``) next to the one computed from the stored file (``sha256``); for
    evidence, the conditions that bind its use (UNTOC art. 18(19), 18(20), 18(26))."""

    id: int
    title: str
    filename: str
    size: int
    sha256: str
    sent_sha256: str
    received: bool
    message_id: str
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_conditions(obj: Document) -> list[dict[str, Any]]:
        return [
            {
                "kind": c.kind.value,
                "label": condition_label(c.kind),
                "basis": c.basis,
                "text": c.text,
                "at": c.at,
            }
            for c in document_conditions(obj)
        ]


class CommunicationOut(Schema):
    id: int
    kind: str
    sent: bool
    at: datetime
    text: str
    reference: str
    contact: str
    message_id: str
    in_reply_to: str
    documents: list[CommunicationDocumentOut]


@router.get("/cases/{case_id}/communications", response=list[CommunicationOut])
def case_communications(request: HttpRequest, case_id: Id) -> Any:
    return selectors.communications_for(actor=request.user, case_id=case_id)


@router.post("/cases/{case_id}/communications", response={201: CommunicationOut})
def communication_post(request: HttpRequest, case_id: Id, payload: CommunicationIn) -> Any:
    return Status(201, communication_send(actor=request.user, case_id=case_id, **payload.dict()))
