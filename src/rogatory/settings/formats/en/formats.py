"""English dates for officers of every State: day first and the month in words.

Django's English formats are the United States' (``m/d/Y``), so 3 December 2026 read
"12/03/2026", which most of the world reads as 12 March (issue 13 item 6). Pages that format
through ``locale_tags`` use Babel's CLDR patterns; these keep Django's ``|date`` filter, the
admin and form inputs in step with them.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday (ISO 8601)
# Read as the other languages of the site write them: never month first.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y",
]
