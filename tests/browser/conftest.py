"""A real Chromium (Debian's, never downloaded) driving the pages served by `live_server`."""

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.support import ARGS, CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (tools/system-deps.sh)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop open in this thread; the test's own ORM calls
    # are still synchronous, so Django's guard against async callers does not apply here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # The axe-core scanner is injected as a script the page's own policy (script-src 'self')
    # rightly refuses; the test browser alone may bypass it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    # (30 s: a shared CI host under load answers a page in more than 10 s at times)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()
