from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.registry import NodeRegistry, RegistryTrust
from tests.core.envelope.helpers import Node, make_registry, registry_node


@pytest.fixture(scope="session")
def xa() -> Node:
    return Node("xa-central", "XA", NodeKeys.generate())


@pytest.fixture(scope="session")
def xb() -> Node:
    return Node("xb-central", "XB", NodeKeys.generate())


@pytest.fixture(scope="session")
def operators() -> list[Ed25519PrivateKey]:
    return [Ed25519PrivateKey.generate() for _ in range(3)]


@pytest.fixture(scope="session")
def trust(operators: list[Ed25519PrivateKey]) -> RegistryTrust:
    return RegistryTrust(tuple(k.public_key() for k in operators), threshold=2)


@pytest.fixture
def registry(xa: Node, xb: Node) -> NodeRegistry:
    return make_registry(registry_node(xa), registry_node(xb))
