"""Train/evaluation split shared by the benchmark and ``tools/train_matching_model.py``.

The scorer's model may learn from the training half of a labelled development file; the
benchmark measures on the other half only, so no figure is computed on pairs the model saw.
The split is by entity (cluster), so no person has records on both sides.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Split = Literal["train", "eval", "all"]


def split_of(entity: str) -> Literal["train", "eval"]:
    """Stable half of an entity id (a salted hash would change between processes)."""
    digest = hashlib.blake2b(entity.encode(), digest_size=1, person=b"rogatory-split").digest()
    return "train" if digest[0] % 2 == 0 else "eval"


def keep(entity: str, split: Split) -> bool:
    return split == "all" or split_of(entity) == split
