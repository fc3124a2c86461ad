"""The new screens of issue 17 in a real browser, in English and in Arabic: the upload of a
person's photograph (then shown as a thumbnail on the person's block), and the administrator's
editor of a requested State's requirements; each passes axe (WCAG 2.2 AA)."""

import re
from pathlib import Path
from typing import Any

import pytest

from rogatory.apps.accounts.models import User
from rogatory.apps.cases.models import Case, Document
from rogatory.apps.cases.services.inputs import NameInput, PersonInput
from rogatory.apps.directory.models import RequirementSet
from rogatory.apps.directory.services import requirements_load_shipped
from tests.browser.support import screenshot, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# A 1x1 PNG: the smallest real image a browser decodes.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082"
)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_officer_adds_a_photograph_and_sees_it_on_the_persons_block(
    page: Any,
    live_server: Any,
    people: dict[str, Any],
    open_case: Any,
    language: str,
    tmp_path: Path,
) -> None:
    # given an extradition draft and an officer reading in the language
    sought = PersonInput(
        role="person_sought", names=[NameInput("سمير الحداد", "original_script", "Samir")]
    )
    case: Case = open_case(kind="extradition", persons=[sought], measures=[])
    person = case.persons.get()
    User.objects.filter(username="officer").update(language=language)
    sign_in(page, live_server, "officer")
    # when they open the upload page of the person sought
    page.goto(f"{live_server.url}/cases/{case.pk}/persons/{person.pk}/files/new/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert serious_violations(page) == []
    screenshot(page, f"drafting-person-file-{language}")
    # and upload a photograph
    photo = tmp_path / "face.png"
    photo.write_bytes(PNG)
    page.locator("#id_kind").select_option("photograph")
    page.locator("#id_file").set_input_files(str(photo))
    page.locator("main form button.primary").click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    # then the person's block shows it, loaded through the checked download
    doc = Document.objects.get(person=person)
    image = page.locator(f'img[src="/cases/{case.pk}/documents/{doc.pk}/"]')
    image.wait_for()
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 1
    assert serious_violations(page) == []
    screenshot(page, f"drafting-person-photo-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_administrator_edits_and_publishes_xbs_requirements(
    page: Any, live_server: Any, people: dict[str, Any], language: str
) -> None:
    # given XB's shipped requirements and an administrator reading in the language
    requirements_load_shipped()
    User.objects.filter(username="admin").update(language=language)
    sign_in(page, live_server, "admin")
    # when they open the list of States, then XB's editor
    page.goto(f"{live_server.url}/directory/requirements/")
    assert serious_violations(page) == []
    page.locator('a[href="/directory/requirements/XB/"]').click()
    page.wait_for_url(re.compile(r"/directory/requirements/XB/$"))
    assert page.locator("#id_languages_mla").input_value() == "en, fr"
    assert serious_violations(page) == []
    screenshot(page, f"drafting-requirements-editor-{language}")
    # and accept Spanish as well, and publish
    page.locator("#id_languages_mla").fill("en, fr, es")
    page.locator("button[name=publish]").click()
    page.wait_for_url(re.compile(r"/directory/requirements/XB/$"))
    # then version 2 is published, version 1 kept as superseded
    assert list(RequirementSet.objects.filter(state_id="XB").values_list("version", "status")) == [
        (2, "published"),
        (1, "superseded"),
    ]
    assert RequirementSet.objects.get(state_id="XB", version=2).data["languages"]["mla"] == [
        "en",
        "fr",
        "es",
    ]
