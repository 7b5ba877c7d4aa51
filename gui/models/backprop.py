"""The Backprop tab's model (no Qt): which graph is shown, its inputs, the stepping state.

Settings: ``preset`` (one of the book's graphs, or ``"expression"``) and ``expression``
(f(x, y, …) typed by the learner, checked by the app's one safe parser). Extra state:
every edited input value, per graph, so switching graphs and back keeps them, and they
are saved in the project file. The graph (``engine.compgraph.Graph``) and its
``Stepper`` are rebuilt when the preset or expression changes; an input edit re-evaluates
the graph in place and keeps the stepping position. Stepping and selecting a node are
not saved (listeners hear ``{"steps"}``; the revision does not move).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.compgraph import Check, Graph, GraphError, Stepper, check_inputs, check_node
from engine.compgraph_presets import PRESETS, from_expression
from gui.models.backprop_export import export_script
from gui.models.base import TabModel
from gui.models.settings import QT_TRANSLATE_NOOP, ChoiceSetting, StrSetting

__all__ = ["BackpropModel", "InputError", "parse_value", "PRESET_CHOICES", "DOUT"]

CONTEXT = "BackpropTab"
#: The name under which the seed ∂L/∂(output) of a graph is edited (Affine's dY).
DOUT = "dout"

PRESET_CHOICES = (
    ("apples", QT_TRANSLATE_NOOP("BackpropTab", "Buying apples (Fig. 5-16)")),
    (
        "apples_oranges",
        QT_TRANSLATE_NOOP("BackpropTab", "Apples and oranges (Fig. 5-17)"),
    ),
    (
        "sigmoid_expanded",
        QT_TRANSLATE_NOOP("BackpropTab", "Sigmoid, node by node (Fig. 5-19)"),
    ),
    ("sigmoid", QT_TRANSLATE_NOOP("BackpropTab", "Sigmoid as one node (Fig. 5-20)")),
    ("relu", QT_TRANSLATE_NOOP("BackpropTab", "ReLU (§5.5.1)")),
    (
        "affine",
        QT_TRANSLATE_NOOP("BackpropTab", "Affine with matrices (Fig. 5-25, 5-27)"),
    ),
    ("softmax_loss", QT_TRANSLATE_NOOP("BackpropTab", "Softmax-with-Loss (Fig. 5-29)")),
    ("expression", QT_TRANSLATE_NOOP("BackpropTab", "Your own expression f(x, y, …)")),
)


def _check_expression(text: str) -> None:
    if text.strip():
        from_expression(text)


class InputError(ValueError):
    """An input value that cannot be used: ``reason`` ``"not_number"``, ``"not_finite"``,
    ``"shape"`` (``detail`` the shape needed, e.g. ``2×3``) or ``"unknown"``; ``name`` the
    input. The view writes the sentence."""

    def __init__(self, name: str, reason: str, detail: str = "") -> None:
        self.name, self.reason, self.detail = name, reason, detail
        super().__init__(f"{name}: {reason} {detail}".strip())


def parse_value(name: str, text: str) -> np.ndarray:
    """A number (``1.1``, ``-2``) or nested lists of numbers (``[[1, 2], [3, 4]]``) as typed;
    ``InputError`` for anything else or a non-finite number."""
    cleaned = text.strip().replace("−", "-")
    try:
        value: Any = float(cleaned)
    except ValueError:
        try:
            value = json.loads(cleaned)
        except (ValueError, RecursionError):
            raise InputError(name, "not_number", text[:30]) from None
    try:
        a = np.array(value, dtype=np.float64)
    except (ValueError, TypeError):
        raise InputError(name, "not_number", text[:30]) from None
    if a.ndim > 2 or a.size > 64:
        raise InputError(name, "not_number", text[:30])
    if not np.all(np.isfinite(a)):
        raise InputError(name, "not_finite")
    return a


def _shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape) if shape else "1"


class BackpropModel(TabModel):
    """The Backprop tab's values and its graph (see the module docstring)."""

    key = "backprop"
    SETTINGS = (
        ChoiceSetting(
            key="preset",
            default="apples_oranges",
            choices=PRESET_CHOICES,
            label=QT_TRANSLATE_NOOP("BackpropTab", "Graph"),
            help=QT_TRANSLATE_NOOP("BackpropTab", "One of the book's graphs, or your own"),
            context=CONTEXT,
            object_name="graphPresetCombo",
        ),
        StrSetting(
            key="expression",
            default="x*y + exp(-x)/y",
            max_length=300,
            allow_empty=False,
            check=_check_expression,
            label=QT_TRANSLATE_NOOP("BackpropTab", "f ="),
            help=QT_TRANSLATE_NOOP(
                "BackpropTab",
                "An expression in any variables: + − * / **, exp, log, sin, cos, tan, sqrt, "
                "abs, tanh, sigmoid, relu (then choose “Your own expression”)",
            ),
            context=CONTEXT,
            object_name="expressionEdit",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        #: edited inputs per graph key ("expression:<text>" for typed ones): name → array
        self._edits: dict[str, dict[str, np.ndarray]] = {}
        self._built_for: tuple[str, str] | None = None
        self._graph: Graph | None = None
        self._stepper: Stepper | None = None
        self.selected: int | None = None
        self.subscribe(self._on_changed)

    # -- the graph -----------------------------------------------------------------------
    def _graph_key(self) -> str:
        preset = self["preset"]
        return f"expression:{self['expression'].strip()}" if preset == "expression" else preset

    def _build(self) -> None:
        key = (self["preset"], self["expression"].strip())
        if self._built_for == key and self._graph is not None:
            return
        if self["preset"] == "expression":
            graph = from_expression(self["expression"])
        else:
            graph = PRESETS[self["preset"]]()
        graph.evaluate()
        for name, value in self._edits.get(self._graph_key(), {}).items():
            # an edit saved for this graph, if it still fits (a project file may be old)
            if name == DOUT and graph.dout is not None and value.shape == graph.dout.shape:
                graph.set_dout(value)
            elif (
                name in graph.inputs and value.shape == graph.nodes[graph.inputs[name]].value.shape
            ):
                graph.set_value(name, value)
        graph.evaluate()
        self._graph, self._stepper = graph, Stepper(graph)
        self._built_for = key
        self.selected = None

    @property
    def graph(self) -> Graph:
        """The evaluated graph now shown."""
        self._build()
        assert self._graph is not None
        return self._graph

    @property
    def stepper(self) -> Stepper:
        """What of the graph is revealed."""
        self._build()
        assert self._stepper is not None
        return self._stepper

    def _on_changed(self, keys: frozenset[str]) -> None:
        if keys & {"preset", "expression", "*"}:
            self._built_for = None

    # -- inputs --------------------------------------------------------------------------
    def input_names(self) -> list[str]:
        """The editable inputs of the shown graph (plus ``DOUT`` when it has a matrix seed)."""
        names = list(self.graph.inputs)
        if self.graph.dout is not None and self.graph.dout.ndim > 0:
            names.append(DOUT)
        return names

    def input_value(self, name: str) -> np.ndarray:
        """The current value of input ``name`` (or of the seed ``DOUT``)."""
        if name == DOUT:
            return self.graph.dout
        return self.graph.nodes[self.graph.inputs[name]].value

    def set_input_text(self, name: str, text: str) -> np.ndarray:
        """Set an input from typed text (same shape as before); re-evaluates the graph,
        keeps the stepping position. ``InputError`` and nothing changes if refused."""
        if name != DOUT and name not in self.graph.inputs:
            raise InputError(name, "unknown")
        value = parse_value(name, text)
        old = self.input_value(name)
        if value.shape != old.shape:
            raise InputError(name, "shape", _shape_text(old.shape))
        graph = self.graph
        if name == DOUT:
            graph.set_dout(value)
        else:
            graph.set_value(name, value)
        try:
            graph.evaluate()
        except GraphError:  # pragma: no cover - shapes are kept, so nothing can misfit
            if name == DOUT:
                graph.set_dout(old)
            else:
                graph.set_value(name, old)
            graph.evaluate()
            raise InputError(name, "shape", _shape_text(old.shape)) from None
        self._edits.setdefault(self._graph_key(), {})[name] = value
        self.touch({"inputs"})
        return value

    # -- stepping ------------------------------------------------------------------------
    def _stepped(self) -> None:
        self.selected = None
        self._notify(frozenset({"steps"}))

    def step_forward(self) -> int | None:
        """Reveal the next node's value."""
        node = self.stepper.step_forward()
        self._stepped()
        return node

    def step_backward(self) -> int | None:
        """Reveal the derivatives the next node sends back (forward pass complete)."""
        node = self.stepper.step_backward()
        self._stepped()
        return node

    def run_all(self) -> None:
        """Reveal every value and derivative."""
        self.stepper.run_all()
        self._stepped()

    def reset_steps(self) -> None:
        """Hide everything again."""
        self.stepper.reset()
        self._stepped()

    def select(self, node: int | None) -> None:
        """Show node ``node``'s rule (a click on it)."""
        self.selected = node
        self._notify(frozenset({"steps"}))

    @property
    def focus(self) -> int | None:
        """The node whose rule is shown: the clicked one, else the last stepped one."""
        return self.selected if self.selected is not None else self.stepper.current

    # -- checks and export -----------------------------------------------------------------
    def input_checks(self) -> list[Check]:
        """Each input's derivative by backprop and by central differences."""
        return check_inputs(self.graph)

    def node_checks(self, node: int) -> list[Check]:
        """What ``node`` sends back, against central differences of its own operation."""
        return check_node(self.graph, node)

    def export_code(self, title: str = "") -> str:
        """A NumPy script reproducing the shown graph's numbers."""
        return export_script(self.graph, title)

    # -- persistence -----------------------------------------------------------------------
    def extra_state(self) -> dict[str, Any]:
        return {
            "inputs": {
                key: {name: np.asarray(v).tolist() for name, v in values.items()}
                for key, values in self._edits.items()
            }
        }

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        raw = state.get("inputs", {})
        if not isinstance(raw, Mapping):
            raise ValueError("backprop inputs must be an object")
        out: dict[str, dict[str, np.ndarray]] = {}
        for key, values in raw.items():
            if not isinstance(values, Mapping) or not isinstance(key, str):
                raise ValueError("backprop inputs must map graphs to values")
            out[key] = {}
            for name, value in values.items():
                try:
                    a = np.array(value, dtype=np.float64)
                except (TypeError, ValueError):
                    raise ValueError(f"backprop input {name!r} is not a number") from None
                if a.ndim > 2 or a.size > 64 or not np.all(np.isfinite(a)):
                    raise ValueError(f"backprop input {name!r} is not usable")
                out[key][str(name)] = a
        return out

    def commit_extra(self, prepared: Any) -> None:
        self._edits = prepared
        self._built_for = None
