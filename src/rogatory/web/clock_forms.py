"""Forms of the case page's clocks section: an event date, and the basis of the time limits."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.clock_choices import ClockBasisChoice, EventKindChoice
from rogatory.web.date_fields import DayField


class EventDateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Event"), choices=EventKindChoice.choices)
    day = DayField(
        field_key="date",
        label=_("Date"),
        required=False,
        help_text=_(
            "Day/month/year (31/12/2024) or year-month-day, as in the node's time zone. "
            "Leave empty to remove a date entered by mistake."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        help_text=_("Where the date comes from, or why it was corrected."),
    )


class TimeLimitBasisForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Time limits under"),
        required=False,
        choices=[("", _("Decided by the legal basis of the request")), *ClockBasisChoice.choices],
    )
