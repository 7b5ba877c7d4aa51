"""The Gates tab's state and what it does without widgets: presets, the undoable core,
the paced learning generator run in the worker, project-state validation and the exported
script.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QThread

from engine.perceptron import LearnRecord, TwoLayerPerceptron, learn, table_inputs

__all__ = [
    "PRESETS",
    "PRESET_WEIGHTS",
    "SPEEDS",
    "WEIGHT_LIMIT",
    "STATE_LIMIT",
    "SLIDER_SCALE",
    "SLIDER_LIMIT",
    "Core",
    "Options",
    "preset_table",
    "paced",
    "parse_state",
    "export_script",
]

PRESETS = ("and", "or", "or_notes", "nand", "nor", "xor", "xnor", "custom")

#: Weights per preset for 2 and 3 inputs: the book's AND, NAND, OR (§2.3.3), the study
#: notes' OR with b = 0, NOR as negated OR; XOR and XNOR start from OR's and AND's
#: weights (one perceptron cannot do them).
PRESET_WEIGHTS = {
    2: {
        "and": ([0.5, 0.5], -0.7),
        "or": ([0.5, 0.5], -0.2),
        "or_notes": ([0.5, 0.5], 0.0),
        "nand": ([-0.5, -0.5], 0.7),
        "nor": ([-0.5, -0.5], 0.2),
        "xor": ([0.5, 0.5], -0.2),
        "xnor": ([0.5, 0.5], -0.7),
    },
    3: {
        "and": ([0.5, 0.5, 0.5], -1.2),
        "or": ([0.5, 0.5, 0.5], -0.2),
        "or_notes": ([0.5, 0.5, 0.5], 0.0),
        "nand": ([-0.5, -0.5, -0.5], 1.2),
        "nor": ([-0.5, -0.5, -0.5], 0.2),
        "xor": ([0.5, 0.5, 0.5], -0.2),
        "xnor": ([0.5, 0.5, 0.5], -1.2),
    },
}

#: Learning speeds: seconds between epochs (0: as fast as possible).
SPEEDS = (0.6, 0.25, 0.08, 0.0)
#: The spin boxes' range. Learning from w = 0 with rate lr gives lr × the weights of rate
#: 1 (the outputs only see signs), which stay far below this for 2-3 inputs.
WEIGHT_LIMIT = 1000.0
#: What a project file may hold (anything finite and not absurd).
STATE_LIMIT = 1e6
SLIDER_SCALE = 100  # slider units per 1.0
SLIDER_LIMIT = 5.0


def preset_table(key: str, n: int) -> np.ndarray:
    """The targets of preset ``key`` for ``n`` inputs (XOR: odd parity, XNOR: even)."""
    x = table_inputs(n)
    ones = x.sum(axis=1)
    table = {
        "and": ones == n,
        "or": ones > 0,
        "or_notes": ones > 0,
        "nand": ones < n,
        "nor": ones == 0,
        "xor": ones % 2 == 1,
        "xnor": ones % 2 == 0,
    }[key]
    return table.astype(np.int64)


def paced(inputs, targets, lr, max_epochs, w0, b0, delay: float) -> Iterator[LearnRecord]:
    """``engine.perceptron.learn`` slowed to one epoch per ``delay`` seconds (worker side).

    Sleeps in short slices so that a stop request is honoured at once.
    """
    for i, record in enumerate(learn(inputs, targets, lr, max_epochs, w0, b0)):
        if i and delay > 0:
            end = time.monotonic() + delay
            while time.monotonic() < end:
                if QThread.currentThread().isInterruptionRequested():
                    return
                time.sleep(min(0.02, max(0.0, end - time.monotonic())))
        yield record


@dataclass(frozen=True)
class Core:
    """What an undoable edit changes: the preset shown, the targets, w and b."""

    preset: str
    targets: tuple[int, ...]
    w: tuple[float, ...]
    b: float

    @property
    def n(self) -> int:
        return len(self.w)


@dataclass(frozen=True)
class Options:
    """The learning settings and the plotted slice, saved with a project."""

    learning_rate: float = 0.1
    max_epochs: int = 100
    speed: int = 1
    start_from_current: bool = False
    slice: int = 0


def parse_state(state: Any) -> tuple[Core, Options]:
    """Check a project's Gates state; raise ``ValueError`` naming the first problem."""
    if not isinstance(state, dict):
        raise ValueError("the Gates state must be a mapping")
    try:
        n = int(state.get("n_inputs", 2))
        if n not in (2, 3):
            raise ValueError("n_inputs must be 2 or 3")
        preset = str(state.get("preset", "custom"))
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}")
        raw = list(state["targets"])
        if len(raw) != 2**n or any(v not in (0, 1) for v in raw):
            raise ValueError("targets must be 2^n values of 0 or 1")
        targets = tuple(int(v) for v in raw)
        w = tuple(float(v) for v in state["w"])
        b = float(state["b"])
        if len(w) != n:
            raise ValueError("w must have one weight per input")
        if not all(math.isfinite(v) and abs(v) <= STATE_LIMIT for v in (*w, b)):
            raise ValueError(f"w and b must be finite and within ±{STATE_LIMIT:g}")
        options = Options(
            float(state.get("learning_rate", 0.1)),
            int(state.get("max_epochs", 100)),
            int(state.get("speed", 1)),
            bool(state.get("start_from_current", False)),
            int(state.get("slice", 0)),
        )
        if not (0.001 <= options.learning_rate <= 10 and 1 <= options.max_epochs <= 10000):
            raise ValueError("learning rate or max epochs out of range")
        if options.speed not in range(len(SPEEDS)) or options.slice not in (0, 1):
            raise ValueError("speed or slice out of range")
    except (KeyError, TypeError) as exc:
        raise ValueError(f"unusable Gates state: {exc}") from exc
    if preset != "custom" and tuple(preset_table(preset, n)) != targets:
        preset = "custom"
    return Core(preset, targets, w, b), options


def export_script(core: Core, two_layer: TwoLayerPerceptron | None) -> str:
    """A standalone NumPy script: the perceptron (w, b) and its truth table, plus the
    two-layer perceptron when there is one; each prints one line per row."""
    x = table_inputs(core.n).tolist()
    lines = [
        '"""Zerokara Lab, Gates tab: a perceptron y = 1 if w·x + b > 0 else 0 (book §2.3)',
        "with the weights and the truth table the tab shows. Needs only NumPy.",
        '"""',
        "",
        "import numpy as np",
        "",
        f"w = np.array({[float(v) for v in core.w]!r})",
        f"b = {float(core.b)!r}",
        f"inputs = np.array({x!r})",
        f"targets = np.array({list(core.targets)!r})",
        "",
        "",
        "def perceptron(x):",
        '    """1 if w·x + b > 0 else 0."""',
        "    return 1 if np.sum(w * x) + b > 0 else 0",
        "",
        "",
        'print("x | t | w.x+b | y | ok")',
        "for x, t in zip(inputs, targets):",
        "    y = perceptron(x)",
        "    s = float(np.sum(w * x) + b)",
        '    cells = ["".join(str(v) for v in x), str(t), repr(s), str(y)]',
        '    print(" | ".join(cells + ["ok" if y == t else "WRONG"]))',
    ]
    net = two_layer
    if net is not None:
        network = net.to_network()
        lines += [
            "",
            "# The table is not linearly separable; a two-layer perceptron that produces it:",
            f"W1 = np.array({network.weights[0].tolist()!r})",
            f"b1 = np.array({network.biases[0].tolist()!r})",
            f"W2 = np.array({network.weights[1].tolist()!r})",
            f"b2 = np.array({network.biases[1].tolist()!r})",
            "",
            "",
            "def two_layer(x):",
            '    """Hidden perceptrons s = step(x·W1 + b1), then y = step(s·W2 + b2)."""',
            "    s = (np.dot(x, W1) + b1 > 0).astype(int)",
            "    return int((np.dot(s, W2) + b2 > 0)[0])",
            "",
            "",
            'print("two-layer: x | s | y | ok")',
            "for x, t in zip(inputs, targets):",
            "    s = (np.dot(x, W1) + b1 > 0).astype(int)",
            "    y = two_layer(x)",
            '    cells = ["".join(str(v) for v in x), "".join(str(v) for v in s), str(y)]',
            '    print(" | ".join(cells + ["ok" if y == t else "WRONG"]))',
        ]
    return "\n".join(lines) + "\n"
