"""Small self-contained widgets for images as network input (book §3.6).

* :class:`DigitCanvas` (objectName ``digitCanvas``): draw a digit with the mouse — pen,
  eraser, clear — on a 28×28 field kept at 8× resolution so strokes are smooth;
  ``changed`` is emitted while drawing (the caller throttles what it computes).
* :class:`ImageView`: a grey-level image (28×28, 8×8, …) shown with square pixels.
* :class:`ProbabilityBars`: the output of a classifier as bars, the largest marked.

All paint with plain Qt (no pyqtgraph), so they cost nothing before they are shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["DigitCanvas", "ImageView", "ProbabilityBars", "gray_image"]

#: The canvas keeps its drawing at this many pixels per MNIST pixel.
SCALE = 8


def gray_image(values: NDArray, top: float | None = None) -> QImage:
    """A Grayscale8 QImage of a 2-D array (0 black … ``top`` white; ``top`` = its max)."""
    a = np.asarray(values, dtype=np.float64)
    peak = float(a.max()) if top is None else float(top)
    scaled = np.clip(a / peak, 0.0, 1.0) if peak > 0 else np.zeros_like(a)
    data = np.ascontiguousarray(np.rint(scaled * 255).astype(np.uint8))
    h, w = data.shape
    image = QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels: ``data`` is freed when this returns


class DigitCanvas(QWidget):
    """A 28×28 drawing field (white ink on black, as MNIST), drawn at 8× resolution."""

    changed = Signal()
    #: emitted when a stroke ends (mouse released)
    stroke_finished = Signal()

    def __init__(self, side: int = 28, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("digitCanvas")
        self.side = side
        size = side * SCALE
        self._image = QImage(size, size, QImage.Format.Format_Grayscale8)
        self._image.fill(0)
        self._last: QPointF | None = None
        self.tool = "pen"
        #: pen width in MNIST pixels (MNIST strokes are ~2–3 pixels wide)
        self.pen_width = 2.2
        self.setMinimumSize(140, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt
        return QSize(224, 224)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt
        return width

    # -- the drawing -------------------------------------------------------------------
    def drawing(self) -> NDArray[np.float64]:
        """The drawing at full resolution, values 0 (black) … 1 (ink)."""
        image = self._image
        ptr = image.constBits()
        a = np.frombuffer(ptr, dtype=np.uint8, count=image.bytesPerLine() * image.height())
        a = a.reshape(image.height(), image.bytesPerLine())[:, : image.width()]
        return a.astype(np.float64) / 255.0

    def is_empty(self) -> bool:
        return not self.drawing().any()

    def clear(self) -> None:
        self._image.fill(0)
        self.update()
        self.changed.emit()

    def set_tool(self, tool: str) -> None:
        """``"pen"`` or ``"eraser"``."""
        if tool not in ("pen", "eraser"):
            raise ValueError(tool)
        self.tool = tool

    def set_drawing(self, values: NDArray) -> None:
        """Show an image (any size, values 0–1) as the drawing, e.g. a data set's digit."""
        a = np.asarray(values, dtype=np.float64)
        size = self.side * SCALE
        src = gray_image(a, 1.0).scaled(
            size,
            size,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
        self._image = src.convertToFormat(QImage.Format.Format_Grayscale8)
        self.update()
        self.changed.emit()

    # -- geometry ----------------------------------------------------------------------
    def _field(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_image(self, pos: QPointF) -> QPointF:
        field = self._field()
        k = self._image.width() / field.width()
        return QPointF((pos.x() - field.x()) * k, (pos.y() - field.y()) * k)

    def _stroke(self, a: QPointF, b: QPointF) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(255, 255, 255) if self.tool == "pen" else QColor(0, 0, 0)
        width = self.pen_width * SCALE * (1.0 if self.tool == "pen" else 2.5)
        pen = QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawLine(a, b)
        painter.end()
        self.update()
        self.changed.emit()

    # -- events ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = self._to_image(event.position())
            self._stroke(self._last, self._last)
        elif event.button() == Qt.MouseButton.RightButton:
            self.clear()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt
        if self._last is None:
            return
        point = self._to_image(event.position())
        self._stroke(self._last, point)
        self._last = point

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt
        if self._last is not None and event.button() == Qt.MouseButton.LeftButton:
            self._last = None
            self.stroke_finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        field = self._field()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(field, self._image)
        grid = QPen(QColor(60, 60, 60))
        grid.setCosmetic(True)
        painter.setPen(grid)
        step = field.width() / self.side
        for k in (4, 24):  # the 20×20 box MNIST fits a digit in
            x = field.x() + k * step
            y = field.y() + k * step
            painter.drawLine(QPointF(x, field.top()), QPointF(x, field.bottom()))
            painter.drawLine(QPointF(field.left(), y), QPointF(field.right(), y))
        painter.drawRect(field.adjusted(0, 0, -1, -1))
        painter.end()


class ImageView(QWidget):
    """A grey-level image with square, sharp pixels, optionally captioned below."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None, minimum: int = 56) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self.caption = ""
        self.caption_color: QColor | None = None
        self.setMinimumSize(minimum, minimum)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt
        return QSize(112, 112)

    def set_image(self, values: NDArray | None, top: float | None = None) -> None:
        self._image = None if values is None else gray_image(values, top)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt
        painter = QPainter(self)
        text_h = painter.fontMetrics().height() + 2 if self.caption else 0
        side = max(min(self.width(), self.height() - text_h), 1)
        field = QRectF((self.width() - side) / 2, 0, side, side)
        painter.fillRect(field, QColor(0, 0, 0))
        if self._image is not None:
            painter.drawImage(field, self._image)  # no smoothing: pixels stay square
        if self.caption:
            if self.caption_color is not None:
                painter.setPen(self.caption_color)
            painter.drawText(
                QRectF(0, side, self.width(), text_h), Qt.AlignmentFlag.AlignCenter, self.caption
            )
        painter.end()


class ProbabilityBars(QWidget):
    """Horizontal bars of a probability vector, one per class, the largest in colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.values = np.zeros(0)
        self.names: list[str] = []
        self.setMinimumSize(160, 120)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt
        return QSize(240, 200)

    def set_values(self, values: NDArray, names: Sequence[str] | None = None) -> None:
        self.values = np.asarray(values, dtype=np.float64).reshape(-1)
        n = len(self.values)
        self.names = list(names)[:n] if names is not None and len(names) >= n else []
        self.names += [str(k) for k in range(len(self.names), n)]
        self.update()

    def predicted(self) -> int | None:
        v = self.values
        return int(np.argmax(v)) if v.size and np.all(np.isfinite(v)) else None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt
        painter = QPainter(self)
        n = len(self.values)
        if n == 0:
            painter.end()
            return
        metrics = painter.fontMetrics()
        label_w = max(metrics.horizontalAdvance(s) for s in self.names) + 6
        value_w = metrics.horizontalAdvance("100.0 %") + 6
        row = self.height() / n
        bar_max = max(self.width() - label_w - value_w, 10)
        best = self.predicted()
        finite = np.where(np.isfinite(self.values), self.values, 0.0)
        for k in range(n):
            y = k * row
            rect = QRectF(0, y, label_w - 6, row)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.names[k]
            )
            v = float(np.clip(finite[k], 0.0, 1.0))
            color = QColor(220, 120, 30) if k == best else QColor(90, 130, 190)
            painter.fillRect(QRectF(label_w, y + row * 0.15, bar_max * v, row * 0.7), color)
            painter.drawText(
                QRectF(label_w + bar_max, y, value_w, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{100 * finite[k]:.1f} %",
            )
        painter.end()
