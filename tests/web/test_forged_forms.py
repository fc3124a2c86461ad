"""Forged row counts on "open a request" answer in words, at once, and write nothing
(issue 14 findings 9 and 10)."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from tests.web.test_case_forms import _mla_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", ["999999999", "abc", "１２", "1e9", ""])
@pytest.mark.parametrize("add", [None, "persons"])
def test_a_forged_row_count_is_answered_with_the_form_and_nothing_is_written(
    client_for: Any, writes: Any, count: str, add: str | None
) -> None:
    # given
    data = _mla_request(**{"persons-TOTAL_FORMS": count})
    if add:
        data["add"] = add
    before = writes()

    # when
    response = client_for("officer").post("/cases/new/outgoing/mla/", data)

    # then: the form again (with its errors when submitted), never more rows than it may carry
    assert response.status_code == (200 if add else 422)
    assert len(response.context["formsets"]["persons"].forms) <= 100
    assert Case.objects.count() == 0
    assert writes() == before
