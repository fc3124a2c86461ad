"""RFC 9162 section 2.1 Merkle tree hash, inclusion proofs and consistency proofs.

Leaves are given as *leaf hashes* (``leaf_hash(data)``), never as raw data, so that callers can
keep 32-byte values in memory (100,000 leaves are about 6 MB) and read them from the database.

Appending is O(log n) with a :class:`CompactRange`: the roots of the perfect subtrees that make
up a tree of size n (one per set bit of n, largest first). A checkpoint stores its compact range,
so the next checkpoint only hashes the leaves added since, and a consistency proof from a stored
checkpoint of size m to size n reads only the leaves ``[m, n)``: every proof node that lies inside
the old tree is a maximal perfect subtree of it, that is, a node of its compact range.

The proof generators follow the recursive definitions of RFC 9162 (PATH, SUBPROOF); the
verifiers follow its iterative algorithms (sections 2.1.3.2 and 2.1.4.2) so that a proof made
here checks anywhere else.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "CompactRange",
    "MerkleError",
    "consistency_proof",
    "consistency_proof_from_leaves",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_hash",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
# Tree sizes are uint64 on the wire (tlog-checkpoint, tlog-witness); 2**63 - 1 keeps them in a
# signed database column too.
MAX_TREE_SIZE = 2**63 - 1
# A proof for a tree of at most 2**63 leaves has at most 63 (inclusion) or 64 (consistency)
# hashes; tlog-witness caps consistency proofs at 63 lines.
MAX_PROOF_HASHES = 64

EMPTY_ROOT = hashlib.sha256(b"").digest()


class MerkleError(ValueError):
    """Invalid sizes, indexes or stored ranges (a programming or storage fault, not a proof
    that fails: verifiers return False for those)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def leaf_hash(data: bytes) -> bytes:
    """RFC 9162: leaf hashes are SHA-256(0x00 || data); 0x00/0x01 keep leaves and nodes apart."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _largest_power_of_two_below(n: int) -> int:
    """The k of RFC 9162: the largest power of two strictly smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def _check_size(size: int) -> None:
    if not 0 <= size <= MAX_TREE_SIZE:
        raise MerkleError("merkle.size_invalid")


@dataclass
class CompactRange:
    """The perfect-subtree roots covering leaves ``[0, size)``, largest subtree first."""

    size: int = 0
    hashes: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_size(self.size)
        if len(self.hashes) != self.size.bit_count() or any(
            len(h) != HASH_SIZE for h in self.hashes
        ):
            raise MerkleError("merkle.range_invalid")

    def copy(self) -> CompactRange:
        return CompactRange(self.size, list(self.hashes))

    def append(self, leaf: bytes) -> None:
        """Add one leaf hash: O(log n) merges, amortised O(1)."""
        if len(leaf) != HASH_SIZE:
            raise MerkleError("merkle.hash_invalid")
        _check_size(self.size + 1)
        self.hashes.append(leaf)
        # Each trailing 1 bit of the old size is a perfect subtree of the same height as the
        # subtree being carried up; merging them mirrors binary addition of 1.
        size = self.size
        while size & 1:
            right = self.hashes.pop()
            left = self.hashes.pop()
            self.hashes.append(node_hash(left, right))
            size >>= 1
        self.size += 1

    def extend(self, leaves: Iterable[bytes]) -> None:
        for leaf in leaves:
            self.append(leaf)

    def root(self) -> bytes:
        """MTH of the leaves so far: the subtree roots folded from the right (RFC 9162 2.1.1)."""
        if not self.hashes:
            return EMPTY_ROOT
        root = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            root = node_hash(left, root)
        return root

    def nodes(self) -> dict[tuple[int, int], bytes]:
        """The subtrees as ``{(start, end): hash}`` over leaf indexes."""
        out: dict[tuple[int, int], bytes] = {}
        start = 0
        bits = [1 << b for b in range(self.size.bit_length() - 1, -1, -1) if self.size >> b & 1]
        for width, digest in zip(bits, self.hashes, strict=True):
            out[(start, start + width)] = digest
            start += width
        return out

    def to_text(self) -> str:
        """Storage form: ``<size>`` then one base64 hash per subtree, space separated."""
        return " ".join(
            [str(self.size), *(base64.b64encode(h).decode("ascii") for h in self.hashes)]
        )

    @classmethod
    def from_text(cls, text: str) -> CompactRange:
        parts = text.split(" ")
        if not parts[0].isdigit() or len(parts[0]) > 19:
            raise MerkleError("merkle.range_invalid")
        try:
            hashes = [base64.b64decode(p, validate=True) for p in parts[1:]]
        except (binascii.Error, ValueError) as exc:
            raise MerkleError("merkle.range_invalid") from exc
        return cls(int(parts[0]), hashes)


def root_hash(leaves: Iterable[bytes]) -> bytes:
    tree = CompactRange()
    tree.extend(leaves)
    return tree.root()


# A subtree oracle answers MTH(D[start:end]) for the ranges a proof needs.
Subtree = Callable[[int, int], bytes]


def _leaves_oracle(leaves: Sequence[bytes], offset: int = 0) -> Subtree:
    def subtree(start: int, end: int) -> bytes:
        return root_hash(leaves[start - offset : end - offset])

    return subtree


def _path(index: int, start: int, end: int, subtree: Subtree) -> list[bytes]:
    """RFC 9162 2.1.3.1 PATH(m, D[start:end]), leaf index m relative to the whole tree."""
    n = end - start
    if n == 1:
        return []
    k = _largest_power_of_two_below(n)
    if index - start < k:
        return [*_path(index, start, start + k, subtree), subtree(start + k, end)]
    return [*_path(index, start + k, end, subtree), subtree(start, start + k)]


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of all ``leaves`` (O(n) hashing)."""
    size = len(leaves)
    _check_size(size)
    if not 0 <= index < size:
        raise MerkleError("merkle.index_invalid")
    return _path(index, 0, size, _leaves_oracle(leaves))


def _subproof(m: int, start: int, end: int, whole: bool, subtree: Subtree) -> list[bytes]:
    """RFC 9162 2.1.4.1 SUBPROOF(m, D[start:end], b), m relative to the whole tree."""
    n = end - start
    if m == end:
        return [] if whole else [subtree(start, end)]
    k = _largest_power_of_two_below(n)
    if m - start <= k:
        return [*_subproof(m, start, start + k, whole, subtree), subtree(start + k, end)]
    return [*_subproof(m, start + k, end, False, subtree), subtree(start, start + k)]


def consistency_proof(old: CompactRange, new_leaves: Sequence[bytes]) -> list[bytes]:
    """The proof that the tree of size ``old.size`` is a prefix of the one with ``new_leaves``
    appended, reading only those new leaves (O(n - m + log n) hashing).

    An empty list for an empty old tree or no new leaves (tlog-witness: "MUST be empty if the
    old size is zero"; RFC 9162: the proof between equal sizes is empty).
    """
    m, n = old.size, old.size + len(new_leaves)
    _check_size(n)
    if m == 0 or m == n:
        return []
    known = old.nodes()
    fresh = _leaves_oracle(new_leaves, offset=m)

    def subtree(start: int, end: int) -> bytes:
        if start >= m:
            return fresh(start, end)
        # A node inside the old tree is a maximal perfect subtree of it (see module doc).
        digest = known.get((start, end))
        if digest is None:  # pragma: no cover - impossible by RFC 9162's recursion
            raise MerkleError("merkle.range_missing")
        return digest

    return _subproof(m, 0, n, True, subtree)


def consistency_proof_from_leaves(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The same proof when no compact range of the old size is stored (O(n) hashing)."""
    if not 0 <= old_size <= len(leaves):
        raise MerkleError("merkle.size_invalid")
    old = CompactRange()
    old.extend(leaves[:old_size])
    return consistency_proof(old, leaves[old_size:])


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 2.1.3.2: does ``proof`` put ``leaf`` at ``index`` of the tree with ``root``?"""
    if not 0 <= index < size <= MAX_TREE_SIZE or len(proof) > MAX_PROOF_HASHES:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 2.1.4.2: is the tree (old_size, old_root) a prefix of (new_size, new_root)?"""
    if not 0 <= old_size <= new_size <= MAX_TREE_SIZE or len(proof) > MAX_PROOF_HASHES:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        # Every tree extends the empty one; tlog-witness requires the proof to be empty.
        return not proof
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        # The old tree is a perfect subtree, so its root is the proof's implied first node.
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == old_root and sr == new_root and sn == 0
