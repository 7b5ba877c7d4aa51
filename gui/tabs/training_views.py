"""Views of the Training tab that are more than a stock widget: the grid of test digits
with their predicted labels, and the gradient-check table model."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["DigitGrid", "GradientCheckModel", "CLASS_COLORS"]

#: Class colours (points, curves); the decision regions use paler versions.
CLASS_COLORS = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
)

Index = QModelIndex | QPersistentModelIndex


class DigitGrid(QWidget):
    """Test images in a grid, each with its predicted class; wrong ones framed in red.

    ``set_images`` takes (n, h·w) pixels in 0–1 and the true labels; ``set_predictions``
    the predicted labels (or None before the first epoch).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("digitGrid")
        self.setMinimumSize(200, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._images: list[QImage] = []
        self._labels = np.zeros(0, dtype=np.int64)
        self._predictions: np.ndarray | None = None
        self.placeholder = ""

    def set_images(self, pixels: np.ndarray, labels: np.ndarray, shape: tuple[int, int]) -> None:
        self._images = []
        grey = np.clip(255.0 * (1.0 - pixels), 0, 255).astype(np.uint8)  # dark ink on white
        for row in grey:
            img = np.ascontiguousarray(row.reshape(shape))
            qimg = QImage(img.data, shape[1], shape[0], shape[1], QImage.Format.Format_Grayscale8)
            self._images.append(qimg.copy())
        self._labels = np.asarray(labels, dtype=np.int64)
        self._predictions = None
        self.update()

    def set_predictions(self, predictions: np.ndarray | None) -> None:
        self._predictions = None if predictions is None else np.asarray(predictions)
        self.update()

    def wrong_count(self) -> int:
        """How many shown images are predicted wrongly (0 before any prediction)."""
        if self._predictions is None:
            return 0
        n = min(len(self._predictions), len(self._labels))
        return int(np.sum(self._predictions[:n] != self._labels[:n]))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        n = len(self._images)
        if n == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()
            return
        cols = 8
        rows = (n + cols - 1) // cols
        cell_w = self.width() / cols
        cell_h = self.height() / rows
        side = max(4.0, min(cell_w, cell_h - 14) - 6)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(10.0, side / 5)))
        painter.setFont(font)
        for i, img in enumerate(self._images):
            r, c = divmod(i, cols)
            x0 = c * cell_w + (cell_w - side) / 2
            y0 = r * cell_h + 2
            target = QRectF(x0, y0, side, side)
            painter.drawImage(target, img)
            text = "?"
            wrong = False
            if self._predictions is not None and i < len(self._predictions):
                text = str(int(self._predictions[i]))
                wrong = int(self._predictions[i]) != int(self._labels[i])
            if wrong:
                painter.setPen(QPen(QColor(214, 39, 40), 2))
                painter.drawRect(target.adjusted(-1, -1, 1, 1))
                text = f"{text} ✗ ({int(self._labels[i])})"
            painter.setPen(QColor(214, 39, 40) if wrong else QColor(30, 30, 30))
            painter.drawText(
                QRectF(c * cell_w, y0 + side, cell_w, 14), Qt.AlignmentFlag.AlignCenter, text
            )
        painter.end()


class GradientCheckModel(QAbstractTableModel):
    """Rows: parameter, shape, mean |numerical − backprop|, max |numerical − backprop|."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, tuple[int, ...], float, float]] = []
        self.headers = ["", "", "", ""]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self.endResetModel()

    def set_headers(self, headers: list[str]) -> None:
        self.headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def rows(self) -> list[tuple[str, tuple[int, ...], float, float]]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name, shape, mean, largest = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [name, " × ".join(map(str, shape)), f"{mean:.3e}", f"{largest:.3e}"][
                index.column()
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
