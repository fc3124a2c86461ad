"""The trained pair model: features, sign constraints, calibration and the explanation."""

import json
import math
from importlib import resources
from itertools import pairwise
from typing import Any

from rogatory.core.matching import MatchIndex, PairScore, person_from_dict
from rogatory.core.matching.analysis import Token, analyse_person
from rogatory.core.matching.features import (
    DEFAULT_SHARE,
    FEATURES,
    pair_features,
    smoothed_share,
)
from rogatory.core.matching.scoring import MODEL, PairModel, score_analysed


def analysed(data: dict[str, Any]) -> Any:
    return analyse_person(person_from_dict(data))


def log_odds(p: float) -> float:
    return math.log(p / (1 - p))


def coefficient(feature: str) -> float:
    return MODEL.coefficients[FEATURES.index(feature)]


def test_the_model_file_has_one_coefficient_per_feature() -> None:
    # given the model shipped with the package
    text = resources.files("rogatory.core.matching.model").joinpath("pair_model.json").read_text()

    # when
    data = json.loads(text)

    # then
    assert data["features"] == list(FEATURES)
    assert len(data["coefficients"]) == len(FEATURES)


def test_evidence_for_a_match_never_counts_against_it() -> None:
    # Sign constraints of the training: agreement raises the score, conflict lowers it.
    raising = [f for f in FEATURES if f.startswith("name_ramp_")] + [
        "birth_date_exact",
        "birth_date_year_month",
        "nationality_shared",
        "document_exact",
        "name_rarity",
    ]
    lowering = [
        "birth_date_conflict",
        "birth_date_day_conflict",
        "nationality_conflict",
        "gender_conflict",
        "name_namesakes",
    ]

    assert [f for f in raising if coefficient(f) < 0] == []
    assert [f for f in lowering if coefficient(f) > 0] == []


def test_calibration_ranks_pairs_exactly_as_the_log_odds_do() -> None:
    # given log-odds across and beyond the calibration breakpoints
    logits = [x / 4 for x in range(-80, 81)]

    # when
    scores = [MODEL.calibrate(x) for x in logits]

    # then the calibrated score is a probability and strictly increasing
    assert all(0.0 < s < 1.0 for s in scores)
    assert all(b > a for a, b in pairwise(scores))


def test_explanation_weights_add_up_to_the_log_odds_of_the_score() -> None:
    # given
    a = analysed({"names": ["Jana Novakova"], "birth_date": "1980-02-03", "nationalities": ["CZ"]})
    b = analysed({"names": ["Jana Novakova"], "birth_date": "1980", "nationalities": ["CZ"]})

    # when
    result = score_analysed(a, b)

    # then
    total = sum(e.weight for e in result.explanation)
    assert math.isclose(total, log_odds(result.score), abs_tol=1e-6)
    assert [e.feature for e in result.explanation][-2:] == ["prior", "calibration"]


def test_explanation_weights_add_up_for_a_candidate_of_a_register_past_the_training_size() -> None:
    # given a pair scored as a candidate of 1,000,000 persons, where the prior has its excess
    a = analysed({"names": ["Jana Novakova"], "birth_date": "1980-02-03", "nationalities": ["CZ"]})
    b = analysed({"names": ["Jana Novakova"], "birth_date": "1980", "nationalities": ["CZ"]})

    # when
    result = score_analysed(a, b, register_size=1_000_000)

    # then
    total = sum(e.weight for e in result.explanation)
    assert math.isclose(total, log_odds(result.score), abs_tol=1e-6)


def test_closer_names_never_score_lower() -> None:
    # given one query against candidates ever further from it
    query = {"names": ["Margarethe Oberhuber"]}
    candidates = [
        "Margarethe Oberhuber",
        "Margarete Oberhuber",
        "Margarete Oberhube",
        "Marga Huber",
    ]

    # when
    scores = [score_analysed(analysed(query), analysed({"names": [c]})).score for c in candidates]

    # then
    assert scores == sorted(scores, reverse=True)


def test_a_rare_shared_surname_scores_higher_than_a_common_one() -> None:
    # given the same pair, once with a register in which the surname is rare, once common
    a = analysed({"names": ["Piotr Zawadzki"]})
    b = analysed({"names": ["Piotr Zawadzki"]})

    def rare(_token: Token) -> float:
        return smoothed_share(1, 1_000_000)

    def common(_token: Token) -> float:
        return smoothed_share(30_000, 1_000_000)

    # when
    with_rare = score_analysed(a, b, token_frequency=rare)
    with_common = score_analysed(a, b, token_frequency=common)

    # then
    assert with_rare.score > with_common.score
    assert "rare name parts" in detail(with_rare, "name_frequency")
    assert "common name parts" in detail(with_common, "name_frequency")


def detail(result: PairScore, feature: str) -> str:
    return next(e.detail for e in result.explanation if e.feature == feature)


def test_without_an_index_name_frequency_is_neutral() -> None:
    # given
    a = analysed({"names": ["Piotr Zawadzki"]})

    # when
    values = pair_features(a, a).values

    # then
    assert values[FEATURES.index("name_rarity")] == 0.0
    assert values[FEATURES.index("name_namesakes")] == 0.0


def test_a_small_register_cannot_call_a_name_rare_or_common() -> None:
    # given a register of three persons, one of them with the name part
    share = smoothed_share(1, 3)

    # then the share stays within a factor of two of the default assumption
    assert DEFAULT_SHARE < share < 2 * DEFAULT_SHARE


def test_a_missing_birth_date_adds_no_birth_date_evidence() -> None:
    # given
    a = analysed({"names": ["Jana Novakova"], "birth_date": "1980-02-03"})
    b = analysed({"names": ["Jana Novakova"]})

    # when
    result = score_analysed(a, b)

    # then
    assert "birth_date" not in [e.feature for e in result.explanation]


def test_the_index_tells_the_scorer_how_common_a_name_part_is() -> None:
    # given a register where many persons are called Nowak and one is called Zawadzki
    persons = [(f"n{i}", person_from_dict({"names": [f"Anna{i:04d}x Nowak"]})) for i in range(3000)]
    persons.append(("z", person_from_dict({"names": ["Ewa Zawadzki"]})))
    index = MatchIndex.build(persons)

    # when
    nowak = index.token_frequency(analyse_person(persons[0][1]).names[0].tokens[-1])
    zawadzki = index.token_frequency(analyse_person(persons[-1][1]).names[0].tokens[-1])

    # then
    assert nowak > DEFAULT_SHARE > zawadzki


def test_same_document_and_birth_date_floor_the_score_whatever_the_model_says() -> None:
    # given a model that weighs nothing but a low prior
    silent = PairModel(
        (0.0,) * len(FEATURES), -6.0, MODEL.calibration_logits, MODEL.calibration_scores, 0.5
    )
    doc = [{"type": "passport", "number": "A1234567", "country": "IQ"}]
    a = analysed({"names": ["Abu Ahmad"], "birth_date": "1975-03-02", "documents": doc})
    b = analysed({"names": ["Khalid Jassim"], "birth_date": "1975", "documents": doc})

    # when
    result = score_analysed(a, b, model=silent)

    # then
    assert result.score == 0.99
    assert [e.detail for e in result.explanation if e.feature == "rule"] == [
        "same document and birth date agree"
    ]
    assert math.isclose(sum(e.weight for e in result.explanation), log_odds(0.99), abs_tol=1e-6)


def test_a_retrieved_candidate_starts_from_lower_odds_in_a_larger_register() -> None:
    # given the same pair scored as a compared pair and as candidates of two registers
    a = analysed({"names": ["Jana Novakova"]})

    # when
    pair = score_analysed(a, a).score
    small = score_analysed(a, a, register_size=3).score
    large = score_analysed(a, a, register_size=1_000_000).score

    # then
    assert pair > small > large


def test_past_the_training_register_size_the_prior_falls_one_nat_per_unit_of_ln_n() -> None:
    # given the same pair scored as a candidate of registers up to and past the training size
    a = analysed({"names": ["Jana Novakova"]})
    learned = MODEL.intercept + coefficient("retrieved_candidate")

    # when
    priors = {
        size: next(
            e.weight
            for e in score_analysed(a, a, register_size=size).explanation
            if e.feature == "prior"
        )
        for size in (10_000, 20_000, 50_000, 1_000_000)
    }

    # then the learned shift holds at the training size, and past it the odds fall as 1/N
    assert math.isclose(priors[20_000], learned)
    assert priors[10_000] > learned
    for size in (50_000, 1_000_000):
        assert math.isclose(priors[size], learned - math.log(size / 20_000), abs_tol=1e-4)
    assert math.isclose(priors[50_000] - priors[1_000_000], math.log(20), abs_tol=1e-4)


def test_the_explanation_says_how_much_of_the_prior_is_owed_to_a_large_register() -> None:
    # given the same pair as a candidate of a register within and past the training size
    a = analysed({"names": ["Jana Novakova"]})

    # when
    within = detail(score_analysed(a, a, register_size=20_000), "prior")
    past = detail(score_analysed(a, a, register_size=50_000), "prior")

    # then only past it does the prior name the share owed to the register's size
    assert within == "base log-odds of a candidate retrieved from 20000 persons"
    assert past == (
        "base log-odds of a candidate retrieved from 50000 persons, -0.92 of it for a register "
        "larger than the model's training registers (20000): chance look-alikes grow in number "
        "with the register"
    )
