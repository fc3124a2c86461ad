"""Forms of the hearing page (a participant, a change of the agreed slot, an interruption, a
recording, a join link) and of the interpreters' register (an availability).

A moment is typed as the browser's ``datetime-local`` in the time zone the form names, and
cleans to an aware datetime; the services check the rest (a slot in the future, a duration)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.errors import error_message
from rogatory.apps.hearings.models import Interpreter, RoleChoice
from rogatory.core.errors import DomainError
from rogatory.core.hearings.scheduling import zone as zone_of

_ZONE_HELP = _("An IANA time zone, such as Europe/Paris or America/New_York.")


def _aware(value: datetime | None, zone: str) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=zone_of(zone))


class _ZonedForm(forms.Form):
    """A form whose moments are read in its ``time_zone``."""

    moments: tuple[str, ...] = ()
    time_zone = forms.CharField(label=_("Time zone"), max_length=64, help_text=_ZONE_HELP)

    def clean_time_zone(self) -> str:
        value = str(self.cleaned_data["time_zone"]).strip()
        try:
            zone_of(value)
        except DomainError as err:
            raise forms.ValidationError(
                error_message(err.code, err.params), code=err.code
            ) from None
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("time_zone")
        if zone:
            for name in self.moments:
                data[name] = _aware(data.get(name), zone)
        return data


def _moment(label: Any, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=RoleChoice.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    languages = forms.CharField(
        label=_("Languages"),
        max_length=100,
        required=False,
        help_text=_("ISO 639-1 codes, such as ru fr."),
    )
    joins_from = forms.CharField(
        label=_("Joins from"),
        max_length=300,
        required=False,
        help_text=_("The place, such as a court room or a place of detention."),
    )
    time_zone = forms.CharField(label=_("Time zone"), max_length=64, help_text=_ZONE_HELP)
    # Offered from the register; the service checks that the one chosen is in it and active.
    interpreter = forms.IntegerField(
        label=_("Interpreter from the register"),
        required=False,
        min_value=1,
        max_value=10**12,
        widget=forms.Select,
    )

    def __init__(
        self, *args: Any, interpreters: tuple[Interpreter, ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter"].widget.choices = [
            ("", _("None")),
            *((i.pk, f"{i.name} ({i.language_pairs})") for i in interpreters),
        ]


class ChangeForm(_ZonedForm):
    moments = ("start",)
    field_order = ("start", "time_zone", "minutes", "reason")
    start = _moment(_("New start (local time)"))
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=10_000)
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=2_000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InterruptionForm(_ZonedForm):
    moments = ("started_at", "ended_at")
    field_order = ("started_at", "ended_at", "time_zone", "cause")
    started_at = _moment(_("Interrupted at (local time)"))
    ended_at = _moment(_("Resumed at (local time)"), required=False)
    cause = forms.CharField(label=_("Cause"), max_length=500)


class RecordingForm(forms.Form):
    sha256 = forms.CharField(
        label=_("SHA-256 of the recording"),
        max_length=64,
        min_length=64,
        help_text=_("64 hexadecimal characters, computed where the recording is kept."),
    )
    place = forms.CharField(
        label=_("Storage place"),
        max_length=500,
        help_text=_("Where the recording is kept; the file itself never enters Rogatory."),
    )


class JoinForm(forms.Form):
    participant = forms.IntegerField(min_value=1, max_value=10**12)


class AvailabilityForm(_ZonedForm):
    moments = ("start", "end")
    field_order = ("interpreter", "start", "end", "time_zone")
    interpreter = forms.IntegerField(
        label=_("Interpreter"), min_value=1, max_value=10**12, widget=forms.Select
    )
    start = _moment(_("Available from (local time)"))
    end = _moment(_("Available until (local time)"))

    def __init__(
        self, *args: Any, interpreters: tuple[Interpreter, ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter"].widget.choices = [(i.pk, i.name) for i in interpreters]
