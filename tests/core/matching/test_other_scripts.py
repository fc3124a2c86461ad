"""Scripts beyond the six UN languages, romanised and matched against their Latin forms
(issue 18): Greek, Hebrew, Armenian, Georgian, Devanagari, Bengali, Thai, and Latin with
Turkish and Vietnamese diacritics."""

import pytest

from rogatory.core.matching import MatchIndex, person_from_dict, score_pair
from rogatory.core.matching.analysis import analyse_name
from rogatory.core.matching.scripts import Script, detect_script

THRESHOLD = 0.8


def _score(a: str, b: str) -> float:
    return score_pair(person_from_dict({"names": [a]}), person_from_dict({"names": [b]})).score


def _first_forms(name: str) -> list[str]:
    return [t.forms[0] for t in analyse_name(name).tokens]


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Γιώργος", Script.GREEK),
        ("יוסף", Script.HEBREW),
        ("Արամ", Script.ARMENIAN),
        ("გიორგი", Script.GEORGIAN),
        ("सुरेश", Script.DEVANAGARI),
        ("অমিত", Script.BENGALI),
        ("สมชาย", Script.THAI),
        ("Şükrü", Script.LATIN),
        ("Nguyễn", Script.LATIN),
    ],
)
def test_each_script_is_detected(text: str, script: Script) -> None:
    assert detect_script(text) == script


def test_greek_is_read_by_elot_743_with_ou_and_digraphs() -> None:
    # given Γιώργος Παπαδόπουλος / when analysed / then ELOT 743 spellings, ου as ou
    assert _first_forms("Γιώργος Παπαδόπουλος") == ["giorgos", "papadopoulos"]
    # and initial μπ is b in the popular spelling (Bakoyannis)
    assert "bakoyannis" in analyse_name("Μπακογιάννης").tokens[0].forms


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos"),
        ("Γιώργος Παπαδόπουλος", "Yiorgos Papadopoulos"),
        ("Χρήστος Μπακογιάννης", "Christos Bakoyannis"),
        ("Δημήτρης Ευαγγέλου", "Dimitris Evangelou"),
    ],
)
def test_greek_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("יוסף כהן", "Yosef Cohen"),
        ("משה לוי", "Moshe Levi"),
        ("דוד בן גוריון", "David Ben Gurion"),
        ("שרה נתניהו", "Sara Netanyahu"),
        ("אברהם כהן", "Avraham Cohen"),
    ],
)
def test_hebrew_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("Արամ Պետրոսյան", "Aram Petrosyan"),
        ("Արամ Պետրոսյան", "Aram Petrosian"),
        ("Գևորգ Մարտիրոսյան", "Gevorg Martirosyan"),
    ],
)
def test_armenian_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


@pytest.mark.parametrize(
    ("native", "latin"),
    [("გიორგი ბერიძე", "Giorgi Beridze"), ("ნინო ხარაძე", "Nino Kharadze")],
)
def test_georgian_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


def test_devanagari_keeps_the_inherent_vowel_inside_a_word_and_reads_sh() -> None:
    # given शर्मा and सुरेश / when analysed / then Sharma and Suresh
    assert _first_forms("सुरेश शर्मा") == ["suresh", "sharma"]


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("राम कुमार शर्मा", "Ram Kumar Sharma"),
        ("सुरेश पटेल", "Suresh Patel"),
        ("अमित शाह", "Amit Shah"),
    ],
)
def test_devanagari_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


@pytest.mark.parametrize(
    ("native", "latin"),
    [("অমিত দাস", "Amit Das"), ("রহিম উদ্দিন", "Rahim Uddin"), ("কমল হাসান", "Kamal Hasan")],
)
def test_bengali_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


def test_thai_leading_vowels_are_read_after_their_consonant() -> None:
    # given ใจดี (Jaidee) / when analysed / then ใ is read after จ, and จ also as j
    assert analyse_name("ใจดี").tokens[0].forms == ("chaidi", "jaidi")


def test_thai_closed_syllable_of_two_bare_consonants_takes_the_inherent_o() -> None:
    # given สมชาย and สมพร / when analysed / then som-chai and som-phon (final ร read n)
    assert analyse_name("สมชาย").tokens[0].forms == ("somchai",)
    assert "somphon" in analyse_name("สมพร").tokens[0].forms


def test_thai_silent_letters_and_final_consonants_have_both_readings() -> None:
    # given ศรีสุข (Srisuk, Sisuk) and ชินวัตร (Chinnawat, Shinawatra) / when analysed
    # then the letters as written and as spoken are both forms
    assert analyse_name("ศรีสุข").tokens[0].forms == ("srisukh", "srisuk", "sisuk")
    assert analyse_name("ชินวัตร").tokens[0].forms == ("chinwat", "chinwatra")


def test_thai_cho_is_never_read_as_k() -> None:
    # given สมชาย / when analysed / then no skeleton reads ช as k (Somchai is not Somyak)
    assert analyse_name("สมชาย").tokens[0].skeletons == ("smX",)


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("สมชาย ใจดี", "Somchai Jaidee"),
        ("ทักษิณ ชินวัตร", "Thaksin Shinawatra"),
        ("สมชาย ชินวัตร", "Somchai Shinawatra"),  # the final ร of the letters
        ("สมศักดิ์ ศรีสุข", "Somsak Sisuk"),  # the silent ร of ศร
        ("สมชาย ศรีสุข", "Somchai Srisuk"),
        ("สมพร ใจดี", "Somphon Jaidee"),
    ],
)
def test_thai_names_match_their_latin_forms(native: str, latin: str) -> None:
    assert _score(native, latin) >= THRESHOLD


@pytest.mark.parametrize(
    ("native", "latin"),
    [("สมชาย ใจดี", "Somsak Chaidi"), ("สมศักดิ์ ใจดี", "Somchai Jaidee")],
)
def test_thai_given_names_one_consonant_apart_do_not_match(native: str, latin: str) -> None:
    # given Somchai and Somsak (skeletons smX / smsk) with one family name
    # when scored / then the written vowels tell them apart: no match
    assert _score(native, latin) < THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Şükrü Öztürk", "Sukru Ozturk"),
        ("Şükrü Öztürk", "Shukru Ozturk"),
        ("Çağlar Yılmaz", "Caglar Yilmaz"),
        ("Nguyễn Văn Hùng", "Nguyen Van Hung"),
        ("Trần Thị Mai", "Tran Thi Mai"),
    ],
)
def test_latin_with_diacritics_matches_the_plain_spelling(a: str, b: str) -> None:
    assert _score(a, b) >= THRESHOLD


def test_a_different_hebrew_name_does_not_match() -> None:
    # given Moshe Levi in Hebrew against another man / then no match
    assert _score("משה לוי", "Yosef Cohen") < THRESHOLD


def test_other_scripts_are_retrieved_from_an_index() -> None:
    # given a register with Latin records
    index = MatchIndex.build(
        [
            ("gr", person_from_dict({"names": ["Giorgos Papadopoulos"]})),
            ("he", person_from_dict({"names": ["Moshe Levi"]})),
            ("hi", person_from_dict({"names": ["Suresh Sharma"]})),
            ("th", person_from_dict({"names": ["Somchai Jaidee"]})),
        ]
    )
    # when each is screened in its own script / then it is found first
    queries = {
        "gr": "Γιώργος Παπαδόπουλος",
        "he": "משה לוי",
        "hi": "सुरेश शर्मा",
        "th": "สมชาย ใจดี",
    }
    for pid, name in queries.items():
        assert index.search(person_from_dict({"names": [name]}))[0][0] == pid
