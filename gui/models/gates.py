"""The Gates tab's model (book ch. 2), Qt-free: a truth table and one perceptron.

* Declared settings (one validator each, the binder builds their fields): the weights
  ``w1 w2 w3`` and the bias ``b`` (one range for the fields, project files and learning
  alike), the perceptron rule's learning rate and epochs, its pace, whether it starts from
  the current weights, and the plotted slice of a 3-input cube.
* Extra state: the preset shown (``preset``), the number of inputs (``n_inputs``) and the
  targets. They change only through the model's actions (``choose_preset``,
  ``choose_inputs``, ``set_target``, ``toggle_target``), which keep them consistent
  (editing a target makes the table "custom"; a preset brings its weights). Their
  declarations (``PRESET_SETTING``, ``INPUTS_SETTING``) validate project files.
* ``core()`` is the frozen snapshot an undo step restores (``apply_core``).
* Files keep their format: ``{"w": [w1, w2(, w3)], "b": b, "targets": […], …}``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.perceptron import (
    LearnRecord,
    Perceptron,
    TwoLayerPerceptron,
    compose_two_layer,
    is_linearly_separable,
    learn,
    table_inputs,
)
from gui.models.base import PreparedState, TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    BoolSetting,
    ChoiceSetting,
    FloatSetting,
    IntSetting,
    SettingError,
)

__all__ = [
    "GatesModel",
    "Core",
    "LearnPlan",
    "PRESETS",
    "PRESET_WEIGHTS",
    "PRESET_SETTING",
    "INPUTS_SETTING",
    "SPEEDS",
    "WEIGHT_KEYS",
    "WEIGHT_LIMIT",
    "preset_table",
    "paced",
]

CONTEXT = "GatesTab"

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

#: Learning paces: seconds between epochs (0: as fast as possible).
SPEEDS = (0.6, 0.25, 0.08, 0.0)
#: The one limit of w and b: fields, project files and learning. The perceptron rule moves
#: a weight by at most lr (≤ 10) per row and epoch (≤ 10,000), 8 rows: never beyond 1e6.
WEIGHT_LIMIT = 1e6
WEIGHT_KEYS = ("w1", "w2", "w3", "b")

#: The preset combo (extra state: ``choose_preset`` applies a preset).
PRESET_SETTING = ChoiceSetting(
    key="preset",
    default="and",
    choices=(
        ("and", "AND"),
        ("or", QT_TRANSLATE_NOOP("GatesTab", "OR (book, b = −0.2)")),
        ("or_notes", QT_TRANSLATE_NOOP("GatesTab", "OR (notes, b = 0)")),
        ("nand", "NAND"),
        ("nor", "NOR"),
        ("xor", "XOR"),
        ("xnor", "XNOR"),
        ("custom", QT_TRANSLATE_NOOP("GatesTab", "Custom")),
    ),
    label=QT_TRANSLATE_NOOP("GatesTab", "&Gate:"),
    help=QT_TRANSLATE_NOOP(
        "GatesTab",
        "A gate's truth table and a perceptron for it. With 3 inputs XOR is odd "
        "parity and XNOR even parity. Editing a target makes the table Custom.",
    ),
    context=CONTEXT,
    object_name="gatePresetCombo",
)
#: The number of inputs (extra state: ``choose_inputs`` applies it).
INPUTS_SETTING = IntSetting(
    key="n_inputs",
    default=2,
    minimum=2,
    maximum=3,
    label=QT_TRANSLATE_NOOP("GatesTab", "&Inputs:"),
    help=QT_TRANSLATE_NOOP("GatesTab", "Number of inputs x1, x2 (, x3)"),
    context=CONTEXT,
    object_name="inputsCombo",
)


def _weight(key: str, default: float, help_text: str) -> FloatSetting:
    return FloatSetting(
        key=key,
        default=default,
        minimum=-WEIGHT_LIMIT,
        maximum=WEIGHT_LIMIT,
        step=0.1,
        label=key,
        help=help_text,
        context=CONTEXT,
        object_name=f"{key}Field",
    )


def _problem(key: str, text: str) -> SettingError:
    """A refusal of extra state, naming ``key`` (the text says what is wrong, in English)."""
    return SettingError(None, QT_TRANSLATE_NOOP("Settings", "%1"), text, key=key)


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


def paced(
    inputs: np.ndarray,
    targets: np.ndarray,
    lr: float,
    max_epochs: int,
    w0: list[float] | None,
    b0: float,
    delay: float,
    stopped: Callable[[], bool],
) -> Iterator[LearnRecord]:
    """``engine.perceptron.learn`` slowed to one epoch per ``delay`` seconds (worker side);
    it sleeps in short slices and ends as soon as ``stopped()`` is true."""
    for i, record in enumerate(learn(inputs, targets, lr, max_epochs, w0, b0)):
        if i and delay > 0:
            end = time.monotonic() + delay
            while time.monotonic() < end:
                if stopped():
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
class LearnPlan:
    """What one run of the perceptron rule starts from (``GatesModel.learn_plan``)."""

    inputs: np.ndarray
    targets: np.ndarray
    learning_rate: float
    max_epochs: int
    w0: list[float] | None
    b0: float
    delay: float
    separable: bool

    def records(self, stopped: Callable[[], bool]) -> Iterator[LearnRecord]:
        """The paced generator the worker runs."""
        return paced(
            self.inputs,
            self.targets,
            self.learning_rate,
            self.max_epochs,
            self.w0,
            self.b0,
            self.delay,
            stopped,
        )


class GatesModel(TabModel):
    """The Gates tab's values: see the module docstring."""

    key = "gates"
    SETTINGS = (
        _weight("w1", 0.5, QT_TRANSLATE_NOOP("GatesTab", "Weight w1 of input x1")),
        _weight("w2", 0.5, QT_TRANSLATE_NOOP("GatesTab", "Weight w2 of input x2")),
        _weight("w3", 0.0, QT_TRANSLATE_NOOP("GatesTab", "Weight w3 of input x3")),
        _weight(
            "b",
            -0.7,
            QT_TRANSLATE_NOOP("GatesTab", "Bias b: how easily the neuron fires (book §2.3.2)"),
        ),
        FloatSetting(
            key="learning_rate",
            default=0.1,
            minimum=0.001,
            maximum=10.0,
            step=0.05,
            label=QT_TRANSLATE_NOOP("GatesTab", "Learning &rate:"),
            help=QT_TRANSLATE_NOOP(
                "GatesTab", "Each wrong row moves w by lr·(t − y)·x and b by lr·(t − y)"
            ),
            context=CONTEXT,
            object_name="learningRateField",
        ),
        IntSetting(
            key="max_epochs",
            default=100,
            minimum=1,
            maximum=10000,
            step=10,
            label=QT_TRANSLATE_NOOP("GatesTab", "&Max epochs:"),
            help=QT_TRANSLATE_NOOP("GatesTab", "An epoch is one pass over every row"),
            context=CONTEXT,
            object_name="maxEpochsField",
        ),
        ChoiceSetting(
            key="speed",
            default=1,
            choices=(
                (0, QT_TRANSLATE_NOOP("GatesTab", "Slow")),
                (1, QT_TRANSLATE_NOOP("GatesTab", "Normal")),
                (2, QT_TRANSLATE_NOOP("GatesTab", "Fast")),
                (3, QT_TRANSLATE_NOOP("GatesTab", "Instant")),
            ),
            label=QT_TRANSLATE_NOOP("GatesTab", "&Speed:"),
            help=QT_TRANSLATE_NOOP("GatesTab", "How long each epoch stays on screen"),
            context=CONTEXT,
            object_name="speedCombo",
        ),
        BoolSetting(
            key="start_from_current",
            default=False,
            label=QT_TRANSLATE_NOOP("GatesTab", "Start from the current w and b"),
            help=QT_TRANSLATE_NOOP("GatesTab", "Unchecked, learning starts from w = 0 and b = 0."),
            context=CONTEXT,
            object_name="fromCurrentCheck",
        ),
        ChoiceSetting(
            key="slice",
            default=0,
            choices=((0, "x3 = 0"), (1, "x3 = 1")),
            label=QT_TRANSLATE_NOOP("GatesTab", "Plot &slice:"),
            help=QT_TRANSLATE_NOOP("GatesTab", "Which half of the 3-input cube the plot shows"),
            context=CONTEXT,
            object_name="sliceCombo",
            while_running=True,
        ),
    )
    #: Settings that only mean something with three inputs.
    THREE_INPUT_KEYS = ("w3", "slice")

    def __init__(self) -> None:
        super().__init__()
        self._preset = "and"
        self._targets: tuple[int, ...] = tuple(int(v) for v in preset_table("and", 2))
        self._analysis_cache: tuple[tuple[int, ...], TwoLayerPerceptron | None, bool] | None = None

    # -- what the tab shows ------------------------------------------------------------------
    @property
    def n_inputs(self) -> int:
        return len(self._targets).bit_length() - 1

    @property
    def preset(self) -> str:
        return self._preset

    def w(self) -> tuple[float, ...]:
        return tuple(self[k] for k in WEIGHT_KEYS[: self.n_inputs])

    def inputs(self) -> np.ndarray:
        return table_inputs(self.n_inputs)

    def targets(self) -> np.ndarray:
        return np.array(self._targets, dtype=np.int64)

    def perceptron(self) -> Perceptron:
        return Perceptron(self.w(), self["b"])

    def sums(self) -> np.ndarray:
        """w·x + b of every row."""
        return self.inputs() @ np.array(self.w()) + self["b"]

    def outputs(self) -> np.ndarray:
        return (self.sums() > 0).astype(np.int64)

    def _analysis(self) -> tuple[TwoLayerPerceptron | None, bool]:
        cache = self._analysis_cache
        if cache is None or cache[0] != self._targets:
            x, t = self.inputs(), self.targets()
            separable = is_linearly_separable(x, t)
            net = None if separable else compose_two_layer(x, t)
            cache = self._analysis_cache = (self._targets, net, separable)
        return cache[1], cache[2]

    @property
    def separable(self) -> bool:
        """Whether one perceptron can produce the table (an exact test)."""
        return self._analysis()[1]

    def two_layer(self) -> TwoLayerPerceptron | None:
        """The composed two-layer perceptron when the table is not linearly separable."""
        return self._analysis()[0]

    def is_enabled(self, key: str) -> bool:
        if key in self.THREE_INPUT_KEYS and self.n_inputs != 3:
            return False
        return super().is_enabled(key)

    # -- snapshots (undo) --------------------------------------------------------------------
    def core(self) -> Core:
        return Core(self._preset, self._targets, self.w(), self["b"])

    def apply_core(self, core: Core) -> None:
        """Show ``core`` (an undo or redo step): validated like any edit, all or nothing."""
        self._commit(core.preset, core.targets, core.w, core.b)

    def _commit(
        self, preset: str, targets: tuple[int, ...], w: tuple[float, ...], b: float
    ) -> None:
        """Set the table and the weights together: one change, one revision."""
        n = len(w)
        if n not in (2, 3) or len(targets) != 2**n:
            raise ValueError("2 or 3 weights and 2^n targets")
        weights = dict(zip(WEIGHT_KEYS, w, strict=False))
        if n == 2:
            weights["w3"] = 0.0
        weights["b"] = b
        prepared = {k: self.setting(k).validate(v) for k, v in weights.items()}
        targets = tuple(int(v) for v in targets)
        if preset != "custom" and tuple(preset_table(preset, n)) != targets:
            preset = "custom"
        changed = {k for k, v in prepared.items() if self._values[k] != v}
        if preset != self._preset:
            changed.add("preset")
        if targets != self._targets:
            changed.add("targets")
        if n != self.n_inputs:
            changed.add("n_inputs")
        if not changed:
            return
        self._values.update(prepared)
        self._preset, self._targets = preset, targets
        self._changed(frozenset(changed))

    # -- actions -----------------------------------------------------------------------------
    def choose_preset(self, key: str) -> None:
        """Show preset ``key``: its table and weights (``custom`` keeps both)."""
        key = PRESET_SETTING.validate(key)
        core = self.core()
        if key == "custom":
            if self._preset != "custom":
                self._preset = "custom"
                self._changed(frozenset({"preset"}))
            return
        w, b = PRESET_WEIGHTS[core.n][key]
        self._commit(key, tuple(int(v) for v in preset_table(key, core.n)), tuple(w), b)

    def choose_inputs(self, n: int) -> None:
        """2 or 3 inputs: a preset's own table; a custom 2-input table ignores x3 (each row
        twice); 3 → 2 keeps the slice x3 = 0."""
        n = INPUTS_SETTING.validate(n)
        core = self.core()
        if n == core.n:
            return
        if core.preset != "custom":
            w, b = PRESET_WEIGHTS[n][core.preset]
            targets = tuple(int(v) for v in preset_table(core.preset, n))
        elif n == 3:
            w, b = (*core.w, 0.0), core.b
            targets = tuple(v for v in core.targets for _ in range(2))
        else:
            w, b = core.w[:2], core.b
            targets = core.targets[::2]
        self._commit(core.preset, targets, tuple(w), b)

    def set_target(self, row: int, value: int) -> None:
        if value not in (0, 1) or not 0 <= row < len(self._targets):
            raise ValueError("a target is 0 or 1, in one of the rows")
        targets = list(self._targets)
        targets[row] = int(value)
        core = self.core()
        self._commit(core.preset, tuple(targets), core.w, core.b)

    def toggle_target(self, row: int) -> None:
        self.set_target(row, 1 - self._targets[row])

    def set_line(self, w2: tuple[float, float], b: float) -> None:
        """The decision line dragged in the plot (x1, x2 plane; for 3 inputs the shown slice
        x3 = slice: w3 stays and b absorbs w3·x3). A drag cannot go beyond the weights'
        range: it stops at its ends."""
        w = [float(v) for v in w2]
        if self.n_inputs == 3:
            w.append(self["w3"])
            b = b - self["w3"] * self["slice"]

        def clamp(v: float) -> float:
            return max(-WEIGHT_LIMIT, min(WEIGHT_LIMIT, float(v)))

        self._commit(self._preset, self._targets, tuple(clamp(v) for v in w), clamp(b))

    def show_weights(self, w: Any, b: float) -> None:
        """Weights from a learning record."""
        self._commit(self._preset, self._targets, tuple(float(v) for v in w), float(b))

    def learn_plan(self) -> LearnPlan:
        """The run Learn starts with the current values."""
        from_current = self["start_from_current"]
        return LearnPlan(
            self.inputs(),
            self.targets(),
            self["learning_rate"],
            self["max_epochs"],
            list(self.w()) if from_current else None,
            self["b"] if from_current else 0.0,
            SPEEDS[self["speed"]],
            self.separable,
        )

    # -- persistence (the file format from before the models: "w" is a list) ----------------
    def extra_state(self) -> dict[str, Any]:
        return {"preset": self._preset, "n_inputs": self.n_inputs, "targets": list(self._targets)}

    def state(self) -> dict[str, Any]:
        state = super().state()
        w = [state.pop(k) for k in ("w1", "w2", "w3")]
        state["w"] = w[: self.n_inputs]
        return state

    def prepare_state(self, state: Mapping[str, Any]) -> PreparedState:
        """A state as ``state()`` makes it; missing keys keep their value (the number of
        inputs, the table and w must agree)."""
        if not isinstance(state, Mapping):
            raise ValueError("the Gates state must be an object")
        state = dict(state)
        n = INPUTS_SETTING.validate(state.get("n_inputs", self.n_inputs))
        if "w" in state:
            w = state.pop("w")
            if not isinstance(w, (list, tuple)) or len(w) != n:
                raise _problem("w", f"w must be a list of {n} weights, one per input")
            state.update(zip(("w1", "w2", "w3"), w, strict=False))
            if n == 2:
                state["w3"] = 0.0
        return super().prepare_state(state)

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        n = INPUTS_SETTING.validate(state.get("n_inputs", self.n_inputs))
        preset = PRESET_SETTING.validate(state.get("preset", self._preset))
        raw = state.get("targets", self._targets)
        if (
            not isinstance(raw, (list, tuple))
            or len(raw) != 2**n
            or any(isinstance(v, bool) or v not in (0, 1) for v in raw)
        ):
            raise _problem("targets", f"targets must be {2**n} values, each 0 or 1")
        targets = tuple(int(v) for v in raw)
        if preset != "custom" and tuple(preset_table(preset, n)) != targets:
            preset = "custom"
        return preset, targets

    def commit_extra(self, prepared: Any) -> None:
        self._preset, self._targets = prepared
