"""RFC 9162 Merkle trees: the fast implementation agrees with the definitions, with the
Certificate Transparency reference vectors, and its verifiers refuse altered proofs."""

from __future__ import annotations

import hashlib
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rogatory.core.audit.merkle import (
    EMPTY_ROOT,
    CompactRange,
    MerkleError,
    consistency_proof,
    consistency_proof_from_leaves,
    inclusion_proof,
    leaf_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

# The CT reference leaves and roots (RFC 6962 test data, also used by RFC 9162 implementers).
CT_DATA = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_LEAVES = [leaf_hash(d) for d in CT_DATA]
# (0-based leaf index, tree size, audit path)
CT_INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip
CT_CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip


class Naive:
    """RFC 9162 2.1 written as its definitions, over slices (memoised so that all pairs of a
    300-leaf tree stay fast). The reference the fast code is held to."""

    def __init__(self, leaves: list[bytes]) -> None:
        self.leaves = leaves

        @cache
        def mth(start: int, end: int) -> bytes:
            n = end - start
            if n == 0:
                return hashlib.sha256(b"").digest()
            if n == 1:
                return self.leaves[start]
            k = 1
            while k * 2 < n:
                k *= 2
            return hashlib.sha256(b"\x01" + mth(start, start + k) + mth(start + k, end)).digest()

        self.mth = mth

    def path(self, m: int, start: int, end: int) -> list[bytes]:
        n = end - start
        if n == 1:
            return []
        k = 1
        while k * 2 < n:
            k *= 2
        if m < k:
            return [*self.path(m, start, start + k), self.mth(start + k, end)]
        return [*self.path(m - k, start + k, end), self.mth(start, start + k)]

    def subproof(self, m: int, start: int, end: int, b: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if b else [self.mth(start, end)]
        k = 1
        while k * 2 < n:
            k *= 2
        if m <= k:
            return [*self.subproof(m, start, start + k, b), self.mth(start + k, end)]
        return [*self.subproof(m - k, start + k, end, False), self.mth(start, start + k)]

    def proof(self, m: int, n: int) -> list[bytes]:
        return [] if m in (0, n) else self.subproof(m, 0, n, True)


def _leaves(n: int, salt: int = 0) -> list[bytes]:
    return [leaf_hash(f"event {salt}/{i}".encode()) for i in range(n)]


def _flip(digest: bytes) -> bytes:
    return bytes([digest[0] ^ 1]) + digest[1:]


def test_the_reference_roots_of_sizes_0_to_8_are_reproduced() -> None:
    # given the CT reference leaves
    tree = CompactRange()
    roots = [tree.root().hex()]
    # when they are appended one by one
    for leaf in CT_LEAVES:
        tree.append(leaf)
        roots.append(tree.root().hex())
    # then every intermediate root is the published one
    assert roots == CT_ROOTS
    assert EMPTY_ROOT.hex() == CT_ROOTS[0]


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION)
def test_the_reference_inclusion_proofs_are_produced_and_verify(
    index: int, size: int, path: list[str]
) -> None:
    proof = inclusion_proof(index, CT_LEAVES[:size])
    assert [p.hex() for p in proof] == path
    root = bytes.fromhex(CT_ROOTS[size])
    assert verify_inclusion(index, size, CT_LEAVES[index], proof, root) is True


@pytest.mark.parametrize(("old", "new", "path"), CT_CONSISTENCY)
def test_the_reference_consistency_proofs_are_produced_and_verify(
    old: int, new: int, path: list[str]
) -> None:
    proof = consistency_proof_from_leaves(old, CT_LEAVES[:new])
    assert [p.hex() for p in proof] == path
    old_root, new_root = bytes.fromhex(CT_ROOTS[old]), bytes.fromhex(CT_ROOTS[new])
    assert verify_consistency(old, new, old_root, new_root, proof) is True


def test_roots_of_every_size_up_to_300_match_the_definition() -> None:
    leaves = _leaves(300)
    naive = Naive(leaves)
    tree = CompactRange()
    for n in range(1, 301):
        tree.append(leaves[n - 1])
        assert tree.root() == naive.mth(0, n), n
        assert tree.size.bit_count() == len(tree.hashes)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=1, max_value=300), salt=st.integers(0, 2**16))
def test_every_consistency_pair_of_a_tree_matches_the_definition_and_verifies(
    n: int, salt: int
) -> None:
    # given a tree of n leaves and the compact range of each prefix
    leaves = _leaves(n, salt)
    naive = Naive(leaves)
    prefix = CompactRange()
    new_root = naive.mth(0, n)
    for m in range(n + 1):
        # when the proof from m to n is made from the stored range and the new leaves only
        proof = consistency_proof(prefix.copy(), leaves[m:])
        # then it is the RFC 9162 SUBPROOF and it verifies
        assert proof == naive.proof(m, n), (m, n)
        assert verify_consistency(m, n, prefix.root(), new_root, proof) is True
        if m < n:
            prefix.append(leaves[m])


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=1, max_value=300), salt=st.integers(0, 2**16))
def test_every_inclusion_proof_of_a_tree_matches_the_definition_and_verifies(
    n: int, salt: int
) -> None:
    leaves = _leaves(n, salt)
    naive = Naive(leaves)
    root = naive.mth(0, n)
    for i in range(n):
        proof = inclusion_proof(i, leaves)
        assert proof == naive.path(i, 0, n), (i, n)
        assert verify_inclusion(i, n, leaves[i], proof, root) is True


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_an_altered_consistency_proof_or_claim_never_verifies(data: st.DataObject) -> None:
    # given a valid proof between two sizes of one tree
    n = data.draw(st.integers(min_value=2, max_value=300))
    m = data.draw(st.integers(min_value=1, max_value=n - 1))
    leaves = _leaves(n)
    old_root, new_root = root_hash(leaves[:m]), root_hash(leaves)
    proof = consistency_proof_from_leaves(m, leaves)
    # when one hash of the proof or a root is changed, or a hash dropped or added
    i = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
    forged = [*proof[:i], _flip(proof[i]), *proof[i + 1 :]]
    # then verification fails
    assert verify_consistency(m, n, old_root, new_root, forged) is False
    assert verify_consistency(m, n, _flip(old_root), new_root, proof) is False
    assert verify_consistency(m, n, old_root, _flip(new_root), proof) is False
    assert verify_consistency(m, n, old_root, new_root, proof[:-1]) is False
    assert verify_consistency(m, n, old_root, new_root, [*proof, proof[0]]) is False


def test_a_forked_history_has_no_consistency_proof_to_the_signed_old_root() -> None:
    # given a tree of 20 leaves and a fork that rewrote leaf 7 and then grew to 30
    honest = _leaves(20)
    forked = [*honest[:7], leaf_hash(b"rewritten"), *honest[8:], *_leaves(10, salt=1)]
    # when the fork proves its own consistency from size 20
    proof = consistency_proof_from_leaves(20, forked)
    # then it verifies against its own old root but not against the honest one
    assert verify_consistency(20, 30, root_hash(forked[:20]), root_hash(forked), proof) is True
    assert verify_consistency(20, 30, root_hash(honest), root_hash(forked), proof) is False


def test_altered_inclusion_claims_fail() -> None:
    # The size is bound only through the root and the proof's shape (sizes 13 and 14 give leaf
    # 6 the same path), so the claims altered here are the index, the leaf and the path.
    leaves = _leaves(13)
    root = root_hash(leaves)
    proof = inclusion_proof(6, leaves)
    assert verify_inclusion(6, 13, leaves[6], proof, root) is True
    assert verify_inclusion(7, 13, leaves[6], proof, root) is False
    assert verify_inclusion(6, 13, leaves[7], proof, root) is False
    assert verify_inclusion(6, 13, leaves[6], proof[:-1], root) is False
    assert verify_inclusion(13, 13, leaves[6], proof, root) is False


def test_a_compact_range_survives_storage_and_rejects_a_wrong_shape() -> None:
    tree = CompactRange()
    tree.extend(_leaves(1000))
    restored = CompactRange.from_text(tree.to_text())
    assert (restored.size, restored.hashes, restored.root()) == (1000, tree.hashes, tree.root())
    assert len(restored.hashes) == 6  # 1000 = 512 + 256 + 128 + 64 + 32 + 8
    with pytest.raises(MerkleError) as err:
        CompactRange.from_text("1000 " + tree.to_text().split(" ", 2)[2])
    assert err.value.code == "merkle.range_invalid"
    with pytest.raises(MerkleError):
        CompactRange.from_text("x")


def test_appending_100000_leaves_keeps_at_most_one_subtree_per_bit() -> None:
    # given 100,000 leaves appended one at a time (O(log n) each)
    tree = CompactRange()
    tree.extend(_leaves(100_000))
    # then the range is the 6 perfect subtrees of 100,000 = 0b11000011010100000
    assert tree.size == 100_000
    assert len(tree.hashes) == 6
    # and a proof from 99,000 reads only the last 1,000 leaves
    old = CompactRange()
    leaves = _leaves(100_000)
    old.extend(leaves[:99_000])
    proof = consistency_proof(old, leaves[99_000:])
    assert verify_consistency(99_000, 100_000, old.root(), tree.root(), proof) is True
