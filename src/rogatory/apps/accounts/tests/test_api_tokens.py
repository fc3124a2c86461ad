from typing import Any

import pytest
from django.test import Client

from rogatory.apps.accounts.models import ApiToken
from rogatory.apps.accounts.services import api_token_issue, api_token_revoke

pytestmark = pytest.mark.django_db


def test_a_bearer_token_authenticates_until_revoked(people: Any, open_case: Any) -> None:
    case = open_case()
    key = api_token_issue(actor=people["admin"], user=people["officer"], name="back-end")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    # only the hash is stored
    assert not ApiToken.objects.filter(key_hash=key).exists()
    api_token_revoke(actor=people["admin"], token=ApiToken.objects.get())
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 401
