"""The working-group programme's writes: a meeting corrected, items, slots, statements and their
translation status, dialogues; each audited, each refusal writing nothing."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from rogatory.apps.audit.models import AccessDenial, AuditEvent
from rogatory.apps.review.models import (
    AgendaItem,
    ConstructiveDialogue,
    Meeting,
    VideoStatement,
    WorkSlot,
)
from rogatory.apps.review.services import (
    agenda_item_add,
    dialogue_add,
    meeting_create,
    meeting_update,
    video_add,
    video_translation_set,
    work_slot_add,
)
from rogatory.core.errors import DomainError

pytestmark = pytest.mark.django_db
MON, WED, THU = date(2024, 6, 3), date(2024, 6, 5), date(2024, 6, 6)


@pytest.fixture
def meeting(secretariat: Any, parties: None) -> Meeting:
    return meeting_create(
        actor=secretariat,
        body="international_cooperation",
        title="WG on International Cooperation, 14th meeting",
        starts_on=MON,
        ends_on=WED,
        venue="Vienna",
    )


@pytest.fixture
def rows() -> Callable[[], tuple[int, ...]]:
    def count() -> tuple[int, ...]:
        return (
            AgendaItem.objects.count(),
            WorkSlot.objects.count(),
            VideoStatement.objects.count(),
            ConstructiveDialogue.objects.count(),
            AuditEvent.objects.count(),
        )

    return count


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def test_a_meeting_is_corrected_and_the_change_audited(secretariat: Any, meeting: Meeting) -> None:
    # given a meeting of three days
    # when the Secretariat moves its last day and renames it
    meeting_update(
        actor=secretariat,
        meeting_id=meeting.pk,
        body="international_cooperation",
        title="14th meeting",
        starts_on=MON,
        ends_on=THU,
        venue="Vienna",
    )
    # then the meeting holds the new values and the audit event the old and new ones
    meeting.refresh_from_db()
    assert (meeting.title, meeting.ends_on) == ("14th meeting", THU)
    event = AuditEvent.objects.get(action="review.meeting_update")
    assert event.changes == {
        "title": ["WG on International Cooperation, 14th meeting", "14th meeting"],
        "ends_on": ["2024-06-05", "2024-06-06"],
    }


def test_a_correction_that_would_leave_slots_outside_the_days_is_refused(
    secretariat: Any, meeting: Meeting, rows: Callable[[], tuple[int, ...]]
) -> None:
    # given a slot on the last day
    item = agenda_item_add(actor=secretariat, meeting_id=meeting.pk, number=1, title="Opening")
    work_slot_add(
        actor=secretariat, meeting_id=meeting.pk, day=WED, period="am", item_ids=[item.pk]
    )
    before = rows()
    # when the meeting is shortened, or its days reversed
    for starts, ends, code in (
        (MON, date(2024, 6, 4), "review.meeting_slots_outside"),
        (WED, MON, "review.meeting_dates"),
    ):
        with pytest.raises(DomainError) as err:
            meeting_update(
                actor=secretariat,
                meeting_id=meeting.pk,
                body="international_cooperation",
                title="x",
                starts_on=starts,
                ends_on=ends,
            )
        assert err.value.code == code
    # then nothing changed
    meeting.refresh_from_db()
    assert (meeting.ends_on, meeting.title) == (
        WED,
        "WG on International Cooperation, 14th meeting",
    )
    assert rows() == before


def test_items_slots_videos_and_dialogues_are_added_and_audited(
    secretariat: Any, meeting: Meeting
) -> None:
    # when the Secretariat builds the programme
    one = agenda_item_add(
        actor=secretariat, meeting_id=meeting.pk, number=1, title="Opening", annotation="Agenda."
    )
    two = agenda_item_add(actor=secretariat, meeting_id=meeting.pk, number=2, title="Extradition")
    slot = work_slot_add(
        actor=secretariat, meeting_id=meeting.pk, day=MON, period="pm", item_ids=[one.pk, two.pk]
    )
    video = video_add(
        actor=secretariat, meeting_id=meeting.pk, delegation="XB", original="fr", item_id=two.pk
    )
    video_translation_set(actor=secretariat, video_id=video.pk, language="ar", status="in_progress")
    video_translation_set(actor=secretariat, video_id=video.pk, language="en", status="done")
    dialogue = dialogue_add(
        actor=secretariat,
        topic="international_cooperation",
        held_on=WED,
        summary="Views of academia.",
        meeting_id=meeting.pk,
    )
    # then the rows hold it and every write is audited once
    assert sorted(i.number for i in slot.items.all()) == [1, 2]
    video.refresh_from_db()
    assert video.translations == {
        "ar": "in_progress",
        "zh": "not_started",
        "en": "done",
        "fr": "original",
        "ru": "not_started",
        "es": "not_started",
    }
    assert dialogue.meeting_id == meeting.pk
    assert _actions() == [
        "review.parties_load",
        "review.meeting_create",
        "review.agenda_item_add",
        "review.agenda_item_add",
        "review.work_slot_add",
        "review.video_add",
        "review.video_translation_set",
        "review.video_translation_set",
        "review.dialogue_add",
    ]
    assert AuditEvent.objects.filter(action="review.video_translation_set").first().changes == {  # type: ignore[union-attr]
        "ar": ["not_started", "in_progress"]
    }


def test_the_same_status_again_writes_nothing(secretariat: Any, meeting: Meeting) -> None:
    video = video_add(actor=secretariat, meeting_id=meeting.pk, delegation="XB", original="fr")
    video_translation_set(actor=secretariat, video_id=video.pk, language="ru", status="done")
    before = AuditEvent.objects.count()
    video_translation_set(actor=secretariat, video_id=video.pk, language="ru", status="done")
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"language": "fr", "status": "done"}, "review.video_original_fixed"),
        ({"language": "en", "status": "original"}, "review.video_original_fixed"),
        ({"language": "de", "status": "done"}, "field.invalid_choice"),
        ({"language": "en", "status": "finished"}, "field.invalid_choice"),
        ({"language": "en", "status": "done", "video_id": 999999}, "review.video_not_found"),
    ],
)
def test_bad_translation_statuses_are_refused(
    secretariat: Any,
    meeting: Meeting,
    rows: Callable[[], tuple[int, ...]],
    change: dict[str, Any],
    code: str,
) -> None:
    video = video_add(actor=secretariat, meeting_id=meeting.pk, delegation="XB", original="fr")
    before, translations = rows(), dict(video.translations)
    with pytest.raises(DomainError) as err:
        video_translation_set(actor=secretariat, **{"video_id": video.pk, **change})
    assert err.value.code == code
    video.refresh_from_db()
    assert (rows(), video.translations) == (before, translations)


def test_bad_programme_entries_are_refused(
    secretariat: Any, meeting: Meeting, rows: Callable[[], tuple[int, ...]]
) -> None:
    other = meeting_create(
        actor=secretariat, body="firearms", title="Firearms", starts_on=MON, ends_on=MON
    )
    foreign = agenda_item_add(actor=secretariat, meeting_id=other.pk, number=1, title="Other")
    agenda_item_add(actor=secretariat, meeting_id=meeting.pk, number=1, title="Opening")
    before = rows()
    attempts: list[tuple[Callable[[], object], str]] = [
        (
            lambda: agenda_item_add(actor=secretariat, meeting_id=meeting.pk, number=1, title="x"),
            "review.agenda_item_taken",
        ),
        (
            lambda: agenda_item_add(actor=secretariat, meeting_id=meeting.pk, number=0, title="x"),
            "review.agenda_item_number",
        ),
        (
            lambda: agenda_item_add(actor=secretariat, meeting_id=999999, number=5, title="x"),
            "review.meeting_not_found",
        ),
        (
            lambda: work_slot_add(
                actor=secretariat, meeting_id=meeting.pk, day=MON, period="am", item_ids=[]
            ),
            "review.agenda_item_not_found",
        ),
        (
            lambda: work_slot_add(
                actor=secretariat,
                meeting_id=meeting.pk,
                day=MON,
                period="am",
                item_ids=[foreign.pk],
            ),
            "review.agenda_item_not_found",
        ),
        (
            lambda: video_add(
                actor=secretariat,
                meeting_id=meeting.pk,
                delegation="XB",
                original="fr",
                item_id=foreign.pk,
            ),
            "review.agenda_item_not_found",
        ),
        (
            lambda: video_add(
                actor=secretariat, meeting_id=meeting.pk, delegation="XB", original="fr", minutes=0
            ),
            "review.video_minutes",
        ),
        (
            lambda: dialogue_add(
                actor=secretariat, topic="firearms", held_on=MON, summary="", meeting_id=999999
            ),
            "review.meeting_not_found",
        ),
    ]
    for attempt, code in attempts:
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == code
    assert rows() == before


def test_an_auditor_cannot_change_the_programme_and_is_logged(
    people: Any, secretariat: Any, meeting: Meeting, rows: Callable[[], tuple[int, ...]]
) -> None:
    video = video_add(actor=secretariat, meeting_id=meeting.pk, delegation="XB", original="fr")
    before = rows()
    auditor = people["auditor"]
    with pytest.raises(DomainError) as err:
        meeting_update(
            actor=auditor,
            meeting_id=meeting.pk,
            body="firearms",
            title="x",
            starts_on=MON,
            ends_on=MON,
        )
    assert err.value.code == "review.write_forbidden"
    with pytest.raises(DomainError):
        video_translation_set(actor=auditor, video_id=video.pk, language="en", status="done")
    assert rows() == before
    assert AccessDenial.objects.filter(actor=auditor.username).count() == 2
    meeting.refresh_from_db()
    assert meeting.body == "international_cooperation"
