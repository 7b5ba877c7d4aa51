"""The Network tab's Backward page (ch. 5 on the drawn network, ``engine.netgrad``).

Give a target t (a class label or a vector) and a loss (½Σ(y − t)², or the cross-entropy
after a softmax); *Backward* computes ∂L/∂W and ∂L/∂b of every layer and δ = ∂L/∂a at
every neuron. With *Show gradients* on, the canvas draws ∂L/∂W on the edges (colour by
sign, width by size, the number on hover), each neuron shows its δ, and the W and b tables
show the gradients (read-only) instead of the values. *One SGD step* moves the weights
by −lr·∂L/∂W (undoable like any edit) and shows the loss before → after. A chosen weight's
backprop derivative is compared with its central difference.

The page only reads the document and the canvas; it hooks in through
``TopologyView.edges``/``neurons`` and ``WeightModel.overlay`` and repaints after the
view's own refresh (the document's signals, one event-loop turn later).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine import netgrad as NG
from gui.tabs.network_items import short_number
from gui.text import tr_fmt

__all__ = ["BackwardPage", "parse_target"]


def parse_target(text: str, n_out: int) -> np.ndarray:
    """A typed target: one whole number is a class label, else numbers separated by commas
    or spaces (brackets allowed). ``ValueError`` with an English reason (the GUI shows a
    translated one)."""
    cleaned = text.replace("[", " ").replace("]", " ").replace(",", " ").replace("−", "-")
    parts = cleaned.split()
    if not parts:
        raise ValueError("empty")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError("not_number") from None
    if not all(math.isfinite(v) for v in values):
        raise ValueError("not_number")
    if len(values) == 1 and n_out > 1:
        return NG.target_vector(int(values[0]) if values[0].is_integer() else values[0], n_out)
    return NG.target_vector(values, n_out)


class BackwardPage(QWidget):
    """The Backward page (objectName ``backwardPage``) of the Network tab."""

    def __init__(self, doc, view, pages: Callable[[], list], on_rejected: Callable[[str], None]):
        super().__init__()
        self.setObjectName("backwardPage")
        self.doc, self.view, self._pages, self._on_rejected = doc, view, pages, on_rejected
        self.result: NG.BackwardResult | None = None
        #: whether the canvas shows gradients now (else it shows weights, kept current by
        #: its own ``values_changed`` refresh: no second redraw of every edge per edit)
        self._on_canvas = False
        #: the last accepted text of each field (a refused edit puts it back)
        self._good = {"target": "1", "lr": "0.1", "index": "0, 0"}
        self.target_edit = QLineEdit("1")
        self.target_edit.setObjectName("targetEdit")
        self.loss_combo = QComboBox()
        self.loss_combo.setObjectName("lossCombo")
        self.loss_combo.addItem("", "sse")
        self.loss_combo.addItem("", "ce")
        self.backward_button = QPushButton()
        self.backward_button.setObjectName("backwardButton")
        self.show_check = QCheckBox()
        self.show_check.setObjectName("showGradientsCheck")
        self.show_check.setChecked(True)
        self.result_view = QPlainTextEdit()
        self.result_view.setObjectName("backwardResult")
        self.result_view.setReadOnly(True)
        self.result_view.setMinimumHeight(40)
        self.lr_edit = QLineEdit("0.1")
        self.lr_edit.setObjectName("sgdLrEdit")
        self.lr_edit.setMaximumWidth(70)
        self.sgd_button = QPushButton()
        self.sgd_button.setObjectName("sgdStepButton")
        self.sgd_label = QLabel()
        self.sgd_label.setObjectName("sgdLossLabel")
        self.param_combo = QComboBox()
        self.param_combo.setObjectName("checkParamCombo")
        self.index_edit = QLineEdit("0, 0")
        self.index_edit.setObjectName("checkIndexEdit")
        self.index_edit.setMaximumWidth(70)
        self.check_button = QPushButton()
        self.check_button.setObjectName("numericalCheckButton")
        self.check_label = QLabel()
        self.check_label.setObjectName("numericalCheckLabel")
        self.check_label.setWordWrap(True)
        self.labels = [QLabel() for _ in range(4)]

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.target_edit, 1)
        row.addWidget(self.loss_combo, 2)
        form.addRow(self.labels[0], row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backward_button)
        buttons.addWidget(self.show_check, 1)
        sgd = QHBoxLayout()
        sgd.addWidget(self.labels[1])
        sgd.addWidget(self.lr_edit)
        sgd.addWidget(self.sgd_button)
        sgd.addWidget(self.sgd_label, 1)
        check = QHBoxLayout()
        check.addWidget(self.labels[2])
        check.addWidget(self.param_combo)
        check.addWidget(self.labels[3])
        check.addWidget(self.index_edit)
        check.addWidget(self.check_button)
        check.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result_view, 1)
        layout.addLayout(sgd)
        layout.addLayout(check)
        layout.addWidget(self.check_label)

        self.backward_button.clicked.connect(self.run_backward)
        self.sgd_button.clicked.connect(self.sgd_step)
        self.check_button.clicked.connect(self.compare)
        self.show_check.toggled.connect(lambda _on: self._apply())
        self.loss_combo.currentIndexChanged.connect(lambda _i: self._recompute())
        # each field answers Enter itself: a refusal names it, a good value applies
        self.target_edit.editingFinished.connect(self._on_target_edited)
        self.lr_edit.editingFinished.connect(self._learning_rate)
        self.index_edit.editingFinished.connect(self._index)
        for signal in (doc.values_changed, doc.input_changed, doc.structure_changed):
            signal.connect(self._on_doc_changed)
        self._fill_params()
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.labels[0].setText(QCoreApplication.translate("NetworkTab", "Target t:"))
        self.target_edit.setToolTip(
            QCoreApplication.translate(
                "NetworkTab", "A class label (0, 1, …) or one number per output, e.g. 0, 1"
            )
        )
        self.loss_combo.setItemText(
            0, QCoreApplication.translate("NetworkTab", "Sum of squares ½Σ(y − t)²")
        )
        self.loss_combo.setItemText(
            1, QCoreApplication.translate("NetworkTab", "Cross-entropy after softmax")
        )
        self.backward_button.setText(QCoreApplication.translate("NetworkTab", "Backward"))
        self.backward_button.setToolTip(
            QCoreApplication.translate(
                "NetworkTab", "Backpropagate the loss: ∂L/∂W, ∂L/∂b and δ = ∂L/∂a everywhere"
            )
        )
        self.show_check.setText(
            QCoreApplication.translate(
                "NetworkTab", "Show gradients on the canvas and in the tables"
            )
        )
        self.labels[1].setText(QCoreApplication.translate("NetworkTab", "Learning rate:"))
        self.sgd_button.setText(QCoreApplication.translate("NetworkTab", "One SGD step"))
        self.sgd_button.setToolTip(
            QCoreApplication.translate(
                "NetworkTab", "W ← W − lr·∂L/∂W for every weight (Ctrl+Z undoes)"
            )
        )
        self.labels[2].setText(QCoreApplication.translate("NetworkTab", "Check"))
        self.labels[3].setText(QCoreApplication.translate("NetworkTab", "at"))
        self.check_button.setText(QCoreApplication.translate("NetworkTab", "Numerical vs backprop"))
        self._show_result()

    # -- actions -------------------------------------------------------------------------
    def _target(self) -> np.ndarray | None:
        try:
            t = parse_target(self.target_edit.text(), self.doc.network.sizes[-1])
            self._good["target"] = self.target_edit.text()
            return t
        except ValueError:
            self.target_edit.setText(self._good["target"])
            n = self.doc.network.sizes[-1]
            self._on_rejected(
                tr_fmt(
                    QCoreApplication.translate(
                        "NetworkTab",
                        "Target t: enter a class label from 0 to %1, or %2 numbers separated by "
                        "commas.",
                    ),
                    str(n - 1),
                    str(n),
                )
            )
            return None

    def run_backward(self) -> bool:
        """Backpropagate for the current input and target; True if it could."""
        t = self._target()
        if t is None:
            return False
        try:
            with np.errstate(all="ignore"):
                self.result = NG.backward(self.doc.network, self.doc.x, t, self.kind)
        except ValueError as exc:
            self.result = None
            self._on_rejected(
                tr_fmt(
                    QCoreApplication.translate(
                        "NetworkTab",
                        "Backward needs activations with a derivative: the step function's is 0 "
                        "wherever it exists (%1).",
                    ),
                    str(exc),
                )
            )
            self._apply()
            return False
        self._fill_params()
        self._apply()
        return True

    @property
    def kind(self) -> str:
        return self.loss_combo.currentData()

    def _on_target_edited(self) -> None:
        if self._target() is not None:
            self._recompute()

    def _learning_rate(self) -> float | None:
        try:
            lr = float(self.lr_edit.text())
            if not (math.isfinite(lr) and 0 < lr <= 100):
                raise ValueError
        except ValueError:
            self.lr_edit.setText(self._good["lr"])
            self._on_rejected(
                QCoreApplication.translate(
                    "NetworkTab", "Learning rate: enter a number above 0, at most 100."
                )
            )
            return None
        self._good["lr"] = self.lr_edit.text()
        return lr

    def _index(self) -> tuple[int, ...] | None:
        key = self.param_combo.currentData()
        shape = self.doc.network.params[key].shape
        try:
            index = tuple(int(p) for p in self.index_edit.text().replace(",", " ").split())
            if len(index) != len(shape) or any(
                not 0 <= i < n for i, n in zip(index, shape, strict=True)
            ):
                raise ValueError
        except ValueError:
            self.index_edit.setText(self._good["index"])
            self._on_rejected(
                tr_fmt(
                    QCoreApplication.translate(
                        "NetworkTab",
                        "Index: %1 has shape %2; enter a position inside it, e.g. 0, 0.",
                    ),
                    key,
                    "×".join(map(str, shape)),
                )
            )
            return None
        self._good["index"] = self.index_edit.text()
        return index

    def _recompute(self) -> None:
        if self.result is not None:
            self.run_backward()

    def _on_doc_changed(self) -> None:
        # after the canvas and tables have refreshed themselves from the document
        QTimer.singleShot(0, self._recompute if self.result is not None else self._apply)

    def sgd_step(self) -> None:
        """One step W ← W − lr·∂L/∂W; shows the loss before → after."""
        lr = self._learning_rate()
        if lr is None:
            return
        if not self.run_backward():
            return
        t = self._target()
        before = self.result.loss
        stepped = NG.sgd_step(self.doc.network, self.result.grads, lr)
        after = NG.loss(stepped, self.doc.x, t, self.kind)
        # undoable like any edit; the input, batch and description stay
        self.doc._push_network(
            stepped,
            QCoreApplication.translate("NetworkTab", "One SGD step"),
            self.doc.x,
            None,
            self.doc.batch,
        )
        self.sgd_label.setText(
            tr_fmt(
                QCoreApplication.translate("NetworkTab", "L: %1 → %2"),
                f"{before:.6g}",
                f"{after:.6g}",
            )
        )
        self.run_backward()

    def compare(self) -> None:
        """Backprop and central difference for the chosen weight, side by side."""
        if self.result is None and not self.run_backward():
            return
        key = self.param_combo.currentData()
        index = self._index()
        if index is None:
            return
        t = self._target()
        numerical = NG.numerical(self.doc.network, self.doc.x, t, self.kind, key, index)
        backprop = float(self.result.grads[key][index])
        self.check_label.setText(
            tr_fmt(
                QCoreApplication.translate(
                    "NetworkTab", "∂L/∂%1[%2]: backprop %3, numerical %4, difference %5"
                ),
                key,
                ", ".join(map(str, index)),
                repr(backprop),
                repr(numerical),
                f"{abs(backprop - numerical):.1e}",
            )
        )

    # -- showing -------------------------------------------------------------------------
    def _fill_params(self) -> None:
        keys = list(self.doc.network.params)
        if [self.param_combo.itemData(i) for i in range(self.param_combo.count())] != keys:
            self.param_combo.clear()
            for key in keys:
                self.param_combo.addItem(key, key)

    def _show_result(self) -> None:
        r = self.result
        if r is None:
            self.result_view.setPlainText("")
            return
        lines = [
            tr_fmt(QCoreApplication.translate("NetworkTab", "L = %1"), repr(r.loss)),
            "y = " + np.array2string(r.y, precision=6),
            "t = " + np.array2string(r.t, precision=6),
            "",
        ]
        for i, d in enumerate(r.deltas):
            lines.append(
                f"δ{i + 1} = ∂L/∂a{i + 1} = ∂L/∂b{i + 1} = " + np.array2string(d, precision=6)
            )
        lines.append("")
        for key, g in r.grads.items():
            if key.startswith("W"):
                lines.append(f"∂L/∂{key} =\n" + np.array2string(g, precision=6))
        self.result_view.setPlainText("\n".join(lines))

    def gradient_of(self, kind: str, layer: int) -> np.ndarray:
        """∂L/∂W{layer+1} (kind "W") or ∂L/∂b{layer+1} of the last backward pass."""
        return self.result.grads[f"{kind}{layer + 1}"]

    def showing(self) -> bool:
        """Whether the canvas and tables show gradients now."""
        return self.result is not None and self.show_check.isChecked()

    def _apply(self) -> None:
        self._show_result()
        showing = self.showing()
        for page in self._pages():
            for model in (page.w_model, page.b_model):
                wanted = self.gradient_of if showing else None
                if model.overlay is not wanted or showing:
                    model.overlay = wanted
                    model.beginResetModel()
                    model.endResetModel()
        if not showing:
            if self._on_canvas:
                for edge in self.view.edges.values():
                    edge.tooltip_template = None
                self.view.weight_scale = float("nan")  # every edge shows a gradient now
                self.view.refresh()
            self._on_canvas = False
            return
        self._on_canvas = True
        values = [
            (edge, float(self.gradient_of(edge.kind, edge.layer)[edge.index]))
            for edge in self.view.edges.values()
        ]
        finite = [abs(v) for _, v in values if math.isfinite(v)]
        self.view.weight_scale = max(finite, default=1.0) or 1.0
        template = QCoreApplication.translate("NetworkTab", "∂L/∂%1 = %2")
        for edge, value in values:
            edge.tooltip_template = template
            edge.set_value(value, self.view.weight_scale)
        for (layer, idx), item in self.view.neurons.items():
            if layer == 0:
                continue
            delta = float(self.result.deltas[layer - 1][idx])
            item.sum_text.setText(f"δ={short_number(delta)}")
            r = item.sum_text.boundingRect()
            item.sum_text.setPos(-r.width() / 2, item.rect().height() / 2 + 1)
            item.setToolTip(item.toolTip().split("\nδ")[0] + f"\nδ{layer}[{idx}] = {delta!r}")
