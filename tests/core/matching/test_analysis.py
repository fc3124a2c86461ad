"""Name analysis per script: tokens, titles, particles, structure and romanised keys."""

import pytest

from rogatory.core.matching.analysis import TokenKind, analyse_name
from rogatory.core.matching.names import token_similarity
from rogatory.core.matching.scripts import Script, detect_script
from rogatory.core.matching.translit import (
    cyrillic_forms,
    han_segment,
    latin_forms,
    latin_skeleton,
    wade_giles,
)


def test_script_is_detected_per_name() -> None:
    assert [detect_script(t) for t in ("Putin", "Путин", "بوتين", "普京", "푸틴")] == [
        Script.LATIN,
        Script.CYRILLIC,
        Script.ARABIC,
        Script.HAN,
        Script.HANGUL,
    ]


def test_titles_are_dropped_and_particles_tagged() -> None:
    # given
    name = analyse_name("Sheikh Isa bin Tarif al-Ali")

    # when
    kinds = [(t.text, t.kind) for t in name.tokens]

    # then
    assert kinds == [
        ("isa", TokenKind.NAME),
        ("bin", TokenKind.PARTICLE),
        ("tarif", TokenKind.NAME),
        ("al", TokenKind.PARTICLE),
        ("ali", TokenKind.NAME),
    ]


def test_family_name_before_comma_is_read_in_natural_order() -> None:
    assert [t.text for t in analyse_name("PUTIN, Vladimir").tokens] == ["vladimir", "putin"]


def test_cyrillic_token_gets_one_form_per_romanisation_scheme() -> None:
    # given / when
    forms = cyrillic_forms("щукин")

    # then: ICAO first, then BGN/PCGN, GOST, ISO 9 (ASCII), Ukrainian, German, French
    assert forms[0] == "shchukin"
    assert {"shhukin", "sukin", "shchukyn", "schtschukin", "chtchoukine"} - set(forms) == {
        "chtchoukine"
    }
    assert "chtchoukin" in forms


def test_bgn_pcgn_writes_ye_only_at_the_start_and_after_a_vowel() -> None:
    # given / when
    forms = cyrillic_forms("елена")

    # then: "Yelena" (initial е), never "Yelyena"
    assert "yelena" in forms
    assert "yelyena" not in forms


def test_russian_e_may_stand_for_an_unwritten_yo() -> None:
    # given: Семенов and Соловьев as Russian print writes Семёнов and Соловьёв
    # when
    semenov, solovev = cyrillic_forms("семенов"), cyrillic_forms("соловьев")

    # then: the ё reading is among the forms, beside the letter as written
    assert {"semenov", "semyonov"} <= set(semenov)
    assert {"solovev", "solovyev", "solovyov"} <= set(solovev)


def test_final_i_after_a_vowel_reads_like_short_i() -> None:
    # given: Алексеи typed without the breve of й; the Ukrainian reading of и gives "y"
    assert "aleksey" in cyrillic_forms("алексеи")


def test_inner_x_of_a_latin_name_is_also_written_ks() -> None:
    assert latin_forms("Alexey") == ("alexey", "aleksey")
    assert latin_forms("Xavier") == ("xavier",)


def test_ukrainian_letters_use_ukrainian_readings() -> None:
    name = analyse_name("Олександр Зінченко")

    assert name.tokens[1].forms[0] == "zinchenko"
    assert "oleksandr" in name.tokens[0].forms


def test_russian_patronymic_is_tagged() -> None:
    name = analyse_name("Владимир Владимирович Путин")

    assert [t.kind for t in name.tokens] == [
        TokenKind.NAME,
        TokenKind.PATRONYMIC,
        TokenKind.NAME,
    ]


def test_arabic_token_gets_consonant_skeleton_and_name_group() -> None:
    # given
    name = analyse_name("محمد عبد الرحمن الهاشمي")

    # when
    tokens = name.tokens

    # then: "عبد" joins the next word, the article is stripped from the family name
    assert [t.group for t in tokens] == ["muhammad", "abd_al_rahman", None]
    assert tokens[0].skeletons[0] == "mhmd"
    assert tokens[2].skeletons[0] == latin_skeleton("hashimi")


def test_latin_spellings_of_a_frequent_arabic_name_share_skeleton_and_group() -> None:
    tokens = [analyse_name(n).tokens[0] for n in ("Mohammed", "Muhammad", "Mohamad")]

    assert {t.group for t in tokens} == {"muhammad"}
    assert {t.skeletons[0] for t in tokens} == {"mhmd"}


def test_chinese_name_is_split_into_surname_and_joined_given_name() -> None:
    # given
    name = analyse_name("欧阳小明")

    # when
    surname, given = name.tokens

    # then
    assert (surname.kind, given.kind) == (TokenKind.SURNAME, TokenKind.GIVEN)
    assert surname.forms[0] == "ouyang"
    assert given.forms == ("xiaoming", "hsiaoming")
    assert name.order_free is True


def test_chinese_surname_carries_wade_giles_and_cantonese_variants() -> None:
    surname = analyse_name("張偉").tokens[0]

    assert surname.forms[0] == "zhang"
    assert {"chang", "cheung"} <= set(surname.forms)


def test_double_surname_is_recognised() -> None:
    assert han_segment("司马光") == ("司马", "光")
    assert han_segment("王伟") == ("王", "伟")


def test_wade_giles_of_common_syllables() -> None:
    assert [wade_giles(s) for s in ("zhi", "xiong", "jie", "ke", "zi", "yi", "si", "xue")] == [
        "chih",
        "hsiung",
        "chieh",
        "ko",
        "tzu",
        "i",
        "ssu",
        "hsueh",
    ]


def test_hyphenated_given_name_keeps_its_syllables() -> None:
    # "Chen Shu-chen": the repeated syllable is not a duplicate; "I-chun": "I" is a syllable.
    assert [t.text for t in analyse_name("Chen Shu-chen").tokens] == ["chen", "shu", "chen"]
    assert [t.kind for t in analyse_name("Chen I-chun").tokens] == [TokenKind.NAME] * 3
    assert [t.text for t in analyse_name("Putin Putin").tokens] == ["putin"]
    assert analyse_name("J. Smith").tokens[0].kind == TokenKind.INITIAL


def test_digits_inside_words_are_read_as_letters() -> None:
    assert [t.text for t in analyse_name("Ig0r Sech1n").tokens] == ["igor", "sechin"]


def test_english_short_form_shares_a_group_with_the_full_name() -> None:
    tom, thomas = (analyse_name(n).tokens[0] for n in ("Tom", "Thomas"))

    assert "thomas" in tom.nicknames & thomas.nicknames


def test_a_skeleton_shared_only_after_merging_a_consonant_counts_the_lost_consonant() -> None:
    # given two Latin surnames whose keys meet only once "r-i-r" is merged into one r, and two
    # spellings whose full skeletons agree on every consonant
    moraaz, morirez = (analyse_name(n).tokens[0] for n in ("Moraaz", "Morirez"))
    kasiim, kasim = (analyse_name(n).tokens[0] for n in ("Kasiimov", "Kassimof"))

    # when
    merged = token_similarity(moraaz, morirez)
    full = token_similarity(kasiim, kasim)

    # then the merged key agrees on three consonants of four: 0.81 less one consonant
    assert merged[1] == full[1] == "consonant skeleton"
    assert merged[0] == pytest.approx(0.74)
    assert full[0] == pytest.approx(0.88)


def test_a_final_h_dropped_from_the_skeleton_costs_nothing() -> None:
    # given a tā' marbūṭa spelled with and without its final h (no name group to match them)
    saleemah, salima = (analyse_name(n).tokens[0] for n in ("Saleemah", "Salima"))

    # when
    similarity, reason = token_similarity(saleemah, salima)

    # then the key without the h is a spelling of the same name: three consonants, 0.81
    assert reason == "consonant skeleton"
    assert similarity == pytest.approx(0.81)
