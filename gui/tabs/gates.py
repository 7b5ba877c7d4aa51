"""The Gates tab (book ch. 2): a truth-table editor for perceptron gates.

Pick a gate or edit the targets; set w and b with spin boxes, sliders or by dragging the
decision line; see every row's w·x + b, output and ✓/✗. "Learn" animates the perceptron
rule in a worker; a table that is not linearly separable (exact test) is explained and
solved by a two-layer perceptron, with its hidden space drawn.

Every edit of the table or the weights is an undo command holding the state before and
after (``_Core``); slider and line drags merge into one command per drag.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractItemModel, Qt, QThread, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine.perceptron import (
    LearnRecord,
    Perceptron,
    TwoLayerPerceptron,
    compose_two_layer,
    is_linearly_separable,
    learn,
    separating_weights,
    table_inputs,
)
from gui.tabs.base import LabTab
from gui.tabs.gates_model import TruthTableModel, TruthTableView, format_sum
from gui.tabs.gates_plot import BoundaryPlot
from gui.widgets import notify

__all__ = ["GatesTab", "PRESETS", "preset_table", "paced"]

#: Preset keys in combo order; "custom" keeps the table being edited.
PRESETS = ("and", "or", "or_notes", "nand", "nor", "xor", "xnor", "custom")

#: Weights per preset for 2 and 3 inputs: the book's AND, NAND, OR (§2.3.3), the study
#: notes' OR with b = 0, NOR as negated OR; XOR and XNOR start from OR's and AND's
#: weights (one perceptron cannot do them).
_PRESET_WEIGHTS = {
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
WEIGHT_LIMIT = 10.0
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
class _Core:
    """What an undoable edit changes."""

    preset: str
    targets: tuple[int, ...]
    w: tuple[float, ...]
    b: float

    @property
    def n(self) -> int:
        return len(self.w)


@dataclass
class _Run:
    start: _Core
    separable: bool
    max_epochs: int
    last: LearnRecord | None = None
    stopped: bool = False
    history: list[int] = field(default_factory=list)


class _EditCommand(QUndoCommand):
    """One undoable edit: the core before and after; drags merge by ``session``."""

    def __init__(self, tab: GatesTab, before: _Core, after: _Core, text: str, session=None):
        super().__init__(text)
        self.tab, self.before, self.after, self.session = tab, before, after, session

    def id(self) -> int:
        return 1 if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, _EditCommand) and other.session == self.session:
            self.after = other.after
            return True
        return False

    def redo(self) -> None:
        self.tab._apply_core(self.after)

    def undo(self) -> None:
        self.tab._apply_core(self.before)


class GatesTab(LabTab):
    """Gates: truth tables, one perceptron's line, the perceptron rule, two layers for XOR."""

    lesson_key = "gates"
    object_name = "gatesTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = _Core("and", tuple(preset_table("and", 2)), (0.5, 0.5), -0.7)
        self._syncing = False
        self._session = 0
        self._drag_session: int | None = None
        self._run: _Run | None = None
        self._two_layer: TwoLayerPerceptron | None = None
        self._separable = True
        self.undo_stack = QUndoStack(self)
        self.controller = self.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_learn_finished)
        self.controller.failed.connect(self._on_learn_failed)
        self._build()
        self._update_separability()
        self._apply_core(self._core)
        self.finish_setup()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, self.content)
        outer.addWidget(split)
        left = QWidget(split)
        right = QWidget(split)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 4, 0)

        top = QHBoxLayout()
        self.preset_label = QLabel(left)
        self.preset_combo = QComboBox(left)
        self.preset_combo.setObjectName("gatePresetCombo")
        for key in PRESETS:
            self.preset_combo.addItem("", key)
        self.preset_label.setBuddy(self.preset_combo)
        self.inputs_label = QLabel(left)
        self.inputs_combo = QComboBox(left)
        self.inputs_combo.setObjectName("inputsCombo")
        self.inputs_combo.addItem("2", 2)
        self.inputs_combo.addItem("3", 3)
        self.inputs_label.setBuddy(self.inputs_combo)
        top.addWidget(self.preset_label)
        top.addWidget(self.preset_combo, 1)
        top.addSpacing(12)
        top.addWidget(self.inputs_label)
        top.addWidget(self.inputs_combo)
        lv.addLayout(top)

        self.model = TruthTableModel(self)
        self.table = TruthTableView(left)
        self.table.setObjectName("truthTable")
        self.table.setModel(self.model)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        lv.addWidget(self.table, 3)
        self.separability_label = QLabel(left)
        self.separability_label.setObjectName("separabilityLabel")
        self.separability_label.setWordWrap(True)
        lv.addWidget(self.separability_label)
        self.message_label = QLabel(left)
        self.message_label.setObjectName("gatesMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #c62828;")
        lv.addWidget(self.message_label)

        self.weights_group = QGroupBox(left)
        grid = QGridLayout(self.weights_group)
        self.weight_labels: list[QLabel] = []
        self.weight_spins: list[QDoubleSpinBox] = []
        self.weight_sliders: list[QSlider] = []
        for i, name in enumerate(["w1", "w2", "w3", "b"]):
            label = QLabel(name, self.weights_group)
            spin = QDoubleSpinBox(self.weights_group)
            spin.setObjectName(f"{name}Spin")
            spin.setRange(-WEIGHT_LIMIT, WEIGHT_LIMIT)
            spin.setDecimals(3)
            spin.setSingleStep(0.1)
            spin.setKeyboardTracking(False)
            spin.setAccelerated(True)
            slider = QSlider(Qt.Orientation.Horizontal, self.weights_group)
            slider.setObjectName(f"{name}Slider")
            limit = int(SLIDER_LIMIT * SLIDER_SCALE)
            slider.setRange(-limit, limit)
            slider.setSingleStep(5)
            slider.setPageStep(50)
            label.setBuddy(spin)
            grid.addWidget(label, i, 0)
            grid.addWidget(spin, i, 1)
            grid.addWidget(slider, i, 2)
            spin.valueChanged.connect(partial(self._on_spin_changed, i))
            slider.valueChanged.connect(partial(self._on_slider_changed, i))
            slider.sliderPressed.connect(self._on_slider_pressed)
            slider.sliderReleased.connect(self._on_slider_released)
            self.weight_labels.append(label)
            self.weight_spins.append(spin)
            self.weight_sliders.append(slider)
        grid.setColumnStretch(2, 1)
        lv.addWidget(self.weights_group)

        self.learn_group = QGroupBox(left)
        form = QFormLayout(self.learn_group)
        self.lr_spin = QDoubleSpinBox(self.learn_group)
        self.lr_spin.setObjectName("learningRateSpin")
        self.lr_spin.setRange(0.001, 10.0)
        self.lr_spin.setDecimals(3)
        self.lr_spin.setSingleStep(0.05)
        self.lr_spin.setValue(0.1)
        self.epochs_spin = QSpinBox(self.learn_group)
        self.epochs_spin.setObjectName("maxEpochsSpin")
        self.epochs_spin.setRange(1, 10000)
        self.epochs_spin.setValue(100)
        self.speed_combo = QComboBox(self.learn_group)
        self.speed_combo.setObjectName("speedCombo")
        for _ in SPEEDS:
            self.speed_combo.addItem("")
        self.speed_combo.setCurrentIndex(1)
        self.from_current_check = QCheckBox(self.learn_group)
        self.from_current_check.setObjectName("fromCurrentCheck")
        self.learn_button = QPushButton(self.learn_group)
        self.learn_button.setObjectName("learnButton")
        self.learn_button.clicked.connect(self._on_learn_clicked)
        self.learn_status = QLabel(self.learn_group)
        self.learn_status.setObjectName("learnStatus")
        self.learn_status.setWordWrap(True)
        self.lr_label, self.epochs_label, self.speed_label = (
            QLabel(self.learn_group) for _ in range(3)
        )
        form.addRow(self.lr_label, self.lr_spin)
        form.addRow(self.epochs_label, self.epochs_spin)
        form.addRow(self.speed_label, self.speed_combo)
        form.addRow(self.from_current_check)
        form.addRow(self.learn_button)
        form.addRow(self.learn_status)
        lv.addWidget(self.learn_group)

        rv = QVBoxLayout(right)
        rv.setContentsMargins(4, 0, 0, 0)
        self.plot = BoundaryPlot(right)
        self.plot.setObjectName("boundaryPlot")
        self.plot.setMinimumSize(260, 240)
        rv.addWidget(self.plot, 3)
        slice_row = QHBoxLayout()
        self.slice_label = QLabel(right)
        self.slice_combo = QComboBox(right)
        self.slice_combo.setObjectName("sliceCombo")
        self.slice_combo.addItem("x3 = 0", 0)
        self.slice_combo.addItem("x3 = 1", 1)
        self.slice_label.setBuddy(self.slice_combo)
        slice_row.addWidget(self.slice_label)
        slice_row.addWidget(self.slice_combo)
        slice_row.addStretch(1)
        rv.addLayout(slice_row)
        self.plot_note = QLabel(right)
        self.plot_note.setObjectName("plotNote")
        self.plot_note.setWordWrap(True)
        rv.addWidget(self.plot_note)

        self.two_layer_group = QGroupBox(right)
        self.two_layer_group.setObjectName("twoLayerGroup")
        tv = QVBoxLayout(self.two_layer_group)
        self.two_layer_label = QLabel(self.two_layer_group)
        self.two_layer_label.setObjectName("twoLayerLabel")
        self.two_layer_label.setWordWrap(True)
        self.two_layer_label.setTextFormat(Qt.TextFormat.RichText)
        tv.addWidget(self.two_layer_label)
        self.hidden_plot = BoundaryPlot(self.two_layer_group, draggable=False)
        self.hidden_plot.setObjectName("hiddenPlot")
        self.hidden_plot.setMinimumSize(220, 200)
        tv.addWidget(self.hidden_plot, 1)
        self.hidden_note = QLabel(self.two_layer_group)
        self.hidden_note.setWordWrap(True)
        tv.addWidget(self.hidden_note)
        self.send_button = QPushButton(self.two_layer_group)
        self.send_button.setObjectName("sendNetworkButton")
        self.send_button.clicked.connect(self._on_send_clicked)
        tv.addWidget(self.send_button)
        rv.addWidget(self.two_layer_group, 3)
        rv.addStretch(0)

        # signals
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.inputs_combo.activated.connect(self._on_inputs_chosen)
        self.slice_combo.currentIndexChanged.connect(self._on_slice_changed)
        self.model.target_edit_requested.connect(self._on_set_target)
        self.model.rejected.connect(self._on_rejected)
        self.table.toggle_requested.connect(self._on_toggle_target)
        self.table.set_requested.connect(self._on_set_target)
        self.table.rejected.connect(self._on_rejected)
        self.plot.drag_started.connect(self._on_line_drag_started)
        self.plot.line_dragged.connect(self._on_line_dragged)
        self.plot.drag_finished.connect(self._on_line_drag_finished)

        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = []
        for keys, slot in (
            ("Ctrl+Z", self.undo_stack.undo),
            ("Ctrl+Shift+Z", self.undo_stack.redo),
            ("Ctrl+Y", self.undo_stack.redo),
            ("L", self._on_learn_clicked),
            ("Ctrl+Return", self._on_learn_clicked),
            ("Ctrl+Enter", self._on_learn_clicked),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, context=ctx)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # -- text --------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Gates")

    def retranslate_ui(self) -> None:
        names = {
            "and": "AND",
            "or": self.tr("OR (book, b = −0.2)"),
            "or_notes": self.tr("OR (notes, b = 0)"),
            "nand": "NAND",
            "nor": "NOR",
            "xor": "XOR",
            "xnor": "XNOR",
            "custom": self.tr("Custom"),
        }
        for i, key in enumerate(PRESETS):
            self.preset_combo.setItemText(i, names[key])
        self.preset_combo.setToolTip(
            self.tr(
                "A gate's truth table and a perceptron for it. With 3 inputs XOR is odd "
                "parity and XNOR even parity. Editing a target makes the table Custom."
            )
        )
        self.preset_label.setText(self.tr("&Gate:"))
        self.inputs_label.setText(self.tr("&Inputs:"))
        self.inputs_combo.setToolTip(self.tr("Number of inputs x1, x2 (, x3)"))
        self.table.setToolTip(
            self.tr(
                "Click a target (t) or press Space to flip it, type 0 or 1 to set it. "
                "Ctrl+Z undoes."
            )
        )
        self.weights_group.setTitle(self.tr("Weights and bias"))
        for i, spin in enumerate(self.weight_spins):
            if i < 3:
                tip = self.tr("Weight w%1 of input x%1").replace("%1", str(i + 1))
            else:
                tip = self.tr("Bias b: how easily the neuron fires (book §2.3.2)")
            spin.setToolTip(tip)
            self.weight_sliders[i].setToolTip(tip)
        self.learn_group.setTitle(self.tr("Learn with the perceptron rule"))
        self.lr_label.setText(self.tr("Learning &rate:"))
        self.lr_label.setBuddy(self.lr_spin)
        self.epochs_label.setText(self.tr("&Max epochs:"))
        self.epochs_label.setBuddy(self.epochs_spin)
        self.speed_label.setText(self.tr("&Speed:"))
        self.speed_label.setBuddy(self.speed_combo)
        for i, text in enumerate(
            [self.tr("Slow"), self.tr("Normal"), self.tr("Fast"), self.tr("Instant")]
        ):
            self.speed_combo.setItemText(i, text)
        self.from_current_check.setText(self.tr("Start from the current w and b"))
        self.from_current_check.setToolTip(
            self.tr("Unchecked, learning starts from w = 0 and b = 0.")
        )
        self.lr_spin.setToolTip(
            self.tr("Each wrong row moves w by lr·(t − y)·x and b by lr·(t − y)")
        )
        self.epochs_spin.setToolTip(self.tr("An epoch is one pass over every row"))
        self._update_learn_button()
        self.learn_button.setToolTip(self.tr("Run the perceptron rule epoch by epoch (L)"))
        self.slice_label.setText(self.tr("Plot &slice:"))
        self.slice_combo.setToolTip(self.tr("Which half of the 3-input cube the plot shows"))
        self.plot.set_axis_names("x1", "x2")
        self.hidden_plot.set_axis_names("s1", "s2")
        self.two_layer_group.setTitle(self.tr("Two-layer solution"))
        self.send_button.setText(self.tr("Send to the &Network tab"))
        self.send_button.setToolTip(
            self.tr("Show this two-layer perceptron on the Network tab (step activations)")
        )
        self._refresh_texts()

    def _update_learn_button(self) -> None:
        running = self.controller.is_active()
        self.learn_button.setText(self.tr("Stop") if running else self.tr("&Learn"))

    # -- state -------------------------------------------------------------------------
    def _inputs(self) -> np.ndarray:
        return table_inputs(self._core.n)

    def _targets(self) -> np.ndarray:
        return np.array(self._core.targets, dtype=np.int64)

    def perceptron(self) -> Perceptron:
        """The perceptron the tab shows."""
        return Perceptron(self._core.w, self._core.b)

    def two_layer(self) -> TwoLayerPerceptron | None:
        """The composed two-layer perceptron, when the table is not linearly separable."""
        return self._two_layer

    def _apply_core(self, core: _Core) -> None:
        """Show ``core`` everywhere (no undo entry: commands and runs call this)."""
        table_changed = core.targets != self._core.targets or core.n != self._core.n
        self._core = core
        self._syncing = True
        try:
            index = PRESETS.index(core.preset)
            if self.preset_combo.currentIndex() != index:
                self.preset_combo.setCurrentIndex(index)
            self.inputs_combo.setCurrentIndex(core.n - 2)
            values = list(core.w) + ([0.0] if core.n == 2 else []) + [core.b]
            for i, value in enumerate(values):
                self.weight_spins[i].setValue(value)
                self.weight_sliders[i].setValue(
                    int(round(max(-SLIDER_LIMIT, min(SLIDER_LIMIT, value)) * SLIDER_SCALE))
                )
            for widget in (self.weight_labels[2], self.weight_spins[2], self.weight_sliders[2]):
                widget.setVisible(core.n == 3)
            self.slice_label.setVisible(core.n == 3)
            self.slice_combo.setVisible(core.n == 3)
        finally:
            self._syncing = False
        self.model.set_table(self._targets(), np.array(core.w), core.b)
        if table_changed:
            self._update_separability()
        self._update_plot()
        self._refresh_texts()

    def _update_separability(self) -> None:
        x, t = self._inputs(), self._targets()
        self._separable = is_linearly_separable(x, t)
        self._two_layer = None if self._separable else compose_two_layer(x, t)
        self.two_layer_group.setVisible(not self._separable)
        if self._two_layer is not None:
            net = self._two_layer
            s = net.hidden_outputs(x)
            if s.shape[1] == 2:
                self.hidden_plot.set_points(s, t, np.asarray(net.output(s)))
                self.hidden_plot.set_boundary(net.output.w, net.output.b)
            self.hidden_plot.setVisible(s.shape[1] == 2)

    def _update_plot(self) -> None:
        core = self._core
        x, t = self._inputs(), self._targets()
        w = np.array(core.w)
        y = (x @ w + core.b > 0).astype(np.int64)
        if core.n == 2:
            self.plot.set_points(x, t, y)
            self.plot.set_boundary(w, core.b)
        else:
            x3 = self.slice_combo.currentData()
            rows = x[:, 2] == x3
            self.plot.set_points(x[rows, :2], t[rows], y[rows])
            self.plot.set_boundary(w[:2], core.b + w[2] * x3)

    def _refresh_texts(self) -> None:
        """The sentences that depend on the state (called on edits and language changes)."""
        core = self._core
        if core.n == 2:
            self.plot_note.setText(
                self.tr(
                    "The line w1·x1 + w2·x2 + b = 0; the shaded side is y = 1. Drag the line "
                    "to move it, drag an end to turn it."
                )
            )
        else:
            x3 = self.slice_combo.currentData()
            self.plot_note.setText(
                self.tr(
                    "3 inputs: the boundary is the plane w1·x1 + w2·x2 + w3·x3 + b = 0. The "
                    "plot shows the slice x3 = %1, where the plane is the line "
                    "w1·x1 + w2·x2 + (b + w3·%1) = 0; the other 4 rows are in the other slice."
                ).replace("%1", str(x3))
            )
        if self._separable:
            p = separating_weights(self._inputs(), self._targets())
            example = ""
            if p is not None:
                example = (
                    self.tr(" (for example w = (%1), b = %2)")
                    .replace("%1", ", ".join(format_sum(v) for v in p.w))
                    .replace("%2", format_sum(p.b))
                )
            self.separability_label.setText(
                self.tr("✓ Linearly separable: one perceptron can produce this table%1.").replace(
                    "%1", example
                )
            )
            self.separability_label.setStyleSheet("color: #1b7f3b;")
        else:
            what = self.tr("line") if core.n == 2 else self.tr("plane")
            self.separability_label.setText(
                self.tr(
                    "✗ Not linearly separable: no single %1 puts every 1 on one side and every "
                    "0 on the other, so no w and b make one perceptron produce this table "
                    "(checked exactly, not by trying to learn). Two layers can: see the "
                    "two-layer solution."
                ).replace("%1", what)
            )
            self.separability_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self._describe_two_layer()
        if self._run is None and not self.learn_status.text():
            self.learn_status.setText(self._default_learn_hint())

    def _default_learn_hint(self) -> str:
        return self.tr("Press Learn (L) to let the perceptron rule find w and b.")

    def _gate_name(self, p: Perceptron) -> str:
        if p.n_inputs == 1:
            return ""
        x = table_inputs(p.n_inputs)
        y = tuple(int(v) for v in p(x))
        for key in ("and", "or", "nand", "nor"):
            if tuple(preset_table(key, p.n_inputs)) == y:
                return key.upper()
        return ""

    def _describe_two_layer(self) -> None:
        net = self._two_layer
        if net is None:
            self.two_layer_label.setText("")
            return
        lines = [self.tr("<b>Hidden layer</b> (each unit is a perceptron on x):")]
        for i, h in enumerate(net.hidden):
            name = self._gate_name(h)
            name = f" = {name}(x)" if name else ""
            w = ", ".join(format_sum(v) for v in h.w)
            lines.append(f"&nbsp;&nbsp;s{i + 1}{name}: w = ({w}), b = {format_sum(h.b)}")
        name = self._gate_name(net.output)
        k = len(net.hidden)
        args = ", ".join(f"s{i + 1}" for i in range(k))
        name = f" = {name}({args})" if name else ""
        w = ", ".join(format_sum(v) for v in net.output.w)
        lines.append(self.tr("<b>Output</b> (a perceptron on s):"))
        lines.append(f"&nbsp;&nbsp;y{name}: w = ({w}), b = {format_sum(net.output.b)}")
        x = self._inputs()
        s = net.hidden_outputs(x)
        y = np.asarray(net(x))
        rows = "".join(
            f"<tr><td>{''.join(map(str, xi))}</td><td>{''.join(map(str, si))}</td>"
            f"<td>{yi}</td></tr>"
            for xi, si, yi in zip(x, s, y, strict=True)
        )
        head = self.tr("<tr><th>x</th><th>s</th><th>y</th></tr>")
        lines.append(f"<table cellspacing='0' cellpadding='2'>{head}{rows}</table>")
        self.two_layer_label.setText("<br>".join(lines[:-1]) + lines[-1])
        if k == 2:
            self.hidden_note.setText(
                self.tr(
                    "Hidden space (s1, s2): the rows land on corners where one line, the "
                    "output unit's, separates them."
                )
            )
        else:
            self.hidden_note.setText(
                self.tr(
                    "%1 hidden units, one per row of the rarer target: the hidden space has "
                    "%1 dimensions and is not drawn."
                ).replace("%1", str(k))
            )

    # -- edits -------------------------------------------------------------------------
    def _push(self, after: _Core, text: str, session=None) -> None:
        if after == self._core:
            return
        self._stop_run()
        self.message_label.clear()
        self.undo_stack.push(_EditCommand(self, self._core, after, text, session))

    def _with_targets(self, targets: np.ndarray) -> _Core:
        core = self._core
        targets_t = tuple(int(v) for v in targets)
        preset = core.preset
        if preset != "custom" and tuple(preset_table(preset, core.n)) != targets_t:
            preset = "custom"
        return replace(core, targets=targets_t, preset=preset)

    @Slot(int)
    def _on_toggle_target(self, row: int) -> None:
        t = self._targets()
        t[row] = 1 - t[row]
        self._push(
            self._with_targets(t), self.tr("Flip target of row %1").replace("%1", str(row + 1))
        )

    @Slot(int, int)
    def _on_set_target(self, row: int, value: int) -> None:
        t = self._targets()
        t[row] = value
        self._push(
            self._with_targets(t), self.tr("Set target of row %1").replace("%1", str(row + 1))
        )

    @Slot(str)
    def _on_rejected(self, message: str) -> None:
        self.message_label.setText(message)
        notify(self, message)

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        key = PRESETS[index]
        if key == "custom":
            self._push(replace(self._core, preset="custom"), self.tr("Custom table"))
            return
        n = self._core.n
        w, b = _PRESET_WEIGHTS[n][key]
        after = _Core(key, tuple(int(v) for v in preset_table(key, n)), tuple(w), b)
        self._push(after, self.tr("Choose %1").replace("%1", self.preset_combo.itemText(index)))

    @Slot(int)
    def _on_inputs_chosen(self, index: int) -> None:
        n = int(self.inputs_combo.itemData(index))
        core = self._core
        if n == core.n:
            return
        if core.preset != "custom":
            w, b = _PRESET_WEIGHTS[n][core.preset]
            targets = tuple(int(v) for v in preset_table(core.preset, n))
        elif n == 3:  # a 2-input table that ignores x3
            w, b = (*core.w, 0.0), core.b
            targets = tuple(v for v in core.targets for _ in range(2))
        else:  # keep the slice x3 = 0
            w, b = core.w[:2], core.b
            targets = core.targets[::2]
        after = _Core(core.preset, targets, tuple(w), b)
        self._push(after, self.tr("%1 inputs").replace("%1", str(n)))

    def _set_param(self, i: int, value: float, session=None) -> None:
        core = self._core
        w = list(core.w)
        b = core.b
        if i == 3:
            b = value
        elif i < core.n:
            w[i] = value
        else:
            return
        name = ["w1", "w2", "w3", "b"][i]
        self._push(
            replace(core, w=tuple(w), b=b),
            self.tr("Set %1 = %2").replace("%1", name).replace("%2", format_sum(value)),
            session,
        )

    def _on_spin_changed(self, i: int, value: float) -> None:
        if not self._syncing:
            self._set_param(i, float(value))

    def _on_slider_pressed(self) -> None:
        self._session += 1
        self._drag_session = self._session

    def _on_slider_released(self) -> None:
        self._drag_session = None

    def _on_slider_changed(self, i: int, value: int) -> None:
        if not self._syncing:
            self._set_param(i, value / SLIDER_SCALE, self._drag_session)

    @Slot()
    def _on_line_drag_started(self) -> None:
        self._session += 1
        self._drag_session = self._session

    @Slot(object, float)
    def _on_line_dragged(self, w2: np.ndarray, b: float) -> None:
        core = self._core
        w = [float(v) for v in w2]
        if core.n == 3:
            x3 = self.slice_combo.currentData()
            w.append(core.w[2])
            b = b - core.w[2] * x3
        b = max(-WEIGHT_LIMIT, min(WEIGHT_LIMIT, float(b)))
        w = [max(-WEIGHT_LIMIT, min(WEIGHT_LIMIT, v)) for v in w]
        self._push(
            replace(core, w=tuple(w), b=b), self.tr("Drag the line"), self._drag_session or -1
        )

    @Slot()
    def _on_line_drag_finished(self) -> None:
        self._drag_session = None
        self._update_plot()

    @Slot(int)
    def _on_slice_changed(self, _index: int) -> None:
        self._update_plot()
        self._refresh_texts()

    # -- learning ----------------------------------------------------------------------
    def _speed_delay(self) -> float:
        return SPEEDS[max(0, self.speed_combo.currentIndex())]

    @Slot()
    def _on_learn_clicked(self) -> None:
        if self.controller.is_active():
            self._stop_run()
            return
        core = self._core
        x, t = self._inputs(), self._targets()
        w0 = list(core.w) if self.from_current_check.isChecked() else None
        b0 = core.b if self.from_current_check.isChecked() else 0.0
        epochs = self.epochs_spin.value()
        self._run = _Run(core, is_linearly_separable(x, t), epochs)
        self.message_label.clear()
        if not self._run.separable:
            self.learn_status.setText(
                self.tr(
                    "This table is not linearly separable: the rule will run for %1 epochs "
                    "and never get every row right. Watch it go round in circles."
                ).replace("%1", str(epochs))
            )
        else:
            self.learn_status.setText(self.tr("Learning…"))
        factory = partial(paced, x, t, self.lr_spin.value(), epochs, w0, b0, self._speed_delay())
        self.controller.start(factory)
        self._update_learn_button()

    def _stop_run(self) -> None:
        if self._run is not None and self.controller.is_active():
            self._run.stopped = True
            self.controller.stop()

    def is_learning(self) -> bool:
        return self.controller.is_active()

    @Slot(object)
    def _on_records(self, batch: list[LearnRecord]) -> None:
        run = self._run
        if run is None or not batch:
            return
        rec = batch[-1]
        run.last = rec
        run.history.extend(r.errors for r in batch)
        self._apply_core(replace(self._core, w=tuple(float(v) for v in rec.weights), b=rec.bias))
        self.learn_status.setText(
            self.tr("Epoch %1 of at most %2: %3 row(s) wrong")
            .replace("%1", str(rec.epoch))
            .replace("%2", str(run.max_epochs))
            .replace("%3", str(rec.errors))
        )

    @Slot(str)
    def _on_learn_failed(self, message: str) -> None:
        self.learn_status.setText(self.tr("Learning failed: %1").replace("%1", message))

    @Slot(bool)
    def _on_learn_finished(self, completed: bool) -> None:
        run, self._run = self._run, None
        self._update_learn_button()
        if run is None:
            return
        end = self._core
        if end != run.start:
            # one undo entry for the whole run; redo re-applies the end state
            self.undo_stack.push(_EditCommand(self, run.start, end, self.tr("Learn")))
        rec = run.last
        if rec is None:
            self.learn_status.setText(self._default_learn_hint())
            return
        w = ", ".join(format_sum(v) for v in rec.weights)
        if rec.converged:
            text = (
                self.tr("Learned in %1 epoch(s): every row is right with w = (%2), b = %3.")
                .replace("%1", str(rec.epoch))
                .replace("%2", w)
                .replace("%3", format_sum(rec.bias))
            )
        elif not run.separable and completed:
            text = (
                self.tr(
                    "After %1 epochs %2 row(s) are still wrong, and always will be: this "
                    "table is not linearly separable. No single line (plane) w·x + b = 0 "
                    "puts the 1s on one side and the 0s on the other. Two layers do it: "
                    "see the two-layer solution."
                )
                .replace("%1", str(rec.epoch))
                .replace("%2", str(rec.errors))
            )
        elif run.stopped or not completed:
            text = (
                self.tr("Stopped at epoch %1: %2 row(s) wrong.")
                .replace("%1", str(rec.epoch))
                .replace("%2", str(rec.errors))
            )
        else:
            text = (
                self.tr(
                    "Not learned within %1 epochs (%2 row(s) wrong), although the table is "
                    "linearly separable: allow more epochs or change the learning rate."
                )
                .replace("%1", str(rec.epoch))
                .replace("%2", str(rec.errors))
            )
        self.learn_status.setText(text)

    # -- network -----------------------------------------------------------------------
    def _network_description(self) -> str:
        net = self._two_layer
        assert net is not None
        names = [self._gate_name(h) or f"s{i + 1}" for i, h in enumerate(net.hidden)]
        out = self._gate_name(net.output) or "y"
        preset = self.preset_combo.currentText()
        return (
            self.tr("%1 as a two-layer perceptron from the Gates tab: hidden %2, output %3")
            .replace("%1", preset)
            .replace("%2", ", ".join(names))
            .replace("%3", out)
        )

    @Slot()
    def _on_send_clicked(self) -> None:
        if self._two_layer is None:
            return
        self.send_network.emit(self._two_layer.to_network(), self._network_description())

    # -- LabTab hooks ------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        core = self._core
        return {
            "preset": core.preset,
            "n_inputs": core.n,
            "targets": list(core.targets),
            "w": list(core.w),
            "b": core.b,
            "learning_rate": self.lr_spin.value(),
            "max_epochs": self.epochs_spin.value(),
            "speed": self.speed_combo.currentIndex(),
            "start_from_current": self.from_current_check.isChecked(),
            "slice": self.slice_combo.currentIndex(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        if not isinstance(state, dict):
            raise ValueError("the Gates state must be a mapping")
        try:
            n = int(state.get("n_inputs", 2))
            if n not in (2, 3):
                raise ValueError("n_inputs must be 2 or 3")
            preset = str(state.get("preset", "custom"))
            if preset not in PRESETS:
                raise ValueError(f"unknown preset {preset!r}")
            targets = tuple(int(v) for v in state["targets"])
            if len(targets) != 2**n or any(v not in (0, 1) for v in state["targets"]):
                raise ValueError("targets must be 2^n values of 0 or 1")
            w = tuple(float(v) for v in state["w"])
            b = float(state["b"])
            if len(w) != n:
                raise ValueError("w must have one weight per input")
            if not all(math.isfinite(v) and abs(v) <= WEIGHT_LIMIT for v in (*w, b)):
                raise ValueError(f"w and b must be finite and within ±{WEIGHT_LIMIT:g}")
            lr = float(state.get("learning_rate", 0.1))
            epochs = int(state.get("max_epochs", 100))
            speed = int(state.get("speed", 1))
            slice_ = int(state.get("slice", 0))
            if not (0.001 <= lr <= 10 and 1 <= epochs <= 10000):
                raise ValueError("learning rate or max epochs out of range")
            if speed not in range(len(SPEEDS)) or slice_ not in (0, 1):
                raise ValueError("speed or slice out of range")
        except (KeyError, TypeError) as exc:
            raise ValueError(f"unusable Gates state: {exc}") from exc
        if preset != "custom" and tuple(preset_table(preset, n)) != targets:
            preset = "custom"
        self._stop_run()
        self.lr_spin.setValue(lr)
        self.epochs_spin.setValue(epochs)
        self.speed_combo.setCurrentIndex(speed)
        self.from_current_check.setChecked(bool(state.get("start_from_current", False)))
        self.slice_combo.setCurrentIndex(slice_)
        self._apply_core(_Core(preset, targets, w, b))
        self.undo_stack.clear()
        self.learn_status.setText(self._default_learn_hint())

    def export_code(self) -> str:
        core = self._core
        x = self._inputs().tolist()
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
        net = self._two_layer
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

    def plot_widgets(self) -> dict[str, QWidget]:
        return {"boundary": self.plot, "hidden_space": self.hidden_plot}

    def table_models(self) -> dict[str, QAbstractItemModel]:
        return {"truth_table": self.model}

    def smoke_test(self) -> None:
        saved = self.state()
        try:
            self.preset_combo.setCurrentIndex(PRESETS.index("xor"))
            self._on_preset_chosen(PRESETS.index("xor"))
            net = self._two_layer
            if self._separable or net is None:
                raise RuntimeError("XOR was not reported as not linearly separable")
            if not np.array_equal(net(self._inputs()), self._targets()):
                raise RuntimeError("the two-layer XOR is wrong")
            self._on_preset_chosen(PRESETS.index("and"))
            records = list(learn(self._inputs(), self._targets()))
            last = records[-1] if records else None
            if last is None or not last.converged:
                raise RuntimeError("the perceptron rule did not learn AND")
            self._apply_core(replace(self._core, w=tuple(last.weights), b=last.bias))
            if not np.array_equal(self.model.outputs(), self._targets()):
                raise RuntimeError("the table does not show the learned AND")
        finally:
            self.set_state(saved)
