"""Forms of the case page's nationality panel: a nationality with its dates and evidence, and
the follow-ups of UNTOC art. 16(10)-(12) and consular notification."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.models import Person
from rogatory.apps.cases.nationality_choices import FollowUpKind, FollowUpStatus
from rogatory.apps.directory.models import State
from rogatory.apps.directory.selectors import state_list
from rogatory.web.date_fields import DayField
from rogatory.web.forms import StateField


def _states(form: forms.Form, name: str) -> None:
    field: Any = form.fields[name]
    field.queryset = state_list()


class NationalityForm(forms.Form):
    # The service checks that the person belongs to the case; the list only helps the choice.
    person = forms.IntegerField(label=_("Person"), widget=forms.Select)
    state = StateField(label=_("Nationality"), queryset=State.objects.none(), to_field_name="code")
    acquired_on = DayField(field_key="acquired_on", label=_("Acquired on"), required=False)
    lost_on = DayField(field_key="lost_on", label=_("Lost on"), required=False)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows the nationality: a certificate, a passport, an official answer."),
    )

    def __init__(self, *args: Any, persons: Iterable[Person] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _states(self, "state")
        widget: Any = self.fields["person"].widget
        widget.choices = [(p.pk, p.display_name or f"#{p.pk}") for p in persons]


class FollowUpOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=FollowUpKind.choices)
    opened_on = DayField(
        field_key="opened_on",
        label=_("Opened on"),
        help_text=_(
            "For the submission for prosecution, the day the requesting State asked for it."
        ),
    )
    state = StateField(
        label=_("State whose consul is informed"),
        queryset=State.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="—",
    )
    outcome = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _states(self, "state")


class FollowUpUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    closed_on = DayField(
        field_key="closed_on",
        label=_("Closed on"),
        required=False,
        help_text=_("The day a completed or declined step ended."),
    )
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=2000)
