"""The Arabic given-name table: spellings, theophoric compounds and ambiguous spellings."""

from rogatory.core.matching.analysis import analyse_name
from rogatory.core.matching.names import compare_names
from rogatory.core.matching.tables.arabic import GIVEN_NAMES


def test_table_lists_several_hundred_names() -> None:
    # given / when
    groups = len(GIVEN_NAMES)

    # then
    assert groups >= 600


def test_spellings_of_one_name_share_its_group() -> None:
    # given
    spellings = ("Mohammed", "Muhammad", "Mohamad", "Mohamed", "محمد")

    # when
    groups = {analyse_name(s).tokens[0].group for s in spellings}

    # then
    assert groups == {"muhammad"}


def test_abd_al_compounds_are_one_name_however_written() -> None:
    # given
    spellings = ("Abdelrahman", "Abdul Rahman", "Abderrahmane", "Abd al-Rahman", "عبد الرحمن")

    # when
    groups = [[t.group for t in analyse_name(s).tokens] for s in spellings]

    # then
    assert groups == [["abd_al_rahman"]] * 5


def test_al_din_compounds_are_one_name_however_written() -> None:
    # given
    spellings = ("Nur al-Din", "Noureddine", "Nour Eddine", "Nuruddin", "نور الدين")

    # when
    groups = [[t.group for t in analyse_name(s).tokens] for s in spellings]

    # then
    assert groups == [["nur_al_din"]] * 5


def test_husayn_spellings_match_the_arabic_form() -> None:
    # given
    arabic = analyse_name("حسين")

    # when
    scores = [
        compare_names(arabic, analyse_name(s)).similarity
        for s in ("Hussein", "Husayn", "Hossein", "Houcine")
    ]

    # then: the table's first spelling is exact, the others meet through the name group
    assert scores == [0.95, 1.0, 0.95, 0.95]


def test_spelling_shared_by_two_names_names_no_group() -> None:
    # given: Kamel is written for both Kamal (كمال) and Kamil (كامل)
    token = analyse_name("Kamel").tokens[0]

    # when / then
    assert token.group is None
    assert compare_names(analyse_name("كامل"), analyse_name("Kamel")).similarity >= 0.9
