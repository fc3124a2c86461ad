"""Median and 90th percentile from day counts.

Durations are kept as whole days in histograms (days -> number of cases) so that aggregates add
up across authorities, months and the cases a user sees through a grant: a percentile computed
from the sum of histograms is exact at the resolution of a day.
"""

from collections import Counter
from collections.abc import Iterable, Mapping


def histogram(values: Iterable[int]) -> Counter[int]:
    return Counter(values)


def percentile(hist: Mapping[int, int], p: float) -> int | None:
    """The smallest value v such that at least p % of the cases took v days or fewer
    (the "nearest rank" definition: always a value that occurred, no interpolation)."""
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    total = sum(n for n in hist.values() if n > 0)
    if total == 0:
        return None
    # Nearest rank: ceil(p/100 * N), computed in integers to avoid float rounding at the edges.
    rank = -(-int(p * 1000) * total // 100_000)
    rank = max(rank, 1)
    seen = 0
    for value in sorted(hist):
        seen += max(hist[value], 0)
        if seen >= rank:
            return value
    return max(hist)


def median(hist: Mapping[int, int]) -> int | None:
    return percentile(hist, 50)


def p90(hist: Mapping[int, int]) -> int | None:
    return percentile(hist, 90)
