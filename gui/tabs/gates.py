"""The Gates tab (book ch. 2), a thin view over ``gui.models.gates.GatesModel``.

Pick a gate or edit the targets; set w and b in their fields, with sliders or by dragging
the decision line; see every row's w·x + b, output and ✓/✗. "Learn" runs the perceptron
rule in a worker; a table that is not linearly separable (exact test) is explained and
solved by a two-layer perceptron, with its hidden space drawn.

Every change of the model's ``Core`` (preset, targets, w, b) is one undo step, however it
was made (``gui.undo.ModelUndo``); slider and line drags are one step per drag, a whole
learning run one step.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt, QThread, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QWidget

from engine.perceptron import LearnRecord, Perceptron, TwoLayerPerceptron
from gui.models.gates import (
    PRESET_SETTING,
    Core,
    GatesModel,
    LearnPlan,
)
from gui.models.gates_export import export_script
from gui.tabs import gates_text
from gui.tabs.base import LabTab
from gui.tabs.gates_plot import BoundaryPlot
from gui.tabs.gates_table import format_sum
from gui.tabs.gates_ui import SLIDER_LIMIT, SLIDER_SCALE, GatesUi
from gui.text import ERROR_COLOR, tr_fmt
from gui.undo import ModelUndo
from gui.widgets import notify

__all__ = ["GatesTab"]

_OK_COLOUR = "#1b7f3b"


def _interrupted() -> bool:
    """Checked by the learning generator in the worker thread."""
    return QThread.currentThread().isInterruptionRequested()


class GatesTab(LabTab):
    """Gates: truth tables, one perceptron's line, the perceptron rule, two layers for XOR."""

    lesson_key = "gates"
    object_name = "gatesTab"

    def __init__(self, model: GatesModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, model if model is not None else GatesModel())
        self.model: GatesModel
        self._plan: LearnPlan | None = None
        self._last: LearnRecord | None = None
        self._stopped = False
        self._status: tuple[str, dict[str, Any]] = ("hint", {})
        self._drags = 0
        self.binder = self.bind()
        self.ui = GatesUi(self.content, self.binder)
        self.undo_stack = QUndoStack(self)
        self.undo = ModelUndo(
            self.undo_stack, self.model, self.model.core, self.model.apply_core, self._describe
        )
        self.controller = self.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_learn_finished)
        self.controller.failed.connect(self._on_learn_failed)
        self.controller.state_changed.connect(self._on_run_state)
        self._connect()
        self.model.subscribe(self._on_model_changed)
        self._show_model(frozenset({"*"}))
        self.finish_setup()

    # -- construction ------------------------------------------------------------------
    def _connect(self) -> None:
        ui = self.ui
        for key, slider in ui.weight_sliders.items():
            slider.valueChanged.connect(lambda v, k=key: self._on_slider_changed(k, v))
            slider.sliderPressed.connect(self._on_drag_started)
            slider.sliderReleased.connect(self._on_drag_finished)
        ui.learn_button.clicked.connect(self._on_learn_clicked)
        ui.send_button.clicked.connect(self._on_send_clicked)
        ui.undo_button.clicked.connect(self._undo)
        ui.redo_button.clicked.connect(self._redo)
        self.undo_stack.canUndoChanged.connect(ui.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(ui.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._on_undo_texts_changed)
        self.undo_stack.redoTextChanged.connect(self._on_undo_texts_changed)
        ui.undo_button.setEnabled(False)
        ui.redo_button.setEnabled(False)
        ui.preset_combo.activated.connect(self._on_preset_chosen)
        ui.inputs_combo.activated.connect(self._on_inputs_chosen)
        ui.table_model.target_edit_requested.connect(self._on_set_target)
        ui.table_model.rejected.connect(self._on_rejected)
        ui.table.toggle_requested.connect(self._on_toggle_target)
        ui.table.set_requested.connect(self._on_set_target)
        ui.table.rejected.connect(self._on_rejected)
        ui.plot.drag_started.connect(self._on_drag_started)
        ui.plot.line_dragged.connect(self._on_line_dragged)
        ui.plot.drag_finished.connect(self._on_line_drag_finished)
        self.binder.rejected.connect(self._on_field_rejected)

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
    def plot(self) -> BoundaryPlot:
        return self.ui.plot

    @property
    def hidden_plot(self) -> BoundaryPlot:
        """The two-layer solution's hidden-space plot, built on first use."""
        built = self.ui.hidden_plot_built
        plot = self.ui.hidden_plot()
        if not built:
            self._retranslate_hidden_plot()
        return plot

    # -- text --------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Gates")

    def _retranslate_hidden_plot(self) -> None:
        plot = self.ui.hidden_plot()
        plot.set_axis_names("s1", "s2")
        plot.setToolTip(
            self.tr("Each row x drawn at its hidden outputs (s1, s2), with the output unit's line")
        )

    def retranslate_ui(self) -> None:
        ui = self.ui
        for i, (_, label) in enumerate(PRESET_SETTING.choices):
            ui.preset_combo.setItemText(i, QCoreApplication.translate("GatesTab", label))
        ui.preset_combo.setToolTip(QCoreApplication.translate("GatesTab", PRESET_SETTING.help))
        ui.preset_label.setText(self.tr("&Gate:"))
        ui.inputs_label.setText(self.tr("&Inputs:"))
        ui.inputs_combo.setToolTip(self.tr("Number of inputs x1, x2 (, x3)"))
        ui.table.setToolTip(
            self.tr(
                "Click a target (t) or press Space to flip it, type 0 or 1 to set it. "
                "Ctrl+Z undoes."
            )
        )
        ui.weights_group.setTitle(self.tr("Weights and bias"))
        for key, slider in ui.weight_sliders.items():
            slider.setToolTip(self.binder.widget(key).property("help"))
        ui.learn_group.setTitle(self.tr("Learn with the perceptron rule"))
        self._update_learn_button()
        ui.learn_button.setToolTip(self.tr("Run the perceptron rule epoch by epoch (L)"))
        ui.plot.set_axis_names("x1", "x2")
        ui.two_layer_group.setTitle(self.tr("Two-layer solution"))
        ui.undo_button.setText(self.tr("Undo"))
        ui.redo_button.setText(self.tr("Redo"))
        self._on_undo_texts_changed()
        ui.plot.setToolTip(
            self.tr(
                "Blue: target 1, orange: target 0, red ring: the perceptron gets it wrong. "
                "Drag the line to move it, drag an end to turn it."
            )
        )
        if ui.hidden_plot_built:
            self._retranslate_hidden_plot()
        ui.send_button.setText(self.tr("Send to the &Network tab"))
        ui.send_button.setToolTip(
            self.tr("Show this two-layer perceptron on the Network tab (step activations)")
        )
        self._refresh_texts()

    def _describe(self, before: Core, after: Core) -> str:
        """An undo step's name, from what it changed (a field edit: "Set w1 = 0.7")."""
        return gates_text.step_name(before, after, self.ui.preset_combo.itemText)

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
        self.ui.undo_button.setToolTip(
            tr_fmt(self.tr("Undo %1 (Ctrl+Z)"), undo) if undo else self.tr("Undo (Ctrl+Z)")
        )
        self.ui.redo_button.setToolTip(
            tr_fmt(self.tr("Redo %1 (Ctrl+Shift+Z)"), redo)
            if redo
            else self.tr("Redo (Ctrl+Shift+Z)")
        )

    def _update_learn_button(self) -> None:
        running = self.controller.is_active()
        self.ui.learn_button.setText(self.tr("Stop") if running else self.tr("&Learn"))

    # -- the model, shown ------------------------------------------------------------------
    def perceptron(self) -> Perceptron:
        """The perceptron the tab shows."""
        return self.model.perceptron()

    def two_layer(self) -> TwoLayerPerceptron | None:
        """The composed two-layer perceptron, when the table is not linearly separable."""
        return self.model.two_layer()

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if keys != {"run_state"}:
            self._show_model(keys)

    def _show_model(self, keys: frozenset[str]) -> None:
        """Mirror the model into the widgets the binder does not own."""
        ui, model = self.ui, self.model
        everything = "*" in keys
        ui.preset_combo.setCurrentIndex(PRESET_SETTING.keys.index(model.preset))
        ui.inputs_combo.setCurrentIndex(ui.inputs_combo.findData(model.n_inputs))
        three = model.n_inputs == 3
        for key, slider in ui.weight_sliders.items():
            value = max(-SLIDER_LIMIT, min(SLIDER_LIMIT, model[key]))
            blocked = slider.blockSignals(True)
            slider.setValue(int(round(value * SLIDER_SCALE)))
            slider.blockSignals(blocked)
            if key == "w3":
                for widget in (self.binder.label(key), self.binder.widget(key), slider):
                    widget.setVisible(three)
        ui.slice_label.setVisible(three)
        ui.slice_combo.setVisible(three)
        ui.table_model.set_table(model.targets(), np.array(model.w()), model["b"])
        self._fit_table()
        if everything or keys & {"targets", "n_inputs", "preset"}:
            self._update_two_layer()
        self._update_plot()
        self._refresh_texts()

    def _fit_table(self) -> None:
        """Make the table exactly as tall as its rows (4 or 8)."""
        table = self.ui.table
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(self.ui.table_model.rowCount()))
        table.setFixedHeight(height + 2)

    def _update_two_layer(self) -> None:
        ui, net = self.ui, self.model.two_layer()
        ui.two_layer_group.setVisible(net is not None)
        if net is None:
            return
        x, t = self.model.inputs(), self.model.targets()
        s = net.hidden_outputs(x)
        if s.shape[1] == 2:
            names = ["".join(map(str, row)) for row in x]
            self.hidden_plot.set_points(s, t, np.asarray(net.output(s)), names)
            self.hidden_plot.set_boundary(net.output.w, net.output.b)
        self.hidden_plot.setVisible(s.shape[1] == 2)
        ui.two_layer_grid.setColumnStretch(1, 1 if s.shape[1] == 2 else 0)

    def _update_plot(self) -> None:
        model, plot = self.model, self.ui.plot
        x, t, y = model.inputs(), model.targets(), model.outputs()
        w = np.array(model.w())
        if model.n_inputs == 2:
            plot.set_points(x, t, y)
            plot.set_boundary(w, model["b"])
        else:
            x3 = model["slice"]
            rows = x[:, 2] == x3
            plot.set_points(x[rows, :2], t[rows], y[rows])
            plot.set_boundary(w[:2], model["b"] + w[2] * x3)

    def _refresh_texts(self) -> None:
        """The sentences that depend on the state (called on edits and language changes)."""
        ui = self.ui
        ui.plot_note.setText(gates_text.plot_note(self.model))
        text, separable = gates_text.separability(self.model)
        ui.separability_label.setText(text)
        ui.separability_label.setStyleSheet(
            f"color: {_OK_COLOUR};" if separable else f"color: {ERROR_COLOR}; font-weight: bold;"
        )
        ui.two_layer_label.setText(gates_text.two_layer_html(self.model))
        if self.model.two_layer() is not None:
            ui.hidden_note.setText(gates_text.hidden_note(self.model))
        ui.learn_status.setText(gates_text.status_text(*self._status))

    def _show_status(self, kind: str, **values: Any) -> None:
        """Show a learning status; kept as (kind, values) to re-translate it later."""
        self._status = (kind, values)
        self.ui.learn_status.setText(gates_text.status_text(kind, values))

    # -- edits -------------------------------------------------------------------------
    def _before_edit(self) -> None:
        self._stop_run()
        self.ui.message_label.clear()

    @Slot(int)
    def _on_toggle_target(self, row: int) -> None:
        self._before_edit()
        with self.undo.labelled(tr_fmt(self.tr("Flip target of row %1"), row + 1)):
            self.model.toggle_target(row)

    @Slot(int, int)
    def _on_set_target(self, row: int, value: int) -> None:
        self._before_edit()
        with self.undo.labelled(tr_fmt(self.tr("Set target of row %1"), row + 1)):
            self.model.set_target(row, value)

    @Slot(str)
    def _on_rejected(self, message: str) -> None:
        self.ui.message_label.setText(message)
        notify(self, message)

    @Slot(str, str)
    def _on_field_rejected(self, _key: str, message: str) -> None:
        self.ui.message_label.setText(message)

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        self._before_edit()
        key = PRESET_SETTING.keys[index]
        text = (
            self.tr("Custom table")
            if key == "custom"
            else tr_fmt(self.tr("Choose %1"), self.ui.preset_combo.itemText(index))
        )
        with self.undo.labelled(text):
            self.model.choose_preset(key)

    @Slot(int)
    def _on_inputs_chosen(self, index: int) -> None:
        n = int(self.ui.inputs_combo.itemData(index))
        if n != self.model.n_inputs:
            self._before_edit()
            with self.undo.labelled(tr_fmt(self.tr("%1 inputs"), n)):
                self.model.choose_inputs(n)

    def _on_slider_changed(self, key: str, value: int) -> None:
        self._before_edit()
        self.binder.commit_value(key, value / SLIDER_SCALE)

    @Slot()
    def _on_drag_started(self) -> None:
        self._drags += 1
        self.undo.session = self._drags

    @Slot()
    def _on_drag_finished(self) -> None:
        self.undo.session = None

    @Slot(object, float)
    def _on_line_dragged(self, w2: np.ndarray, b: float) -> None:
        self._before_edit()
        session = self.undo.session
        if session is None:  # a drag without a press (keyboard): one step of its own
            self._drags += 1
            self.undo.session = self._drags
        with self.undo.labelled(self.tr("Drag the line")):
            self.model.set_line((float(w2[0]), float(w2[1])), float(b))
        self.undo.session = session

    @Slot()
    def _on_line_drag_finished(self) -> None:
        self.undo.session = None
        self._update_plot()

    # -- learning ----------------------------------------------------------------------
    @Slot()
    def _on_learn_clicked(self) -> None:
        if self.controller.is_active():
            self._stop_run()
            return
        plan = self.model.learn_plan()
        self._plan, self._last, self._stopped = plan, None, False
        self.ui.message_label.clear()
        if not plan.separable:
            self._show_status("nonsep_start", epochs=plan.max_epochs)
        else:
            self._show_status("learning")
        self.undo.hold()
        self.controller.start(lambda: plan.records(_interrupted))
        self._update_learn_button()

    def _stop_run(self) -> None:
        if self._plan is not None and self.controller.is_active():
            self._stopped = True
            self.controller.stop()

    def is_learning(self) -> bool:
        return self.controller.is_active()

    @Slot(str)
    def _on_run_state(self, state: str) -> None:
        self.model.set_run_state(state)
        self.binder.update_enabled()

    @Slot(object)
    def _on_records(self, batch: list[LearnRecord]) -> None:
        if self._plan is None or not batch:
            return
        self.controller.hold(self)  # learning at full speed would slow this frame down ~5×
        rec = batch[-1]
        self._last = rec
        self.model.show_weights(rec.weights, rec.bias)
        self._show_status(
            "epoch", epoch=rec.epoch, max_epochs=self._plan.max_epochs, errors=rec.errors
        )

    @Slot(str)
    def _on_learn_failed(self, message: str) -> None:
        self._show_status("failed", message=message)

    @Slot(bool)
    def _on_learn_finished(self, completed: bool) -> None:
        plan, self._plan = self._plan, None
        self._update_learn_button()
        self.undo.release(self.tr("Learn"))  # the whole run is one undo step
        if plan is None:
            return
        rec = self._last
        if rec is None:
            self._show_status("hint")
        elif rec.converged:
            w = ", ".join(format_sum(v) for v in rec.weights)
            self._show_status("learned", epoch=rec.epoch, w=w, b=format_sum(rec.bias))
        elif not plan.separable and completed:
            self._show_status("nonsep_end", epoch=rec.epoch, errors=rec.errors)
        elif self._stopped or not completed:
            self._show_status("stopped", epoch=rec.epoch, errors=rec.errors)
        else:
            self._show_status("not_learned", epoch=rec.epoch, errors=rec.errors)

    # -- network -----------------------------------------------------------------------
    @Slot()
    def _on_send_clicked(self) -> None:
        if self.model.two_layer() is None:
            return
        description = gates_text.network_description(self.model, self.ui.preset_combo.currentText())
        self.send_network.emit(self.model.two_layer().to_network(), description)

    # -- LabTab hooks ------------------------------------------------------------------
    def set_state(self, state: dict[str, Any]) -> None:
        prepared = self.model.prepare_state(state)  # a refused state stops nothing
        self._stop_run()
        self.model.commit_state(prepared)  # the undo stack is cleared by the recorder
        self._show_status("hint")

    def export_code(self) -> str:
        return export_script(self.model.core(), self.model.two_layer())

    def plot_widgets(self) -> dict[str, QWidget]:
        return {self.tr("Decision boundary"): self.plot, self.tr("Hidden space"): self.hidden_plot}

    def table_models(self) -> dict[str, QAbstractItemModel]:
        return {self.tr("Truth table"): self.ui.table_model}

    def smoke_test(self) -> None:
        saved = self.model.state()
        try:
            self.model.choose_preset("xor")
            net = self.model.two_layer()
            if self.model.separable or net is None:
                raise RuntimeError("XOR was not reported as not linearly separable")
            if not np.array_equal(net(self.model.inputs()), self.model.targets()):
                raise RuntimeError("the two-layer XOR is wrong")
            self.model.choose_preset("and")
            records = list(self.model.learn_plan().records(lambda: False))
            last = records[-1] if records else None
            if last is None or not last.converged:
                raise RuntimeError("the perceptron rule did not learn AND")
            self.model.show_weights(last.weights, last.bias)
            if not np.array_equal(self.ui.table_model.outputs(), self.model.targets()):
                raise RuntimeError("the table does not show the learned AND")
        finally:
            self.set_state(saved)
