"""The working groups' programme: meetings, agenda items with annotations, organization of work,
documents by symbol in the six languages, pre-recorded statements and constructive dialogues."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from rogatory.apps.audit.services import audit_record
from rogatory.apps.review.access import check_write
from rogatory.apps.review.models import (
    AgendaItem,
    ConstructiveDialogue,
    DialogueTopic,
    Document,
    Meeting,
    Period,
    StateParty,
    TranslationStatus,
    VideoStatement,
    WorkingGroup,
    WorkSlot,
)
from rogatory.core.errors import DomainError
from rogatory.core.review.symbols import LANGUAGES, check_symbol


def _choice(value: str, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise DomainError("field.invalid_choice", field=field, value=value)
    return value


def meeting_create(
    *, actor: Any, body: str, title: str, starts_on: date, ends_on: date, venue: str = ""
) -> Meeting:
    check_write(actor, "review.meeting_create")
    _choice(body, WorkingGroup, "body")
    if ends_on < starts_on:
        raise DomainError("review.meeting_dates", field="ends_on")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body, title=title.strip(), starts_on=starts_on, ends_on=ends_on, venue=venue
        )
        audit_record(actor=actor, action="review.meeting_create", obj=meeting)
    return meeting


def meeting_update(
    *,
    actor: Any,
    meeting_id: int,
    body: str,
    title: str,
    starts_on: date,
    ends_on: date,
    venue: str = "",
) -> Meeting:
    """Correct a meeting; its organization of work must still fall within its days."""
    check_write(actor, "review.meeting_update")
    _choice(body, WorkingGroup, "body")
    if ends_on < starts_on:
        raise DomainError("review.meeting_dates", field="ends_on")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None:
            raise DomainError("review.meeting_not_found", meeting_id=meeting_id)
        if meeting.slots.exclude(day__range=(starts_on, ends_on)).exists():
            raise DomainError("review.meeting_slots_outside", field="starts_on")
        before = {
            "body": meeting.body,
            "title": meeting.title,
            "venue": meeting.venue,
            "starts_on": meeting.starts_on.isoformat(),
            "ends_on": meeting.ends_on.isoformat(),
        }
        meeting.body, meeting.title, meeting.venue = body, title.strip(), venue.strip()
        meeting.starts_on, meeting.ends_on = starts_on, ends_on
        after = {
            "body": meeting.body,
            "title": meeting.title,
            "venue": meeting.venue,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        }
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return meeting
        meeting.save()
        audit_record(actor=actor, action="review.meeting_update", obj=meeting, changes=changes)
    return meeting


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise DomainError("review.meeting_not_found", meeting_id=meeting_id)
    return meeting


def _item_of(meeting: Meeting, item_id: int | None) -> None:
    if item_id is not None and not meeting.items.filter(pk=item_id).exists():
        raise DomainError("review.agenda_item_not_found", field="item")


def agenda_item_add(
    *, actor: Any, meeting_id: int, number: int, title: str, annotation: str = ""
) -> AgendaItem:
    check_write(actor, "review.agenda_item_add")
    if number < 1:
        raise DomainError("review.agenda_item_number", field="number")
    with transaction.atomic():
        _meeting(meeting_id)
        try:
            with transaction.atomic():
                item = AgendaItem.objects.create(
                    meeting_id=meeting_id, number=number, title=title, annotation=annotation
                )
        except IntegrityError:
            raise DomainError("review.agenda_item_taken", number=number) from None
        audit_record(actor=actor, action="review.agenda_item_add", obj=item)
    return item


def work_slot_add(
    *, actor: Any, meeting_id: int, day: date, period: str, item_ids: list[int]
) -> WorkSlot:
    check_write(actor, "review.work_slot_add")
    _choice(period, Period, "period")
    with transaction.atomic():
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        if meeting is None:
            raise DomainError("review.meeting_not_found", meeting_id=meeting_id)
        if not meeting.starts_on <= day <= meeting.ends_on:
            raise DomainError("review.slot_outside_meeting", field="day")
        items = list(meeting.items.filter(pk__in=item_ids))
        if not item_ids or len(items) != len(set(item_ids)):
            raise DomainError("review.agenda_item_not_found")
        slot = WorkSlot.objects.create(meeting=meeting, day=day, period=period)
        slot.items.set(items)
        audit_record(actor=actor, action="review.work_slot_add", obj=slot)
    return slot


def document_add(
    *,
    actor: Any,
    meeting_id: int,
    symbol: str,
    title: str,
    languages: list[str],
    item_id: int | None = None,
) -> Document:
    check_write(actor, "review.document_add")
    symbol = check_symbol(symbol)
    for code in languages:
        _choice_language(code)
    with transaction.atomic():
        _item_of(_meeting(meeting_id), item_id)
        try:
            with transaction.atomic():
                doc = Document.objects.create(
                    meeting_id=meeting_id,
                    item_id=item_id,
                    symbol=symbol,
                    title=title,
                    languages=[c for c in LANGUAGES if c in languages],
                )
        except IntegrityError:
            raise DomainError("review.symbol_taken", field="symbol", symbol=symbol) from None
        audit_record(actor=actor, action="review.document_add", obj=doc)
    return doc


def _choice_language(code: str) -> None:
    if code not in LANGUAGES:
        raise DomainError("field.invalid_choice", field="languages", value=code)


def video_add(
    *,
    actor: Any,
    meeting_id: int,
    delegation: str,
    original: str,
    minutes: int = 5,
    item_id: int | None = None,
    translations: dict[str, str] | None = None,
) -> VideoStatement:
    """A statement in its original language; each other language starts `not_started`."""
    check_write(actor, "review.video_add")
    _choice_language(original)
    status = dict.fromkeys(LANGUAGES, TranslationStatus.NOT_STARTED.value)
    for code, value in (translations or {}).items():
        _choice_language(code)
        status[code] = _choice(value, TranslationStatus, "translations")
    status[original] = TranslationStatus.ORIGINAL.value
    if not StateParty.objects.filter(code=delegation).exists():
        raise DomainError("review.not_a_party", field="delegation", state=delegation)
    if minutes < 1:
        raise DomainError("review.video_minutes", field="minutes")
    with transaction.atomic():
        _item_of(_meeting(meeting_id), item_id)
        video = VideoStatement.objects.create(
            meeting_id=meeting_id,
            item_id=item_id,
            delegation_id=delegation,
            minutes=minutes,
            translations=status,
        )
        audit_record(actor=actor, action="review.video_add", obj=video)
    return video


def dialogue_add(
    *, actor: Any, topic: str, held_on: date, summary: str, meeting_id: int | None = None
) -> ConstructiveDialogue:
    check_write(actor, "review.dialogue_add")
    _choice(topic, DialogueTopic, "topic")
    with transaction.atomic():
        if meeting_id is not None:
            _meeting(meeting_id)
        dialogue = ConstructiveDialogue.objects.create(
            meeting_id=meeting_id, topic=topic, held_on=held_on, summary=summary
        )
        audit_record(actor=actor, action="review.dialogue_add", obj=dialogue)
    return dialogue


def video_translation_set(
    *, actor: Any, video_id: int, language: str, status: str
) -> VideoStatement:
    """Record how far the translation of a statement into one language has come. The original
    language stays what it was: it is a fact of the recording, not a translation."""
    check_write(actor, "review.video_translation_set")
    _choice_language(language)
    _choice(status, TranslationStatus, "status")
    if status == TranslationStatus.ORIGINAL:
        raise DomainError("review.video_original_fixed", field="status")
    with transaction.atomic():
        video = VideoStatement.objects.select_for_update().filter(pk=video_id).first()
        if video is None:
            raise DomainError("review.video_not_found", video_id=video_id)
        current = dict(video.translations or {})
        before = current.get(language, TranslationStatus.NOT_STARTED.value)
        if before == TranslationStatus.ORIGINAL:
            raise DomainError("review.video_original_fixed", field="status")
        if before == status:
            return video
        current[language] = status
        video.translations = current
        video.save(update_fields=["translations"])
        audit_record(
            actor=actor,
            action="review.video_translation_set",
            obj=video,
            changes={language: [before, status]},
        )
    return video
