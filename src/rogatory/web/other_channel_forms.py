"""Forms of the case page's other-channels section: a dispatch, and an answer received on paper."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.models import CommunicationKindChoice
from rogatory.apps.proceedings.models import Channel
from rogatory.web.date_fields import DayField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [] if data is None else [super().clean(data, initial)]


class DispatchForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    on = DayField(field_key="date", label=_("Date sent"))
    tracking_reference = forms.CharField(
        label=_("Tracking reference"),
        required=False,
        max_length=200,
        help_text=_("The note verbale number, the postal tracking number or the e-mail's subject."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class PaperAnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Communication"), choices=CommunicationKindChoice.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    on = DayField(field_key="date", label=_("Date received"))
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea, max_length=10_000
    )
    reference = forms.CharField(label=_("Their reference"), required=False, max_length=64)
    contact = forms.CharField(label=_("Contact officer"), required=False, max_length=300)
    tracking_reference = forms.CharField(
        label=_("Tracking reference"), required=False, max_length=200
    )
    attachments = MultipleFileField(
        label=_("Files received"),
        required=False,
        help_text=_("Scans or attachments of what was received; each is kept with its SHA-256."),
    )
