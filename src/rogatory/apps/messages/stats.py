"""Messages for the DomainError codes of the stats area (merged into rogatory.apps.errors)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "stats.forbidden": _("Figures are shown to supervisors, auditors and case officers."),
    "stats.bad_filter": _("The value “%(value)s” is not valid for %(field)s."),
    "stats.bad_month": _("Give the month as YYYY-MM (for %(field)s: “%(value)s”)."),
    "stats.bad_period": _("The period must start before it ends."),
    "stats.period_too_long": _("The period cannot exceed %(months)s months."),
    "stats.bad_language": _(
        "Reports are available in Arabic, Chinese, English, French, Russian and Spanish."
    ),
    "stats.bad_format": _("Reports are available as PDF, CSV or XLSX."),
}
