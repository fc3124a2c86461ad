"""Forms of the working-group programme (Secretariat node): they parse and check the shape of
what is typed; the rules (dates within the meeting, symbols, languages, parties) are the
services' (rogatory.apps.review.services.programme)."""

from typing import Any

from django import forms
from django.utils.translation import get_language_info, gettext_lazy

from rogatory.apps.review.models import (
    DialogueTopic,
    Meeting,
    Period,
    StateParty,
    TranslationStatus,
    WorkingGroup,
)
from rogatory.core.review.symbols import LANGUAGES
from rogatory.web.date_fields import DayField


def language_names() -> list[tuple[str, str]]:
    # The six UN languages; Django names Chinese by its script (zh-hans).
    return [
        (code, str(get_language_info("zh-hans" if code == "zh" else code)["name_translated"]))
        for code in LANGUAGES
    ]


def _item_choices(meeting: Meeting) -> list[tuple[Any, str]]:
    return [(i.pk, f"{i.number}. {i.title}") for i in meeting.items.all()]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    field = form.fields[name]
    if isinstance(field, forms.ChoiceField):
        field.choices = choices


class MeetingForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Working group"), choices=WorkingGroup.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=120, required=False)
    starts_on = DayField(label=gettext_lazy("First day"), field_key="starts_on")
    ends_on = DayField(label=gettext_lazy("Last day"), field_key="ends_on")


class AgendaItemForm(forms.Form):
    prefix = "item"
    number = forms.IntegerField(label=gettext_lazy("Item number"), min_value=1, max_value=99)
    title = forms.CharField(label=gettext_lazy("Title of the item"), max_length=300)
    annotation = forms.CharField(
        label=gettext_lazy("Annotation"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WorkSlotForm(forms.Form):
    prefix = "slot"
    day = DayField(label=gettext_lazy("Day"), field_key="day")
    period = forms.ChoiceField(label=gettext_lazy("Time"), choices=Period.choices)
    items = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Agenda items taken up"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "items", _item_choices(meeting))


class DocumentForm(forms.Form):
    symbol = forms.CharField(
        label=gettext_lazy("Symbol"),
        max_length=60,
        help_text=gettext_lazy("For example CTOC/COP/WG.3/2024/2"),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages available"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    item = forms.TypedChoiceField(
        label=gettext_lazy("Agenda item"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "languages", language_names())
        _set_choices(self, "item", [("", "—"), *_item_choices(meeting)])


class VideoForm(forms.Form):
    prefix = "video"
    delegation = forms.ChoiceField(label=gettext_lazy("Delegation"))
    original = forms.ChoiceField(label=gettext_lazy("Language of the recording"))
    minutes = forms.IntegerField(
        label=gettext_lazy("Length (minutes)"), min_value=1, max_value=120, initial=5
    )
    item = forms.TypedChoiceField(
        label=gettext_lazy("Agenda item"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, meeting: Meeting, parties: list[StateParty], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "delegation", [(p.code, f"{p.name()} ({p.code})") for p in parties])
        _set_choices(self, "original", language_names())
        _set_choices(self, "item", [("", "—"), *_item_choices(meeting)])


class TranslationForm(forms.Form):
    """One language of one statement; the statement's id is in the address."""

    language = forms.ChoiceField(label=gettext_lazy("Language"))
    status = forms.ChoiceField(
        label=gettext_lazy("Translation"),
        choices=[(c, label) for c, label in TranslationStatus.choices if c != "original"],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "language", language_names())


class DialogueForm(forms.Form):
    prefix = "dialogue"
    topic = forms.ChoiceField(label=gettext_lazy("Topic"), choices=DialogueTopic.choices)
    held_on = DayField(label=gettext_lazy("Held on"), field_key="held_on")
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
