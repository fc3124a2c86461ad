"""States without a node (issue 15, deliverable 5): the request leaves as a package of files
with their SHA-256, its dispatch by another channel is recorded by hand, and the answers
received on paper join the same conversation; a refused action writes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.models import Case, CaseEvent, Communication, Deadline
from rogatory.apps.cases.models import Document as CaseDocument
from rogatory.apps.cases.services import document_add
from rogatory.apps.proceedings.models import ChannelRecord
from rogatory.apps.proceedings.services import case_transition
from rogatory.apps.proceedings.services.other_channels import (
    PaperFile,
    other_channel_dispatch,
    other_channel_package,
    other_channel_receive,
)
from rogatory.core.errors import DomainError
from rogatory.core.wire import from_wire

pytestmark = pytest.mark.django_db
LETTER = b"%PDF-1.7 letter of request, signed"


def _transmitted(open_case: Any, people: Any) -> Case:
    """An outgoing request to XB, which has no node: transmitting it records the status only."""
    case: Case = open_case()
    document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Letter of request",
        filename="letter.pdf",
        stream=io.BytesIO(LETTER),
        content_type="application/pdf",
    )
    for target in ("approved", "transmitted"):
        case_transition(actor=people["supervisor"], case_id=case.pk, target=target)
    case.refresh_from_db()
    return case


def _counts() -> tuple[int, ...]:
    return (
        ChannelRecord.objects.count(),
        Communication.objects.count(),
        CaseEvent.objects.count(),
        CaseDocument.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_package_holds_the_request_its_documents_and_their_hashes(
    open_case: Any, people: Any
) -> None:
    # given a request transmitted to a State without a node
    case = _transmitted(open_case, people)
    # when the officer produces the package for the diplomatic channel
    package = other_channel_package(actor=people["officer"], case_id=case.pk)
    # then it is a zip of the request's data, its document, a manifest and SHA256SUMS
    assert package.filename == case.our_reference.replace("/", "-") + ".zip"
    with zipfile.ZipFile(package.file) as archive:
        names = archive.namelist()
        request = archive.read("request.json")
        manifest = json.loads(archive.read("manifest.json"))
        sums = archive.read("SHA256SUMS").decode()
        letter_path = next(n for n in names if n.startswith("documents/"))
        assert archive.read(letter_path) == LETTER
        manifest_bytes = archive.read("manifest.json")
    assert names == ["request.json", letter_path, "manifest.json", "SHA256SUMS"]
    assert letter_path.endswith("-letter.pdf")
    # and the request reads back under the wire schema as this case
    assert from_wire(json.loads(request)).title == "Bank records of Borealis Trading"
    # and every file is listed with its SHA-256, in the manifest and in SHA256SUMS
    assert [(f["path"], f["sha256"]) for f in manifest["files"]] == [
        ("request.json", hashlib.sha256(request).hexdigest()),
        (letter_path, hashlib.sha256(LETTER).hexdigest()),
    ]
    assert (manifest["schema"], manifest["reference"]) == (
        "rogatory.package/1.0",
        case.our_reference,
    )
    assert sums.splitlines() == [
        f"{hashlib.sha256(request).hexdigest()}  request.json",
        f"{hashlib.sha256(LETTER).hexdigest()}  {letter_path}",
        f"{hashlib.sha256(manifest_bytes).hexdigest()}  manifest.json",
    ]
    # and handing the files out is audited with every hash
    event = AuditEvent.objects.get(action="case.package")
    assert (event.actor, event.case_id) == ("officer", case.pk)
    assert event.changes["manifest_sha256"] == package.sha256
    assert event.changes["files"] == manifest["files"]


@pytest.mark.parametrize(
    ("actor", "direction", "code"),
    [
        ("officer", "outgoing", "channel.not_approved"),
        # A request received is the other State's; what we send back goes as communications.
        ("clerk", "incoming", "channel.outgoing_only"),
    ],
)
def test_a_draft_or_a_request_received_is_not_packaged_and_nothing_is_audited(
    open_case: Any, people: Any, actor: str, direction: str, code: str
) -> None:
    case = open_case(actor=actor, direction=direction)
    audited = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        other_channel_package(actor=people[actor], case_id=case.pk)
    assert refused.value.code == code
    assert AuditEvent.objects.count() == audited


def test_the_dispatch_is_recorded_with_its_channel_date_and_tracking_reference(
    open_case: Any, people: Any
) -> None:
    # given a request transmitted to a State without a node
    case = _transmitted(open_case, people)
    # when the officer records that it left by diplomatic bag on 1 December
    row = other_channel_dispatch(
        actor=people["officer"],
        case_id=case.pk,
        channel="diplomatic",
        on=date(2026, 12, 1),
        tracking_reference="Note verbale 123/2026",
    )
    # then the dispatch, its timeline line and its audit record are kept
    assert (row.sent, row.channel, row.on, row.tracking_reference) == (
        True,
        "diplomatic",
        date(2026, 12, 1),
        "Note verbale 123/2026",
    )
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.reason) == (
        "dispatched_diplomatic",
        "2026-12-01 · Note verbale 123/2026",
    )
    audited = AuditEvent.objects.get(action="case.dispatch")
    assert audited.changes == {
        "channel": "diplomatic",
        "on": "2026-12-01",
        "tracking_reference": "Note verbale 123/2026",
        "note": "",
    }


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"channel": "pigeon"}, "field.invalid_choice"),
        ({"on": datetime.now(UTC).date() + timedelta(days=3)}, "event_date.in_future"),
        ({"actor": "auditor"}, "case.write_forbidden"),
        ({"draft": True}, "channel.not_approved"),
    ],
)
def test_a_refused_dispatch_writes_nothing(
    open_case: Any, people: Any, overrides: dict[str, Any], code: str
) -> None:
    case = open_case() if overrides.pop("draft", False) else _transmitted(open_case, people)
    before = _counts()
    arguments: dict[str, Any] = {"channel": "post", "on": date(2026, 12, 1), **overrides}
    actor = people[arguments.pop("actor", "officer")]
    with pytest.raises(DomainError) as refused:
        other_channel_dispatch(actor=actor, case_id=case.pk, **arguments)
    assert refused.value.code == code
    assert _counts() == before


def test_a_final_execution_received_by_post_joins_the_thread_with_its_evidence(
    open_case: Any, people: Any
) -> None:
    # given a request transmitted to a State without a node
    case = _transmitted(open_case, people)
    scan = b"%PDF-1.7 scanned bank statements"
    # and XB's acknowledgement with its reference, which came by post
    other_channel_receive(
        actor=people["officer"],
        case_id=case.pk,
        kind="acknowledgement",
        channel="post",
        on=date(2026, 12, 1),
        reference="XB/MLA/2026/42",
    )
    case.refresh_from_db()
    assert (case.status, case.their_reference) == ("acknowledged", "XB/MLA/2026/42")
    # when the officer registers the executed request that came back by post, with its scan
    row = other_channel_receive(
        actor=people["officer"],
        case_id=case.pk,
        kind="final_execution",
        channel="post",
        on=date(2026, 12, 2),
        text="Statements enclosed.",
        reference="XB/MLA/2026/42",
        tracking_reference="RR123456789XB",
        files=[PaperFile("statements.pdf", io.BytesIO(scan), "application/pdf", "Statements")],
    )
    # then it is a communication received, in the case's conversation, with its file
    assert (row.kind, row.sent, row.message_id, row.text) == (
        "final_execution",
        False,
        "",
        "Statements enclosed.",
    )
    doc = CaseDocument.objects.get(case=case, received=True)
    assert (doc.title, doc.sha256, doc.communication_id) == (
        "Statements",
        hashlib.sha256(scan).hexdigest(),
        row.pk,
    )
    record = ChannelRecord.objects.get(communication=row)
    assert (record.sent, record.channel, record.tracking_reference) == (
        False,
        "post",
        "RR123456789XB",
    )
    # and the case follows it as it would a signed message: executed
    case.refresh_from_db()
    assert case.status == "executed"
    assert CaseEvent.objects.filter(case=case, kind="received_final_execution").exists()
    audited = AuditEvent.objects.filter(action="communication.received_other_channel").latest("seq")
    assert audited.changes["documents"] == [
        {"filename": "statements.pdf", "sha256": hashlib.sha256(scan).hexdigest()}
    ]


def test_a_withdrawal_received_by_email_stops_the_requested_sides_clocks(
    open_case: Any, people: Any
) -> None:
    # given a request of XB received here on paper, the clock to register it running
    case = open_case(actor="clerk", direction="incoming")
    assert case.status == "received"
    assert Deadline.objects.filter(case=case, met_at=None).exists()
    # when the clerk registers XB's withdrawal received by e-mail
    other_channel_receive(
        actor=people["clerk"],
        case_id=case.pk,
        kind="withdrawal",
        channel="email",
        on=date(2026, 12, 2),
        text="Proceedings discontinued.",
    )
    # then the case is withdrawn and no clock runs
    case.refresh_from_db()
    assert case.status == "withdrawn"
    assert not Deadline.objects.filter(case=case, met_at=None).exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        # The requesting State's own act cannot come back to it from the other State.
        ({"kind": "withdrawal"}, "channel.own_act"),
        ({"kind": "information_request", "text": ""}, "field.required"),
        ({"kind": "telegram"}, "field.invalid_choice"),
        ({"channel": "pigeon"}, "field.invalid_choice"),
        ({"files": [PaperFile("empty.pdf", io.BytesIO(b""))]}, "document.empty"),
    ],
)
def test_a_refused_paper_answer_writes_nothing(
    open_case: Any, people: Any, overrides: dict[str, Any], code: str
) -> None:
    case = _transmitted(open_case, people)
    before = _counts()
    arguments: dict[str, Any] = {
        "kind": "acknowledgement",
        "channel": "post",
        "on": date(2026, 12, 2),
        **overrides,
    }
    with pytest.raises(DomainError) as refused:
        other_channel_receive(actor=people["officer"], case_id=case.pk, **arguments)
    assert refused.value.code == code
    assert _counts() == before
    case.refresh_from_db()
    assert case.status == "transmitted"
