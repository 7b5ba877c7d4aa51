"""Table models over the Network tab's document: W and b per layer, the input vector,
the batch of inputs and its outputs.

``setData`` is the one place where typed numbers enter: it validates with
``parse_number``, reports a refusal through ``rejected`` (and ``notify``) and returns
False, so the old value stays. Shape changes are model resets.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from engine.weights import MAX_ABS_WEIGHT
from gui.tabs.network_doc import NetworkDocument
from gui.widgets import InputError, format_number, parse_number

__all__ = ["ArrayModel", "WeightModel", "InputModel", "BatchInputModel", "BatchOutputModel"]

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

_POSITIVE = QColor(230, 240, 255)
_NEGATIVE = QColor(255, 232, 228)


class ArrayModel(QAbstractTableModel):
    """A table over a 2-D view of an array the document owns (read-only by default)."""

    rejected = Signal(str)

    def __init__(self, doc: NetworkDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.digits = 6
        doc.structure_changed.connect(self._on_structure_changed)
        doc.values_changed.connect(self._on_values_changed)
        doc.input_changed.connect(self._on_values_changed)

    # subclasses
    def matrix(self) -> np.ndarray:  # 2-D
        raise NotImplementedError

    def editable(self) -> bool:
        return False

    def store(self, row: int, column: int, value: float) -> None:
        raise NotImplementedError

    def row_label(self, row: int) -> str:
        return str(row)

    def column_label(self, column: int) -> str:
        return str(column)

    # Qt
    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        m = self.matrix()
        return 0 if m is None else m.shape[0]

    def columnCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        m = self.matrix()
        return 0 if m is None else m.shape[1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.matrix()
        if index.row() >= m.shape[0] or index.column() >= m.shape[1]:
            return None
        value = float(m[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value, self.digits)
        if role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return repr(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.editable() and value != 0:
            return QBrush(_POSITIVE if value > 0 else _NEGATIVE)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.column_label(section)
        return self.row_label(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.editable() else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable():
            return False
        try:
            number = parse_number(str(value), -MAX_ABS_WEIGHT, MAX_ABS_WEIGHT)
        except InputError as exc:
            self.rejected.emit(str(exc))
            return False
        self.store(index.row(), index.column(), float(number))
        return True

    # document
    def _on_structure_changed(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _on_values_changed(self) -> None:
        rows, cols = self.rowCount(), self.columnCount()
        if rows and cols:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))


class WeightModel(ArrayModel):
    """W{k+1} (kind "W", rows = inputs, columns = neurons) or b{k+1} (kind "b", one row)."""

    def __init__(self, doc: NetworkDocument, kind: str, layer: int, parent=None) -> None:
        self.kind, self.layer = kind, layer
        #: f(kind, layer) -> array shown instead of the values, read-only (the Backward
        #: page's gradients), or None
        self.overlay = None
        super().__init__(doc, parent)

    def valid(self) -> bool:
        return self.layer < self.doc.network.n_layers

    def matrix(self) -> np.ndarray:
        if not self.valid():
            return np.zeros((0, 0))
        source = self.doc.array if self.overlay is None else self.overlay
        a = source(self.kind, self.layer)
        return a if a.ndim == 2 else a.reshape(1, -1)

    def editable(self) -> bool:
        return self.overlay is None

    def store(self, row: int, column: int, value: float) -> None:
        if self.kind == "W":
            self.doc.set_weight(self.layer, row, column, value)
        else:
            self.doc.set_bias(self.layer, column, value)

    def row_label(self, row: int) -> str:
        return f"x{row + 1}" if self.layer == 0 and self.kind == "W" else str(row + 1)

    def column_label(self, column: int) -> str:
        return str(column + 1)


class InputModel(ArrayModel):
    """The input vector x as one editable row."""

    def matrix(self) -> np.ndarray:
        return self.doc.x.reshape(1, -1)

    def editable(self) -> bool:
        return True

    def store(self, row: int, column: int, value: float) -> None:
        self.doc.set_input(column, value)

    def column_label(self, column: int) -> str:
        return f"x{column + 1}"

    def row_label(self, row: int) -> str:
        return "x"


class BatchInputModel(ArrayModel):
    """The batch of inputs, one sample per row (editable)."""

    def matrix(self) -> np.ndarray:
        return self.doc.batch

    def editable(self) -> bool:
        return True

    def store(self, row: int, column: int, value: float) -> None:
        self.doc.set_batch_value(row, column, value)

    def column_label(self, column: int) -> str:
        return f"x{column + 1}"

    def row_label(self, row: int) -> str:
        return str(row + 1)

    def _on_values_changed(self) -> None:
        if self.rowCount() != self.doc.batch.shape[0]:
            self._on_structure_changed()
        else:
            super()._on_values_changed()


class BatchOutputModel(ArrayModel):
    """The network's outputs for the batch, one row per sample (read-only, full precision)."""

    def __init__(self, doc: NetworkDocument, parent=None) -> None:
        super().__init__(doc, parent)
        self.digits = 17
        self._cache: np.ndarray | None = None

    def matrix(self) -> np.ndarray:
        if self._cache is None:
            self._cache = self.doc.batch_output()
        return self._cache

    def column_label(self, column: int) -> str:
        return f"y{column + 1}"

    def row_label(self, row: int) -> str:
        return str(row + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            m = self.matrix()
            if index.row() < m.shape[0] and index.column() < m.shape[1]:
                return repr(float(m[index.row(), index.column()]))
        return super().data(index, role)

    def _on_structure_changed(self) -> None:
        self.beginResetModel()
        self._cache = None
        self.endResetModel()

    def _on_values_changed(self) -> None:
        new = self.doc.batch_output()
        if self._cache is None or self._cache.shape != new.shape:
            self.beginResetModel()
            self._cache = new
            self.endResetModel()
        else:
            self._cache = new
            super()._on_values_changed()
