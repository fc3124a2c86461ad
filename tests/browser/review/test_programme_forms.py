"""On a Secretariat node, in a real browser, in English and Arabic: the working-group
programme built from its forms (a meeting, an agenda item, a time slot, a document, a video
statement and its translation status, a constructive dialogue), a refusal shown next to its
field, and each page without a serious or critical WCAG 2.2 AA finding."""

import re
from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.review.demo import demo_review
from rogatory.apps.review.models import ConstructiveDialogue, Meeting
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_secretariat_builds_a_meeting_programme(
    page: Any, live_server: Any, settings: Any, language: str
) -> None:
    # given a Secretariat node with the demo register, read in the given language
    settings.SECRETARIAT_NODE = True
    demo_review(password="pw-secretariat")
    User.objects.update(language=language)
    sign_in(page, live_server, "secretariat")
    found: dict[str, Any] = {}
    # when the Secretariat creates a meeting from the programme page
    page.goto(f"{live_server.url}/review/programme/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    found["programme"] = serious_violations(page)
    screenshot(page, f"review-programme-list-{language}")
    form = page.locator("form[action='/review/programme/meetings/']")
    form.locator("#id_body").select_option("firearms")
    form.locator("#id_title").fill("Working Group on Firearms, 11th meeting")
    form.locator("#id_venue").fill("Vienna")
    form.locator("#id_starts_on").fill("2025-05-06")
    form.locator("#id_ends_on").fill("2025-05-07")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/review/programme/\d+/$"))
    meeting = Meeting.objects.get(body="firearms")
    # then it adds an agenda item with its annotation
    item = page.locator("form[action$='/items/']")
    item.locator("#id_item-number").fill("1")
    item.locator("#id_item-title").fill("Opening of the meeting")
    item.locator("#id_item-annotation").fill("The Chair opens the meeting.")
    item.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#agenda-title$"))
    # and a time slot taking it up, first on a day outside the meeting: refused by the field
    slot = page.locator("form[action$='/slots/']")
    slot.locator("#id_slot-day").fill("2025-06-01")
    slot.locator("#id_slot-period").select_option("am")
    slot.locator("input[name='slot-items']").first.check()
    slot.locator("button[type=submit]").click()
    assert page.locator("#id_slot-day_error").count() == 1
    assert page.locator("#error-summary").count() == 1
    found["refused"] = serious_violations(page)
    screenshot(page, f"review-programme-refused-{language}")
    slot = page.locator("form[action$='/slots/']")
    slot.locator("#id_slot-day").fill("2025-05-07")
    slot.locator("input[name='slot-items']").first.check()
    slot.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#work-title$"))
    # and a document by symbol in two languages
    doc = page.locator("form[action$='/documents/']")
    doc.locator("#id_symbol").fill("CTOC/COP/WG.6/2025/2")
    doc.locator("#id_title").fill("Background paper")
    doc.locator("input[name='languages'][value='ar']").check()
    doc.locator("input[name='languages'][value='en']").check()
    doc.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#documents-title$"))
    # and a video statement, then its translation into Chinese done
    video = page.locator("form[action$='/videos/']")
    video.locator("#id_video-delegation").select_option("XC")
    video.locator("#id_video-original").select_option("fr")
    video.locator("#id_video-minutes").fill("6")
    video.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#videos-title$"))
    statement = meeting.videos.get()
    tr = page.locator(f"form[action$='/videos/{statement.pk}/translation/']")
    tr.locator(f"#id_tr{statement.pk}-language").select_option("zh")
    tr.locator(f"#id_tr{statement.pk}-status").select_option("done")
    tr.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#videos-title$"))
    # and a constructive dialogue with its summary
    dialogue = page.locator("form[action$='/dialogues/']")
    dialogue.locator("#id_dialogue-topic").select_option("firearms")
    dialogue.locator("#id_dialogue-held_on").fill("2025-05-07")
    dialogue.locator("#id_dialogue-summary").fill("Views of industry on marking.")
    dialogue.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#meeting-dialogues-title$"))
    # then the meeting holds and shows all of it
    statement.refresh_from_db()
    assert statement.translations["zh"] == "done"
    assert statement.translations["fr"] == "original"
    assert list(meeting.slots.values_list("day", "period")) == [
        (meeting.ends_on, "am"),
    ]
    assert meeting.documents.get().languages == ["ar", "en"]
    assert ConstructiveDialogue.objects.filter(meeting=meeting).count() == 1
    assert page.get_by_text("Views of industry on marking.").count() == 1
    found["meeting"] = serious_violations(page)
    screenshot(page, f"review-programme-meeting-{language}")
    # and the meeting is corrected from its edit page
    page.goto(f"{live_server.url}/review/programme/{meeting.pk}/edit/")
    found["edit"] = serious_violations(page)
    page.locator("#id_venue").fill("Vienna International Centre")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/review/programme/{meeting.pk}/$"))
    meeting.refresh_from_db()
    assert meeting.venue == "Vienna International Centre"
    assert {name: v for name, v in found.items() if v} == {}
