"""On a Secretariat node, in a real browser, in English and Arabic: the review overview with the
70 % rule and its projected date, a country review, a draw by lot and the programme of a
working-group meeting, each page without a serious WCAG 2.2 AA finding."""

import re
from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.review.demo import demo_review
from rogatory.apps.review.models import CountryReview, Meeting
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_secretariat_follows_the_reviews_and_the_programme(
    page: Any, live_server: Any, settings: Any, language: str
) -> None:
    # given a Secretariat node with the demo reviews, read in the given language
    settings.SECRETARIAT_NODE = True
    demo_review(password="pw-secretariat")
    User.objects.update(language=language)
    sign_in(page, live_server, "secretariat")
    found: dict[str, Any] = {}
    # when the Secretariat opens the register from the navigation
    page.locator("nav.mainnav a[href='/review/']").click()
    page.wait_for_url(re.compile(r"/review/$"))
    # then the page is in the reader's language and direction, with the rule and its source
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    rule = page.locator(
        "section[aria-labelledby=phases-title] bdi", has_text="Procedures, para. 10"
    )
    assert rule.count() == 1
    assert page.locator("#phase-2 strong bdi").count() == 1  # the projected date
    assert page.locator("#phase-1 svg[role=img] title").count() == 1
    found["overview"] = serious_violations(page)
    screenshot(page, f"review-overview-{language}")
    review = CountryReview.objects.get(state_id="XD", phase_id=1)
    page.goto(f"{live_server.url}/review/{review.pk}/")
    assert page.get_by_text(review.seed).count() == 1
    found["review"] = serious_violations(page)
    screenshot(page, f"review-detail-{language}")
    meeting = Meeting.objects.get()
    page.goto(f"{live_server.url}/review/programme/{meeting.pk}/")
    assert page.locator("bdi[dir=ltr]", has_text=re.compile(r"^CTOC/COP/WG\.3/")).count() == 2
    found["meeting"] = serious_violations(page)
    screenshot(page, f"review-meeting-{language}")
    page.goto(f"{live_server.url}/review/programme/")
    found["programme"] = serious_violations(page)
    if language == "en":
        # and a draw by lot from the form records its seed
        page.goto(f"{live_server.url}/review/")
        page.get_by_label("State under review").select_option("XL")
        page.locator("#id_phase").select_option("3")
        page.get_by_label("Start of the review").fill("2025-01-15")
        page.get_by_label("Seed of the draw").fill("browser-seed")
        page.get_by_role("button", name="Draw by lot").click()
        page.wait_for_url(re.compile(r"/review/\d+/$"))
        assert page.get_by_text("browser-seed").count() == 1
        found["drawn"] = serious_violations(page)
        assert CountryReview.objects.filter(state_id="XL", phase_id=3).count() == 1
    assert {name: v for name, v in found.items() if v} == {}
