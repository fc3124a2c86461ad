"""A Secretariat user runs the review register and sees no case: neither sealed nor ordinary,
neither of its own authority nor another's, on any screen or endpoint."""

from typing import Any

import pytest
from django.test import Client

from rogatory.apps.cases.models import CaseEvent
from rogatory.apps.cases.selectors import case_queryset_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(make_user: Any) -> Any:
    # Given the worst case: a Secretariat user attached to the cases' own authority.
    return make_user("secretariat", "secretariat")


def test_a_secretariat_user_sees_no_case(open_case: Any, secretariat: Any) -> None:
    ordinary = open_case(title="Ordinary request of the authority")
    sealed = open_case(title="Sealed request of the authority", sealed=True)
    incoming = open_case(actor="clerk", direction="incoming", title="Incoming request")
    assert case_queryset_for(actor=secretariat).count() == 0
    client = Client()
    client.force_login(secretariat)
    events = CaseEvent.objects.count()
    listed = client.get("/api/v1/cases").json()["items"]
    assert listed == []
    for case in (ordinary, sealed, incoming):
        assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
        assert client.get(f"/cases/{case.pk}/").status_code == 404
        page = client.get("/cases/").content.decode()
        assert case.title not in page
        assert case.our_reference not in page
    assert "Ordinary request" not in client.get("/").content.decode()
    exported: Any = client.get("/api/v1/cases/export")
    export = b"".join(exported.streaming_content)
    assert export.count(b"\n") <= 1
    assert CaseEvent.objects.count() == events


def test_a_secretariat_user_cannot_open_a_request(open_case: Any, people: Any) -> None:
    from rogatory.apps.cases.models import Case
    from rogatory.core.errors import DomainError

    people["officer"].role = "secretariat"
    people["officer"].save()
    with pytest.raises(DomainError) as err:
        open_case(actor="officer", title="Not for the Secretariat")
    assert err.value.code == "case.open_forbidden"
    assert Case.objects.count() == 0
