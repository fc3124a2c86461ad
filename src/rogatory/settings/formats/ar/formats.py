"""Arabic dates and times with the day first, as Arabic-speaking States write them.

Django's Arabic formats give dates but no date-and-time formats, so
``|date:"SHORT_DATETIME_FORMAT"`` fell back to the global default, month first
(``12/03/2026 5:09 م`` for 3 December): the misreading issue 13 item 6 fixed in English.
The right-to-left marks keep the day, month and year in that order inside an Arabic line,
as Django's own SHORT_DATE_FORMAT does.
"""

DATE_FORMAT = "j F، Y"
SHORT_DATE_FORMAT = "d\u200f/m\u200f/Y"
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# Read as typed: never month first (rogatory.core.dates reads the same forms).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
