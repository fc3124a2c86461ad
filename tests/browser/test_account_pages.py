"""The account security pages (issue 14): no serious axe-core finding, a screenshot each, and
the TOTP setup done in a real browser."""

import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

_PAGES = [
    ("account", "/account/"),
    ("two-factor-setup", "/account/two-factor/"),
    ("password-change", "/account/password/"),
    ("reauth", "/signin/confirm/?next=/"),
    ("passkey-new", "/account/passkeys/new/"),
]


def test_account_pages_have_no_serious_accessibility_violations(
    page: Any, live_server: Any, people: Any
) -> None:
    sign_in(page, live_server, "officer")
    found: dict[str, Any] = {}
    for name, url in _PAGES:
        page.goto(f"{live_server.url}{url}")
        found[name] = serious_violations(page)
        screenshot(page, name)
    assert {name: v for name, v in found.items() if v} == {}


def test_an_officer_sets_up_an_authenticator_in_the_browser(
    page: Any, live_server: Any, people: Any
) -> None:
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/account/two-factor/")
    # the QR code is drawn from a local SVG (the CSP allows no outside image)
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1
    device = TOTPDevice.objects.get(user=people["officer"], confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.get_by_label("Code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("ul.codes li").count() == 10
    screenshot(page, "recovery-codes")
