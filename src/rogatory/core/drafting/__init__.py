"""Drafting a request that is complete by construction (issue 17): what each type of request
and each measure must say, with the article requiring it, and what the requested State asks
for. Pure Python: rules are data, the checkers read a ``rogatory.core.wire.CaseData``."""

from rogatory.core.drafting.completeness import RULES, check_completeness
from rogatory.core.drafting.findings import Finding, Severity, blocking
from rogatory.core.drafting.requirements import (
    DocumentLanguage,
    Requirements,
    check_requirements,
    parse_requirements,
)

__all__ = [
    "RULES",
    "DocumentLanguage",
    "Finding",
    "Requirements",
    "Severity",
    "blocking",
    "check_completeness",
    "check_requirements",
    "parse_requirements",
]
