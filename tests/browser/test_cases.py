"""The main journeys, in a real browser: sign in, open, register, move and refuse a case."""

import re
from typing import Any

import pytest

from rogatory.apps.cases.models import Case, CaseEvent
from rogatory.apps.extradition.services.consultation import consultation_record
from rogatory.apps.proceedings.services import case_transition
from tests.browser.support import serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_signs_in_through_the_form(page: Any, live_server: Any, people: Any) -> None:
    # given a signed-out officer sent to the sign-in page
    page.goto(f"{live_server.url}/cases/")
    assert page.url.startswith(f"{live_server.url}/signin/")
    # when they sign in with their user name and password
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("pw-officer")
    page.get_by_role("button", name="Sign in").click()
    # then they land on the page they asked for, told that they are signed in
    page.wait_for_url(re.compile(r"/cases/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Cases"
    assert page.locator(".messages[role=status]").inner_text() == "You are signed in."


def test_wrong_password_shows_an_error_summary(page: Any, live_server: Any, people: Any) -> None:
    # given the sign-in page
    page.goto(f"{live_server.url}/signin/")
    # when the password is wrong
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    # then a summary of the problem takes the focus
    summary = page.locator("#error-summary")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert page.evaluate("document.activeElement.id") == "error-summary"


def test_officer_opens_an_outgoing_mla_request(page: Any, live_server: Any, people: Any) -> None:
    # given a signed-in officer on the page that opens requests
    sign_in(page, live_server, "officer")
    page.get_by_role("link", name="Open a request").click()
    page.get_by_role("region", name="Outgoing").get_by_role(
        "link", name="Mutual legal assistance"
    ).click()
    # when they describe the request, a person with two nationalities, an offence and a measure
    page.get_by_label("Title").fill("Bank records of Borealis Trading")
    page.get_by_label("Requested State").select_option("XB")
    page.get_by_label("Summary of facts").fill("Proceeds moved through Borealis accounts.")
    person = page.get_by_role("group", name="Person 1")
    person.get_by_label("Name in original script").fill("Иван Петров")
    person.get_by_label("Name in Latin letters").fill("Ivan Petrov")
    person.get_by_label("Date of birth").fill("1975-03")
    person.get_by_label("Nationalities").select_option(["XB", "FR"])
    page.get_by_role("group", name="Offence 1").get_by_label("Facts of the offence").fill(
        "Laundering of the proceeds of fraud."
    )
    measure = page.get_by_role("group", name="Measure 1")
    measure.get_by_label("Measure").select_option("records")
    measure.get_by_label("Description").fill("Statements of account 2023-2025.")
    # and ask for a second person row (htmx), left empty
    page.get_by_role("button", name="Add another person").click()
    page.get_by_role("group", name="Person 2").wait_for()
    page.get_by_role("button", name="Save the draft").click()
    # then the case page shows the draft with the person in both scripts
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    case = Case.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"{case.our_reference} — Bank records of Borealis Trading"
    )
    assert page.locator(".messages[role=status]").inner_text() == (
        f"Request {case.our_reference} was opened."
    )
    assert page.locator(".status").inner_text() == "Draft"
    persons = page.get_by_role("region", name="Persons")
    assert persons.get_by_role("heading", level=3).inner_text() == "Иван Петров (Ivan Petrov)"
    assert sorted(n.state_id for n in case.persons.get().nationalities.all()) == ["FR", "XB"]
    assert case.measures.get().type == "records"


def test_missing_title_is_shown_next_to_the_field(page: Any, live_server: Any, people: Any) -> None:
    # given the form for an outgoing request
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/new/outgoing/mla/")
    # when it is sent without a title
    page.get_by_label("Requested State").select_option("XB")
    page.get_by_role("button", name="Save the draft").click()
    # then the summary links to the title field, which carries the error
    link = page.locator("#error-summary a")
    assert link.inner_text() == "Title: This field is required."
    assert link.get_attribute("href") == "#id_title"
    assert page.get_by_label("Title").get_attribute("aria-invalid") == "true"
    assert Case.objects.count() == 0


def test_clerk_registers_an_incoming_extradition_request(
    page: Any, live_server: Any, people: Any
) -> None:
    # given a registry clerk who records a request received from Borealis
    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_role("region", name="Incoming").get_by_role("link", name="Extradition").click()
    page.get_by_label("Title").fill("Extradition of Ivan Petrov")
    page.get_by_label("Requesting State").select_option("XB")
    page.locator("#id_custody").select_option("detained")
    person = page.get_by_role("group", name="Person 1")
    assert person.get_by_label("Role in the case").input_value() == "person_sought"
    person.get_by_label("Name in original script").fill("Иван Петров")
    person.get_by_label("Name in Latin letters").fill("Ivan Petrov")
    page.get_by_role("button", name="Register the request").click()
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    assert page.locator(".status").inner_text() == "Received"
    # when they choose the step "Register" and confirm it
    page.get_by_role("link", name="Register", exact=True).click()
    panel = page.locator("#transition-panel")
    panel.get_by_role("button", name="Confirm").click()
    # then the case is registered and the timeline records the step
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    reference = Case.objects.get().our_reference
    assert page.locator(".messages[role=status]").inner_text() == f"{reference} is now: Registered."
    assert page.locator(".status").inner_text() == "Registered"
    timeline = page.get_by_role("region", name="Timeline")
    # (followed by the acknowledgement sent to the requesting State, UNTOC art. 18(13))
    lines = timeline.locator("li").all_inner_texts()
    assert "Received → Registered" in lines[-2]
    assert "Sent to the other State: Acknowledgement" in lines[-1]
    assert Case.objects.get().status == "registered"


def test_supervisor_refuses_a_request_giving_ground_and_reason(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given an incoming request registered by the clerk
    case = open_case("clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    # and the requesting State consulted before a refusal (UNTOC art. 18(26))
    consultation_record(
        actor=people["supervisor"],
        purpose="before_refusal",
        party="requesting_state",
        case_id=case.pk,
        not_possible_reason="Urgent measure.",
    )
    sign_in(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # when the supervisor asks to refuse it without giving a ground
    page.get_by_role("link", name="Refuse", exact=True).click()
    panel = page.locator("#transition-panel")
    panel.get_by_label("Reason").fill("The measure would prejudice an ongoing trial.")
    panel.get_by_role("button", name="Confirm").click()
    # then the form asks for the ground, and nothing changed
    assert page.locator("#error-summary a").inner_text() == (
        "Ground for refusal: This field is required."
    )
    assert Case.objects.get().status == "registered"
    # when the ground is given
    page.get_by_label("Ground for refusal").select_option("mla_essential_interests")
    page.get_by_role("button", name="Confirm").click()
    # then the case is refused, with the ground and its article in the timeline
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    assert page.locator(".status").inner_text() == "Refused"
    timeline = page.get_by_role("region", name="Timeline").locator("li").last.inner_text()
    assert "Reason: The measure would prejudice an ongoing trial." in timeline
    assert (
        "Ground for refusal: Sovereignty, security, ordre public or other essential interests "
        "(UNTOC art. 18(21)(b))" in timeline
    )
    event = CaseEvent.objects.filter(case=case).last()
    assert event is not None
    assert (event.to_status, event.ground) == ("refused", "mla_essential_interests")


def test_supervisor_assigns_an_officer(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given a registered incoming request
    case = open_case("clerk", direction="incoming")
    case_transition(actor=people["clerk"], case_id=case.pk, target="registered")
    sign_in(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # when the supervisor assigns it to the officer
    page.get_by_role("link", name="Assign", exact=True).click()
    page.get_by_label("Case officer").select_option(str(people["officer"].pk))
    page.get_by_role("button", name="Confirm").click()
    # then the officer is named on the case
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    assert page.locator(".status").inner_text() == "Assigned"
    assert Case.objects.get().officer_id == people["officer"].pk


def test_user_without_grant_gets_a_not_found_page(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given a case of the officer's, not shared with their colleague
    case = open_case(title="Zebrafish Laundering Ring", sealed=True)
    sign_in(page, live_server, "colleague")
    # when the colleague opens its address
    response = page.goto(f"{live_server.url}/cases/{case.pk}/")
    # then the page says it is not available, and shows nothing of the case
    assert response is not None
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Not available"
    assert "Zebrafish" not in page.content()
    assert case.our_reference not in page.content()


def test_case_page_in_arabic_reads_right_to_left(
    page: Any, live_server: Any, people: Any, open_case: Any
) -> None:
    # given an officer who switches the interface to Arabic
    case = open_case()
    sign_in(page, live_server, "officer")
    page.get_by_label("Language").select_option("ar")
    page.locator("form.language button").click()
    page.wait_for_load_state()
    # when they open the case page
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # then the page runs right to left and the start of a line is on the right
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    width = page.evaluate("document.documentElement.clientWidth")
    brand = page.locator(".brand").bounding_box()
    assert brand is not None
    assert brand["x"] > width / 2
    label = page.locator("dl.summary dt").first.bounding_box()
    value = page.locator("dl.summary dd").first.bounding_box()
    assert label is not None
    assert value is not None
    assert label["x"] > value["x"]
    # and the choice is remembered on the account
    people["officer"].refresh_from_db()
    assert people["officer"].language == "ar"
    assert serious_violations(page) == []
