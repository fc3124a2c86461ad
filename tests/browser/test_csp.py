"""The pages under their own Content Security Policy, as a user's browser receives them: no
inline script or style, no outside resource, so the browser never reports a violation. The
other browser tests bypass the policy to inject axe-core; this one does not."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.scenes import draft_with_items, extradition_in_progress
from tests.browser.support import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Runs before any script of the page (the browser adds it itself, outside the page's policy)
# and keeps each violation the page's policy reports.
_LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`
    );
});
"""


@pytest.fixture
def strict_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_init_script(_LISTEN)
    tab = context.new_page()
    yield tab
    context.close()


def _reported(page: Any) -> list[str]:
    found: list[str] = page.evaluate("window.__cspViolations || []")
    return found


def test_no_page_reports_a_content_security_policy_violation(
    strict_page: Any, live_server: Any, people: dict[str, Any], open_case: Any
) -> None:
    # given a case in progress and a draft, and a browser that enforces the page's policy
    page = strict_page
    extradition = extradition_in_progress(people, open_case)
    draft = draft_with_items(people, open_case)
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    found: dict[str, list[str]] = {}
    # when a user goes through the main pages, signed out and then signed in
    policy = page.goto(f"{live_server.url}/signin/").headers["content-security-policy"]
    found["signin"] = _reported(page)
    sign_in(page, live_server, "officer")
    found["signed-in"] = _reported(page)
    for url in (
        "/",
        "/cases/",
        "/cases/?q=husseini",
        f"/cases/{extradition.pk}/",
        f"/cases/{extradition.pk}/communications/new/",
        f"/cases/{draft.pk}/",
        f"/cases/{draft.pk}/edit/",
        f"/cases/{draft.pk}/documents/new/",
        f"/cases/{draft.pk}/transition/pending_approval/",
        "/cases/new/",
        "/notifications/",
        "/directory/",
        "/account/",
        "/account/two-factor/",
        "/no/such/page/",
        "/audit/",
    ):
        page.goto(f"{live_server.url}{url}")
        found[url] = _reported(page)
    # and uses the parts drawn by htmx: a new person row, the step panel of a case
    page.goto(f"{live_server.url}/cases/new/outgoing/mla/")
    page.get_by_role("button", name="Add another person").click()
    page.get_by_role("group", name="Person 2").wait_for()
    found["person row"] = _reported(page)
    page.goto(f"{live_server.url}/cases/{draft.pk}/")
    page.get_by_role("link", name="Submit for approval").click()
    page.locator("#transition-panel form").wait_for()
    found["step panel"] = _reported(page)
    # then the pages were under a policy that allows no inline script or style
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    # and the browser reported no violation, neither to the page nor on the console
    assert {where: v for where, v in found.items() if v} == {}
    assert console == []
    # and the authenticator's QR code (a data: image) was allowed to load
    page.goto(f"{live_server.url}/account/two-factor/")
    assert page.locator("img[src^='data:image/svg+xml']").evaluate("i => i.naturalWidth") > 0
    # (and the listener hears a violation when there is one: an inline style attribute)
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>')"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert console != []
