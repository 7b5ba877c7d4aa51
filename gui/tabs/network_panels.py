"""The Network tab's pages: W and b of one layer, the batch tables, random initialisation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.network import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS, WEIGHT_INITS
from engine.weights import MAX_LAYERS, MAX_NEURONS
from gui.tabs.network_canvas import activation_label
from gui.tabs.network_doc import NetworkDocument
from gui.tabs.network_models import BatchInputModel, BatchOutputModel, WeightModel
from gui.text import tr_fmt
from gui.widgets import NumberField

__all__ = ["LayerPage", "BatchPage", "RandomInitPage"]

#: Row height of the weight tables (pixels) and how many rows W shows before it scrolls.
ROW_HEIGHT = 22
MAX_VISIBLE_ROWS = 12


class LayerPage(QWidget):
    """W and b of one weight layer, with the layer's activation."""

    def __init__(
        self, doc: NetworkDocument, layer: int, on_rejected: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.layer = layer
        self.activation_label = QLabel()
        self.activation_combo = QComboBox()
        self.activation_combo.setObjectName(f"activationCombo{layer + 1}")
        self.activation_combo.activated.connect(self._on_activation)
        self.w_label = QLabel()
        self.b_label = QLabel()
        self.w_model = WeightModel(doc, "W", layer, self)
        self.b_model = WeightModel(doc, "b", layer, self)
        self.w_view = QTableView()
        self.w_view.setObjectName(f"weightTable{layer + 1}")
        self.w_view.setModel(self.w_model)
        self.b_view = QTableView()
        self.b_view.setObjectName(f"biasTable{layer + 1}")
        self.b_view.setModel(self.b_model)
        # wide enough for the longest 6-digit form, e.g. -0.000123457 or -1.23457e-05
        cell_width = self.fontMetrics().horizontalAdvance("-0.000123457") + 16
        for view in (self.w_view, self.b_view):
            view.horizontalHeader().setDefaultSectionSize(cell_width)
            view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for model in (self.w_model, self.b_model):
            model.rejected.connect(on_rejected)
            model.modelReset.connect(self.fit_heights)
        self.doc = doc
        top = QHBoxLayout()
        top.addWidget(self.activation_label)
        top.addWidget(self.activation_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.w_label)
        layout.addWidget(self.w_view, 1)
        layout.addWidget(self.b_label)
        layout.addWidget(self.b_view)
        layout.addStretch(0)
        self.update_labels()
        self.fit_heights()

    def _table_height(self, view: QTableView, rows: int) -> int:
        """The height that shows ``rows`` rows of ``view`` whole, with the header, the frame
        and the horizontal scroll bar when the columns are wider than the view."""
        model = view.model()
        header = view.horizontalHeader()
        height = header.sizeHint().height() + rows * ROW_HEIGHT + 2 * view.frameWidth()
        columns = header.defaultSectionSize() * model.columnCount()
        room = view.width() - 2 * view.frameWidth() - view.verticalHeader().sizeHint().width()
        if model.rowCount() > rows:
            room -= view.verticalScrollBar().sizeHint().width()
        if columns > room:
            height += view.horizontalScrollBar().sizeHint().height()
        return height

    @Slot()
    def fit_heights(self) -> None:
        """W as tall as its rows (up to MAX_VISIBLE_ROWS, then it scrolls), b one row: the
        book's small matrices show whole, the space below stays empty, not grey table."""
        rows = self.w_model.rowCount()
        self.w_view.setMaximumHeight(self._table_height(self.w_view, min(rows, MAX_VISIBLE_ROWS)))
        self.w_view.setMinimumHeight(self._table_height(self.w_view, min(rows, 1)))
        self.b_view.setFixedHeight(self._table_height(self.b_view, 1))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_heights()

    def update_labels(self) -> None:
        doc, k = self.doc, self.layer
        if k >= doc.network.n_layers:
            return
        w = doc.network.weights[k]
        self.w_label.setText(
            tr_fmt(
                self.tr("W%1: %2 × %3 (rows: inputs, columns: neurons)"),
                str(k + 1),
                str(w.shape[0]),
                str(w.shape[1]),
            )
        )
        self.b_label.setText(tr_fmt(self.tr("b%1: %2 values"), str(k + 1), str(w.shape[1])))
        self.activation_label.setText(tr_fmt(self.tr("Activation of layer %1:"), str(k + 1)))
        last = k == doc.network.n_layers - 1
        names = OUTPUT_ACTIVATIONS if last else HIDDEN_ACTIVATIONS
        self.activation_combo.blockSignals(True)
        self.activation_combo.clear()
        for name in names:
            self.activation_combo.addItem(activation_label(name), name)
        self.activation_combo.setCurrentIndex(names.index(doc.network.activations[k]))
        self.activation_combo.blockSignals(False)

    @Slot(int)
    def _on_activation(self, index: int) -> None:
        self.doc.set_activation(self.layer, self.activation_combo.itemData(index))


class BatchPage(QWidget):
    """A small table of input rows and the table of outputs they give (book §3.6.3)."""

    def __init__(self, doc: NetworkDocument, on_rejected: Callable[[str], None]) -> None:
        super().__init__()
        self.doc = doc
        self.input_model = BatchInputModel(doc, self)
        self.input_model.rejected.connect(on_rejected)
        self.output_model = BatchOutputModel(doc, self)
        self.inputs = QTableView()
        self.inputs.setObjectName("batchInputTable")
        self.inputs.setModel(self.input_model)
        self.outputs = QTableView()
        self.outputs.setObjectName("batchOutputTable")
        self.outputs.setModel(self.output_model)
        metrics = self.fontMetrics()
        # inputs are short (0, 1, 0.5, four-digit random values); outputs are full precision
        self.inputs.horizontalHeader().setDefaultSectionSize(
            metrics.horizontalAdvance("-0.0000") + 16
        )
        self.outputs.horizontalHeader().setDefaultSectionSize(
            metrics.horizontalAdvance("0.31520253340280024") + 12
        )
        for view in (self.inputs, self.outputs):
            view.verticalHeader().setDefaultSectionSize(22)
        self.rows_label = QLabel()
        self.rows = NumberField(4, 1, 1000, 1, integer=True)
        self.rows.setMaximumWidth(70)
        self.rows.value_changed.connect(self._on_rows)
        self.rows.rejected.connect(on_rejected)
        self.in_label = QLabel()
        self.out_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.rows_label)
        top.addWidget(self.rows)
        top.addStretch(1)
        grid = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.in_label)
        left.addWidget(self.inputs)
        right.addWidget(self.out_label)
        right.addWidget(self.outputs)
        grid.addLayout(left, 1)
        grid.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        doc.structure_changed.connect(self._on_structure_changed)

    def retranslate(self) -> None:
        self.rows_label.setText(self.tr("Rows:"))
        self.in_label.setText(self.tr("Inputs X (one sample per row)"))
        self.out_label.setText(self.tr("Outputs Y = forward(X)"))

    @Slot()
    def _on_structure_changed(self) -> None:
        self.rows.setValue(self.doc.batch.shape[0])

    @Slot(float)
    def _on_rows(self, value: float) -> None:
        self.doc.resize_batch(int(value))


class RandomInitPage(QWidget):
    """Random initialisation (book §6.2) for sizes the learner types."""

    #: sizes, hidden activation, output activation, method, std, seed
    requested = Signal(list, str, str, str, float, int)

    def __init__(self, on_rejected: Callable[[str], None]) -> None:
        super().__init__()
        self.on_rejected = on_rejected
        self.sizes_edit = QLineEdit("2, 3, 2")
        self.sizes_edit.setObjectName("randomSizesEdit")
        self.hidden_combo = QComboBox()
        for name in HIDDEN_ACTIVATIONS:
            self.hidden_combo.addItem("", name)
        self.hidden_combo.setCurrentIndex(HIDDEN_ACTIVATIONS.index("sigmoid"))
        self.output_combo = QComboBox()
        for name in OUTPUT_ACTIVATIONS:
            self.output_combo.addItem("", name)
        self.output_combo.setCurrentIndex(OUTPUT_ACTIVATIONS.index("softmax"))
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("initMethodCombo")
        for name in WEIGHT_INITS:
            self.method_combo.addItem("", name)
        self.std_field = NumberField(0.01, 1e-6, 100, 0.01)
        self.std_field.rejected.connect(on_rejected)
        self.seed_field = NumberField(0, 0, 2**31 - 1, 1, integer=True)
        self.seed_field.rejected.connect(on_rejected)
        self.button = QPushButton()
        self.button.setObjectName("randomInitButton")
        self.button.clicked.connect(self._on_clicked)
        form = QFormLayout(self)
        self.labels = [QLabel() for _ in range(6)]
        fields = (
            self.sizes_edit,
            self.hidden_combo,
            self.output_combo,
            self.method_combo,
            self.std_field,
            self.seed_field,
        )
        for label, field in zip(self.labels, fields, strict=True):
            form.addRow(label, field)
        form.addRow(self.button)

    def retranslate(self) -> None:
        texts = (
            self.tr("Layer sizes:"),
            self.tr("Hidden activation:"),
            self.tr("Output activation:"),
            self.tr("Initialisation:"),
            self.tr("Std (for std):"),
            self.tr("Seed:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.sizes_edit.setToolTip(self.tr("Neurons per layer, input first, e.g. 784, 50, 100, 10"))
        for combo in (self.hidden_combo, self.output_combo):
            for i in range(combo.count()):
                combo.setItemText(i, activation_label(combo.itemData(i)))
        methods = {
            "std": self.tr("std: N(0, std²) (book §4.5)"),
            "xavier": self.tr("Xavier: std 1/√n (§6.2.2, sigmoid, tanh)"),
            "he": self.tr("He: std √(2/n) (§6.2.3, ReLU)"),
        }
        for i in range(self.method_combo.count()):
            self.method_combo.setItemText(i, methods[self.method_combo.itemData(i)])
        self.button.setText(self.tr("Initialise"))

    @Slot()
    def _on_clicked(self) -> None:
        text = self.sizes_edit.text()
        for sep in ("-", "、", "，", " "):
            text = text.replace(sep, ",")
        try:
            sizes = [int(part) for part in text.split(",") if part.strip()]
            if not 2 <= len(sizes) <= MAX_LAYERS or min(sizes) < 1 or max(sizes) > MAX_NEURONS:
                raise ValueError
        except ValueError:
            self.on_rejected(
                tr_fmt(
                    self.tr(
                        "Layer sizes: enter 2 to %1 whole numbers from 1 to %2, "
                        "e.g. 784, 50, 100, 10."
                    ),
                    str(MAX_LAYERS),
                    str(MAX_NEURONS),
                )
            )
            return
        self.requested.emit(
            sizes,
            self.hidden_combo.currentData(),
            self.output_combo.currentData(),
            self.method_combo.currentData(),
            float(self.std_field.value()),
            int(self.seed_field.value()),
        )
