"""The Backprop tab (ch. 5): the book's computational graphs and typed expressions, with
values above the edges and derivatives below, stepped node by node.

The view only lays out and mirrors ``gui.models.backprop.BackpropModel``: the preset
combo and the expression field come from the model's declarations (the binder), the
inputs are line edits built per graph, the drawing is ``GraphView``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.compgraph_presets import from_expression
from gui.binder import show_refusal
from gui.models.backprop import DOUT, BackpropModel, InputError
from gui.tabs.backprop_text import (
    expression_error_text,
    input_error_text,
    input_name,
    output_name,
    rule_text,
    step_text,
)
from gui.tabs.backprop_view import BACKWARD_COLOR, GraphView, format_value
from gui.tabs.base import LabTab
from gui.text import error_style, tr_fmt

__all__ = ["BackpropTab"]


class BackpropTab(LabTab):
    """Computational graphs forwards and backwards (objectName ``backpropTab``)."""

    lesson_key = "backprop"
    object_name = "backpropTab"

    def __init__(self, model: BackpropModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, model if model is not None else BackpropModel())
        self.model: BackpropModel
        self.binder = self.bind()
        self.binder.edited.connect(self._on_setting_edited)
        self.binder.rejected.connect(self._on_setting_rejected)
        self.input_edits: dict[str, QLineEdit] = {}
        self._input_labels: dict[str, QLabel] = {}
        self._structure: tuple | None = None
        self._build_widgets()
        self.model.subscribe(self._on_model_changed)
        self._rebuild()
        self.finish_setup()

    # -- layout ----------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.preset_combo = self.binder.widget("preset")
        self.expression_edit = self.binder.widget("expression")
        self._typed_expression = ""
        self._shown_expression = self.model["expression"]
        self.expression_edit.textChanged.connect(self._on_expression_typed)
        self.step_forward_button = QPushButton()
        self.step_forward_button.setObjectName("stepForwardButton")
        self.step_backward_button = QPushButton()
        self.step_backward_button.setObjectName("stepBackwardButton")
        self.run_all_button = QPushButton()
        self.run_all_button.setObjectName("runAllButton")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetButton")
        self.step_forward_button.clicked.connect(self.model.step_forward)
        self.step_backward_button.clicked.connect(self.model.step_backward)
        self.run_all_button.clicked.connect(self.model.run_all)
        self.reset_button.clicked.connect(self.model.reset_steps)
        for key, slot in (
            ("Right", self.model.step_forward),
            ("Left", self.model.step_backward),
        ):
            shortcut = QShortcut(QKeySequence(f"Alt+{key}"), self)
            shortcut.activated.connect(slot)

        # small windows squeeze the fields instead of growing (the window's 700 px minimum)
        self.preset_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.preset_combo.setMinimumContentsLength(12)
        top = QHBoxLayout()
        top.addWidget(self.binder.label("preset"))
        top.addWidget(self.preset_combo, 2)
        top.addWidget(self.binder.label("expression"))
        top.addWidget(self.expression_edit, 3)
        steps = QHBoxLayout()
        for button in (
            self.step_forward_button,
            self.step_backward_button,
            self.run_all_button,
            self.reset_button,
        ):
            steps.addWidget(button)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("stepProgress")
        self.progress_label.setWordWrap(True)
        self.progress_label.setMinimumWidth(30)
        steps.addWidget(self.progress_label, 1)

        self.view = GraphView()
        self.view.setMinimumHeight(120)
        self.view.node_clicked.connect(self.model.select)

        self.rule_label = QLabel()
        self.rule_label.setObjectName("ruleLabel")
        self.rule_label.setWordWrap(True)
        self.rule_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.font())
        bold.setBold(True)
        self.rule_label.setFont(bold)
        self.step_label = QLabel()
        self.step_label.setObjectName("stepLabel")
        self.step_label.setWordWrap(True)
        self.step_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.inputs_box = QGroupBox()
        self.inputs_form = QFormLayout(self.inputs_box)
        self.inputs_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.check_box = QGroupBox()
        self.check_table = QTableWidget(0, 4)
        self.check_table.setObjectName("checkTable")
        self.check_table.verticalHeader().hide()
        self.check_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.check_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        check_layout = QVBoxLayout(self.check_box)
        check_layout.addWidget(self.check_table, 1)
        check_layout.addWidget(self.check_note)

        rule = QWidget()
        rule_layout = QVBoxLayout(rule)
        rule_layout.setContentsMargins(0, 0, 0, 0)
        rule_layout.addWidget(self.rule_label)
        rule_layout.addWidget(self.step_label)
        rule_layout.addStretch(1)
        inputs = QScrollArea()  # many inputs (or a small window) scroll
        inputs.setWidgetResizable(True)
        inputs.setFrameShape(QScrollArea.Shape.NoFrame)
        inputs.setWidget(self.inputs_box)
        self.check_table.setMinimumHeight(50)
        for pane in (inputs, rule, self.check_box):
            pane.setMinimumSize(110, 60)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(inputs)
        bottom.addWidget(rule)
        bottom.addWidget(self.check_box)
        bottom.setSizes([280, 300, 360])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setCollapsible(0, False)
        splitter.setSizes([420, 240])
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(steps)
        layout.addWidget(splitter, 1)

    # -- LabTab hooks ----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.step_forward_button.setText(self.tr("Step forward ▶"))
        self.step_forward_button.setToolTip(self.tr("Compute the next node's value (Alt+Right)"))
        self.step_backward_button.setText(self.tr("◀ Step backward"))
        self.step_backward_button.setToolTip(
            self.tr("Send the derivatives back through the next node (Alt+Left)")
        )
        self.run_all_button.setText(self.tr("Run all"))
        self.run_all_button.setToolTip(self.tr("Show every value and every derivative"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Hide the values and derivatives again"))
        self.inputs_box.setTitle(self.tr("Inputs (edit one: the whole graph follows)"))
        self.check_box.setTitle(self.tr("Backprop against numerical derivatives"))
        self.check_table.setHorizontalHeaderLabels(
            [
                self.tr("input"),
                self.tr("backprop"),
                self.tr("numerical"),
                self.tr("agrees"),
            ]
        )
        self.check_note.setText(
            self.tr(
                "Numerical: the central difference (f(x + h) − f(x − h)) / 2h with h = 1e-5 "
                "(§4.3), of the output times dout."
            )
        )
        self.view.setToolTip(
            self.tr(
                "Above each edge its value, below it (red) the derivative flowing back. "
                "Click a node for its rule; hover an edge for all digits."
            )
        )
        for name, label in self._input_labels.items():
            label.setText(input_name(name))
        if self.view.graph is not None:  # the drawn names and the output's label
            self.view.output_name = output_name(self.model["preset"])
            self.view.set_graph(
                self.view.graph,
                self.view.stepper,
                {n: input_name(n) for n in self.view.graph.inputs},
            )
        self._refresh_labels()

    def smoke_test(self) -> None:
        self.model.set("preset", "apples_oranges")
        self.model.run_all()
        if abs(float(self.model.graph.output_value()) - 715) > 1e-9:
            raise AssertionError("the apples and oranges graph does not give 715")
        self.model.reset_steps()

    def export_code(self) -> str:
        return self.model.export_code(self.preset_combo.currentText())

    def plot_widgets(self) -> dict[str, QWidget]:
        return {self.tr("Computational graph"): self.view}

    # -- mirroring the model -----------------------------------------------------------------
    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if "*" in keys:  # a restored state: its expression is the one shown
            self._shown_expression = self.model["expression"]
        if keys & {"preset", "expression", "*"}:
            self._rebuild()
        else:
            self._refresh()

    def _rebuild(self) -> None:
        """A new graph: new drawing, new input fields."""
        try:
            graph, stepper = self.model.graph, self.model.stepper
        except ValueError as exc:  # an expression saved in a project that no longer parses
            self.step_label.setText(str(exc))
            return
        self.view.output_name = output_name(self.model["preset"])
        self.view.set_graph(graph, stepper, {n: input_name(n) for n in graph.inputs})
        names = self.model.input_names()
        if names == list(self.input_edits):  # the same inputs: keep their fields
            self._refresh()
            return
        while self.inputs_form.rowCount():
            row = self.inputs_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:  # no longer a child now, deleted later
                    widget.hide()
                    widget.setParent(None)
                    widget.deleteLater()
        self.input_edits, self._input_labels = {}, {}
        for name in names:
            edit = QLineEdit()
            edit.setObjectName(f"input_{name}")
            edit.editingFinished.connect(lambda n=name: self._on_input_edited(n))
            label = QLabel(input_name(name))
            self.inputs_form.addRow(label, edit)
            self.input_edits[name] = edit
            self._input_labels[name] = label
        self._refresh()

    def _refresh(self) -> None:
        for name, edit in self.input_edits.items():
            if not edit.hasFocus() or not edit.isModified():
                edit.setText(self._value_text(self.model.input_value(name)))
        self.view.refresh()
        self._refresh_labels()
        self._refresh_checks()

    @staticmethod
    def _value_text(value) -> str:
        import numpy as np

        a = np.asarray(value)
        if a.ndim == 0:
            return format_value(a, 12).replace("−", "-")
        return str(np.round(a, 12).tolist())

    def _refresh_labels(self) -> None:
        stepper = self.model.stepper
        graph = self.model.graph
        self.step_forward_button.setEnabled(stepper.can_step_forward())
        self.step_backward_button.setEnabled(stepper.can_step_backward())
        if not stepper.forward_done:
            self.progress_label.setText(
                tr_fmt(
                    self.tr("Forward: %1 of %2 nodes"),
                    stepper.forward_count,
                    stepper.total,
                )
            )
        elif not stepper.backward_done:
            self.progress_label.setText(
                tr_fmt(
                    self.tr("Backward: %1 of %2 nodes"),
                    stepper.backward_count,
                    stepper.total,
                )
            )
        else:
            self.progress_label.setText(self.tr("Every value and derivative is shown."))
        focus = self.model.focus
        if focus is None:
            self.rule_label.setText(
                self.tr("Press Step forward to compute the first node, or click a node.")
            )
            self.step_label.setText("")
            return
        self.rule_label.setText(rule_text(graph.nodes[focus].op))
        phase = stepper.phase if self.model.selected is None else "backward"
        lines = []
        if stepper.value_shown(focus):
            lines.append(step_text(graph, focus, "forward"))
        if phase == "backward" and focus in graph.operations[::-1][: stepper.backward_count]:
            lines.append(step_text(graph, focus, "backward"))
        color = BACKWARD_COLOR.name()
        html = "<br>".join(
            f'<span style="color:{color}">{line}</span>' if i else line
            for i, line in enumerate(lines)
        )
        self.step_label.setText(html)

    def _refresh_checks(self) -> None:
        checks = self.model.input_checks() if self.model.stepper.backward_done else []
        self.check_table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            cells = [
                input_name(check.label),
                format_value(check.backprop, 8).replace("\n", " "),
                format_value(check.numerical, 8).replace("\n", " "),
                "✓" if check.agrees() else tr_fmt("✗ %1", f"{check.error:.1e}"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3 and not check.agrees():
                    item.setForeground(BACKWARD_COLOR)
                self.check_table.setItem(row, col, item)
        if not checks:
            self.check_table.setRowCount(0)

    # -- edits -------------------------------------------------------------------------------
    def _on_input_edited(self, name: str) -> None:
        edit = self.input_edits.get(name)
        if edit is None or not edit.isModified():
            return
        edit.setModified(False)
        try:
            self.model.set_input_text(name, edit.text())
        except InputError as exc:
            message = input_error_text(exc)
            edit.setText(self._value_text(self.model.input_value(name)))
            edit.setStyleSheet(error_style())
            edit.setToolTip(message)
            show_refusal(edit, message)
            return
        edit.setStyleSheet("")
        edit.setToolTip("")

    def _on_expression_typed(self, text: str) -> None:
        if text != self.model["expression"]:
            self._typed_expression = text

    def _on_setting_edited(self, key: str) -> None:
        # a new expression typed shows its graph (Enter on an unchanged one does nothing)
        expression = self.model["expression"]
        if key == "expression" and expression != self._shown_expression:
            self._shown_expression = expression
            if self.model["preset"] != "expression":
                self.model.set("preset", "expression")

    def _on_setting_rejected(self, key: str, message: str) -> None:
        if key != "expression":
            return
        try:  # the typed text again, for a translated sentence naming the problem
            from_expression(self._typed_expression)
        except ValueError as exc:
            message = tr_fmt(self.tr("f: %1"), expression_error_text(exc))
        self.step_label.setText(message)
        self.expression_edit.setToolTip(message)
        window = self.window()
        if hasattr(window, "statusBar"):  # the binder showed its tooltip already
            window.statusBar().showMessage(message, 8000)

    def input_edit(self, name: str) -> QLineEdit:
        """The field of input ``name`` (``DOUT`` for the seed ∂L/∂Y)."""
        return self.input_edits[name if name != "dY" else DOUT]
