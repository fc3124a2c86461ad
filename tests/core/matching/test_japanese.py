"""Japanese names: kana in Hepburn with long-vowel variants, kanji names through readings."""

from rogatory.core.matching.analysis import TokenKind, analyse_name
from rogatory.core.matching.names import compare_names, token_similarity
from rogatory.core.matching.translit import japanese_forms, kana_to_wapuro


def test_kana_is_romanised_with_the_long_vowel_variants() -> None:
    # given
    kana = ("さとう", "オオノ", "ゆうこ", "いのうえ", "ほんま")

    # when
    forms = [japanese_forms(kana_to_wapuro(k)) for k in kana]

    # then
    assert forms == [
        ("sato", "satou", "satoh", "satoo"),
        ("ono", "oono", "ohno"),
        ("yuko", "yuuko"),
        ("inoue",),
        ("honma", "homma"),
    ]


def test_kanji_name_opening_with_a_japanese_surname_gets_japanese_readings() -> None:
    # given
    name = analyse_name("佐藤健")

    # when
    parts = [(t.text, t.kind, t.forms) for t in name.tokens]

    # then
    assert parts == [
        ("佐藤", TokenKind.SURNAME, ("sato", "satou", "satoh", "satoo", "zuoteng", "tsuoteng")),
        ("健", TokenKind.GIVEN, ("ken", "takeshi", "jian", "chien")),
    ]


def test_kanji_name_matches_its_hepburn_spellings_in_either_order() -> None:
    # given
    kanji = analyse_name("佐藤健")

    # when
    scores = [
        compare_names(kanji, analyse_name(latin)).similarity
        for latin in ("Sato Ken", "Satou Ken", "SATOH Ken", "Ken Sato")
    ]

    # then
    assert scores == [1.0, 1.0, 1.0, 1.0]


def test_kanji_surname_does_not_match_another_japanese_surname() -> None:
    # given
    sato, saito = analyse_name("佐藤健").tokens[0], analyse_name("Saito Ken").tokens[0]

    # when
    similarity, _why = token_similarity(sato, saito)

    # then
    assert similarity < 0.7


def test_surname_in_kanji_and_given_name_in_kana() -> None:
    # given
    name = analyse_name("佐藤さくら")

    # when
    similarity = compare_names(name, analyse_name("Sakura Sato")).similarity

    # then
    assert [t.text for t in name.tokens] == ["佐藤", "さくら"]
    assert similarity == 1.0


def test_chinese_name_keeps_its_chinese_segmentation() -> None:
    # given: 田中 is a Japanese surname, but 田 + 中华 is the Chinese reading
    name = analyse_name("田中华")

    # when
    parts = [(t.text, t.forms[0]) for t in name.tokens]

    # then
    assert parts == [("田", "tian"), ("中华", "zhonghua")]


def test_chinese_surname_that_is_also_japanese_keeps_pinyin_first() -> None:
    # given
    name = analyse_name("林杰")

    # when
    surname = name.tokens[0].forms

    # then
    assert surname[0] == "lin"
    assert surname[-1] == "hayashi"
