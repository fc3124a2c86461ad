"""The pages that edit a draft's persons and offences, the readable audit trail and the error
pages: no serious or critical axe-core finding, in English and in Arabic; screenshots for
review in test-artifacts/screenshots/."""

from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.services import offence_add
from rogatory.apps.cases.services.inputs import OffenceInput
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_draft_edit_and_audit_pages_have_no_serious_violations(
    page: Any, live_server: Any, people: Any, open_case: Any, language: str
) -> None:
    # given a draft with a person and an offence, and staff reading in the given language
    case = open_case()
    person = case.persons.get()
    offence = offence_add(
        actor=people["officer"], case_id=case.pk, data=OffenceInput("Fraud", place="Port Aurel")
    )
    User.objects.update(language=language)
    pages = [
        ("officer", "person-edit", f"/cases/{case.pk}/persons/{person.pk}/edit/"),
        ("officer", "person-remove", f"/cases/{case.pk}/persons/{person.pk}/remove/"),
        ("officer", "offence-edit", f"/cases/{case.pk}/offences/{offence.pk}/edit/"),
        ("officer", "not-found", "/no/such/page/"),
        ("auditor", "audit-filtered", f"/audit/?case={case.pk}&since=2020-01-01"),
    ]
    found: dict[str, Any] = {}
    signed_in = ""
    for who, name, url in pages:
        if who != signed_in:
            page.context.clear_cookies()
            sign_in(page, live_server, who)
            signed_in = who
        # when each page is scanned
        page.goto(f"{live_server.url}{url}")
        found[name] = serious_violations(page)
        screenshot(page, f"{name}-{language}")
    # then none has a serious or critical violation, and the header says where we are
    assert {name: v for name, v in found.items() if v} == {}
    assert page.locator(".where-state").count() == 1
