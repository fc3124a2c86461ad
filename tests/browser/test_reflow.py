"""The pages in a window 320 CSS px wide (a phone, or a desktop zoomed to 400 %), in English and
in Arabic: nothing makes the reader scroll sideways (WCAG 2.2 SC 1.4.10, Reflow). A table may
scroll inside its own box, which the criterion allows for data tables."""

from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from tests.browser.scenes import draft_with_items, extradition_in_progress
from tests.browser.support import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# The elements that stick out of the window, outside a table's own scrolling box.
_STICKING_OUT = """() => [...document.querySelectorAll("body *")]
    .filter(e => !e.closest(".table-wrap") && getComputedStyle(e).position !== "absolute")
    .filter(e => {
        const box = e.getBoundingClientRect();
        return box.right > window.innerWidth + 0.5 || box.left < -0.5;
    })
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + "." + e.className)"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_fit_a_320_pixel_window(
    page: Any, live_server: Any, people: dict[str, Any], open_case: Any, language: str
) -> None:
    # given a case in progress, a draft, and their officer reading in a 320 px window
    extradition = extradition_in_progress(people, open_case)
    draft = draft_with_items(people, open_case)
    User.objects.update(language=language)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server, "officer")
    found: dict[str, Any] = {}
    # when each page is shown
    for url in (
        "/",
        "/cases/",
        f"/cases/{extradition.pk}/",
        f"/cases/{draft.pk}/",
        "/cases/new/",
        "/cases/new/outgoing/extradition/",
        f"/cases/{draft.pk}/persons/new/",
        f"/cases/{extradition.pk}/communications/new/",
        "/notifications/",
        "/directory/",
        "/account/",
    ):
        assert page.goto(f"{live_server.url}{url}").status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        found[url] = (width, page.evaluate(_STICKING_OUT)) if width > 320 else None
    # then none is wider than the window
    assert {url: v for url, v in found.items() if v} == {}
