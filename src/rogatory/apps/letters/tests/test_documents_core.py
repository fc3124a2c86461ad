"""The pure structure of a letter (rogatory.core.documents): no database."""

import pytest

from rogatory.core.documents import Section, sections_for
from rogatory.core.documents.bidi import text_direction


def test_an_mla_letter_follows_untoc_article_18_15_in_order() -> None:
    # given an MLA request, when its sections are listed
    keys = [key for key, _article in sections_for("mla")]
    articles = dict(sections_for("mla"))
    # then (a) to (f) of art. 18(15) come in their order, with the practice items around them
    mandatory = [
        Section.REQUESTING_AUTHORITY,
        Section.PROCEEDINGS,
        Section.FACTS,
        Section.ASSISTANCE,
        Section.PERSONS,
        Section.PURPOSE,
    ]
    assert [k for k in keys if k in mandatory] == mandatory
    assert [articles[k] for k in mandatory] == [
        "UNTOC art. 18(15)(a)",
        "UNTOC art. 18(15)(b)",
        "UNTOC art. 18(15)(c)",
        "UNTOC art. 18(15)(d); art. 18(17)",
        "UNTOC art. 18(15)(e)",
        "UNTOC art. 18(15)(f)",
    ]
    assert articles[Section.URGENCY] == "UNTOC art. 18(24)"
    assert articles[Section.CONFIDENTIALITY] == "UNTOC art. 18(20)"
    assert keys[-1] is Section.SIGNATURE


@pytest.mark.parametrize("kind", ["extradition", "provisional_arrest"])
def test_an_extradition_letter_asks_for_the_person_not_for_measures(kind: str) -> None:
    articles = dict(sections_for(kind))
    assert Section.ASSISTANCE not in articles
    assert Section.PURPOSE not in articles
    assert articles[Section.SURRENDER] == "ETS 24 art. 12(2)(a); UN Model Treaty art. 5(2)"
    assert articles[Section.PERSONS] == "ETS 24 art. 12(2)(c); UN Model Treaty art. 5(2)(a)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ivan Petrov", "ltr"),
        ("سمير الحداد", "rtl"),
        ("123 سمير", "rtl"),  # digits are weak: the first letter decides
        ("王小明", "ltr"),
        ("", "ltr"),
        ("\u2067שלום\u2069 and more", "ltr"),  # an isolated run is skipped (P2)
    ],
)
def test_the_first_strong_character_decides_the_direction(text: str, expected: str) -> None:
    assert text_direction(text) == expected
