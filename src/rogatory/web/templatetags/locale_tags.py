"""Dates and legal sources as the reader's language writes them (``{% load locale_tags %}``).

Dates follow the Unicode CLDR patterns of the active language through Babel, with the month
in words so that no reader takes 3 December for 12 March: "3 Dec 2026" in English (CLDR's
international English, day first), "3 ديسمبر 2026" in Arabic, "3 déc. 2026" in French,
"2026年12月3日" in Chinese. A date known only to the month or the year shows only that.
"""

from datetime import date, datetime
from typing import Any

from babel.dates import format_skeleton, get_datetime_format
from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Django's language codes to CLDR locales; "en_001" is English as written outside the United
# States: day before month, as in every other language of the site.
_LOCALES = {"en": "en_001", "zh-hans": "zh_Hans"}


def _locale() -> str:
    code = translation.get_language() or "en"
    return _LOCALES.get(code, code.replace("-", "_"))


def _day(value: date) -> str:
    return format_skeleton("yMMMd", value, locale=_locale())


@register.filter
def local_date(value: date | datetime | None) -> str:
    """The day of ``value`` (a datetime in the site's time zone); empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _day(value)


@register.filter
def local_datetime(value: datetime | None) -> str:
    """Day and 24-hour time of ``value`` in the site's time zone, as the language joins them."""
    if value is None or value == "":
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    locale = _locale()
    time_text = format_skeleton("Hm", moment, locale=locale)
    pattern = str(get_datetime_format("medium", locale=locale))
    return pattern.replace("{1}", _day(moment.date())).replace("{0}", time_text)


@register.filter
def partial_date(year: int | None, parts: Any = None) -> str:
    """A date known to the year, month or day: ``{{ p.birth_year|partial_date:p }}`` with the
    person (or any object with ``birth_month`` and ``birth_day``)."""
    if not year:
        return ""
    month = getattr(parts, "birth_month", None)
    day = getattr(parts, "birth_day", None)
    if month is None:
        return format_skeleton("y", date(year, 1, 1), locale=_locale())
    if day is None:
        return format_skeleton("yMMM", date(year, month, 1), locale=_locale())
    return _day(date(year, month, day))


# Where each time limit comes from, in words; keyed by the rule's code. A row stored under a
# code not listed here shows the source it was stored with.
DEADLINE_SOURCES: dict[str, Any] = {
    "acknowledge_incoming": _("UNODC good practice (no treaty period)"),
    "register_custody_case": _("UNTOC art. 18(24); priority of a detained person (practice)"),
    "formal_request_after_provisional_arrest": _("ETS 24 art. 16(4): 18 days"),
    "provisional_arrest_maximum": _("ETS 24 art. 16(4): 40 days at most"),
    "surrender_release_possible": _("ETS 24 art. 18(4): 15 days"),
    "surrender_release_mandatory": _("ETS 24 art. 18(4): 30 days"),
    "follow_up_unacknowledged": _("UNTOC art. 18(24) (practice period)"),
    "answer_additional_information": _("UNTOC art. 18(16) (practice period)"),
}


@register.filter
def deadline_source(deadline: Any) -> str:
    """The source of a stored deadline (anything with ``code`` and ``source``) in words."""
    label = DEADLINE_SOURCES.get(getattr(deadline, "code", ""))
    return str(label) if label is not None else str(getattr(deadline, "source", ""))
