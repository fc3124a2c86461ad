"""Every page a user reaches, in English and in Arabic: no serious or critical axe-core finding
against the WCAG 2.2 AA rules (tests/browser/support.py WCAG_TAGS), and a screenshot in
test-artifacts/screenshots/ for review."""

from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case
from tests.browser.scenes import draft_with_items, extradition_in_progress
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


# A page named with this suffix is scanned after its form is sent empty: the error summary
# and the messages beside the fields are part of the page too.
SENT_EMPTY = "-errors"


def _pages(extradition: Case, draft: Case) -> list[tuple[str, str, str]]:
    """(who, name, path), grouped by who so each person signs in once."""
    ext, dr = extradition.pk, draft.pk
    person = draft.persons.get().pk
    return [
        ("officer", "two-factor-setup", "/account/two-factor/"),
        ("officer", "dashboard-officer", "/"),
        ("officer", "case-list", "/cases/?order=due"),
        ("officer", "search-results", "/cases/?q=al-husseini"),
        ("officer", "case-extradition", f"/cases/{ext}/"),
        ("officer", "communication-form", f"/cases/{ext}/communications/new/"),
        ("officer", "case-draft", f"/cases/{dr}/"),
        ("officer", "open-request", "/cases/new/"),
        ("officer", "extradition-form", "/cases/new/outgoing/extradition/"),
        ("officer", "mla-form", "/cases/new/outgoing/mla/"),
        ("officer", f"mla-form{SENT_EMPTY}", "/cases/new/outgoing/mla/"),
        ("officer", "edit-form", f"/cases/{dr}/edit/"),
        ("officer", "person-new", f"/cases/{dr}/persons/new/"),
        ("officer", "person-edit", f"/cases/{dr}/persons/{person}/edit/"),
        ("officer", "document-form", f"/cases/{dr}/documents/new/"),
        ("officer", "transition-form", f"/cases/{dr}/transition/pending_approval/"),
        ("officer", "notifications", "/notifications/"),
        ("officer", "directory", "/directory/"),
        ("officer", "account", "/account/"),
        ("officer", "not-found", "/no/such/page/"),
        ("officer", "forbidden", "/audit/"),
        ("clerk", "dashboard-clerk", "/"),
        ("supervisor", "dashboard-supervisor", "/"),
        ("supervisor", "case-extradition-supervisor", f"/cases/{ext}/"),
        ("auditor", "dashboard-auditor", "/"),
        ("auditor", "audit", "/audit/"),
        ("admin", "dashboard-admin", "/"),
        ("admin", "users", "/users/"),
        ("admin", "user-form", "/users/new/"),
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_has_no_serious_wcag_22_aa_violation(
    page: Any, live_server: Any, people: dict[str, Any], open_case: Any, language: str
) -> None:
    # given an extradition case in progress, a draft, and staff reading in the given language
    extradition = extradition_in_progress(people, open_case)
    draft = draft_with_items(people, open_case)
    User.objects.update(language=language)
    found: dict[str, Any] = {}
    statuses: dict[str, int] = {}
    # when the signed-out visitor picks the language on the sign-in page
    page.goto(f"{live_server.url}/signin/")
    page.locator("#language-select").select_option(language)
    page.locator("form.language button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    found["signin"] = serious_violations(page)
    screenshot(page, f"signin-{language}")
    # and the sign-in page refuses a wrong password
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form button.primary").click()
    page.locator("#error-summary").wait_for()
    found["signin-errors"] = serious_violations(page)
    screenshot(page, f"signin-errors-{language}")
    # and each signed-in page is scanned
    signed_in = ""
    for who, name, url in _pages(extradition, draft):
        if who != signed_in:
            page.context.clear_cookies()
            sign_in(page, live_server, who)
            signed_in = who
        response = page.goto(f"{live_server.url}{url}")
        # (the page itself, not an error page standing in for it)
        statuses[name] = response.status
        if name.endswith(SENT_EMPTY):
            # (the form's own POST, not the live completeness check the form also sends)
            target = f"{live_server.url}{url}"
            with page.expect_response(
                lambda r, target=target: r.request.method == "POST" and r.url == target
            ) as sent:
                page.locator("main form button.primary").click()
            statuses[name] = sent.value.status
            page.locator("#error-summary").wait_for()
        found[name] = serious_violations(page)
        screenshot(page, f"{name}-{language}")
    # then no page has a serious or critical violation, and each is in the reader's language
    assert {name: v for name, v in found.items() if v} == {}
    assert {name: s for name, s in statuses.items() if s != 200} == {
        f"mla-form{SENT_EMPTY}": 422,
        "not-found": 404,
        "forbidden": 403,
    }
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
