"""Photograph and fingerprints of a person (issue 17; ETS 24 art. 12(2)(c), UN Model Treaty on
Extradition art. 5(2)(a)): stored as case documents linked to the person, shown on the person's
block, listed among the letter's annexes, and travelling with the request to the other node."""

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.cases.drafting_selectors import draft_check
from rogatory.apps.cases.models import Case, Document
from rogatory.apps.cases.services import person_files
from rogatory.apps.cases.services.arrivals import ReceivedFile, received_files_attach
from rogatory.apps.cases.services.documents import ANSI_NIST_TYPE
from rogatory.apps.cases.services.inputs import NameInput, PersonInput
from rogatory.apps.cases.wire import case_data
from rogatory.apps.letters.content import letter_build
from rogatory.apps.letters.languages import LetterLanguage
from rogatory.core.documents import Section
from rogatory.core.errors import DomainError
from rogatory.core.wire import from_wire, to_wire

pytestmark = pytest.mark.django_db

# The smallest files that pass the check of their first bytes.
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ANSI_NIST = b"1.001:137\x1d1.002:0502\x1d1.003:1\x1f1\x1e2\x1f00\x1c"


def _extradition(open_case: Any) -> Case:
    witness = PersonInput(role="witness", names=[NameInput("Wang Xiaoming")])
    sought = PersonInput(
        role="person_sought",
        names=[NameInput("سمير الحداد", "original_script", "Samir al-Haddad")],
        physical_description="Tall, scar on the left hand",
    )
    case: Case = open_case(kind="extradition", persons=[witness, sought], measures=[])
    return case


def _sought(case: Case) -> Any:
    return case.persons.get(role="person_sought")


def _add(case: Case, who: Any, kind: str, name: str, content: bytes, claimed: str) -> Document:
    return person_files.person_file_add(
        actor=who,
        case_id=case.pk,
        person_id=_sought(case).pk,
        kind=kind,
        filename=name,
        stream=io.BytesIO(content),
        content_type=claimed,
    )


# --- service -------------------------------------------------------------------------------


def test_a_photograph_is_a_case_document_linked_to_the_person_and_ends_the_warning(
    people: dict[str, Any], open_case: Any
) -> None:
    # given an extradition draft whose checklist asks for a photograph
    case = _extradition(open_case)
    assert "drafting.photograph" in [f.code for f in draft_check(case).completeness]
    # when the officer adds one
    doc = _add(case, people["officer"], "photograph", "face.jpg", JPEG, "image/jpeg")
    # then it is stored with its hash, linked to the person sought, and audited
    doc.refresh_from_db()
    assert (doc.person_id, doc.person_file) == (_sought(case).pk, "photograph")
    assert (doc.content_type, doc.sha256) == ("image/jpeg", hashlib.sha256(JPEG).hexdigest())
    with translation.override("en"):
        assert doc.title == "Photograph of سمير الحداد"
    audit = AuditEvent.objects.get(action="person.file_add")
    assert audit.changes["person"] == _sought(case).pk
    assert audit.changes["sha256"] == doc.sha256
    # and the checklist no longer asks for a photograph
    assert "drafting.photograph" not in [f.code for f in draft_check(case).completeness]


def test_fingerprints_in_ansi_nist_itl_are_kept_as_an_opaque_file_of_their_type(
    people: dict[str, Any], open_case: Any
) -> None:
    case = _extradition(open_case)
    doc = _add(
        case, people["officer"], "fingerprints", "tenprint.eft", ANSI_NIST, "application/x-eft"
    )
    assert (doc.content_type, doc.person_file, doc.size) == (
        ANSI_NIST_TYPE,
        "fingerprints",
        len(ANSI_NIST),
    )


@pytest.mark.parametrize(
    ("kind", "name", "content", "claimed", "code"),
    [
        # a page claiming to be a JPEG: its first bytes say otherwise
        ("photograph", "face.jpg", b"<html><script>x</script>", "image/jpeg", "type_mismatch"),
        # a PDF is not a photograph
        ("photograph", "scan.pdf", b"%PDF-1.7 ...", "application/pdf", "person_file.type"),
        # an ANSI/NIST-ITL file is accepted for fingerprints only
        ("photograph", "tenprint.an2", ANSI_NIST, "application/octet-stream", "person_file.type"),
        # a .an2 that does not open with its Type-1 record
        ("fingerprints", "tenprint.an2", b"MZ\x90\x00", "application/octet-stream", "mismatch"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_written(
    people: dict[str, Any],
    open_case: Any,
    writes: Any,
    kind: str,
    name: str,
    content: bytes,
    claimed: str,
    code: str,
) -> None:
    case = _extradition(open_case)
    before = writes()
    with pytest.raises(DomainError) as refused:
        _add(case, people["officer"], kind, name, content, claimed)
    assert refused.value.code.endswith(code)
    assert writes() == before
    assert not Document.objects.filter(case=case).exists()


def test_a_photograph_above_its_bound_is_refused(
    people: dict[str, Any], open_case: Any, writes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(person_files.MAX_BYTES, "photograph", 32)
    case = _extradition(open_case)
    before = writes()
    with pytest.raises(DomainError) as refused:
        _add(case, people["officer"], "photograph", "face.jpg", JPEG, "image/jpeg")
    assert (refused.value.code, refused.value.params) == (
        "document.too_large",
        {"field": "file", "max_bytes": 32},
    )
    assert writes() == before


def test_an_auditor_cannot_add_a_photograph_and_the_refusal_is_logged(
    people: dict[str, Any], open_case: Any, caplog: pytest.LogCaptureFixture
) -> None:
    case = _extradition(open_case)
    with pytest.raises(DomainError) as refused:
        _add(case, people["auditor"], "photograph", "face.jpg", JPEG, "image/jpeg")
    assert refused.value.code in ("case.not_found", "case.write_forbidden")
    assert not Document.objects.filter(case=case).exists()
    assert "access_denied actor='auditor' action='person.file_add'" in caplog.text


def test_a_person_of_another_case_is_not_found(people: dict[str, Any], open_case: Any) -> None:
    case, other = _extradition(open_case), _extradition(open_case)
    with pytest.raises(DomainError) as refused:
        person_files.person_file_add(
            actor=people["officer"],
            case_id=case.pk,
            person_id=_sought(other).pk,
            kind="photograph",
            filename="face.jpg",
            stream=io.BytesIO(JPEG),
            content_type="image/jpeg",
        )
    assert refused.value.code == "person.not_found"
    assert not Document.objects.exists()


def test_a_submitted_request_takes_no_new_photograph(
    people: dict[str, Any], open_case: Any
) -> None:
    case = _extradition(open_case)
    Case.objects.filter(pk=case.pk).update(status="pending_approval")
    with pytest.raises(DomainError) as refused:
        _add(case, people["officer"], "photograph", "face.jpg", JPEG, "image/jpeg")
    assert refused.value.code == "case.not_draft"
    assert not Document.objects.exists()


# --- letter and wire -----------------------------------------------------------------------


def test_the_letter_lists_the_photograph_and_fingerprints_as_annexes_with_their_person(
    people: dict[str, Any], open_case: Any
) -> None:
    case = _extradition(open_case)
    photo = _add(case, people["officer"], "photograph", "face.png", PNG, "image/png")
    prints = _add(case, people["officer"], "fingerprints", "ten.an2", ANSI_NIST, "")
    case.refresh_from_db()
    with translation.override("en"):
        letter = letter_build(case, case_data(case), LetterLanguage.EN)
    annexes = next(s for s in letter.sections if s.key is Section.ANNEXES)
    fields = [[(f.label, f.value) for f in e.fields] for e in annexes.entries]
    assert fields == [
        [("Kind of annex", "Photograph"), ("Person", "سمير الحداد"), ("SHA-256", photo.sha256)],
        [
            ("Kind of annex", "Fingerprints"),
            ("Person", "سمير الحداد"),
            ("SHA-256", prints.sha256),
        ],
    ]


def test_the_photograph_travels_linked_to_the_same_person_on_the_other_node(
    people: dict[str, Any], open_case: Any, settings: Any, tmp_path: Path
) -> None:
    # given a request with a photograph of its second person, as it leaves this node
    case = _extradition(open_case)
    photo = _add(case, people["officer"], "photograph", "face.jpg", JPEG, "image/jpeg")
    payload = json.loads(json.dumps(to_wire(case_data(case))))
    assert payload["schema"] == "rogatory.case/1.2"
    assert payload["documents"][0]["person"] == 1
    # when the other node opens the case it carries and attaches the file
    data = from_wire(payload)
    received = open_case(
        direction="incoming", kind="extradition", persons=data.persons, actor="clerk"
    )
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "face.jpg").write_bytes(JPEG)
    [doc] = received_files_attach(
        case=received,
        actor=people["clerk"],
        files=[ReceivedFile("face.jpg", "image/jpeg", "inbox/face.jpg", photo.sha256, len(JPEG))],
        notes=data.documents,
    )
    # then the file is linked to the person sought there too, as a photograph
    sought = received.persons.get(role="person_sought")
    assert (doc.person_id, doc.person_file, doc.sha256) == (sought.pk, "photograph", photo.sha256)


# --- pages ---------------------------------------------------------------------------------


def test_the_officer_uploads_a_photograph_and_sees_it_on_the_persons_block(
    client_for: Any, open_case: Any
) -> None:
    case = _extradition(open_case)
    sought = _sought(case)
    client = client_for("officer")
    url = f"/cases/{case.pk}/persons/{sought.pk}/files/new/"
    assert client.get(url).status_code == 200
    # when the officer posts a JPEG as the photograph
    upload = SimpleUploadedFile("face.jpg", JPEG, content_type="image/jpeg")
    response = client.post(url, {"kind": "photograph", "title": "", "file": upload})
    # then the case page shows it as a thumbnail served by the checked download
    assert response.status_code == 302
    doc = Document.objects.get(person=sought)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    src = f"/cases/{case.pk}/documents/{doc.pk}/"
    assert f'<img src="{src}"' in page
    image = client.get(src)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert "no-store" in image["Cache-Control"]
    assert b"".join(image.streaming_content) == JPEG


def test_a_pdf_posted_as_photograph_is_refused_next_to_the_file_field(
    client_for: Any, open_case: Any
) -> None:
    case = _extradition(open_case)
    url = f"/cases/{case.pk}/persons/{_sought(case).pk}/files/new/"
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7", content_type="application/pdf")
    response = client_for("officer").post(url, {"kind": "photograph", "file": upload})
    assert response.status_code == 422
    assert "This kind of file is not accepted here. Accepted: .jpg, .jpeg, .png." in (
        response.content.decode()
    )
    assert not Document.objects.exists()


def test_a_foreign_supervisor_gets_no_upload_page(client_for: Any, open_case: Any) -> None:
    case = _extradition(open_case)
    url = f"/cases/{case.pk}/persons/{_sought(case).pk}/files/new/"
    assert client_for("foreign_supervisor").get(url).status_code == 404


def test_fingerprints_are_listed_on_the_persons_block_as_a_download(
    client_for: Any, open_case: Any
) -> None:
    case = _extradition(open_case)
    sought = _sought(case)
    client = client_for("officer")
    upload = SimpleUploadedFile("ten.an2", ANSI_NIST, content_type="application/octet-stream")
    response = client.post(
        f"/cases/{case.pk}/persons/{sought.pk}/files/new/",
        {"kind": "fingerprints", "title": "Ten-print card", "file": upload},
    )
    assert response.status_code == 302
    doc = Document.objects.get(person=sought)
    assert doc.content_type == ANSI_NIST_TYPE
    page = client.get(f"/cases/{case.pk}/").content.decode()
    link = f'<a href="/cases/{case.pk}/documents/{doc.pk}/"><bdi>Ten-print card</bdi></a>'
    assert f"Fingerprints: {link}" in page
    assert "<img" not in page.split('aria-labelledby="persons-title"')[1].split("</section>")[0]
