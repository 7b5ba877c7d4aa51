"""The Gates tab's truth table: a table model over the inputs, targets and one perceptron,
and a view that edits targets by click, Space or typing 0/1.

The model never changes a target itself: it asks (``target_edit_requested``) and the tab
applies the edit through its undo stack, then calls ``set_table``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from engine.perceptron import table_inputs
from gui.text import tr_fmt
from gui.widgets import InputError, format_number, parse_number

__all__ = ["TruthTableModel", "TruthTableView", "format_sum"]

_OK = QColor("#1b7f3b")
_BAD = QColor("#c62828")
_OK_BG = QColor("#e6f4ea")
_BAD_BG = QColor("#fdecea")

Index = QModelIndex | QPersistentModelIndex


def format_sum(value: float) -> str:
    """w·x + b for display: up to 4 significant digits, a real minus sign."""
    text = format_number(float(value), 4)
    return text.replace("-", "−")


class TruthTableModel(QAbstractTableModel):
    """Rows: every 0/1 input. Columns: x1…xn, the target t, w·x + b, the output y, ✓/✗."""

    #: (row, new target) asked for by an edit in a delegate editor
    target_edit_requested = Signal(int, int)
    #: a refused edit, with the reason (translated)
    rejected = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._inputs = table_inputs(2)
        self._targets = np.zeros(4, dtype=np.int64)
        self._w = np.zeros(2)
        self._b = 0.0

    # -- contents ----------------------------------------------------------------------
    @property
    def n_inputs(self) -> int:
        return int(self._inputs.shape[1])

    @property
    def target_column(self) -> int:
        return self.n_inputs

    def sums(self) -> np.ndarray:
        return self._inputs @ self._w + self._b

    def outputs(self) -> np.ndarray:
        return (self.sums() > 0).astype(np.int64)

    def targets(self) -> np.ndarray:
        return self._targets.copy()

    def set_table(self, targets: np.ndarray, w: np.ndarray, b: float) -> None:
        """Show ``targets`` and the perceptron (w, b); the number of inputs is len(w)."""
        n = len(w)
        reset = n != self.n_inputs
        if reset:
            self.beginResetModel()
            self._inputs = table_inputs(n)
        self._targets = np.array(targets, dtype=np.int64)
        self._w = np.array(w, dtype=np.float64)
        self._b = float(b)
        if reset:
            self.endResetModel()
        else:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else int(self._inputs.shape[0])

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.n_inputs + 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        n = self.n_inputs
        if role == Qt.ItemDataRole.DisplayRole:
            if section < n:
                return f"x{section + 1}"
            return ["t", "w·x + b", "y", "✓/✗"][section - n]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section < n:
                return tr_fmt(
                    QCoreApplication.translate("GatesTab", "Input x%1 (0 or 1)"), str(section + 1)
                )
            return [
                QCoreApplication.translate(
                    "GatesTab",
                    "The target: what the gate should output. Click, press Space or type 0/1.",
                ),
                QCoreApplication.translate("GatesTab", "The weighted sum w·x + b of this row"),
                QCoreApplication.translate(
                    "GatesTab", "The perceptron's output: 1 if w·x + b > 0, else 0"
                ),
                QCoreApplication.translate("GatesTab", "Does the output match the target?"),
            ][section - n]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.target_column:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col, n = index.row(), index.column(), self.n_inputs
        s = float(self._inputs[row] @ self._w + self._b)
        y = int(s > 0)
        t = int(self._targets[row])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col < n:
                return str(int(self._inputs[row, col]))
            if col == n:
                return str(t)
            if col == n + 1:
                return format_sum(s)
            if col == n + 2:
                return str(y)
            return "✓" if y == t else "✗"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == n + 3:
            return QBrush(_OK if y == t else _BAD)
        if role == Qt.ItemDataRole.BackgroundRole and col == n + 3:
            return QBrush(_OK_BG if y == t else _BAD_BG)
        if role == Qt.ItemDataRole.ToolTipRole and col == n + 1:
            terms = " + ".join(
                f"{format_sum(w)}×{int(x)}" for w, x in zip(self._w, self._inputs[row], strict=True)
            )
            return f"{terms} + ({format_sum(self._b)}) = {format_sum(s)}"
        if role == Qt.ItemDataRole.ToolTipRole and col == n:
            return QCoreApplication.translate(
                "GatesTab", "Click, press Space or type 0/1 to change the target"
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.target_column:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        try:
            target = int(parse_number(text, 0, 1, integer=True))
        except InputError as exc:
            self.rejected.emit(
                tr_fmt(
                    QCoreApplication.translate(
                        "GatesTab", "A target is 0 or 1: “%1” was refused (%2), %3 kept."
                    ),
                    text.strip()[:20],
                    str(exc).rstrip("."),
                    str(int(self._targets[index.row()])),
                )
            )
            return False
        self.target_edit_requested.emit(index.row(), target)
        return True


class TruthTableView(QTableView):
    """The truth table: a click on a target or Space toggles it, 0/1 set it, F2 edits it."""

    toggle_requested = Signal(int)
    set_requested = Signal(int, int)
    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setAlternatingRowColors(True)
        self.clicked.connect(self._on_clicked)

    def _target_column(self) -> int:
        model = self.model()
        return model.target_column if isinstance(model, TruthTableModel) else -1

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == self._target_column():
            self.toggle_requested.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index.isValid() and mods == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_Space:
                self.toggle_requested.emit(index.row())
                return
            if index.column() == self._target_column():
                text = event.text()
                if text in ("0", "1"):
                    self.set_requested.emit(index.row(), int(text))
                    return
                if text and text.isprintable() and not text.isspace():
                    self.rejected.emit(
                        tr_fmt(
                            QCoreApplication.translate(
                                "GatesTab", "A target is 0 or 1: “%1” was refused, %2 kept."
                            ),
                            text,
                            str(index.data()),
                        )
                    )
                    return
        super().keyPressEvent(event)
