"""The Network tab (book ch. 3): draw a network, edit its weights, watch the forward pass.

The model is a ``NetworkDocument`` (network_doc.py) with an undo stack; the canvas
(network_canvas.py) and the tables (network_models.py) mirror it and edit it only
through its undoable methods.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractItemModel, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.network import Network
from engine.weights import (
    MAX_LAYERS,
    MAX_NEURONS,
)
from gui.models.network import NetworkModel
from gui.tabs.base import LabTab
from gui.tabs.network_backward import BackwardPage
from gui.tabs.network_canvas import (
    TopologyView,
)
from gui.tabs.network_doc import DocumentError, NetworkDocument
from gui.tabs.network_edits import NetworkEditsMixin
from gui.tabs.network_images import NetworkImagePages
from gui.tabs.network_models import (
    InputModel,
)
from gui.tabs.network_panels import BatchPage, LayerPage, RandomInitPage
from gui.tabs.network_text import export_script, format_vector, trace_lines
from gui.text import tr_fmt
from gui.widgets import notify

__all__ = ["NetworkTab"]


class NetworkTab(NetworkEditsMixin, LabTab):
    """Network: draw a network on a canvas, edit W and b in tables kept in sync, see a, z
    and y of the forward pass (book §3.4.3) live, in batches too; presets and weight files."""

    lesson_key = "network"
    object_name = "networkTab"

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, model)
        self.doc = NetworkDocument(model, self)
        self._build_actions()
        self._build_widgets()
        self.image_pages = NetworkImagePages(self)  # the Image and Accuracy pages (§3.6)
        self.doc.structure_changed.connect(self._on_structure_changed)
        self.doc.values_changed.connect(self._update_forward)
        self.doc.input_changed.connect(self._update_forward)
        self._header_layer: int | None = None
        self._rng = np.random.default_rng()
        self._on_structure_changed()
        self.finish_setup()

    # -- building ----------------------------------------------------------------------
    def _action(self, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.book_action = self._action(self.load_book_preset)
        self.notes_action = self._action(self.load_study_notes_preset)
        self.xor_action = self._action(self.load_xor_preset)
        self.mnist_action = self._action(self.load_mnist_preset)
        self.load_action = self._action(self._on_load_file)
        self.add_layer_action = self._action(self._on_add_layer, "Ctrl+Shift+L")
        self.remove_layer_action = self._action(self._on_remove_layer)
        self.add_neuron_action = self._action(self._on_add_neuron, "Ctrl+Shift+N")
        self.remove_neuron_action = self._action(self._on_remove_neurons)
        self.fit_action = self._action(self._on_fit, "Ctrl+0")
        self.bias_action = QAction(self)
        self.bias_action.setCheckable(True)
        self.bias_action.setChecked(True)
        self.bias_action.toggled.connect(self._on_bias_toggled)
        stack = self.doc.undo_stack
        self.undo_action = self._action(stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(stack.redo, QKeySequence.StandardKey.Redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.cleanChanged.connect(self._update_description)

    def _build_widgets(self) -> None:
        self.toolbar = QToolBar(self.content)
        self.toolbar.setObjectName("networkToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.preset_menu = QMenu(self)
        self.preset_menu.addAction(self.book_action)
        self.preset_menu.addAction(self.notes_action)
        self.preset_menu.addAction(self.xor_action)
        self.preset_menu.addAction(self.mnist_action)
        self.preset_button = QToolButton(self)
        self.preset_button.setObjectName("presetButton")
        self.preset_button.setMenu(self.preset_menu)
        self.preset_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.preset_button)
        self.toolbar.addAction(self.load_action)
        self.toolbar.addSeparator()
        for action in (
            self.add_layer_action,
            self.remove_layer_action,
            self.add_neuron_action,
            self.remove_neuron_action,
        ):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.bias_action)
        self.toolbar.addAction(self.fit_action)

        self.description_label = QLabel(self.content)
        self.description_label.setObjectName("descriptionLabel")
        self.description_label.setWordWrap(True)
        self.message_label = QLabel(self.content)
        self.message_label.setObjectName("networkMessage")
        self.message_label.setStyleSheet("color: #b22;")
        self.message_label.setWordWrap(True)

        self.view = TopologyView(self.doc)
        self.view.add_neuron_requested.connect(self._on_canvas_add_neuron)
        self.view.add_layer_requested.connect(self._on_canvas_add_layer)
        self.view.delete_requested.connect(self._on_delete)
        self.view.context_requested.connect(self._on_context_menu)
        self.view.bundle_clicked.connect(self._on_bundle_clicked)
        self.view.header_clicked.connect(self._on_header_clicked)
        self.view.rejected.connect(self._on_rejected)
        self.view.scene_rebuilt.connect(self._on_scene_rebuilt)
        self.view.scene().selectionChanged.connect(self._on_selection_changed)
        self._on_scene_rebuilt()

        # forward pass page
        self.forward_page = QWidget()
        self.input_label = QLabel()
        self.input_model = InputModel(self.doc, self)
        self.input_model.rejected.connect(self._on_rejected)
        self.input_editor = QTableView()
        self.input_editor.setObjectName("inputEditor")
        self.input_editor.setModel(self.input_model)
        self.input_editor.horizontalHeader().setDefaultSectionSize(70)
        self.input_editor.verticalHeader().setDefaultSectionSize(24)
        self.input_editor.setFixedHeight(60)
        self.random_input_button = QPushButton()
        self.random_input_button.clicked.connect(self._on_random_input)
        self.zero_input_button = QPushButton()
        self.zero_input_button.clicked.connect(self._on_zero_input)
        self.output_label = QLabel()
        self.output_label.setObjectName("outputLabel")
        self.output_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output_label.setWordWrap(True)
        bold = QFont()
        bold.setBold(True)
        self.output_label.setFont(bold)
        self.trace_view = QPlainTextEdit()
        self.trace_view.setObjectName("traceView")
        self.trace_view.setReadOnly(True)
        self.trace_view.setMinimumHeight(40)
        self.trace_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.trace_view.setFont(mono)
        buttons = QHBoxLayout()
        buttons.addWidget(self.input_label)
        buttons.addStretch(1)
        buttons.addWidget(self.zero_input_button)
        buttons.addWidget(self.random_input_button)
        forward = QVBoxLayout(self.forward_page)
        forward.setContentsMargins(4, 4, 4, 4)
        forward.addLayout(buttons)
        forward.addWidget(self.input_editor)
        forward.addWidget(self.output_label)
        forward.addWidget(self.trace_view, 1)

        self.batch_page = BatchPage(self.doc, self._on_rejected)
        self.batch_input_model = self.batch_page.input_model
        self.batch_output_model = self.batch_page.output_model
        self.batch_rows = self.batch_page.rows
        self.random_page = RandomInitPage(self._on_rejected)
        self.random_page.requested.connect(self._on_random_requested)
        self.sizes_edit = self.random_page.sizes_edit
        self.method_combo = self.random_page.method_combo
        self.random_button = self.random_page.button

        self.left_tabs = QTabWidget()
        self.left_tabs.setObjectName("forwardTabs")
        self.left_tabs.addTab(self.forward_page, "")
        self.left_tabs.addTab(self.batch_page, "")
        self.left_tabs.addTab(self.random_page, "")
        self.backward_page = BackwardPage(
            self.doc, self.view, lambda: self.pages, self._on_rejected
        )
        self.left_tabs.addTab(self.backward_page, "")
        self.weight_tabs = QTabWidget()
        self.weight_tabs.setObjectName("weightTabs")
        self.weight_box = QWidget()
        self.weights_title = QLabel()
        self.weights_title.setWordWrap(True)
        box = QVBoxLayout(self.weight_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.weights_title)
        box.addWidget(self.weight_tabs, 1)
        self.pages: list[LayerPage] = []

        # explicit minimums let small windows squeeze the pages instead of growing
        self.left_tabs.setMinimumSize(160, 120)
        self.weight_box.setMinimumSize(160, 120)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.left_tabs)
        bottom.addWidget(self.weight_box)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([500, 500])
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.view)
        self.main_splitter.addWidget(bottom)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setCollapsible(0, False)
        # the canvas fits any network into its space; the tables below need ~300 px to show
        # the book's W1 (2×3), its bias and the activation row whole at 1280×800
        self.main_splitter.setSizes([360, 320])

        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.description_label)
        layout.addWidget(self.main_splitter, 1)
        layout.addWidget(self.message_label)

    # -- LabTab hooks ------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.preset_button.setText(self.tr("Presets"))
        self.preset_button.setToolTip(self.tr("Load a network from the book or the study notes"))
        self.book_action.setText(self.tr("Book §3.4.3: 3-layer network (x = [1.0, 0.5])"))
        self.notes_action.setText(self.tr("Study notes: 2-3-2-2 network (x = [1.0, 2.0])"))
        self.xor_action.setText(self.tr("XOR perceptron: NAND and OR, then AND (§2.5)"))
        self.mnist_action.setText(
            self.tr("Book §3.6.2: sample_weight.pkl, 784-50-100-10, on real MNIST digits")
        )
        self.load_action.setText(self.tr("Load weights…"))
        self.load_action.setToolTip(
            self.tr("Open W1, b1, W2, b2, … from an .npz file or the book's sample_weight.pkl")
        )
        self.add_layer_action.setText(self.tr("Add layer"))
        self.add_layer_action.setToolTip(
            self.tr("Insert a hidden layer after the selected layer (Ctrl+Shift+L)")
        )
        self.remove_layer_action.setText(self.tr("Remove layer"))
        self.remove_layer_action.setToolTip(self.tr("Remove the selected hidden layer"))
        self.add_neuron_action.setText(self.tr("Add neuron"))
        self.add_neuron_action.setToolTip(
            self.tr("Add a neuron to the selected layer (Ctrl+Shift+N)")
        )
        self.remove_neuron_action.setText(self.tr("Remove neuron"))
        self.remove_neuron_action.setToolTip(self.tr("Remove the selected neurons (Delete)"))
        self.undo_action.setText(self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo"))
        self.undo_action.setToolTip(self.tr("Undo the last edit (Ctrl+Z)"))
        self.redo_action.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        self.bias_action.setText(self.tr("Bias nodes"))
        self.bias_action.setToolTip(self.tr("Draw each layer's bias as a node of constant 1"))
        self.fit_action.setText(self.tr("Fit"))
        self.fit_action.setToolTip(self.tr("Fit the network into the canvas (Ctrl+0)"))
        self.view.setToolTip(
            self.tr(
                "Click an edge to edit its weight, + to add a neuron or a layer; "
                "select neurons and press Delete to remove them; right-click for more."
            )
        )
        self.input_label.setText(self.tr("Input x (edit a cell; the forward pass follows):"))
        self.random_input_button.setText(self.tr("Random input"))
        self.zero_input_button.setText(self.tr("Zeros"))
        self.left_tabs.setTabText(0, self.tr("Forward pass"))
        self.left_tabs.setTabText(1, self.tr("Batch"))
        self.left_tabs.setTabText(2, self.tr("Random init"))
        self.image_pages.retranslate()
        self.batch_page.retranslate()
        self.random_page.retranslate()
        self.left_tabs.setTabText(3, self.tr("Backward (ch. 5)"))
        self.backward_page.retranslate()
        self.weights_title.setText(self.tr("Weights and biases (edit a cell; the canvas follows)"))
        for page in self.pages:
            page.update_labels()
        self._update_tab_titles()
        self._update_description()
        self.view.retranslate()
        self._update_forward()

    def smoke_test(self) -> None:
        self.load_book_preset()
        y = self.doc.trace().y
        if y is None or y.tolist() != [0.3168270764110298, 0.6962790898619668]:
            raise AssertionError(f"the book's network gave {y}")
        if "0.3168270764110298" not in self.output_label.text():
            raise AssertionError("the output is not shown")
        self.doc.set_weight(0, 0, 0, 0.7)
        if self.pages[0].w_model.data(self.pages[0].w_model.index(0, 0)) != "0.7":
            raise AssertionError("the W1 table did not follow the edit")
        self.doc.undo_stack.undo()
        if self.doc.network.weights[0][0, 0] != 0.1:
            raise AssertionError("undo did not restore the weight")

    def export_code(self) -> str:
        return export_script(self.doc.network, self.doc.x)

    def plot_widgets(self) -> dict[str, QWidget]:
        """The canvas (a QGraphicsView: export it with ``grab()``)."""
        return {self.tr("Network diagram"): self.view}

    def table_models(self) -> dict[str, QAbstractItemModel]:
        models: dict[str, QAbstractItemModel] = {self.tr("Input x"): self.input_model}
        for page in self.pages:
            models[f"W{page.layer + 1}"] = page.w_model
            models[f"b{page.layer + 1}"] = page.b_model
        models[self.tr("Batch inputs")] = self.batch_input_model
        models[self.tr("Batch outputs")] = self.batch_output_model
        return models

    # -- public ------------------------------------------------------------------------
    def show_network(self, net: Network, description: str) -> None:
        """Show ``net`` (copied) from another tab; undoable."""
        try:
            self.doc.load(net.copy(), description, text=self.tr("Show network"))
        except (DocumentError, ValueError) as exc:
            self._on_rejected(str(exc))
            return

    def current_network(self) -> Network:
        """A copy of the network being shown."""
        return self.doc.network.copy()

    def provide(self, what: str) -> Any:
        if what == "network":
            return self.current_network()
        return super().provide(what)

    def receive(self, what: str, value: object, description: str) -> bool:
        if what == "network" and isinstance(value, Network):
            self.show_network(value, description)
            return True
        return super().receive(what, value, description)

    # -- reacting to the document ------------------------------------------------------
    @Slot()
    def _on_scene_rebuilt(self) -> None:
        self._header_layer = None
        self._update_action_state()

    @Slot()
    def _on_selection_changed(self) -> None:
        if self.view.selected_neurons():
            self._header_layer = None
            self.view.mark_header(None)
        self._update_action_state()

    @Slot()
    def _on_structure_changed(self) -> None:
        n = self.doc.network.n_layers
        if len(self.pages) != n:
            current = self.weight_tabs.currentIndex()
            while self.pages:
                page = self.pages.pop()
                self.weight_tabs.removeTab(self.weight_tabs.indexOf(page))
                page.deleteLater()
            for k in range(n):
                page = LayerPage(self.doc, k, self._on_rejected)
                self.pages.append(page)
                self.weight_tabs.addTab(page, "")
            self.weight_tabs.setCurrentIndex(max(0, min(current, n - 1)))
        for page in self.pages:
            page.update_labels()
        self._update_tab_titles()
        self._update_description()
        self._update_forward()
        self._update_action_state()

    def _update_tab_titles(self) -> None:
        for page in self.pages:
            k = page.layer
            w = self.doc.network.weights[k] if k < self.doc.network.n_layers else None
            if w is not None:
                self.weight_tabs.setTabText(k, f"W{k + 1}, b{k + 1}  ({w.shape[0]}×{w.shape[1]})")

    def _update_description(self) -> None:
        description = self.doc.description
        key, _, detail = (
            description[1:].partition(":")
            if description.startswith("@")
            else (
                "custom",
                "",
                description,
            )
        )
        texts = {
            "book": self.tr(
                "The 3-layer network of book §3.4.3: sigmoid hidden layers, identity output."
            ),
            "notes": self.tr(
                "The study notes' 2-3-2-2 network, computed as §3.4.3 does (the notes' listing "
                "adds b1 twice and skips the activations)."
            ),
            "xor": self.tr(
                "XOR as a two-layer perceptron (§2.5.2): hidden NAND and OR, output AND, step "
                "activations. See the Batch page for the truth table."
            ),
            "file": self.tr("Weights loaded from %1."),
            "mnist": self.tr(
                "The book's §3.6.2 network, trained on MNIST (sample_weight.pkl: sigmoid "
                "hidden layers, softmax output). Draw a digit or pick one on the Image page."
            ),
            "random": self.tr("Random weights (%1)."),
        }
        text = tr_fmt(texts.get(key, "%1"), detail)
        sizes = "-".join(str(s) for s in self.doc.sizes)
        if not self.doc.undo_stack.isClean():
            text += " " + self.tr("(edited)")
        self.description_label.setText(tr_fmt(self.tr("Network %1 · %2"), sizes, text))

    @Slot()
    def _update_forward(self) -> None:
        doc = self.doc
        trace = doc.trace()
        net = doc.network
        lines = trace_lines(net, trace)
        self.trace_view.setPlainText("\n".join(lines))
        y = trace.y
        assert y is not None
        text = "y = " + format_vector(y)
        if y.size > 1 and net.activations[-1] == "softmax":
            text += "   " + tr_fmt(self.tr("(largest: y%1)"), str(int(np.argmax(y)) + 1))
        self.output_label.setText(text)
        if not np.all(np.isfinite(y)):
            self.message_label.setText(
                self.tr("The output is not finite: some weights or inputs are too large.")
            )

    def _update_action_state(self) -> None:
        sizes = self.doc.sizes
        layer = self._current_layer()
        self.remove_layer_action.setEnabled(0 < layer < len(sizes) - 1 and len(sizes) > 2)
        self.remove_neuron_action.setEnabled(bool(self.view.selected_neurons()))
        self.add_layer_action.setEnabled(len(sizes) < MAX_LAYERS)
        self.add_neuron_action.setEnabled(sizes[layer] < MAX_NEURONS)

    def _current_layer(self) -> int:
        """The layer the toolbar acts on: the selection's, else the last clicked header,
        else the last hidden layer (or the output layer)."""
        selected = self.view.selected_neurons()
        sizes = self.doc.sizes
        if selected:
            return selected[-1].layer
        layer = self._header_layer
        if layer is not None and layer < len(sizes):
            return layer
        return len(sizes) - 2 if len(sizes) > 2 else len(sizes) - 1

    # -- slots -------------------------------------------------------------------------
    @Slot(str)
    def _on_rejected(self, message: str) -> None:
        self.message_label.setText(message)
        notify(self, message)

    def _try(self, call, *args) -> None:
        try:
            call(*args)
        except DocumentError as exc:
            self._on_rejected(str(exc))
        else:
            self.message_label.clear()

    @Slot()
    def _on_fit(self) -> None:
        self.view.fit()

    @Slot(bool)
    def _on_bias_toggled(self, checked: bool) -> None:
        self.view.show_bias = checked
        self.view.rebuild()
