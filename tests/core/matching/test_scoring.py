"""Pair scoring: cross-script names, evidence that raises or lowers the score, hard rules."""

import pickle
from typing import Any

from rogatory.core.matching import DEFAULT_THRESHOLD, PairScore, person_from_dict, score_pair
from rogatory.core.matching.analysis import analyse_person
from rogatory.core.matching.records import PartialDate
from rogatory.core.matching.scoring import compare_birth_dates, score_analysed


def score(a: dict[str, Any], b: dict[str, Any]) -> PairScore:
    return score_pair(person_from_dict(a), person_from_dict(b))


def features(result: PairScore) -> dict[str, float]:
    return {e.feature: e.weight for e in result.explanation}


def test_arabic_script_name_matches_its_latin_spelling() -> None:
    # given
    arabic = {"names": ["محمد عبد الرحمن الهاشمي"]}
    latin = {"names": ["Mohammed Abdul Rahman al-Hashimi"]}

    # when
    result = score(arabic, latin)

    # then
    assert result.match is True
    assert "cross-script" in result.explanation[0].detail


def test_cyrillic_name_matches_passport_spelling_without_patronymic() -> None:
    result = score({"names": ["Владимир Владимирович Путин"]}, {"names": ["PUTIN, Vladimir"]})

    assert result.match is True


def test_russian_name_printed_without_yo_matches_its_latin_record() -> None:
    # given: Семенов as printed (ё written е), Алексеи typed without the breve of й
    cyrillic = {"names": ["Алексеи Семенов"]}
    latin = {"names": ["Alexey Semyonov"]}

    # when
    result = score(cyrillic, latin)

    # then
    assert result.match is True
    assert "all parts agree" in result.explanation[0].detail


def test_chinese_name_matches_pinyin_in_both_orders() -> None:
    # given
    han = {"names": ["王伟"]}

    # when
    results = [score(han, {"names": [n]}) for n in ("Wang Wei", "Wei Wang", "WANG Wei")]

    # then
    assert [r.match for r in results] == [True, True, True]


def test_chinese_name_matches_cantonese_surname_spelling() -> None:
    assert score({"names": ["張偉"]}, {"names": ["Cheung Wei"]}).match is True


def test_other_person_sharing_one_name_part_is_not_a_match() -> None:
    # given two persons of the same nationality sharing only the given name
    a = {"names": ["محمد حسن"], "nationalities": ["IQ"]}
    b = {"names": ["Mohammed Karimi"], "nationalities": ["IQ"]}

    # when
    result = score(a, b)

    # then
    assert result.match is False


def test_distinct_known_names_do_not_meet_through_their_skeleton() -> None:
    # Hasan and Husayn share the consonants h-s-n but are different names.
    assert score({"names": ["Hasan Ali"]}, {"names": ["Hussein Ali"]}).match is False


def test_swapped_given_and_family_name_scores_below_the_same_order() -> None:
    same = score({"names": ["Hans Friedrich"]}, {"names": ["Hans Friedrich"]})
    swapped = score({"names": ["Friedrich Hans"]}, {"names": ["Hans Friedrich"]})

    assert swapped.score < same.score
    assert "name order differs" in swapped.explanation[0].detail


def test_initial_agrees_with_full_given_name_but_a_different_initial_does_not() -> None:
    agrees = score({"names": ["Hans J Friedrich"]}, {"names": ["Hans Joachim Friedrich"]})
    differs = score({"names": ["Hans O Friedrich"]}, {"names": ["Hans Joachim Friedrich"]})

    assert agrees.score > differs.score
    assert agrees.match is True


def test_feminine_surname_form_is_a_relative_not_a_spelling() -> None:
    assert score({"names": ["Ivan Petrov"]}, {"names": ["Ivan Petrova"]}).match is False


def test_explanation_lists_each_piece_of_evidence_with_its_sign() -> None:
    # given
    a = {
        "names": ["Ivan Petrov"],
        "birth_date": "1970-05-17",
        "nationalities": ["RU"],
        "gender": "m",
    }
    b = {"names": ["Ivan Petrov"], "birth_date": "1985", "nationalities": ["UA"], "gender": "f"}

    # when
    result = score(a, b)

    # then
    weights = features(result)
    assert set(weights) == {
        "name",
        "name_parts",
        "birth_date",
        "nationality",
        "gender",
        "prior",
        "calibration",
        "rule",
    }
    assert weights["name"] > 0
    assert weights["birth_date"] < 0
    assert weights["nationality"] < 0
    assert weights["gender"] < 0
    assert result.match is False


def test_same_document_and_agreeing_birth_date_is_strong_whatever_the_names() -> None:
    # given
    doc = [{"type": "passport", "number": "A1234567", "country": "IQ"}]
    a = {"names": ["Abu Ahmad"], "birth_date": "1975-03-02", "documents": doc}
    b = {"names": ["Khalid Jassim"], "birth_date": "1975-03-02", "documents": doc}

    # when
    result = score(a, b)

    # then
    assert result.score >= 0.99
    assert features(result)["document"] > 0


def test_document_number_keyed_with_confusables_still_matches() -> None:
    a = {"names": ["Ali Hassan"], "documents": [{"type": "passport", "number": "AO-1234I"}]}
    b = {"names": ["Ali Hasan"], "documents": [{"type": "passport", "number": "A012341"}]}

    # when
    result = score(a, b)

    # then
    evidence = next(e for e in result.explanation if e.feature == "document")
    assert evidence.detail == "same passport number A012341"
    assert evidence.weight > 0


def test_birth_date_and_nationality_conflicts_together_demote() -> None:
    a = {"names": ["Ali Hassan"], "birth_date": "1970-01-05", "nationalities": ["IQ"]}
    b = {"names": ["Ali Hassan"], "birth_date": "1970-01-22", "nationalities": ["EG"]}

    result = score(a, b)

    assert "rule" in features(result)
    assert result.match is False


def test_birth_date_agreement_levels() -> None:
    def level(a: str, b: str) -> str:
        return compare_birth_dates(PartialDate.parse(a), PartialDate.parse(b)).detail

    assert level("1970-05-17", "1970-05-17") == "exact"
    assert level("1970", "1970-05-17") == "same year (month unknown)"
    assert level("1970-05-07", "1970-07-05") == "day and month swapped"
    assert level("1970", "1971") == "years one apart"
    assert level("1951-01-08", "1952-03-05").startswith("conflict")
    assert level("1970", "1985").startswith("conflict")


def test_birth_date_agreement_weighs_more_than_a_year_and_a_conflict_counts_against() -> None:
    # given the model's weight for each level
    def weight(a: str, b: str) -> float:
        return compare_birth_dates(PartialDate.parse(a), PartialDate.parse(b)).weight

    # then
    assert weight("1970-05-17", "1970-05-17") > weight("1970", "1970-05-17") >= 0
    assert weight("1970-05-17", "1985-01-02") < 0


def test_score_is_symmetric_for_names_of_the_same_length() -> None:
    a = {"names": ["Olaf Scholz"], "birth_date": "1958"}
    b = {"names": ["Olaf Scholze"], "birth_date": "1958-06-14"}

    assert score(a, b).score == score(b, a).score


def test_default_threshold_is_a_probability() -> None:
    assert 0.0 < DEFAULT_THRESHOLD < 1.0


def test_masculine_and_feminine_forms_across_scripts_are_not_one_person() -> None:
    # given a Bulgarian woman's name against the masculine forms in Latin script
    woman = {"names": ["Александра Христова"]}

    # when
    result = score(woman, {"names": ["Aleksandar Hristov"]})

    # then
    assert result.match is False
    assert "other gender form" in result.explanation[0].detail


def test_theophoric_name_recorded_without_abd_still_matches() -> None:
    result = score({"names": ["Din Mohammad Abdul Hanif"]}, {"names": ["Din Mohammad Hanif"]})

    assert result.match is True


def test_single_name_part_is_weak_evidence() -> None:
    # given
    single = score({"names": ["Thomas"]}, {"names": ["Thomas"]})
    full = score({"names": ["Thomas Barry"]}, {"names": ["Thomas Barry"]})

    # then
    assert single.score < full.score
    parts = next(e for e in single.explanation if e.feature == "name_parts")
    assert parts.detail == "1 part agreeing; single name part"
    assert parts.weight < 0


def test_name_shared_by_many_stored_persons_weighs_less() -> None:
    # given the same pair scored without and with an index reporting 20 namesakes
    a = analyse_person(person_from_dict({"names": ["John Murray"]}))
    b = analyse_person(person_from_dict({"names": ["John Murray"]}))

    # when
    alone = score_analysed(a, b)
    common = score_analysed(a, b, name_count=lambda _name: 20)

    # then
    assert common.score < alone.score
    assert "name shared by 20 stored persons" in [e.detail for e in common.explanation]


def test_foreign_name_with_arabic_article_letters_matches_latin() -> None:
    # "Altafini" begins with the letters of the article; both readings are kept.
    assert score({"names": ["ألتافيني"]}, {"names": ["Altafini"]}).match is True


def _names_match(a: str, b: str) -> bool:
    return score_pair(person_from_dict({"names": [a]}), person_from_dict({"names": [b]})).match


def test_chinese_full_name_matches_pinyin_in_both_orders() -> None:
    # Surname first and given name first; joined, spaced and hyphenated given names;
    # Wade-Giles (I-chun, Shu-chen, Tzu), Cantonese, Macau, Hokkien (POJ) and Foochow surnames.
    pairs = [
        ("王伟", "Wang Wei"),
        ("陈怡君", "Chen Yijun"),
        ("陳怡君", "Chen I-chun"),
        ("陳淑貞", "Chen Shu-chen"),
        ("张子豪", "Chang Tzu-hao"),
        ("杨建宏", "Ieong Chien-hung"),
        ("蔡丽华", "Chhoa Li-hua"),
        ("陈丽华", "Ting Li-hua"),
        ("张志豪", "Teoh Chih-hao"),
        ("黄金龙", "Ung Chin-lung"),
        ("王淑华", "Vong Shu-hua"),
    ]
    for native, latin in pairs:
        surname, given = latin.split(" ", 1)
        assert _names_match(native, latin), latin
        assert _names_match(native, f"{given} {surname}"), latin
        assert _names_match(native, f"{given.replace('-', '')} {surname}"), latin
        if surname.lower() not in given.lower():
            assert _names_match(native, f"{given.replace('-', ' ')} {surname}"), latin


def test_chinese_surname_spellings_stay_distinct() -> None:
    # Le is the Vietnamese reading of 黎, not of 李; Wang is 王, not 黄.
    assert not _names_match("李志明", "Le Chih-ming")
    assert not _names_match("黄金龙", "Wang Chin-lung")


def test_chinese_names_in_characters_differ_when_their_characters_differ() -> None:
    # 黃 and 王 are both "Wong" in Cantonese, 赵 and 周 both "Chow": the romanisations meet,
    # the characters do not. Traditional and simplified writing of one name is one name.
    assert not _names_match("黃麗華", "王麗華")
    assert not _names_match("赵浩然", "周浩然")
    assert _names_match("楊家豪", "杨家豪")
    assert _names_match("黃志明", "黄志明")
    assert _names_match("櫻井翔", "桜井翔")
    assert _names_match("佐々木陽葵", "佐佐木陽葵")
    assert _names_match("佐々木陽葵", "Sasaki Hinata")


def test_korean_names_in_hangul_compare_syllables_and_northern_surnames() -> None:
    # 송 (Song) and 성 (Seong) are two surnames although "Sung" spells both; 리 and 이 are the
    # North and South Korean writing of Lee.
    assert not _names_match("송하준", "성하준")
    assert _names_match("리영호", "이영호")
    assert _names_match("량서윤", "양서윤")


def test_a_pair_score_pickles_with_its_evidence_written_out() -> None:
    # given a score whose evidence has not been read yet
    a = person_from_dict({"names": ["Aleksandr Ivanov"], "birth_date": "1970-05-17"})
    b = person_from_dict({"names": ["Александр Иванов"], "birth_date": "1970-05-17"})
    result = score_pair(a, b)
    assert callable(result.evidence)

    # when it crosses a process boundary
    copy = pickle.loads(pickle.dumps(result))  # noqa: S301 (bytes made on the line itself)

    # then the copy carries the same score and evidence
    assert (copy.score, copy.match) == (result.score, result.match)
    assert copy.explanation == result.explanation
    assert not callable(copy.evidence)
