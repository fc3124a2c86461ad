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


def agenda_item_add(
    *, actor: Any, meeting_id: int, number: int, title: str, annotation: str = ""
) -> AgendaItem:
    check_write(actor, "review.agenda_item_add")
    with transaction.atomic():
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
        if len(items) != len(set(item_ids)):
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
    with transaction.atomic():
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
        dialogue = ConstructiveDialogue.objects.create(
            meeting_id=meeting_id, topic=topic, held_on=held_on, summary=summary
        )
        audit_record(actor=actor, action="review.dialogue_add", obj=dialogue)
    return dialogue
