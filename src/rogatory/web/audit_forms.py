"""The audit trail's filters, parsed into the selector's AuditFilters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rogatory.apps.audit.selectors import AuditFilters
from rogatory.web.forms import DateInput

# Ids and sequence numbers are 64-bit in the database; a larger number is refused by the form
# rather than overflowing the query (issue 14 finding 10).
MAX_ID = 2**63 - 1


class AuditFilterForm(forms.Form):
    case = forms.IntegerField(label=_("Case number"), min_value=1, max_value=MAX_ID, required=False)
    actor = forms.CharField(label=_("Actor"), max_length=150, required=False)
    since = forms.DateField(
        label=pgettext_lazy("audit period", "From"), widget=DateInput, required=False
    )
    until = forms.DateField(
        label=pgettext_lazy("audit period", "To"), widget=DateInput, required=False
    )
    before = forms.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, widget=forms.HiddenInput
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    def case_id(self) -> int | None:
        value = self.cleaned_data.get("case") if self.is_valid() else None
        return int(value) if value is not None else None

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        d = self.cleaned_data
        return AuditFilters(
            actor=d["actor"].strip() or None,
            since=d["since"],
            until=d["until"],
            before=d["before"],
        )
