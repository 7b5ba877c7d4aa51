"""Painted views of the CNN tab: a clickable number grid (the im2col explorer's matrices)
and a grid of small images (filters, feature maps), both plain Qt (no pyqtgraph)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

__all__ = ["MatrixView", "ImageGrid", "FilterView", "Bars", "grey_image", "MARK_COLORS"]

#: Highlight colours by role: the receptive field / im2col row, the filter column, the
#: selected cell, the copies of an input cell.
MARK_COLORS = {
    "field": QColor(255, 196, 120),
    "filter": QColor(150, 215, 150),
    "selected": QColor(240, 110, 90),
    "copies": QColor(140, 180, 250),
}
PAD_COLOR = QColor(228, 228, 228)


def _fmt(v: float) -> str:
    if v == int(v) and abs(v) < 1000:
        return str(int(v))
    return f"{v:.2g}" if abs(v) >= 100 else f"{v:.1f}"


class MatrixView(QWidget):
    """A matrix of numbers drawn as a grid; click a cell to emit ``cell_clicked(row, col)``.

    ``set_matrix(values, pad_mask)`` shows the values (cells where ``pad_mask`` is True are
    grey: the padding); ``set_marks({"field": cells, …})`` colours cells by role
    (:data:`MARK_COLORS`). ``row_block``/``col_block`` draw thicker lines between blocks
    (channels, samples). Cells shrink to fit; numbers are shown while cells are ≥ 13 px.
    """

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, max_cell: int = 26) -> None:
        super().__init__(parent)
        self.max_cell = max_cell
        self.values = np.zeros((0, 0))
        self.pad_mask: np.ndarray | None = None
        self.marks: dict[str, list[tuple[int, int]]] = {}
        self.row_block = 0
        self.col_block = 0
        self.setMinimumSize(60, 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_matrix(
        self,
        values: np.ndarray,
        pad_mask: np.ndarray | None = None,
        row_block: int = 0,
        col_block: int = 0,
    ) -> None:
        self.values = np.atleast_2d(np.asarray(values, dtype=float))
        self.pad_mask = pad_mask
        self.row_block, self.col_block = row_block, col_block
        self.marks = {}
        self.updateGeometry()
        self.update()

    def set_marks(self, marks: dict[str, Sequence[tuple[int, int]]]) -> None:
        self.marks = {k: list(v) for k, v in marks.items()}
        self.update()

    def marked(self, role: str) -> list[tuple[int, int]]:
        """The cells marked with ``role`` (for tests and the status text)."""
        return list(self.marks.get(role, []))

    # -- geometry ----------------------------------------------------------------------
    def cell_size(self) -> float:
        rows, cols = self.values.shape
        if rows == 0 or cols == 0:
            return float(self.max_cell)
        return max(
            3.0, min(float(self.max_cell), (self.width() - 2) / cols, (self.height() - 2) / rows)
        )

    def _origin(self) -> tuple[float, float]:
        rows, cols = self.values.shape
        s = self.cell_size()
        return max(1.0, (self.width() - cols * s) / 2), max(1.0, (self.height() - rows * s) / 2)

    def cell_rect(self, row: int, col: int) -> QRectF:
        s = self.cell_size()
        x0, y0 = self._origin()
        return QRectF(x0 + col * s, y0 + row * s, s, s)

    def cell_center(self, row: int, col: int) -> QPoint:
        """The widget position of a cell's centre (tests click there)."""
        return self.cell_rect(row, col).center().toPoint()

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        rows, cols = self.values.shape
        s = self.cell_size()
        x0, y0 = self._origin()
        col = int((pos.x() - x0) // s)
        row = int((pos.y() - y0) // s)
        if 0 <= row < rows and 0 <= col < cols:
            return row, col
        return None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        rows, cols = self.values.shape
        return QSize(min(600, max(60, cols * 20 + 2)), min(500, max(60, rows * 20 + 2)))

    # -- events --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.cell_clicked.emit(*cell)
        super().mousePressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        rows, cols = self.values.shape
        if rows == 0 or cols == 0:
            painter.end()
            return
        s = self.cell_size()
        fill: dict[tuple[int, int], QColor] = {}
        for role in ("field", "filter", "copies", "selected"):
            for cell in self.marks.get(role, []):
                fill[cell] = MARK_COLORS[role]
        font = QFont(self.font())
        font.setPixelSize(max(7, int(s * 0.45)))
        painter.setFont(font)
        show_text = s >= 13
        grid = QPen(QColor(190, 190, 190))
        text_pen = QPen(QColor(20, 20, 20))
        for r in range(rows):
            for c in range(cols):
                rect = self.cell_rect(r, c)
                color = fill.get((r, c))
                if color is None and self.pad_mask is not None and self.pad_mask[r, c]:
                    color = PAD_COLOR
                if color is not None:
                    painter.fillRect(rect, color)
                painter.setPen(grid)
                painter.drawRect(rect)
                if show_text:
                    painter.setPen(text_pen)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _fmt(self.values[r, c]))
        painter.setPen(QPen(QColor(60, 60, 60), 2))
        x0, y0 = self._origin()
        if self.row_block:
            for r in range(self.row_block, rows, self.row_block):
                painter.drawLine(
                    QPoint(int(x0), int(y0 + r * s)), QPoint(int(x0 + cols * s), int(y0 + r * s))
                )
        if self.col_block:
            for c in range(self.col_block, cols, self.col_block):
                painter.drawLine(
                    QPoint(int(x0 + c * s), int(y0)), QPoint(int(x0 + c * s), int(y0 + rows * s))
                )
        painter.end()


def grey_image(a: np.ndarray, lo: float | None = None, hi: float | None = None) -> QImage:
    """A greyscale QImage of a 2-D array, ``lo`` black and ``hi`` white (default: its range)."""
    a = np.asarray(a, dtype=np.float64)
    lo = float(a.min()) if lo is None else lo
    hi = float(a.max()) if hi is None else hi
    scale = 255.0 / (hi - lo) if hi > lo else 0.0
    grey = np.ascontiguousarray(np.clip((a - lo) * scale, 0, 255).astype(np.uint8))
    h, w = grey.shape
    return QImage(grey.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class ImageGrid(QWidget):
    """Small images in a grid (filters, feature maps), each scaled without smoothing.

    ``set_images(arrays, captions=None, shared_range=False)``: each 2-D array is drawn in
    grey from its own minimum (black) to maximum (white), or all on one range. The
    ``placeholder`` text shows while there is nothing to draw.
    """

    def __init__(self, parent: QWidget | None = None, columns: int = 10) -> None:
        super().__init__(parent)
        self.columns = columns
        self.arrays: list[np.ndarray] = []
        self._images: list[QImage] = []
        self.captions: list[str] = []
        self.placeholder = ""
        self.setMinimumSize(120, 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_images(
        self,
        arrays: Sequence[np.ndarray],
        captions: Sequence[str] | None = None,
        shared_range: bool = False,
    ) -> None:
        self.arrays = [np.asarray(a, dtype=float) for a in arrays]
        lo = hi = None
        if shared_range and self.arrays:
            lo = min(float(a.min()) for a in self.arrays)
            hi = max(float(a.max()) for a in self.arrays)
        self._images = [grey_image(a, lo, hi) for a in self.arrays]
        self.captions = list(captions) if captions is not None else []
        self.update()

    def clear(self) -> None:
        self.set_images([])

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        n = len(self._images)
        if n == 0:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
            painter.end()
            return
        cols = min(self.columns, n)
        rows = (n + cols - 1) // cols
        caption_h = 12 if self.captions else 0
        gap = 3
        side = min(
            (self.width() - gap) / cols - gap, (self.height() - gap) / rows - gap - caption_h
        )
        side = max(4.0, side)
        font = QFont(self.font())
        font.setPixelSize(10)
        painter.setFont(font)
        for k, img in enumerate(self._images):
            r, c = divmod(k, cols)
            x = gap + c * (side + gap)
            y = gap + r * (side + gap + caption_h)
            target = QRectF(x, y, side, side)
            painter.drawImage(target, img)
            painter.setPen(QPen(QColor(160, 160, 160)))
            painter.drawRect(target)
            if k < len(self.captions):
                painter.setPen(self.palette().text().color())
                painter.drawText(
                    QRectF(x, y + side, side, caption_h),
                    Qt.AlignmentFlag.AlignCenter,
                    self.captions[k],
                )
        painter.end()


class FilterView(QWidget):
    """The first layer's filters as images, before learning and now (book Fig. 7-24);
    objectName ``filterView``. ``before`` and ``now`` hold the (FN, C, FH, FW) arrays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterView")
        self.before: np.ndarray | None = None
        self.now: np.ndarray | None = None
        self.before_grid = ImageGrid(self, columns=10)
        self.now_grid = ImageGrid(self, columns=10)
        self.before_label = QLabel(self)
        self.now_label = QLabel(self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.before_label, 0, 0)
        layout.addWidget(self.now_label, 0, 1)
        layout.addWidget(self.before_grid, 1, 0)
        layout.addWidget(self.now_grid, 1, 1)

    @staticmethod
    def _tiles(filters: np.ndarray) -> list[np.ndarray]:
        # one tile per filter: its channels side by side
        return [np.concatenate(list(f), axis=1) for f in np.asarray(filters)]

    def set_before(self, filters: np.ndarray | None) -> None:
        self.before = None if filters is None else np.array(filters)
        self.before_grid.set_images([] if filters is None else self._tiles(filters))

    def set_now(self, filters: np.ndarray | None) -> None:
        self.now = None if filters is None else np.array(filters)
        self.now_grid.set_images([] if filters is None else self._tiles(filters))


class Bars(QWidget):
    """Horizontal bars of values in [0, 1] with labels (the class probabilities); the
    largest is drawn in the highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros(0)
        self.labels: list[str] = []
        self.setMinimumSize(120, 100)

    def set_values(self, values: np.ndarray, labels: Sequence[str]) -> None:
        self.values = np.asarray(values, dtype=float)
        self.labels = list(labels)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        n = len(self.values)
        if n:
            row = self.height() / n
            best = int(np.argmax(self.values))
            font = QFont(self.font())
            font.setPixelSize(max(8, min(12, int(row * 0.7))))
            painter.setFont(font)
            # as wide as the longest label ("アンクルブーツ", "T-shirt/top"), leaving the
            # bars and their percentages at least 40 % of the width
            metrics = painter.fontMetrics()
            longest = max((metrics.horizontalAdvance(t) for t in self.labels), default=0)
            label_w = min(float(longest + 8), self.width() * 0.6)
            for k, v in enumerate(self.values):
                y = k * row
                painter.setPen(self.palette().text().color())
                text = self.labels[k] if k < len(self.labels) else str(k)
                painter.drawText(
                    QRectF(2, y, label_w - 4, row), Qt.AlignmentFlag.AlignVCenter, text
                )
                width = max(0.0, min(1.0, float(v))) * (self.width() - label_w - 40)
                color = self.palette().highlight().color() if k == best else QColor(170, 170, 170)
                painter.fillRect(QRectF(label_w, y + row * 0.15, width, row * 0.7), color)
                painter.drawText(
                    QRectF(label_w + width + 3, y, 40, row),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{100 * float(v):.0f}%",
                )
        painter.end()
