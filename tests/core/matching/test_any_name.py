"""Any name a user can type goes through analysis, the index, screening and the CLI without an
exception (issue 13 item 1: a person named ``ا`` stopped a node from registering requests)."""

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rogatory.core.matching import MatchIndex, person_from_dict, score_pair
from rogatory.core.matching.analysis import analyse_name, analyse_person
from rogatory.core.matching.cli import DEFAULT_THRESHOLD, build_index, score_stream, screen_stream

# Names of a single letter or a run of letters that the romanisers read as nothing: the bug's
# own inputs, plus marks and joiners alone.
NO_CONSONANT_NAMES = ["ا", "آ", "ااا", "ٱ", "ء", "ءء", "\u064b", "\u200d", "\u200f", "ـ", "ا ء"]

# Characters people paste into name fields: every script's letters and marks, joiners, bidi
# controls, emoji, and long unbroken runs.
_SPECIALS = st.sampled_from(
    list("\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    + list("\u0300\u0301\u0651\u064b\u0670\u3099\ufe0f\u00ad-'’.,")
    + ["👩‍⚖️", "🇺🇳", "ﷺ", "ﷲ", "Ⅻ", "ǅ", "ß", "İ", "ﬁ"]
)
_TEXT = st.lists(
    st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)), _SPECIALS), max_size=60
).map("".join)
NAMES = st.one_of(
    _TEXT,
    st.sampled_from(NO_CONSONANT_NAMES),
    st.builds(lambda c, n: c * n, st.sampled_from(["ا", "ب", "a", "王"]), st.integers(1, 400)),
).filter(str.strip)  # a blank name is refused as a record error before any analysis


def _person(name: str, **extra: object) -> dict[str, object]:
    return {"names": [name], **extra}


@pytest.mark.parametrize("name", NO_CONSONANT_NAMES)
def test_a_name_without_consonants_is_analysed_without_error(name: str) -> None:
    # when
    analysed = analyse_name(name)

    # then: every part has a reading to compare
    assert all(token.forms for token in analysed.tokens)


def test_a_person_named_alif_matches_the_same_name_and_its_latin_initial() -> None:
    # given
    alif = person_from_dict(_person("ا", birth_date="1980-01-01"))

    # when
    same = score_pair(alif, person_from_dict(_person("آ", birth_date="1980-01-01")))
    other = score_pair(alif, person_from_dict(_person("Boris Ivanov", birth_date="1955-06-30")))

    # then
    assert same.score > other.score
    assert other.match is False


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, other=NAMES)
def test_any_name_is_analysed_and_scored_without_error(name: str, other: str) -> None:
    # when
    analysed = analyse_person(person_from_dict(_person(name)))
    pair = score_pair(person_from_dict(_person(name)), person_from_dict(_person(other)))

    # then
    assert all(t.forms for n in analysed.names for t in n.tokens)
    assert 0.0 <= pair.score <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(NAMES, min_size=1, max_size=8), query=NAMES)
def test_any_names_are_indexed_screened_and_removed_without_error(
    names: list[str], query: str
) -> None:
    # given
    index = MatchIndex.build((str(i), person_from_dict(_person(n))) for i, n in enumerate(names))

    # when
    index.add("extra", person_from_dict(_person(query)))
    found = index.search_scored(person_from_dict(_person(query)), 10)
    index.remove("0")

    # then: the person added under the query's own name is among the candidates
    assert all(0.0 <= c.score <= 1.0 for c in found)
    assert "0" not in [c.person_id for c in index.search_scored(person_from_dict(_person(query)))]


def test_the_bug_names_survive_a_saved_and_loaded_index(tmp_path: Path) -> None:
    # given
    source = tmp_path / "persons.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": f"p{i}", "names": [n]}, ensure_ascii=False) + "\n"
            for i, n in enumerate([*NO_CONSONANT_NAMES, "Ahmad Ali", "أحمد علي"])
        ),
        encoding="utf-8",
    )

    # when
    built = build_index(source, tmp_path / "index")
    out = io.StringIO()
    errors = screen_stream(
        [json.dumps(_person(n), ensure_ascii=False) for n in NO_CONSONANT_NAMES],
        out,
        index_dir=tmp_path / "index",
        top=5,
        threshold=DEFAULT_THRESHOLD,
    )

    # then
    assert built["skipped"] == 0
    assert built["persons"] == len(NO_CONSONANT_NAMES) + 2
    assert errors == 0
    assert len(out.getvalue().splitlines()) == len(NO_CONSONANT_NAMES)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=NAMES, b=NAMES)
def test_the_score_command_answers_every_line_and_goes_on(a: str, b: str) -> None:
    # given: an odd pair between two ordinary ones
    lines = [
        json.dumps({"a": _person("Ali Hassan"), "b": _person("علي حسن")}),
        json.dumps({"a": _person(a), "b": _person(b)}),
        json.dumps({"a": _person("Olaf Scholz"), "b": _person("Angela Merkel")}),
    ]
    out = io.StringIO()

    # when
    score_stream(lines, out, threshold=DEFAULT_THRESHOLD)

    # then: one answer per line, a score or an error naming the line, and the last one scored
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(answers) == 3
    assert "score" in answers[1] or answers[1].get("line") == 2
    assert answers[2]["match"] is False
