"""A Secretariat node with its staff: the Secretariat writes, an auditor reads."""

from collections.abc import Callable
from typing import Any

import pytest

from rogatory.apps.review.demo import demo_names
from rogatory.apps.review.services import parties_load
from rogatory.core.review.parties import DEMO_PARTIES


@pytest.fixture
def secretariat_node(settings: Any) -> None:
    settings.SECRETARIAT_NODE = True


@pytest.fixture
def secretariat(db: Any, secretariat_node: None) -> Any:
    from rogatory.apps.accounts.models import User

    return User.objects.create_user(
        username="secretariat", password="pw-secretariat", role="secretariat"
    )


@pytest.fixture
def parties(secretariat: Any) -> None:
    parties_load(actor=secretariat, parties=DEMO_PARTIES, names=demo_names())


@pytest.fixture
def counts() -> Callable[[], tuple[int, ...]]:
    from rogatory.apps.audit.models import AuditEvent
    from rogatory.apps.review.models import CountryReview, Document, ReviewStep

    def count() -> tuple[int, ...]:
        return (
            CountryReview.objects.count(),
            ReviewStep.objects.exclude(done_on=None).count(),
            Document.objects.count(),
            AuditEvent.objects.count(),
        )

    return count
