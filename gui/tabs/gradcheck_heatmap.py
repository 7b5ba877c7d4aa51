"""The gradient check as a heat map: |numerical − backprop| of every parameter, one small
matrix per W and b, so the weights that disagree are located, not averaged away (§5.7.3).

Plain Qt (a ``paintEvent`` widget, no pyqtgraph): each parameter is a grid of cells whose
colour runs on a log scale from white (≤ 1e-12) through yellow to red (≥ ``RED_AT``,
1e-6 by default — a real disagreement); W matrices wider than ``MAX_CELLS`` columns or
rows are drawn in blocks holding their largest difference. Hovering a cell shows its
parameter, index and value; ``cell_at`` maps a point to it (tests use it).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

__all__ = ["GradientHeatmap", "colour_of", "RED_AT", "WHITE_AT"]

#: Differences at or below this are white; at or above ``RED_AT`` full red.
WHITE_AT = 1e-12
RED_AT = 1e-6
#: Largest number of cells drawn along one side of a parameter (blocks beyond).
MAX_CELLS = 40


def colour_of(diff: float) -> QColor:
    """White → yellow → red on a log scale between ``WHITE_AT`` and ``RED_AT``; NaN grey."""
    if not math.isfinite(diff):
        return QColor(120, 120, 120)
    if diff <= WHITE_AT:
        return QColor(255, 255, 255)
    f = (math.log10(diff) - math.log10(WHITE_AT)) / (math.log10(RED_AT) - math.log10(WHITE_AT))
    f = min(max(f, 0.0), 1.0)
    if f < 0.5:  # white to yellow
        return QColor(255, 255, int(255 * (1 - 2 * f)))
    return QColor(255, int(255 * (2 - 2 * f)), 0)  # yellow to red


def _blocks(a: np.ndarray) -> tuple[np.ndarray, int, int]:
    """``a`` (2-D) reduced to at most MAX_CELLS × MAX_CELLS blocks by their maximum."""
    rows, cols = a.shape
    br, bc = math.ceil(rows / MAX_CELLS), math.ceil(cols / MAX_CELLS)
    if br == 1 and bc == 1:
        return a, 1, 1
    out = np.zeros((math.ceil(rows / br), math.ceil(cols / bc)))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.max(a[i * br : (i + 1) * br, j * bc : (j + 1) * bc])
    return out, br, bc


class GradientHeatmap(QWidget):
    """|numerical − backprop| per parameter (objectName ``gradientHeatmap``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradientHeatmap")
        self.setMouseTracking(True)
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.differences: dict[str, np.ndarray] = {}
        self._cells: list[tuple[QRectF, str, tuple[int, ...], float]] = []

    def set_differences(self, differences: dict[str, np.ndarray]) -> None:
        """Show ``{"W1": |num − bp| array, "b1": …}`` (an empty dict clears)."""
        self.differences = {
            k: np.abs(np.asarray(v, dtype=np.float64)) for k, v in differences.items()
        }
        self.update()

    def worst(self) -> tuple[str, tuple[int, ...], float] | None:
        """The parameter entry with the largest difference."""
        best = None
        for key, a in self.differences.items():
            if a.size == 0:
                continue
            idx = np.unravel_index(int(np.nanargmax(a)), a.shape)
            value = float(a[idx])
            if best is None or value > best[2]:
                best = (key, tuple(int(i) for i in idx), value)
        return best

    # -- geometry ----------------------------------------------------------------------
    def _layout(self) -> list[tuple[str, QRectF, np.ndarray, int, int]]:
        """Each parameter's label, area and (blocked) 2-D array."""
        items = []
        for key, a in self.differences.items():
            grid = a.reshape(1, -1) if a.ndim == 1 else a.reshape(a.shape[0], -1)
            items.append((key, *_blocks(grid)))
        if not items:
            return []
        margin, label_h = 6.0, float(self.fontMetrics().height()) + 2
        width = self.width() - margin * (len(items) + 1)
        height = self.height() - label_h - margin * 2 - 14
        total_cols = sum(g.shape[1] for _, g, _, _ in items)
        max_rows = max(g.shape[0] for _, g, _, _ in items)
        cell = max(2.0, min(width / max(total_cols, 1), height / max(max_rows, 1), 22.0))
        out, x = [], margin
        for key, grid, br, bc in items:
            rect = QRectF(x, margin + label_h, grid.shape[1] * cell, grid.shape[0] * cell)
            out.append((key, rect, grid, br, bc))
            x += rect.width() + margin
        return out

    def cell_at(self, point: QPointF) -> tuple[str, tuple[int, ...], float] | None:
        """(parameter, index of the first entry of the cell, shown difference) under ``point``."""
        for rect, key, index, value in self._cells:
            if rect.contains(point):
                return key, index, value
        return None

    # -- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        self._cells = []
        layout = self._layout()
        if not layout:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                QCoreApplication.translate(
                    "TrainingTab", "Run the gradient check to see each weight"
                ),
            )
            return
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.85))
        for key, rect, grid, br, bc in layout:
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(rect.left(), rect.top() - 3), key)
            cw, ch = rect.width() / grid.shape[1], rect.height() / grid.shape[0]
            painter.setPen(Qt.PenStyle.NoPen)
            for i in range(grid.shape[0]):
                for j in range(grid.shape[1]):
                    cell = QRectF(rect.left() + j * cw, rect.top() + i * ch, cw, ch)
                    value = float(grid[i, j])
                    painter.fillRect(cell, colour_of(value))
                    index = (i * br, j * bc) if self.differences[key].ndim == 2 else (j * bc,)
                    self._cells.append((cell, key, index, value))
            painter.setPen(QPen(QColor(150, 150, 150), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        painter.setFont(small)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            QRectF(0, self.height() - 14, self.width(), 14),
            Qt.AlignmentFlag.AlignCenter,
            QCoreApplication.translate(
                "TrainingTab", "white ≤ 1e-12 · yellow 1e-9 · red ≥ 1e-6 (|numerical − backprop|)"
            ),
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.cell_at(event.position())
        if found is None:
            QToolTip.hideText()
            return
        key, index, value = found
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{key}[{', '.join(map(str, index))}]: {value:.3g}",
            self,
        )
