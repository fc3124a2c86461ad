"""Person analysis, transliteration, candidate index, scoring and clustering (no Django).

Public API (see docs/matching.md):

- records: ``Person``, ``person_from_dict``, ``PartialDate``, ``Document``
- scoring: ``score_pair(a, b) -> PairScore(score, match, explanation)``, ``DEFAULT_THRESHOLD``
- index: ``MatchIndex`` (``build``, ``add``, ``remove``, ``search``, ``save``, ``load``)
- parallel: ``ScreeningPool`` (an index's searches with the scoring on several cores)
- clustering: ``cluster_records``, ``PersonRegistry``
- ``cli``: JSON-lines entry points for the ``rogatory match`` command

This package must not import Django or anything from ``rogatory.apps``.
"""

from rogatory.core.matching.clustering import Clustering, PersonRegistry, cluster_records
from rogatory.core.matching.index import MatchIndex
from rogatory.core.matching.parallel import ScreeningPool
from rogatory.core.matching.records import (
    DatePrecision,
    Document,
    Name,
    NameRole,
    PartialDate,
    Person,
    RecordError,
    person_from_dict,
)
from rogatory.core.matching.scoring import DEFAULT_THRESHOLD, Evidence, PairScore, score_pair

__all__ = [
    "DEFAULT_THRESHOLD",
    "Clustering",
    "DatePrecision",
    "Document",
    "Evidence",
    "MatchIndex",
    "Name",
    "NameRole",
    "PairScore",
    "PartialDate",
    "Person",
    "PersonRegistry",
    "RecordError",
    "ScreeningPool",
    "cluster_records",
    "person_from_dict",
    "score_pair",
]
