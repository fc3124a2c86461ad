from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from rogatory.apps.letters.tests.conftest import extradition_case, mla_case

__all__ = ["extradition_case", "mla_case"]


@pytest.fixture
def other_case(open_case: Any) -> Case:
    """A case the colleague (another officer of the same authority) holds no grant on."""
    case: Case = open_case(title="Someone else's request")
    return case
