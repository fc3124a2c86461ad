"""Forms of the match-review and competing-requests screens."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.models import Case


class MatchDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why these are, or are not, the same person."),
    )


class CompetingOpenForm(forms.Form):
    cases = forms.TypedMultipleChoiceField(
        label=_("Other requests for the same person"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, others: list[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        if isinstance(field, forms.TypedMultipleChoiceField):
            field.choices = [
                (c.pk, f"{c.our_reference} — {c.requesting_state} — {c.get_kind_display()}")
                for c in others
            ]


class CompetingDecisionForm(forms.Form):
    """One place in the order per request (1 = prevails), and the reasons."""

    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How the factors were weighed; the decision may be reviewed by a court."),
    )

    def __init__(self, *args: Any, cases: list[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = [(i, str(i)) for i in range(1, len(cases) + 1)]
        self.case_ids = [c.pk for c in cases]
        for i, case in enumerate(cases, start=1):
            self.fields[f"place_{case.pk}"] = forms.TypedChoiceField(
                label=_("Place of %(reference)s in the order") % {"reference": case.our_reference},
                choices=places,
                coerce=int,
                initial=i,
            )
        self.order_fields([*(f"place_{pk}" for pk in self.case_ids), "reasons"])

    def order(self) -> list[int]:
        """Case ids, the prevailing request first; ties keep the page's order and the service
        refuses them, as two requests cannot share one place."""
        places = {pk: self.cleaned_data[f"place_{pk}"] for pk in self.case_ids}
        if len(set(places.values())) != len(places):
            return []
        return sorted(self.case_ids, key=lambda pk: places[pk])
