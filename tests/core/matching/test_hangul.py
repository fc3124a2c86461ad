"""Korean names in Hangul: romanised keys, surname variants and segmentation."""

from rogatory.core.matching.analysis import TokenKind, analyse_name
from rogatory.core.matching.names import compare_names
from rogatory.core.matching.translit import hangul_forms, same_hangul_surname


def test_hangul_syllables_get_revised_and_mccune_reischauer_spellings() -> None:
    # given
    given_name = "민준"

    # when
    forms = hangul_forms(given_name)

    # then
    assert forms[:3] == ("minjun", "minchun", "minjoon")


def test_one_word_korean_name_is_split_after_its_surname() -> None:
    # given
    name = analyse_name("김민준")

    # when
    parts = [(t.text, t.kind) for t in name.tokens]

    # then
    assert parts == [("김", TokenKind.SURNAME), ("민준", TokenKind.GIVEN)]
    assert name.tokens[0].forms[:2] == ("kim", "gim")
    assert name.order_free


def test_hangul_name_matches_its_latin_spellings_in_either_order() -> None:
    # given
    hangul = analyse_name("김민준")

    # when
    scores = [
        compare_names(hangul, analyse_name(latin)).similarity
        for latin in ("Kim Minjun", "Gim Min-jun", "Minjun Kim", "Kim Min Jun")
    ]

    # then
    assert scores == [1.0, 1.0, 1.0, 1.0]


def test_korean_surname_variants_come_from_the_surname_table() -> None:
    # given
    names = ("이서윤", "박서윤", "최서윤")

    # when
    surnames = [analyse_name(n).tokens[0].forms for n in names]

    # then
    assert {"lee", "yi", "rhee", "ri"} <= set(surnames[0])
    assert {"park", "pak", "bak"} <= set(surnames[1])
    assert {"choi", "choe"} <= set(surnames[2])


def test_double_surname_is_kept_whole() -> None:
    # given / when
    name = analyse_name("남궁민수")

    # then
    assert [t.text for t in name.tokens] == ["남궁", "민수"]
    assert "namgoong" in name.tokens[0].forms


def test_hyphenated_latin_given_name_keeps_a_particle_like_syllable() -> None:
    # given: "an" is an Arabic article elsewhere, a syllable here
    name = analyse_name("Ji-an Kim")

    # when
    parts = [(t.text, t.kind) for t in name.tokens]

    # then
    assert parts == [("ji", TokenKind.NAME), ("an", TokenKind.NAME), ("kim", TokenKind.NAME)]
    assert compare_names(analyse_name("지안 김"), name).similarity == 1.0


def test_one_changed_syllable_in_hangul_is_another_name() -> None:
    # given: 정 and 종 are both "chong" in McCune-Reischauer without breves
    a, b = analyse_name("김종은"), analyse_name("김정은")

    # when
    similarity = compare_names(a, b).similarity

    # then
    assert similarity < 0.7


def test_north_and_south_spellings_of_a_surname_are_one_surname_and_no_more() -> None:
    # given surnames the initial-sound rule relates, and look-alikes it does not
    related = [("리", "이"), ("량", "양"), ("류", "유"), ("로", "노"), ("라", "나"), ("녀", "여")]
    unrelated = [("로", "오"), ("노", "오"), ("라", "아"), ("로", "도"), ("리", "이다")]

    # when / then
    assert all(same_hangul_surname(a, b) and same_hangul_surname(b, a) for a, b in related)
    assert not any(same_hangul_surname(a, b) for a, b in unrelated)
