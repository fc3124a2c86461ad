"""Name pools from the development name lists, and generated persons, queries and typos."""

from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyascii import anyascii
from pypinyin import lazy_pinyin

from matching_bench.common import strip_marks
from rogatory.core.matching.scripts import detect_script


@dataclass(frozen=True)
class PoolName:
    native: str
    latin: tuple[str, ...]
    gender: str | None


@dataclass
class Pools:
    given: dict[str, list[PoolName]]
    family: dict[str, list[PoolName]]
    script: dict[str, str]


ARABIC_COUNTRIES = (
    "AE",
    "SA",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MA",
    "DZ",
    "TN",
    "SY",
    "QA",
    "OM",
    "YE",
)
CYRILLIC_COUNTRIES = ("RU", "UA", "BY", "BG", "KZ", "RS", "MK")
CHINESE_COUNTRIES = ("CN", "TW", "HK")


def screening_countries(pools: Pools) -> list[str]:
    """Countries a generated person can come from: those with a surname list, and the Arabic
    ones (whose persons carry a father's name instead)."""
    return [c for c in pools.given if pools.family.get(c) or pools.script.get(c) == "arabic"]


def load_pools(data: Path) -> Pools:
    given: dict[str, dict[str, PoolName]] = defaultdict(dict)
    family: dict[str, dict[str, PoolName]] = defaultdict(dict)
    with (data / "common-forenames-by-country.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            native = strip_marks(row["Localized Name"].strip())
            latin = strip_marks(row["Romanized Name"].strip())
            if not native or not latin:
                continue
            gender = {"M": "m", "F": "f"}.get(row["Gender"])
            key = native
            old = given[row["Country"]].get(key)
            spellings = (*old.latin, latin) if old else (latin,)
            given[row["Country"]][key] = PoolName(native, tuple(dict.fromkeys(spellings)), gender)
    with (data / "common-surnames-by-country.csv").open(encoding="utf-8-sig") as handle:
        last_native: dict[str, str] = {}
        for row in csv.DictReader(handle):
            country = row["Country"]
            group = f"{country}:{row['Name Group']}"
            native = strip_marks(row["Localized Name"].strip())
            # Han rows without a native form are further romanisations of the row above; in
            # Slavic lists they are the other gender's form (Petrov / Petrova): not the same.
            if not native and country in CHINESE_COUNTRIES:
                native = last_native.get(group, "")
            latin = strip_marks(row["Romanized Name"].strip())
            if not native or not latin:
                continue
            last_native[group] = native
            key = f"{group}:{native}"
            old = family[country].get(key)
            spellings = (*old.latin, latin) if old else (latin,)
            family[country][key] = PoolName(native, tuple(dict.fromkeys(spellings)), None)
    pools = Pools({}, {}, {})
    for country in sorted(set(given) | set(family)):
        entries = list(given.get(country, {}).values()) + list(family.get(country, {}).values())
        scripts = Counter(detect_script(e.native).value for e in entries)
        non_latin = [sc for sc, _n in scripts.most_common() if sc != "latin"]
        script = non_latin[0] if non_latin else "latin"
        pools.script[country] = script
        if script == "han" and country not in CHINESE_COUNTRIES:
            # Japanese kanji names need a reading dictionary; reported apart from Chinese.
            pools.script[country] = "han-jp" if country == "JP" else "han-other"

        def keep(entry: PoolName, script: str = script) -> bool:
            return detect_script(entry.native).value == script

        pools.given[country] = [e for e in given.get(country, {}).values() if keep(e)]
        pools.family[country] = [e for e in family.get(country, {}).values() if keep(e)]
    return pools


@dataclass
class Synthetic:
    native: str
    latin: str
    script: str
    country: str
    gender: str | None
    tokens: tuple[str, ...]


# Share of name parts drawn from the ~20 common names per country in a "diverse" population;
# the rest are rarer names (see tail_name). Assumed from published name statistics: the 20
# most common surnames cover roughly 5-15 % of people in European and American countries,
# about half in China, most in Korea and Vietnam; the 20 most common given names about a
# quarter of a birth cohort (less for Chinese given names, which are free character pairs;
# more for Arabic given names).
COMMON_SHARE_FAMILY = {"han": 0.55, "hangul": 0.8, "default": 0.15}
COMMON_SHARE_GIVEN = {"han": 0.15, "arabic": 0.5, "default": 0.3}


def _halves(text: str) -> tuple[str, str]:
    cut = max(1, len(text) // 2)
    return text[:cut], text[cut:]


def tail_name(entries: list[PoolName], script: str, rng: random.Random) -> PoolName:
    """A rarer name of the same country: the first half of one common name joined to the
    second half of another (Chinese given names: one character of each), a stand-in for the
    long tail of a real register. Non-Latin tail names are romanised with anyascii."""
    a, b = rng.sample(entries, 2)
    if script.startswith("han") and len(a.native) == 2 and len(b.native) == 2:
        native = a.native[0] + b.native[1]
        la, lb = rng.choice(a.latin), rng.choice(b.latin)
        if "-" in la and "-" in lb:
            latin = la.split("-", 1)[0] + "-" + lb.split("-", 1)[1].lower()
        else:
            latin = "".join(lazy_pinyin(native)).title()
        return PoolName(native, (latin,), a.gender)
    if " " in a.native or " " in b.native or min(len(a.native), len(b.native)) < 3:
        return a
    native = _halves(a.native)[0] + _halves(b.native)[1]
    if script == "latin":
        la, lb = rng.choice(a.latin), rng.choice(b.latin)
        latin = _halves(la)[0] + _halves(lb)[1]
    else:
        latin = anyascii(native).title()
    return PoolName(native, (latin,), a.gender)


def _draw(
    entries: list[PoolName], script: str, share: dict[str, float], rng: random.Random, diverse: bool
) -> PoolName:
    if not diverse or len(entries) < 2:
        return rng.choice(entries)
    common = share.get(script[:3] if script.startswith("han") else script, share["default"])
    return rng.choice(entries) if rng.random() < common else tail_name(entries, script, rng)


def make_synthetic(
    pools: Pools,
    country: str,
    rng: random.Random,
    *,
    middle: bool = False,
    diverse: bool = False,
) -> Synthetic | None:
    givens = pools.given.get(country) or []
    families = pools.family.get(country) or []
    if not givens:
        return None
    script = pools.script.get(country, "latin")
    first = _draw(givens, script, COMMON_SHARE_GIVEN, rng, diverse)
    if script == "arabic" or not families:
        # Arabic naming: given name + father's name (nasab without "bin"), a common record form.
        second = _draw(givens, script, COMMON_SHARE_GIVEN, rng, diverse)
        while second.native == first.native and len(givens) > 1:
            second = rng.choice(givens)
    else:
        second = _draw(families, script, COMMON_SHARE_FAMILY, rng, diverse)
    if middle and not script.startswith("han") and len(givens) > 2:
        # A second given name (or, in Arabic nasab, the grandfather's name).
        extra = rng.choice(givens)
        if script == "arabic":
            second = PoolName(
                f"{second.native} {extra.native}",
                (f"{rng.choice(second.latin)} {rng.choice(extra.latin)}",),
                None,
            )
        else:
            first = PoolName(
                f"{first.native} {extra.native}",
                (f"{rng.choice(first.latin)} {rng.choice(extra.latin)}",),
                first.gender,
            )
    if script.startswith("han"):
        native = second.native + first.native
        latin = f"{rng.choice(second.latin)} {rng.choice(first.latin)}"
        tokens = (second.native, first.native)
    else:
        native = f"{first.native} {second.native}"
        latin = f"{rng.choice(first.latin)} {rng.choice(second.latin)}"
        tokens = (first.native, second.native)
    return Synthetic(native, latin, script, country, first.gender, tokens)


def random_person(
    pools: Pools, countries: list[str], rng: random.Random, *, diverse: bool = False
) -> tuple[dict[str, Any], Synthetic]:
    while True:
        synthetic = make_synthetic(
            pools, rng.choice(countries), rng, middle=rng.random() < 0.5, diverse=diverse
        )
        if synthetic is not None:
            break
    names = [synthetic.latin]
    if synthetic.script != "latin":
        names.append(synthetic.native)
    if rng.random() < 0.3:
        names.append(typo(synthetic.latin, rng))
    year = rng.randint(1940, 2005)
    precision = rng.random()
    if precision < 0.6:
        dob = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif precision < 0.8:
        dob = f"{year}"
    else:
        dob = None
    data: dict[str, Any] = {"names": names, "nationalities": [synthetic.country]}
    if dob:
        data["birth_date"] = dob
    if synthetic.gender:
        data["gender"] = synthetic.gender
    if rng.random() < 0.5:
        number = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9))
        data["documents"] = [{"type": "passport", "number": number, "country": synthetic.country}]
    return data, synthetic


def typo(text: str, rng: random.Random) -> str:
    letters = list(text)
    positions = [i for i, c in enumerate(letters) if c.isalpha()]
    if len(positions) < 4:
        return text
    i = rng.choice(positions[1:])
    operation = rng.random()
    if operation < 0.4:
        letters[i] = rng.choice("aeiouy")
    elif operation < 0.7:
        del letters[i]
    else:
        letters.insert(i, letters[i])
    return "".join(letters)


def query_for(stored: dict[str, Any], synthetic: Synthetic, rng: random.Random) -> dict[str, Any]:
    """A screening request for a stored person: another script or a typo, with the DOB."""
    if synthetic.script != "latin" and rng.random() < 0.5:
        name = synthetic.native
    else:
        name = typo(synthetic.latin, rng)
    query: dict[str, Any] = {"names": [name], "nationalities": stored["nationalities"]}
    # M9 screens "names + birth date + nationality": the request carries the birth date as
    # recorded (when the stored record has one at all; 20 % of generated persons do not).
    if "birth_date" in stored:
        query["birth_date"] = stored["birth_date"]
    return query
