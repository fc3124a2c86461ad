"""Messages for the DomainError codes of the matching area (merged into rogatory.apps.errors)."""

from typing import Any

from django.utils.translation import gettext_lazy as _  # noqa: F401

MESSAGES: dict[str, Any] = {}
