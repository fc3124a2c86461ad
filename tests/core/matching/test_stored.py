"""The index keeps its persons' analysed names, and reads them back instead of re-analysing."""

import json
from pathlib import Path
from typing import Any

import pytest

from rogatory.core.matching import MatchIndex, person_from_dict
from rogatory.core.matching import index as index_module
from rogatory.core.matching.analysis import analyse_name, analyse_person, analyse_token
from rogatory.core.matching.stored import (
    TokenTable,
    decode_names,
    decode_record,
    encode_names,
    encode_record,
    record_id,
)

STORED: dict[str, dict[str, Any]] = {
    "ru-1": {"names": ["Алексей Семёнов", "Aleksei Semenov"], "birth_date": "1971-02-03"},
    "cn-1": {"names": ["楊家豪", "Yeung Ka-ho"], "nationalities": ["HK"]},
    "iq-1": {"names": ["عبد الكريم حسن", "Abdul Karim Hassan"]},
    "kr-1": {"names": ["리영호"], "gender": "m"},
}


def build() -> MatchIndex:
    return MatchIndex.build((pid, person_from_dict(data)) for pid, data in STORED.items())


def test_stored_names_read_back_equal_to_a_fresh_analysis() -> None:
    # given the analysed names of persons in several scripts, encoded against one table
    table = TokenTable()
    analysed = [analyse_person(person_from_dict(data)) for data in STORED.values()]
    encoded = [encode_names(a.names, table) for a in analysed]

    # when a fresh table is read from the encoded lines, as a loaded index does
    reread = TokenTable(list(table.lines))
    decoded = [decode_names(json.loads(json.dumps(e)), reread) for e in encoded]

    # then every name, part and joined key is the same
    assert decoded == [a.names for a in analysed]


def test_equal_parts_made_separately_share_one_number() -> None:
    # given two analyses of one name made after the analysis caches were emptied
    table = TokenTable()
    first = analyse_name("Hamid Karzai")
    analyse_name.cache_clear()
    analyse_token.cache_clear()
    second = analyse_name("Hamid Karzai")
    assert first.tokens[0] is not second.tokens[0]

    # when both are numbered
    numbers = [table.number(t) for t in first.tokens + second.tokens]

    # then each part is stored once
    assert numbers == [0, 1, 0, 1]
    assert len(table) == 2


def test_loaded_index_scores_candidates_without_analysing_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a saved index and the answers of the index it was saved from
    index = build()
    query = person_from_dict({"names": ["Alexey Semyonov"], "birth_date": "1971-02-03"})
    expected = index.search(query)
    index.save(tmp_path / "idx")
    loaded = MatchIndex.load(tmp_path / "idx")

    # when the name analysis is unavailable to the index (only the query is analysed)
    query_analysed = analyse_person(query)

    def no_analysis(person: object) -> object:
        raise AssertionError("a stored person was analysed again")

    monkeypatch.setattr(index_module, "analyse_person", no_analysis)
    found = loaded.score_candidates(query_analysed, loaded.retrieve(query_analysed, 200), 0.8)

    # then the candidates score exactly as before saving
    assert sorted((c.person_id, c.score) for c in found) == sorted(expected)


def test_index_built_by_another_analysis_is_refused(tmp_path: Path) -> None:
    # given a saved index whose stored analysis came from other analysis code
    build().save(tmp_path / "idx")
    meta_file = tmp_path / "idx" / "meta.json"
    meta = json.loads(meta_file.read_text())
    meta["analysis"] = "0" * 16
    meta_file.write_text(json.dumps(meta))

    # when / then: loading it names the remedy instead of comparing by stale spellings
    with pytest.raises(ValueError, match="another version of the name analysis: rebuild it"):
        MatchIndex.load(tmp_path / "idx")


def test_a_stored_record_reads_back_as_the_person_and_names_it_was() -> None:
    # given a person with every field, a name's provenance included
    person = person_from_dict(
        {
            "names": [{"text": "Алексей Семёнов", "provenance": "Interpol notice"}, "A. Semenov"],
            "birth_date": "1971-02",
            "nationalities": ["RU", "by"],
            "gender": "m",
            "documents": [{"type": "passport", "number": "72 1234567", "country": "RU"}],
            "birth_place": "Tula",
            "id": "ru-1",
        }
    )
    analysed = analyse_person(person)
    table = TokenTable()

    # when
    raw = encode_record("ru-1", analysed, table)

    # then
    assert record_id(raw) == "ru-1"
    assert decode_record(raw, TokenTable(list(table.lines))) == analysed
