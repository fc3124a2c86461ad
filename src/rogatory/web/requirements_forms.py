"""The editor of a requested State's requirements (issue 17): the languages it accepts (UNTOC
art. 18(14)), its channels and urgency channel (UNTOC art. 18(13)), whether it accepts
electronic transmission, per-measure notes, and the sources of the version."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.choices import MeasureType
from rogatory.apps.directory.services.requirements_edit import RequirementsChange
from rogatory.core.drafting.requirements import Channel, Requirements

CHANNEL_LABELS: dict[str, Any] = {
    Channel.CENTRAL_AUTHORITY: _("Central authority to central authority"),
    Channel.DIPLOMATIC: _("Diplomatic channel"),
    Channel.INTERPOL: _("INTERPOL"),
    Channel.DIRECT: _("Direct between judicial authorities"),
}
NOTE_PREFIX = "note_"


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.replace(";", ",").replace(" ", ",").split(","))


class RequirementsForm(forms.Form):
    languages_mla = forms.CharField(
        label=_("Languages accepted for mutual legal assistance"),
        max_length=200,
        help_text=_("Language codes separated by commas, e.g. en, fr."),
    )
    languages_extradition = forms.CharField(
        label=_("Languages accepted for extradition"),
        max_length=200,
        help_text=_("Language codes separated by commas, e.g. en, fr."),
    )
    electronic_transmission = forms.BooleanField(
        label=_("Electronic transmission accepted"), required=False
    )
    urgent_channel = forms.ChoiceField(
        label=_("Channel for urgent requests"),
        choices=[("", _("Same as other requests")), *CHANNEL_LABELS.items()],
        required=False,
    )
    sources = forms.CharField(
        label=_("Sources"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: where each rule of this version comes from."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One checkbox per channel: each labelled on its own, for screen readers.
        for value, label in CHANNEL_LABELS.items():
            self.fields[f"channel_{value}"] = forms.BooleanField(label=label, required=False)
        for value, label in MeasureType.choices:
            self.fields[f"{NOTE_PREFIX}{value}"] = forms.CharField(
                label=_("Note on the measure: %(measure)s") % {"measure": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
            )

    def channel_fields(self) -> list[forms.BoundField]:
        return [self[f"channel_{value}"] for value in CHANNEL_LABELS]

    def note_fields(self) -> list[forms.BoundField]:
        return [self[f"{NOTE_PREFIX}{value}"] for value in MeasureType.values]

    def general_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in (
                "languages_mla",
                "languages_extradition",
                "electronic_transmission",
                "urgent_channel",
                "sources",
            )
        ]

    def change(self) -> RequirementsChange:
        data = self.cleaned_data
        return RequirementsChange(
            languages_mla=_codes(data["languages_mla"]),
            languages_extradition=_codes(data["languages_extradition"]),
            channels=tuple(v for v in CHANNEL_LABELS if data.get(f"channel_{v}")),
            electronic_transmission=bool(data["electronic_transmission"]),
            urgent_channel=data["urgent_channel"],
            sources=tuple(data["sources"].splitlines()),
            measure_notes={v: data.get(f"{NOTE_PREFIX}{v}", "") for v in MeasureType.values},
        )

    # The field a refusal of the service names (``requirements.invalid``), as a form field.
    SERVICE_FIELDS = {
        "languages.mla": "languages_mla",
        "languages.extradition": "languages_extradition",
        "channels": f"channel_{Channel.CENTRAL_AUTHORITY.value}",
        "urgent_channel": "urgent_channel",
        "sources": "sources",
    }


def requirements_initial(base: Requirements | None) -> dict[str, Any]:
    """The form's starting values: the newest version, or a State's usual defaults."""
    if base is None:
        return {
            "electronic_transmission": True,
            f"channel_{Channel.CENTRAL_AUTHORITY.value}": True,
        }
    initial: dict[str, Any] = {
        "languages_mla": ", ".join(sorted(base.languages_mla)),
        "languages_extradition": ", ".join(sorted(base.languages_extradition)),
        "electronic_transmission": base.electronic_transmission,
        "urgent_channel": base.urgent_channel.value if base.urgent_channel else "",
        "sources": "\n".join(base.sources),
    }
    for value in CHANNEL_LABELS:
        initial[f"channel_{value}"] = Channel(value) in base.channels
    for measure, note in base.measure_notes.items():
        initial[f"{NOTE_PREFIX}{measure}"] = note
    return initial
