"""Every schema of the API has its own name: django-ninja keys the OpenAPI components by class
name, so two classes of one name (a review meeting's documents and a case's) made one endpoint
describe its answer with the other's schema, and schemathesis found the answer "wrong"."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from ninja import Schema

import rogatory.api.v1 as api_package


def test_no_two_api_schemas_share_a_name() -> None:
    # given every module of the API
    seen: dict[str, set[str]] = defaultdict(set)
    for module_info in pkgutil.iter_modules(api_package.__path__):
        module = importlib.import_module(f"{api_package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                seen[value.__name__].add(module.__name__)

    # then each name belongs to one module only
    assert {name: sorted(mods) for name, mods in seen.items() if len(mods) > 1} == {}
