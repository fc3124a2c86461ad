from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def client_for(people: dict[str, Any]) -> Callable[[str], Client]:
    def make(who: str) -> Client:
        client = Client()
        client.force_login(people[who])
        return client

    return make


@pytest.fixture
def writes() -> Callable[[], tuple[int, int]]:
    """How many case events and audit events exist: a refused action adds neither."""
    from rogatory.apps.audit.models import AuditEvent
    from rogatory.apps.cases.models import CaseEvent

    def count() -> tuple[int, int]:
        return CaseEvent.objects.count(), AuditEvent.objects.count()

    return count
