"""Builders shared by the envelope tests: two fictional nodes (XA, XB) and a registry."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.registry import (
    KeyStatus,
    NodeRegistry,
    NodeStatus,
    RegistryKey,
    RegistryNode,
)

NOW = datetime(2026, 11, 27, 12, 0, 0, tzinfo=UTC)
YEAR = timedelta(days=365)

AGE_BINARY = shutil.which("age")
requires_age_tool = pytest.mark.skipif(
    AGE_BINARY is None, reason="the `age` tool is not installed (Debian package `age`)"
)


@dataclass(frozen=True)
class Node:
    node_id: str
    state: str
    keys: NodeKeys


def registry_node(
    node: Node,
    *,
    status: NodeStatus = NodeStatus.ACTIVE,
    key_status: KeyStatus = KeyStatus.ACTIVE,
    not_before: datetime = NOW - YEAR,
    not_after: datetime = NOW + YEAR,
    extra_signing: tuple[RegistryKey, ...] = (),
) -> RegistryNode:
    public = node.keys.public()
    return RegistryNode(
        node_id=node.node_id,
        state=node.state,
        authority=f"Central authority of {node.state}",
        endpoint=f"https://{node.node_id}.example.test/federation",
        status=status,
        signing_keys=(
            RegistryKey(public.signing, not_before, not_after, key_status),
            *extra_signing,
        ),
        encryption_keys=(RegistryKey(public.encryption, not_before, not_after, key_status),),
        tls_cert_sha256=("ab" * 32,),
    )


def make_registry(
    *nodes: RegistryNode,
    version: int = 1,
    issued: datetime = NOW - timedelta(days=1),
    expires: datetime = NOW + timedelta(days=29),
) -> NodeRegistry:
    return NodeRegistry(version=version, issued=issued, expires=expires, nodes=tuple(nodes))


def flip_bit(data: bytes, bit: int) -> bytes:
    """Return ``data`` with bit number ``bit`` (0 = most significant of byte 0) inverted."""
    buffer = bytearray(data)
    buffer[bit // 8] ^= 0x80 >> (bit % 8)
    return bytes(buffer)
