"""The pair-model training tool's calibration: what it writes, the model loader accepts."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

TOOL = Path(__file__).resolve().parents[2] / "tools" / "train_matching_model.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_matching_model", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while being made.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_levels_that_round_alike_become_one_breakpoint() -> None:
    # given pairs whose isotonic fit has two levels near the floor, 1e-4 (clipped) and
    # 1.0004e-4, which the six decimals written to the model file make equal
    tool = load_tool()
    logits = np.array([0.0, 1.0, 1.0, 2.0])
    labels = np.array([0.0, 1.0, 0.0, 1.0])
    weights = np.array([1.0, 1.0004e-4, 1.0 - 1.0004e-4, 1.0])

    # when
    xs, ys = tool.calibration_breakpoints(logits, labels, weights)

    # then the two levels are one breakpoint: strictly increasing, as the model loader requires
    assert ys == [0.0001, 0.9999]
    assert xs == [0.0, 2.0]
