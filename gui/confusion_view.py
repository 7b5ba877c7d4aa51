"""A confusion matrix you can click, and a strip of image thumbnails (book §3.6.2).

:class:`ConfusionMatrixView` paints ``m[i, j]`` (true class ``i`` answered as ``j``) as a
grid shaded by each row's share, the diagonal green, the rest red; ``cell_clicked(i, j)``
says which cell was clicked. :class:`ThumbnailList` shows images with a caption each and
says which one was clicked (``image_clicked(index)``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.image_widgets import gray_image
from gui.text import tr_fmt

__all__ = ["ConfusionMatrixView", "ThumbnailList", "ConfusionPanel"]


class ConfusionMatrixView(QWidget):
    """Counts of (true, predicted) classes; rows are the true class."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.names: list[str] = []
        self.selected: tuple[int, int] | None = None
        #: axis titles (set by the owner, translated)
        self.row_title = "true"
        self.column_title = "answer"
        self.setMinimumSize(120, 120)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt
        return QSize(300, 300)

    def set_matrix(self, matrix: NDArray | None, names: Sequence[str] | None = None) -> None:
        self.matrix = (
            np.zeros((0, 0), dtype=np.int64) if matrix is None else np.asarray(matrix, np.int64)
        )
        n = self.matrix.shape[0]
        self.names = list(names)[:n] if names is not None and len(names) >= n else []
        self.names += [str(k) for k in range(len(self.names), n)]
        if self.selected is not None and max(self.selected) >= n:
            self.selected = None
        self.update()

    # -- geometry ----------------------------------------------------------------------
    def _grid(self) -> tuple[QRectF, float]:
        n = max(self.matrix.shape[0], 1)
        margin = self.fontMetrics().height() * 2 + 4
        side = max(min(self.width(), self.height()) - margin, 10)
        return QRectF(margin, margin, side, side), side / n

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        grid, cell = self._grid()
        n = self.matrix.shape[0]
        if n == 0 or not grid.contains(pos):
            return None
        i, j = int((pos.y() - grid.y()) // cell), int((pos.x() - grid.x()) // cell)
        return (i, j) if 0 <= i < n and 0 <= j < n else None

    def cell_center(self, i: int, j: int) -> QPointF:
        grid, cell = self._grid()
        return QPointF(grid.x() + (j + 0.5) * cell, grid.y() + (i + 0.5) * cell)

    # -- events ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt
        hit = self.cell_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selected = hit
            self.update()
            self.cell_clicked.emit(*hit)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt
        hit = self.cell_at(event.position())
        if hit is None:
            QToolTip.hideText()
            return
        i, j = hit
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{self.row_title} {self.names[i]} → {self.column_title} {self.names[j]}: "
            f"{int(self.matrix[i, j])}",
            self,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt
        painter = QPainter(self)
        n = self.matrix.shape[0]
        grid, cell = self._grid()
        text = self.palette().windowText().color()
        painter.setPen(text)
        line = self.fontMetrics().height()
        painter.drawText(
            QRectF(grid.x(), 0, grid.width(), line), Qt.AlignmentFlag.AlignCenter, self.column_title
        )
        painter.save()
        painter.translate(0, grid.y() + grid.height() / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid.height() / 2, 0, grid.height(), line),
            Qt.AlignmentFlag.AlignCenter,
            self.row_title,
        )
        painter.restore()
        if n == 0:
            painter.end()
            return
        totals = self.matrix.sum(axis=1, keepdims=True)
        share = self.matrix / np.maximum(totals, 1)
        font = painter.font()
        font.setPointSizeF(max(min(cell * 0.3, font.pointSizeF()), 5.0))
        painter.setFont(font)
        for k in range(n):
            painter.drawText(
                QRectF(grid.x() + k * cell, line, cell, line + 2),
                Qt.AlignmentFlag.AlignCenter,
                self.names[k][:6],
            )
            painter.drawText(
                QRectF(line, grid.y() + k * cell, grid.x() - line - 2, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.names[k][:6],
            )
        for i in range(n):
            for j in range(n):
                rect = QRectF(grid.x() + j * cell, grid.y() + i * cell, cell, cell)
                s = float(share[i, j])
                if i == j:
                    color = QColor(int(255 - 155 * s), int(255 - 75 * s), int(255 - 155 * s))
                else:
                    s = min(1.0, s * 4)  # errors are rare: make them visible
                    color = QColor(255, int(255 - 170 * s), int(255 - 170 * s))
                painter.fillRect(rect, color)
                count = int(self.matrix[i, j])
                if count:
                    painter.setPen(QColor(20, 20, 20))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.setPen(QColor(160, 160, 160))
        painter.drawRect(grid)
        if self.selected is not None:
            i, j = self.selected
            painter.setPen(QColor(30, 60, 200))
            painter.drawRect(QRectF(grid.x() + j * cell, grid.y() + i * cell, cell, cell))
        painter.end()


class ThumbnailList(QListWidget):
    """Small images with captions in a wrapping strip; ``image_clicked(index)`` gives the
    ``indices`` entry of the clicked one (its number in the data set)."""

    image_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, icon: int = 42) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(QSize(icon, icon))
        self.setGridSize(QSize(icon + 16, icon + 22))
        self.setUniformItemSizes(True)
        self.indices: list[int] = []
        self.itemClicked.connect(self._on_clicked)

    def set_images(
        self, images: NDArray, indices: Sequence[int], captions: Sequence[str], limit: int = 300
    ) -> None:
        """Show ``images[k]`` (2-D each) captioned ``captions[k]``, at most ``limit``."""
        self.clear()
        self.indices = [int(i) for i in indices[:limit]]
        size = self.iconSize()
        for k, index in enumerate(self.indices):
            pixmap = QPixmap.fromImage(gray_image(images[k], 1.0)).scaled(size)
            item = QListWidgetItem(QIcon(pixmap), captions[k])
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(f"#{index}: {captions[k]}")
            self.addItem(item)

    def _on_clicked(self, item: QListWidgetItem) -> None:
        self.image_clicked.emit(int(item.data(Qt.ItemDataRole.UserRole)))


class ConfusionPanel(QWidget):
    """The confusion matrix of a data set's test part (``confusionMatrix``) and, under it,
    the images of the cell last clicked. ``set_data`` gives the test images and labels,
    ``set_predictions`` every test image's predicted class (None: clear)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = None
        self.predicted: np.ndarray | None = None
        self.view = ConfusionMatrixView()
        self.view.setObjectName("confusionMatrix")
        self.view.cell_clicked.connect(self.show_cell)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.cell_list = ThumbnailList(icon=28)
        self.cell_list.setObjectName("confusionCellList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.title)
        layout.addWidget(self.cell_list, 2)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.view.row_title = self.tr("true class")
        self.view.column_title = self.tr("answer")
        self.view.setToolTip(
            self.tr(
                "Test set after the last epoch: row = true class, column = the answer. "
                "Click a cell to list its images."
            )
        )
        if self.data is not None and self.predicted is not None:
            self.view.set_matrix(self.view.matrix, self.class_names())
        self._update_title()

    def class_names(self) -> list[str]:
        from gui.image_panel import class_label, translated_class_name

        data = self.data
        names = data.class_names if data is not None and data.class_names else None
        n = data.n_classes if data is not None else 10
        return [class_label(names, k, translated_class_name) for k in range(n)]

    def set_data(self, data) -> None:  # noqa: ANN001 - an engine Dataset or None
        """The data set shown (images; anything else clears the matrix)."""
        if data is not self.data:
            self.data = data if data is not None and data.image_shape is not None else None
            self.set_predictions(None)

    def set_predictions(self, predicted: np.ndarray | None) -> None:
        from engine.evaluation import confusion_matrix

        data = self.data
        self.predicted = None if predicted is None else np.asarray(predicted, dtype=np.int64)
        if self.predicted is None or data is None or len(self.predicted) != len(data.t_test):
            self.predicted = None
            self.view.set_matrix(None)
            self.cell_list.clear()
        else:
            n = max(data.n_classes, int(self.predicted.max()) + 1)
            self.view.set_matrix(
                confusion_matrix(data.t_test, self.predicted, n), self.class_names()
            )
            if self.view.selected is not None:
                self.show_cell(*self.view.selected)
        self._update_title()

    def _update_title(self) -> None:
        if self.view.selected is None or self.predicted is None:
            self.title.setText(self.tr("Click a cell to see its images."))

    def show_cell(self, i: int, j: int) -> None:
        """List the test images of true class ``i`` answered ``j``."""
        data, predicted = self.data, self.predicted
        if data is None or predicted is None:
            return
        hits = np.flatnonzero((data.t_test == i) & (predicted == j))
        names = self.class_names()
        h, w = data.image_shape
        images = data.x_test[hits[:300]].reshape(-1, h, w)
        self.cell_list.set_images(images, hits, [f"#{k}" for k in hits[:300]])
        self.title.setText(
            tr_fmt(self.tr("True %1, answered %2: %3 test images"), names[i], names[j], len(hits))
        )
