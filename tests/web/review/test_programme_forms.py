"""The working-group programme's forms (Secretariat node): each parses, calls its service and
shows the meeting again; a refusal answers 4xx in the reader's language and writes nothing;
an auditor is refused; the Secretariat's review reminders on the notifications page."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from rogatory.apps.audit.models import AuditEvent
from rogatory.apps.review.demo import demo_review
from rogatory.apps.review.models import (
    ConstructiveDialogue,
    Meeting,
    ReviewNotice,
    VideoStatement,
    WorkSlot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(people: Any, secretariat: Any) -> dict[str, Any]:
    result = demo_review(password="pw-secretariat")
    for user in [*people.values(), secretariat]:
        user.refresh_from_db()
    return result


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def rows() -> Callable[[], tuple[int, ...]]:
    def count() -> tuple[int, ...]:
        return (
            Meeting.objects.count(),
            WorkSlot.objects.count(),
            VideoStatement.objects.count(),
            ConstructiveDialogue.objects.count(),
            AuditEvent.objects.count(),
        )

    return count


def test_the_secretariat_creates_and_corrects_a_meeting(
    demo: dict[str, Any], secretariat: Any
) -> None:
    client = _client(secretariat)
    # given the programme page with its form
    assert (
        'action="/review/programme/meetings/"' in client.get("/review/programme/").content.decode()
    )
    # when a meeting is created
    response = client.post(
        "/review/programme/meetings/",
        {
            "body": "firearms",
            "title": "Working Group on Firearms, 11th meeting",
            "venue": "Vienna",
            "starts_on": "2025-05-06",
            "ends_on": "2025-05-07",
        },
    )
    # then it is kept and shown
    meeting = Meeting.objects.get(body="firearms")
    assert response.status_code == 302
    assert response["Location"] == f"/review/programme/{meeting.pk}/"
    assert (meeting.starts_on, meeting.ends_on, meeting.venue) == (
        date(2025, 5, 6),
        date(2025, 5, 7),
        "Vienna",
    )
    # and it is corrected from its edit page
    edit = f"/review/programme/{meeting.pk}/edit/"
    assert 'value="2025-05-06"' in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "body": "firearms",
            "title": "Working Group on Firearms, 11th meeting",
            "venue": "Vienna",
            "starts_on": "2025-05-06",
            "ends_on": "2025-05-08",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.ends_on == date(2025, 5, 8)
    assert AuditEvent.objects.filter(action="review.meeting_update").count() == 1


def test_bad_meetings_answer_422_in_the_readers_language_and_write_nothing(
    demo: dict[str, Any], secretariat: Any, rows: Callable[[], tuple[int, ...]]
) -> None:
    client = _client(secretariat)
    before = rows()
    good = {"body": "firearms", "title": "T", "starts_on": "2025-05-06", "ends_on": "2025-05-07"}
    for data in ({**good, "ends_on": "2025-05-01"}, {**good, "body": "chess"}, {}):
        assert client.post("/review/programme/meetings/", data).status_code == 422, data
    # the message comes in French for a French reader
    secretariat.language = "fr"
    secretariat.save()
    html = client.post(
        "/review/programme/meetings/", {**good, "ends_on": "2025-05-01"}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert 'lang="fr"' in html
    assert "The last day cannot come before the first day." not in html
    assert rows() == before


def test_the_programme_of_a_meeting_is_built_from_its_page(
    demo: dict[str, Any], secretariat: Any
) -> None:
    client = _client(secretariat)
    meeting = Meeting.objects.get()
    url = f"/review/programme/{meeting.pk}"
    html = client.get(f"{url}/").content.decode()
    for action in ("items", "slots", "documents", "videos", "dialogues"):
        assert f'action="{url}/{action}/"' in html, action
    # an agenda item with its annotation
    response = client.post(
        f"{url}/items/",
        {"item-number": "9", "item-title": "Other matters", "item-annotation": "None expected."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}/#agenda-title"
    item = meeting.items.get(number=9)
    assert item.annotation == "None expected."
    # a time slot on the meeting's last day taking it up
    response = client.post(
        f"{url}/slots/",
        {"slot-day": meeting.ends_on.isoformat(), "slot-period": "pm", "slot-items": [item.pk]},
    )
    assert response.status_code == 302
    slot = meeting.slots.get(day=meeting.ends_on, period="pm", items=item)
    assert list(slot.items.all()) == [item]
    # a video statement, then its translation into Russian under way
    response = client.post(
        f"{url}/videos/",
        {"video-delegation": "XE", "video-original": "es", "video-minutes": "4"},
    )
    assert response.status_code == 302
    video = meeting.videos.get(delegation_id="XE")
    assert video.translations["es"] == "original"
    response = client.post(
        f"{url}/videos/{video.pk}/translation/",
        {f"tr{video.pk}-language": "ru", f"tr{video.pk}-status": "in_progress"},
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.translations["ru"] == "in_progress"
    # a constructive dialogue with its summary, for this meeting and for none
    response = client.post(
        f"{url}/dialogues/",
        {
            "dialogue-topic": "international_cooperation",
            "dialogue-held_on": meeting.ends_on.isoformat(),
            "dialogue-summary": "Academia on electronic evidence.",
        },
    )
    assert response.status_code == 302
    assert meeting.dialogues.filter(summary="Academia on electronic evidence.").count() == 1
    response = client.post(
        "/review/programme/dialogues/",
        {"dialogue-topic": "firearms", "dialogue-held_on": "2024-10-01", "dialogue-summary": "S"},
    )
    assert response.status_code == 302
    assert ConstructiveDialogue.objects.get(summary="S").meeting_id is None
    # and the page shows them
    html = client.get(f"{url}/").content.decode()
    assert "Other matters" in html
    assert "Academia on electronic evidence." in html


def test_bad_programme_entries_answer_422_next_to_the_field_and_write_nothing(
    demo: dict[str, Any], secretariat: Any, rows: Callable[[], tuple[int, ...]]
) -> None:
    client = _client(secretariat)
    meeting = Meeting.objects.get()
    video = meeting.videos.first()
    assert video is not None
    url = f"/review/programme/{meeting.pk}"
    item = meeting.items.first()
    assert item is not None
    before = rows()
    bad = [
        (f"{url}/items/", {"item-number": str(item.number), "item-title": "Again"}),
        (f"{url}/items/", {"item-number": "0", "item-title": "Zero"}),
        (
            f"{url}/slots/",
            {"slot-day": "2001-01-01", "slot-period": "am", "slot-items": [item.pk]},
        ),
        (f"{url}/slots/", {"slot-day": meeting.starts_on.isoformat(), "slot-period": "am"}),
        (f"{url}/videos/", {"video-delegation": "ZZ", "video-original": "es"}),
        (
            f"{url}/videos/{video.pk}/translation/",
            {f"tr{video.pk}-language": "de", f"tr{video.pk}-status": "done"},
        ),
        (f"{url}/dialogues/", {"dialogue-topic": "chess", "dialogue-held_on": "2024-10-01"}),
    ]
    for target, data in bad:
        response = client.post(target, data)
        assert response.status_code == 422, (target, data)
    html = client.post(bad[0][0], bad[0][1]).content.decode()
    assert f"The agenda already has an item {item.number}." in html
    html = client.post(bad[2][0], bad[2][1]).content.decode()
    assert "The day must fall within the meeting." in html
    # the original language of a statement cannot be turned into a translation
    original = next(c for c, s in video.translations.items() if s == "original")
    response = client.post(
        f"{url}/videos/{video.pk}/translation/",
        {f"tr{video.pk}-language": original, f"tr{video.pk}-status": "done"},
    )
    assert response.status_code == 422
    assert "The original language of a statement cannot be changed" in response.content.decode()
    assert rows() == before


def test_an_auditor_reads_the_programme_but_cannot_write(
    demo: dict[str, Any], people: Any, rows: Callable[[], tuple[int, ...]]
) -> None:
    client = _client(people["auditor"])
    meeting = Meeting.objects.get()
    video = meeting.videos.first()
    assert video is not None
    url = f"/review/programme/{meeting.pk}"
    html = client.get(f"{url}/").content.decode()
    assert "<form" not in html.split("<main", 1)[-1].split("</main>")[0]
    before = rows()
    attempts = [
        (
            "/review/programme/meetings/",
            {"body": "firearms", "title": "T", "starts_on": "2025-05-06", "ends_on": "2025-05-07"},
        ),
        (f"{url}/items/", {"item-number": "9", "item-title": "x"}),
        (
            f"{url}/videos/{video.pk}/translation/",
            {f"tr{video.pk}-language": "ru", f"tr{video.pk}-status": "done"},
        ),
        (
            f"{url}/edit/",
            {"body": "firearms", "title": "T", "starts_on": "2025-05-06", "ends_on": "2025-05-07"},
        ),
        (
            "/review/programme/dialogues/",
            {"dialogue-topic": "firearms", "dialogue-held_on": "2024-10-01"},
        ),
    ]
    for target, data in attempts:
        assert client.post(target, data).status_code == 403, target
    assert client.get(f"{url}/edit/").status_code == 403
    assert rows() == before


def test_a_statement_of_another_meeting_is_not_found(
    demo: dict[str, Any], secretariat: Any, rows: Callable[[], tuple[int, ...]]
) -> None:
    client = _client(secretariat)
    meeting = Meeting.objects.get()
    video = meeting.videos.first()
    assert video is not None
    client.post(
        "/review/programme/meetings/",
        {"body": "firearms", "title": "T", "starts_on": "2025-05-06", "ends_on": "2025-05-07"},
    )
    other = Meeting.objects.get(body="firearms")
    before = rows()
    response = client.post(
        f"/review/programme/{other.pk}/videos/{video.pk}/translation/",
        {f"tr{video.pk}-language": "ru", f"tr{video.pk}-status": "done"},
    )
    assert response.status_code == 404
    assert rows() == before


def test_review_reminders_show_among_the_notifications(
    demo: dict[str, Any], secretariat: Any, people: Any
) -> None:
    # given the demo's overdue steps and the periodic command run today
    call_command("review-reminders", stdout=None)
    overdue = ReviewNotice.objects.filter(user=secretariat, kind="overdue").count()
    assert overdue > 0
    client = _client(secretariat)
    # then the Secretariat's header counts them and the page lists them, linked to the review
    home = client.get("/review/").content.decode()
    total = ReviewNotice.objects.filter(user=secretariat, read_at=None).count()
    assert f'<span class="count">{total}<' in home
    page = client.get("/notifications/").content.decode()
    assert page.count("Review step overdue") == overdue
    notice = ReviewNotice.objects.filter(user=secretariat).first()
    assert notice is not None
    assert f'href="/review/{notice.step.review_id}/"' in page
    # when one is marked as read, only it is
    client.post("/notifications/read/", {"review_notice": str(notice.pk)})
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert ReviewNotice.objects.filter(user=secretariat, read_at=None).count() == total - 1
    # and a review notice id that is not a number marks none
    client.post("/notifications/read/", {"review_notice": "x"})
    assert ReviewNotice.objects.filter(user=secretariat, read_at=None).count() == total - 1
    # and "mark all" marks them all
    client.post("/notifications/read/", {})
    assert ReviewNotice.objects.filter(user=secretariat, read_at=None).count() == 0
    # and a supervisor sees no review notice
    assert (
        "Review step" not in _client(people["supervisor"]).get("/notifications/").content.decode()
    )


def test_reminders_are_idempotent_under_a_frozen_clock(
    demo: dict[str, Any], secretariat: Any
) -> None:
    at = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("review-reminders", stdout=None)
        first = ReviewNotice.objects.count()
        call_command("review-reminders", stdout=None)
    assert ReviewNotice.objects.count() == first
