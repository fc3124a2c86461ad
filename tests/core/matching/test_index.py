"""Candidate index: search across scripts, document keys, inserts, removal, save/load."""

from pathlib import Path

import numpy as np

from rogatory.core.matching import MatchIndex, Person, person_from_dict
from rogatory.core.matching.analysis import analyse_person
from rogatory.core.matching.index import person_keys, representative_names, top_positions


def p(**data: object) -> Person:
    return person_from_dict(data)


STORED = [
    ("iq-1", p(names=["Mohammed Hassan Al-Tikriti"], birth_date="1968", nationalities=["IQ"])),
    ("iq-2", p(names=["Mohammed Karim Jassim"], birth_date="1980", nationalities=["IQ"])),
    ("ru-1", p(names=["Sergei Ivanovich Petrov"], birth_date="1971-02-03")),
    ("cn-1", p(names=["Zhang Wei"], nationalities=["CN"])),
    ("cn-2", p(names=["Wang Xiaoming"], nationalities=["CN"])),
    (
        "doc-1",
        p(
            names=["Jean Martin"],
            documents=[{"type": "passport", "number": "12AB34567", "country": "FR"}],
        ),
    ),
]


def build() -> MatchIndex:
    return MatchIndex.build(STORED)


def test_arabic_query_finds_the_latin_record_first() -> None:
    # given
    index = build()

    # when
    found = index.search(p(names=["محمد حسن التكريتي"], nationalities=["IQ"]))

    # then
    assert found[0][0] == "iq-1"


def test_cyrillic_and_chinese_queries_find_their_latin_records() -> None:
    index = build()

    assert index.search(p(names=["Сергей Петров"]))[0][0] == "ru-1"
    assert index.search(p(names=["张伟"]))[0][0] == "cn-1"
    assert index.search(p(names=["王小明"]))[0][0] == "cn-2"


def test_document_number_finds_a_record_whose_name_differs() -> None:
    # given a query sharing nothing but a passport number with one typo
    index = build()
    query = p(names=["Ahmed Ali"], documents=[{"type": "passport", "number": "12AB34568"}])

    # when
    ids = [pid for pid, _score in index.search(query)]

    # then
    assert "doc-1" in ids


def test_single_insert_is_searchable_at_once_and_replaces_same_id() -> None:
    # given
    index = build()

    # when
    index.add("new", p(names=["Olga Sidorova"]))
    index.add("new", p(names=["Olga Smirnova"]))

    # then
    assert len(index) == len(STORED) + 1
    assert index.search(p(names=["Olga Smirnova"]))[0][0] == "new"
    assert index.get("new").names[0].text == "Olga Smirnova"


def test_removed_person_is_never_returned() -> None:
    index = build()

    index.remove("cn-1")

    assert "cn-1" not in [pid for pid, _ in index.search(p(names=["Zhang Wei"]))]
    assert "cn-1" not in index


def test_saved_index_loads_with_the_same_answers(tmp_path: Path) -> None:
    # given an index with a bulk part, an insert and a removal
    index = build()
    index.add("late", p(names=["Ahmad Shah Massoud"], birth_date="1953"))
    index.remove("iq-2")
    query = p(names=["احمد شاه مسعود"])

    # when
    index.save(tmp_path / "idx")
    loaded = MatchIndex.load(tmp_path / "idx")

    # then
    assert len(loaded) == len(index)
    assert loaded.search(query) == index.search(query)
    assert "iq-2" not in loaded


def test_loaded_index_accepts_inserts(tmp_path: Path) -> None:
    build().save(tmp_path / "idx")
    loaded = MatchIndex.load(tmp_path / "idx")

    loaded.add("x", p(names=["Hamid Karzai"]))

    assert loaded.search(p(names=["Hamid Karzai"]))[0][0] == "x"


def test_search_respects_top() -> None:
    assert len(build().search(p(names=["Mohammed"]), top=1)) == 1


def test_query_uses_at_most_five_representative_names() -> None:
    # given a person with many aliases in several scripts
    names = ["Ali Hassan", "علي حسن", "Ali Hasan", "Aly Hassan", "Ali Hassen", "Ali Hussan"]
    analysed = analyse_person(p(names=names))

    # when
    chosen = representative_names(analysed)

    # then: the primary first, the Arabic-script alias second
    assert len(chosen) == 5
    assert [n.text for n in chosen[:2]] == ["Ali Hassan", "علي حسن"]


def test_birth_year_and_documents_make_strong_keys() -> None:
    person = p(
        names=["Ali Hassan"],
        birth_date="1970-01-01",
        documents=[{"type": "passport", "number": "AB123456"}],
    )

    _keys, strong = person_keys(analyse_person(person))

    assert {"d:AB123456", "d1:AB12345", "y:1970:hsn", "y:1970:=ali"} <= strong


def test_typo_in_a_name_part_still_retrieves_the_record() -> None:
    # given a record whose spelling shares no exact key with the query's
    index = MatchIndex.build([("fo-1", p(names=["Joensen"])), ("fo-2", p(names=["Olsen"]))])

    # when
    found = index.search(p(names=["Joensee"]))

    # then
    assert found[0][0] == "fo-1"


def test_loaded_index_can_be_saved_back_to_its_own_directory(tmp_path: Path) -> None:
    # given an index loaded (memory-mapped) from a directory
    build().save(tmp_path / "idx")
    loaded = MatchIndex.load(tmp_path / "idx")

    # when it is saved over itself, unchanged and then after an insert
    loaded.save(tmp_path / "idx")
    loaded.add("x", p(names=["Hamid Karzai"]))
    loaded.save(tmp_path / "idx")

    # then
    again = MatchIndex.load(tmp_path / "idx")
    assert len(again) == len(STORED) + 1
    assert again.search(p(names=["Zhang Wei"]))[0][0] == "cn-1"


def test_namesakes_do_not_crowd_out_the_person_with_the_same_birth_date() -> None:
    # 300 namesakes of the same nationality, each born another day: the full birth date
    # key ranks the right one among the first candidates.
    stored = [
        (f"ns-{n}", p(names=["Ben Becker"], birth_date=f"{1940 + n % 60}-03-{1 + n % 27:02d}"))
        for n in range(300)
    ]
    stored.append(("target", p(names=["Ben Becker"], birth_date="1962-01-05")))
    index = MatchIndex.build(stored)
    query = p(names=["Ben Becke"], birth_date="1962-01-05")
    assert "target" in [pid for pid, _score in index.search(query, top=5)]


def test_pair_keys_find_a_typo_among_namesakes_of_each_part() -> None:
    stored = [(f"a-{n}", p(names=[f"Aoife {s}"])) for n, s in enumerate(["Murphy", "Kelly"] * 100)]
    stored += [(f"b-{n}", p(names=[f"{g} Phillips"])) for n, g in enumerate(["Tom", "Anne"] * 100)]
    stored.append(("target", p(names=["Aoife Phillips"])))
    index = MatchIndex.build(stored)
    assert "target" in [pid for pid, _score in index.search(p(names=["Aoife Phillip"]), top=3)]
    keys, _strong = person_keys(analyse_person(p(names=["Aoife Phillip"])))
    stored_keys, _ = person_keys(analyse_person(p(names=["Aoife Phillips"])))
    assert {k for k in keys & stored_keys if k.startswith("p:")}


def test_scores_tied_at_the_cut_go_to_the_lowest_positions() -> None:
    # given two scores above the cut and four equal at it
    scores = np.array([1.0, 3.0, 2.0, 2.0, 2.0, 3.0, 2.0])

    # when
    best = top_positions(scores, 4)

    # then the two ties taken are the first two, whatever numpy's selection did
    assert sorted(best.tolist()) == [1, 2, 3, 5]
    assert top_positions(scores, 0).tolist() == []
    assert sorted(top_positions(scores, 9).tolist()) == list(range(7))
    # and removed persons (scored -1) tie among themselves like any others
    dead = np.array([-1.0, 4.0, -1.0, -1.0])
    assert sorted(top_positions(dead, 2).tolist()) == [0, 1]


def test_namesakes_tied_at_the_cut_are_the_first_stored() -> None:
    # given five stored persons the query cannot tell apart
    index = MatchIndex.build(
        [(f"ns-{n}", p(names=["Ivan Petrov"], nationalities=["RU"])) for n in range(5)]
    )

    # when only three candidates are taken
    found = index.candidates(p(names=["Ivan Petrov"], nationalities=["RU"]), top=3)

    # then they are the first three stored, in that order
    assert [index.person_id(slot) for slot, _weight in found] == ["ns-0", "ns-1", "ns-2"]
