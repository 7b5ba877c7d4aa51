"""The Gates tab (book ch. 2): a truth-table editor for perceptron gates.

Pick a gate or edit the targets; set w and b with spin boxes, sliders or by dragging the
decision line; see every row's w·x + b, output and ✓/✗. "Learn" animates the perceptron
rule in a worker; a table that is not linearly separable (exact test) is explained and
solved by a two-layer perceptron, with its hidden space drawn.

Every edit of the table or the weights is an undo command holding the state before and
after (``Core``); slider and line drags merge into one command per drag.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractItemModel, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

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
from gui.tabs.gates_logic import (
    PRESET_WEIGHTS,
    PRESETS,
    SLIDER_LIMIT,
    SLIDER_SCALE,
    SPEEDS,
    WEIGHT_LIMIT,
    Core,
    export_script,
    paced,
    parse_state,
    preset_table,
)
from gui.tabs.gates_model import format_sum
from gui.tabs.gates_ui import build_hidden_plot, build_ui
from gui.text import tr_fmt
from gui.widgets import notify

__all__ = ["GatesTab"]


@dataclass
class _Run:
    start: Core
    separable: bool
    max_epochs: int
    last: LearnRecord | None = None
    stopped: bool = False


class _EditCommand(QUndoCommand):
    """One undoable edit: the core before and after; drags merge by ``session``."""

    def __init__(self, tab: GatesTab, before: Core, after: Core, text: str, session=None):
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
        self._core = Core("and", tuple(preset_table("and", 2)), (0.5, 0.5), -0.7)
        self._syncing = False
        self._session = 0
        self._drag_session: int | None = None
        self._run: _Run | None = None
        self._two_layer: TwoLayerPerceptron | None = None
        self._separable = True
        self._hidden_plot = None  # built on first need: see hidden_plot
        self._status: tuple[str, dict[str, Any]] = ("hint", {})
        self.undo_stack = QUndoStack(self)
        self.controller = self.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_learn_finished)
        self.controller.failed.connect(self._on_learn_failed)
        build_ui(self)
        self._connect()
        self._update_separability()
        self._apply_core(self._core)
        self.finish_setup()

    # -- construction ------------------------------------------------------------------
    def _connect(self) -> None:
        for i, (spin, slider) in enumerate(
            zip(self.weight_spins, self.weight_sliders, strict=True)
        ):
            spin.valueChanged.connect(partial(self._on_spin_changed, i))
            slider.valueChanged.connect(partial(self._on_slider_changed, i))
            slider.sliderPressed.connect(self._on_slider_pressed)
            slider.sliderReleased.connect(self._on_slider_released)
        self.learn_button.clicked.connect(self._on_learn_clicked)
        self.send_button.clicked.connect(self._on_send_clicked)
        self.undo_button.clicked.connect(self._undo)
        self.redo_button.clicked.connect(self._redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._on_undo_texts_changed)
        self.undo_stack.redoTextChanged.connect(self._on_undo_texts_changed)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.inputs_combo.activated.connect(self._on_inputs_chosen)
        self.slice_combo.currentIndexChanged.connect(self._on_slice_changed)
        self.table_model.target_edit_requested.connect(self._on_set_target)
        self.table_model.rejected.connect(self._on_rejected)
        self.table.toggle_requested.connect(self._on_toggle_target)
        self.table.set_requested.connect(self._on_set_target)
        self.table.rejected.connect(self._on_rejected)
        self.plot.drag_started.connect(self._on_line_drag_started)
        self.plot.line_dragged.connect(self._on_line_dragged)
        self.plot.drag_finished.connect(self._on_line_drag_finished)

        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = []
        for keys, slot in (
            ("Ctrl+Z", self._undo),
            ("Ctrl+Shift+Z", self._redo),
            ("Ctrl+Y", self._redo),
            ("L", self._on_learn_clicked),
            ("Ctrl+Return", self._on_learn_clicked),
            ("Ctrl+Enter", self._on_learn_clicked),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, context=ctx)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    @property
    def hidden_plot(self):
        """The two-layer solution's hidden-space plot (a ``BoundaryPlot``), built on first use."""
        if self._hidden_plot is None:
            self._hidden_plot = build_hidden_plot(self)
            self._retranslate_hidden_plot()
        return self._hidden_plot

    # -- text --------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Gates")

    def _retranslate_hidden_plot(self) -> None:
        self._hidden_plot.set_axis_names("s1", "s2")
        self._hidden_plot.setToolTip(
            self.tr("Each row x drawn at its hidden outputs (s1, s2), with the output unit's line")
        )

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
                tip = tr_fmt(self.tr("Weight w%1 of input x%1"), str(i + 1))
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
        self.two_layer_group.setTitle(self.tr("Two-layer solution"))
        self.undo_button.setText(self.tr("Undo"))
        self.redo_button.setText(self.tr("Redo"))
        self._on_undo_texts_changed()
        self.plot.setToolTip(
            self.tr(
                "Blue: target 1, orange: target 0, red ring: the perceptron gets it wrong. "
                "Drag the line to move it, drag an end to turn it."
            )
        )
        if self._hidden_plot is not None:
            self._retranslate_hidden_plot()
        self.send_button.setText(self.tr("Send to the &Network tab"))
        self.send_button.setToolTip(
            self.tr("Show this two-layer perceptron on the Network tab (step activations)")
        )
        self._refresh_texts()

    @Slot()
    def _undo(self) -> None:
        """Undo the last edit (a running Learn is stopped first and becomes that edit)."""
        self._stop_run()
        self.undo_stack.undo()

    @Slot()
    def _redo(self) -> None:
        self._stop_run()
        self.undo_stack.redo()

    @Slot()
    def _on_undo_texts_changed(self, _text: str = "") -> None:
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_button.setToolTip(
            tr_fmt(self.tr("Undo %1 (Ctrl+Z)"), undo) if undo else self.tr("Undo (Ctrl+Z)")
        )
        self.redo_button.setToolTip(
            tr_fmt(self.tr("Redo %1 (Ctrl+Shift+Z)"), redo)
            if redo
            else self.tr("Redo (Ctrl+Shift+Z)")
        )

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

    def _apply_core(self, core: Core) -> None:
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
        self.table_model.set_table(self._targets(), np.array(core.w), core.b)
        self._fit_table()
        if table_changed:
            self._update_separability()
        self._update_plot()
        self._refresh_texts()

    def _fit_table(self) -> None:
        """Make the table exactly as tall as its rows (4 or 8)."""
        table = self.table
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(self.table_model.rowCount()))
        table.setFixedHeight(height + 2)

    def _update_separability(self) -> None:
        x, t = self._inputs(), self._targets()
        self._separable = is_linearly_separable(x, t)
        self._two_layer = None if self._separable else compose_two_layer(x, t)
        self.two_layer_group.setVisible(not self._separable)
        if self._two_layer is not None:
            net = self._two_layer
            s = net.hidden_outputs(x)
            if s.shape[1] == 2:
                names = ["".join(map(str, row)) for row in x]
                self.hidden_plot.set_points(s, t, np.asarray(net.output(s)), names)
                self.hidden_plot.set_boundary(net.output.w, net.output.b)
            self.hidden_plot.setVisible(s.shape[1] == 2)
            self.two_layer_grid.setColumnStretch(1, 1 if s.shape[1] == 2 else 0)

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
                tr_fmt(
                    self.tr(
                        "3 inputs: the boundary is the plane w1·x1 + w2·x2 + w3·x3 + b = 0. The "
                        "plot shows the slice x3 = %1, where the plane is the line "
                        "w1·x1 + w2·x2 + (b + w3·%1) = 0; the other 4 rows are in the other slice."
                    ),
                    str(x3),
                )
            )
        if self._separable:
            p = separating_weights(self._inputs(), self._targets())
            example = ""
            if p is not None:
                example = tr_fmt(
                    self.tr(" (for example w = (%1), b = %2)"),
                    ", ".join(format_sum(v) for v in p.w),
                    format_sum(p.b),
                )
            self.separability_label.setText(
                tr_fmt(
                    self.tr("✓ Linearly separable: one perceptron can produce this table%1."),
                    example,
                )
            )
            self.separability_label.setStyleSheet("color: #1b7f3b;")
        else:
            what = self.tr("line") if core.n == 2 else self.tr("plane")
            self.separability_label.setText(
                tr_fmt(
                    self.tr(
                        "✗ Not linearly separable: no single %1 puts every 1 on one side and every "
                        "0 on the other, so no w and b make one perceptron produce this table "
                        "(checked exactly, not by trying to learn). Two layers can: see the "
                        "two-layer solution."
                    ),
                    what,
                )
            )
            self.separability_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self._describe_two_layer()
        self.learn_status.setText(self._status_text(*self._status))

    def _show_status(self, kind: str, **values: Any) -> None:
        """Show a learning status; kept as (kind, values) to re-translate it later."""
        self._status = (kind, values)
        self.learn_status.setText(self._status_text(kind, values))

    def _status_text(self, kind: str, values: dict[str, Any]) -> str:
        v = {k: str(x) for k, x in values.items()}
        if kind == "nonsep_start":
            return tr_fmt(
                self.tr(
                    "This table is not linearly separable: the rule will run for %1 epochs "
                    "and never get every row right. Watch it go round in circles."
                ),
                v["epochs"],
            )
        if kind == "learning":
            return self.tr("Learning…")
        if kind == "epoch":
            return tr_fmt(
                self.tr("Epoch %1 of at most %2: %3 row(s) wrong"),
                v["epoch"],
                v["max_epochs"],
                v["errors"],
            )
        if kind == "failed":
            return tr_fmt(self.tr("Learning failed: %1"), v["message"])
        if kind == "learned":
            return tr_fmt(
                self.tr("Learned in %1 epoch(s): every row is right with w = (%2), b = %3."),
                v["epoch"],
                v["w"],
                v["b"],
            )
        if kind == "nonsep_end":
            return tr_fmt(
                self.tr(
                    "After %1 epochs %2 row(s) are still wrong, and always will be: this "
                    "table is not linearly separable. No single line (plane) w·x + b = 0 "
                    "puts the 1s on one side and the 0s on the other. Two layers do it: "
                    "see the two-layer solution."
                ),
                v["epoch"],
                v["errors"],
            )
        if kind == "stopped":
            return tr_fmt(self.tr("Stopped at epoch %1: %2 row(s) wrong."), v["epoch"], v["errors"])
        if kind == "not_learned":
            return tr_fmt(
                self.tr(
                    "Not learned within %1 epochs (%2 row(s) wrong), although the table is "
                    "linearly separable: allow more epochs or change the learning rate."
                ),
                v["epoch"],
                v["errors"],
            )
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
                tr_fmt(
                    self.tr(
                        "%1 hidden units (no fewer can do this table): the hidden space has %1 "
                        "dimensions and is not drawn; the column s shows where each row lands."
                    ),
                    str(k),
                )
            )

    # -- edits -------------------------------------------------------------------------
    def _push(self, after: Core, text: str, session=None) -> None:
        if after == self._core:
            return
        self._stop_run()
        self.message_label.clear()
        self.undo_stack.push(_EditCommand(self, self._core, after, text, session))

    def _with_targets(self, targets: np.ndarray) -> Core:
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
        self._push(self._with_targets(t), tr_fmt(self.tr("Flip target of row %1"), str(row + 1)))

    @Slot(int, int)
    def _on_set_target(self, row: int, value: int) -> None:
        t = self._targets()
        t[row] = value
        self._push(self._with_targets(t), tr_fmt(self.tr("Set target of row %1"), str(row + 1)))

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
        w, b = PRESET_WEIGHTS[n][key]
        after = Core(key, tuple(int(v) for v in preset_table(key, n)), tuple(w), b)
        self._push(after, tr_fmt(self.tr("Choose %1"), self.preset_combo.itemText(index)))

    @Slot(int)
    def _on_inputs_chosen(self, index: int) -> None:
        n = int(self.inputs_combo.itemData(index))
        core = self._core
        if n == core.n:
            return
        if core.preset != "custom":
            w, b = PRESET_WEIGHTS[n][core.preset]
            targets = tuple(int(v) for v in preset_table(core.preset, n))
        elif n == 3:  # a 2-input table that ignores x3
            w, b = (*core.w, 0.0), core.b
            targets = tuple(v for v in core.targets for _ in range(2))
        else:  # keep the slice x3 = 0
            w, b = core.w[:2], core.b
            targets = core.targets[::2]
        after = Core(core.preset, targets, tuple(w), b)
        self._push(after, tr_fmt(self.tr("%1 inputs"), str(n)))

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
            tr_fmt(self.tr("Set %1 = %2"), name, format_sum(value)),
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
            self._show_status("nonsep_start", epochs=epochs)
        else:
            self._show_status("learning")
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
        self.controller.hold(self)  # learning at full speed would slow this frame down ~5×
        rec = batch[-1]
        run.last = rec
        self._apply_core(replace(self._core, w=tuple(float(v) for v in rec.weights), b=rec.bias))
        self._show_status("epoch", epoch=rec.epoch, max_epochs=run.max_epochs, errors=rec.errors)

    @Slot(str)
    def _on_learn_failed(self, message: str) -> None:
        self._show_status("failed", message=message)

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
            self._show_status("hint")
        elif rec.converged:
            w = ", ".join(format_sum(v) for v in rec.weights)
            self._show_status("learned", epoch=rec.epoch, w=w, b=format_sum(rec.bias))
        elif not run.separable and completed:
            self._show_status("nonsep_end", epoch=rec.epoch, errors=rec.errors)
        elif run.stopped or not completed:
            self._show_status("stopped", epoch=rec.epoch, errors=rec.errors)
        else:
            self._show_status("not_learned", epoch=rec.epoch, errors=rec.errors)

    # -- network -----------------------------------------------------------------------
    def _network_description(self) -> str:
        net = self._two_layer
        assert net is not None
        names = [self._gate_name(h) or f"s{i + 1}" for i, h in enumerate(net.hidden)]
        out = self._gate_name(net.output) or "y"
        preset = self.preset_combo.currentText()
        return tr_fmt(
            self.tr("%1 as a two-layer perceptron from the Gates tab: hidden %2, output %3"),
            preset,
            ", ".join(names),
            out,
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
        core, options = parse_state(state)
        self._stop_run()
        self.lr_spin.setValue(options.learning_rate)
        self.epochs_spin.setValue(options.max_epochs)
        self.speed_combo.setCurrentIndex(options.speed)
        self.from_current_check.setChecked(options.start_from_current)
        self.slice_combo.setCurrentIndex(options.slice)
        self._apply_core(core)
        self.undo_stack.clear()
        self._show_status("hint")

    def export_code(self) -> str:
        return export_script(self._core, self._two_layer)

    def plot_widgets(self) -> dict[str, QWidget]:
        return {self.tr("Decision boundary"): self.plot, self.tr("Hidden space"): self.hidden_plot}

    def table_models(self) -> dict[str, QAbstractItemModel]:
        return {self.tr("Truth table"): self.table_model}

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
            if not np.array_equal(self.table_model.outputs(), self._targets()):
                raise RuntimeError("the table does not show the learned AND")
        finally:
            self.set_state(saved)
