"""M1/M2/M5: generated cross-script pairs and hard negatives.

M5 is measured as the goal states it: the Chinese full name against its Hanyu Pinyin (surname,
then the given name written as one word; with and without tone marks), in both name orders. The
recall against the name lists' other romanisations (Wade-Giles, Cantonese, Taiwanese passport
spellings) is reported beside it.
"""

from __future__ import annotations

import random
from typing import Any

from pypinyin import Style, lazy_pinyin

from matching_bench.common import log, names_only
from matching_bench.pools import (
    ARABIC_COUNTRIES,
    CHINESE_COUNTRIES,
    CYRILLIC_COUNTRIES,
    Pools,
    make_synthetic,
)
from rogatory.core.matching import score_pair


def bench_crossscript(
    pools: Pools, threshold: float, rng: random.Random, per_script: int
) -> dict[str, Any]:
    groups = {"arabic": ARABIC_COUNTRIES, "cyrillic": CYRILLIC_COUNTRIES, "han": CHINESE_COUNTRIES}
    result: dict[str, Any] = {}
    for script, countries in groups.items():
        usable = [c for c in countries if pools.script.get(c) == script and pools.given.get(c)]
        positives: list[float] = []
        swapped: list[float] = []
        pinyin: list[float] = []
        pinyin_swapped: list[float] = []
        negatives: list[float] = []
        examples: list[str] = []
        for _ in range(per_script):
            country = rng.choice(usable)
            person = make_synthetic(pools, country, rng)
            if person is None:
                continue
            native = names_only(person.native)
            pos = score_pair(native, names_only(person.latin)).score
            positives.append(pos)
            if pos < threshold and len(examples) < 5:
                examples.append(f"{person.native} ~ {person.latin}: {pos:.2f}")
            if script == "han":
                parts = person.latin.split(" ", 1)
                swapped.append(score_pair(native, names_only(f"{parts[1]} {parts[0]}")).score)
                family, given = hanyu_pinyin(person.tokens, toned=len(pinyin) % 2 == 0)
                pos = score_pair(native, names_only(f"{family} {given}")).score
                pinyin.append(pos)
                pinyin_swapped.append(score_pair(native, names_only(f"{given} {family}")).score)
                if pos < threshold and len(examples) < 8:
                    examples.append(f"{person.native} ~ {family} {given} (pinyin): {pos:.2f}")
            # Hard negative: same country, shares one name part, differs in the other.
            other = make_synthetic(pools, country, rng)
            if (
                other is None
                or other.tokens[1] == person.tokens[1]
                or other.tokens[0] == person.tokens[0]
            ):
                continue
            if rng.random() < 0.5:
                hard_native = (
                    person.native.replace(person.tokens[1], other.tokens[1])
                    if script != "han"
                    else other.tokens[0] + person.tokens[1]
                )
            else:
                hard_native = (
                    person.native.replace(person.tokens[0], other.tokens[0])
                    if script != "han"
                    else person.tokens[0] + other.tokens[1]
                )
            if hard_native == person.native:
                continue
            if script == "han" and lazy_pinyin(hard_native) == lazy_pinyin(person.native):
                # Homophones (黃/黄, 沐辰/沐宸) read the same in any Latin record: not a test.
                continue
            negatives.append(score_pair(names_only(hard_native), names_only(person.latin)).score)
        result[script] = {
            "positives": len(positives),
            "recall": recall(positives, threshold),
            "hard_negatives": len(negatives),
            "hard_negative_fpr": recall(negatives, threshold),
            "missed_examples": examples,
        }
        if swapped:
            result[script]["recall_swapped_order"] = recall(swapped, threshold)
            result[script]["m5_pinyin_recall"] = recall(pinyin, threshold)
            result[script]["m5_pinyin_recall_swapped_order"] = recall(pinyin_swapped, threshold)
            log(
                f"M5 pinyin recall {result[script]['m5_pinyin_recall']}, swapped order "
                f"{result[script]['m5_pinyin_recall_swapped_order']} ({len(pinyin)} names)"
            )
        log(
            f"cross-script {script}: recall {result[script]['recall']}, "
            f"hard-negative FPR {result[script]['hard_negative_fpr']}"
        )
    return result


def recall(scores: list[float], threshold: float) -> float:
    """Share of ``scores`` at or above ``threshold`` (a recall, or for negatives a FPR)."""
    return round(sum(s >= threshold for s in scores) / max(len(scores), 1), 4)


def hanyu_pinyin(tokens: tuple[str, ...], *, toned: bool) -> tuple[str, str]:
    """(family, given) in Hanyu Pinyin as a passport writes it: ``Wáng`` / ``Xiǎomíng``."""
    style = Style.TONE if toned else Style.NORMAL
    family = "".join(lazy_pinyin(tokens[0], style=style)).capitalize()
    given = "".join(lazy_pinyin(tokens[1], style=style)).capitalize()
    return family, given
