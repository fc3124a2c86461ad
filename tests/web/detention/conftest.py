"""An incoming extradition request from XB worked by the officer, and a dossier on XB."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case, CaseGrant
from rogatory.apps.extradition.tests.conftest import (  # noqa: F401 (fixtures)
    confirmed,
    match,
    two_requests,
)


@pytest.fixture
def extradition(open_case: Any, people: dict[str, Any]) -> Case:
    case: Case = open_case(
        actor="clerk",
        direction="incoming",
        kind="extradition",
        requesting_state="XB",
        title="Extradition of Ivan Petrov to Borealis",
    )
    CaseGrant.objects.create(case=case, user=people["officer"], granted_by=people["supervisor"])
    return case
