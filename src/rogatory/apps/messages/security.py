"""Messages for the DomainError codes of the security area (merged into rogatory.apps.errors)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Any] = {
    "rowsecurity.bad_role": _("“%(role)s” is not a valid database role name."),
    "rowsecurity.same_role": _(
        "The application and the system work need two different database roles, not both "
        "“%(role)s”."
    ),
    "document.type_mismatch": _(
        "The file’s content is not of the type it claims (%(claimed)s); it looks like %(found)s."
    ),
}
