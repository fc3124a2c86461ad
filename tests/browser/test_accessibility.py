"""Each main page, in English and in Arabic: no serious or critical axe-core finding, and a
screenshot in test-artifacts/screenshots/ for review."""

from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.services import document_add
from rogatory.apps.proceedings.services import case_transition
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _pages(case_id: int) -> list[tuple[str, str, str]]:
    return [
        ("officer", "dashboard", "/"),
        ("officer", "case-list", "/cases/?order=due"),
        ("officer", "case-page", f"/cases/{case_id}/"),
        ("officer", "open-request", "/cases/new/"),
        ("officer", "mla-form", "/cases/new/outgoing/mla/"),
        ("officer", "edit-form", f"/cases/{case_id}/edit/"),
        ("officer", "document-form", f"/cases/{case_id}/documents/new/"),
        ("officer", "directory", "/directory/"),
        ("supervisor", "case-page-supervisor", f"/cases/{case_id}/"),
        ("supervisor", "transition-form", f"/cases/{case_id}/transition/approved/"),
        ("auditor", "audit", "/audit/"),
        ("admin", "users", "/users/"),
        ("admin", "user-form", "/users/new/"),
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_have_no_serious_accessibility_violations(
    page: Any, live_server: Any, people: Any, open_case: Any, language: str
) -> None:
    # given a case with a document and a timeline, and staff reading in the given language
    import io

    case = open_case()
    document_add(
        actor=people["officer"],
        case_id=case.pk,
        title="Court order",
        filename="order.txt",
        stream=io.BytesIO(b"order of the investigating judge"),
    )
    User.objects.update(language=language)
    page.goto(f"{live_server.url}/signin/")
    assert serious_violations(page) == []
    screenshot(page, f"signin-{language}")
    found: dict[str, Any] = {}
    signed_in = ""
    for who, name, url in _pages(case.pk):
        if who != signed_in:
            page.context.clear_cookies()
            sign_in(page, live_server, who)
            signed_in = who
        # when each page is scanned
        page.goto(f"{live_server.url}{url}")
        found[name] = serious_violations(page)
        screenshot(page, f"{name}-{language}")
    # then none has a serious or critical violation
    assert {name: v for name, v in found.items() if v} == {}
    assert case_transition is not None
