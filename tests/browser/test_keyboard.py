"""Keyboard-only use: skip link, visible focus, and the step form opened from the keyboard."""

from typing import Any

import pytest

from rogatory.apps.cases.models import Case
from tests.browser.support import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_keyboard_user_skips_to_the_content_and_moves_a_case(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given an incoming request waiting to be registered, and the clerk on its page
    case = open_case("clerk", direction="incoming")
    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # when the first Tab is pressed, the skip link shows with a visible focus ring
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.textContent, s.outlineStyle, s.outlineWidth,"
        " e.getBoundingClientRect().top >= 0]; }"
    )
    assert focused == ["Skip to main content", "solid", "3px", True]
    # and Enter on it moves the focus to the main content
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # when the step "Register" is opened from the keyboard
    page.get_by_role("link", name="Register", exact=True).focus()
    page.keyboard.press("Enter")
    heading = page.locator("#transition-title")
    heading.wait_for()
    # then the focus is on the form that opened in place, and Enter on Confirm moves the case
    assert page.evaluate("document.activeElement.id") == "transition-title"
    page.locator("#transition-panel").get_by_role("button", name="Confirm").focus()
    page.keyboard.press("Enter")
    page.locator(".messages[role=status]").wait_for()
    reference = Case.objects.get().our_reference
    assert page.locator(".messages[role=status]").inner_text() == f"{reference} is now: Registered."
    assert page.url == f"{live_server.url}/cases/{case.pk}/"
    assert Case.objects.get().status == "registered"
