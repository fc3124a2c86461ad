"""What a checker says about a draft: one finding per missing or unacceptable element."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    # Approval is refused while any blocking finding remains.
    BLOCK = "block"
    # Shown to the drafter and the supervisor; approval may proceed.
    WARN = "warn"


@dataclass(frozen=True, slots=True)
class Finding:
    """``code`` names the element (a message code of the drafting area); ``article`` the
    provision that requires it; ``field`` the form field to fix (``measures[0].purpose``);
    ``params`` what the message needs (values, never personal data)."""

    code: str
    article: str
    severity: Severity
    field: str = ""
    params: dict[str, str] = dataclasses.field(default_factory=dict)


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.BLOCK]
