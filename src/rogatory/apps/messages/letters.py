"""Messages for the DomainError codes of the letters area (merged into rogatory.apps.errors)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "letter.unknown_language": _(
        "A letter can be written in Arabic, Chinese, English, French, Russian or Spanish, "
        "not in “%(value)s”."
    ),
    "letter.unknown_format": _("A letter is produced as PDF or DOCX, not as “%(value)s”."),
    "letter.not_extradition": _("A file summary exists only for extradition requests."),
}
