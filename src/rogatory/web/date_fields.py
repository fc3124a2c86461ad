"""Form fields for dates typed as officers write them, read by rogatory.core.dates.

A text box rather than the browser's date picker: the picker shows the browser's own locale
(month first on many machines), cannot hold a date known only to the year or month, and
cannot take a date pasted from a request. The services check whether a date is plausible.
"""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.errors import error_message
from rogatory.core.dates import parse_full_date, parse_partial_date
from rogatory.core.errors import DomainError

# Wide enough for "31 / 12 / 1980" in any digits; the parser refuses anything longer.
_MAX_LENGTH = 32


def _refusal(err: DomainError) -> forms.ValidationError:
    return forms.ValidationError(error_message(err.code, err.params), code=err.code)


class PartialDateField(forms.CharField):
    """A date known to the year, month or day; cleans to its ISO form ("1980-12")."""

    def __init__(self, *, field_key: str, **kwargs: Any) -> None:
        # The name error messages give the field (rogatory.apps.field_labels).
        self.field_key = field_key
        kwargs.setdefault(
            "help_text",
            _(
                "Day/month/year (31/12/1980) or year-month-day (1980-12-31); month/year "
                "(12/1980) or the year alone (1980) when only part of the date is known."
            ),
        )
        super().__init__(max_length=_MAX_LENGTH, **kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        try:
            found = parse_partial_date(text, field=self.field_key)
        except DomainError as err:
            raise _refusal(err) from None
        return found.iso() if found else ""


class DayField(forms.CharField):
    """A date known to the day, typed in any common form; cleans to a date or None."""

    def __init__(self, *, field_key: str, **kwargs: Any) -> None:
        self.field_key = field_key
        kwargs.setdefault("help_text", _("Day/month/year (31/12/2024) or year-month-day."))
        super().__init__(max_length=_MAX_LENGTH, **kwargs)

    def clean(self, value: Any) -> date | None:
        text = super().clean(value)
        try:
            return parse_full_date(text, field=self.field_key)
        except DomainError as err:
            raise _refusal(err) from None

    def prepare_value(self, value: Any) -> Any:
        # An initial date (editing an offence) shows as the ISO date the parser reads back.
        return value.isoformat() if isinstance(value, date) else value

    def has_changed(self, initial: Any, data: Any) -> bool:
        return super().has_changed(self.prepare_value(initial), data)
