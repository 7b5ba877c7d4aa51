"""The Network tab's per-layer page: the activation, W and b tables of one layer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.network import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from gui.tabs.network_canvas import activation_label
from gui.tabs.network_doc import NetworkDocument
from gui.tabs.network_models import WeightModel

__all__ = ["LayerPage"]


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
        for view in (self.w_view, self.b_view):
            view.horizontalHeader().setDefaultSectionSize(78)
            view.verticalHeader().setDefaultSectionSize(22)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.b_view.setMaximumHeight(56)
        for model in (self.w_model, self.b_model):
            model.rejected.connect(on_rejected)
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
        self.update_labels()

    def update_labels(self) -> None:
        doc, k = self.doc, self.layer
        if k >= doc.network.n_layers:
            return
        w = doc.network.weights[k]
        self.w_label.setText(
            self.tr("W%1: %2 × %3 (rows: inputs, columns: neurons)")
            .replace("%1", str(k + 1))
            .replace("%2", str(w.shape[0]))
            .replace("%3", str(w.shape[1]))
        )
        self.b_label.setText(
            self.tr("b%1: %2 values").replace("%1", str(k + 1)).replace("%2", str(w.shape[1]))
        )
        self.activation_label.setText(self.tr("Activation of layer %1:").replace("%1", str(k + 1)))
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
