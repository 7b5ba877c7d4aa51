"""A plot of a perceptron's decision line w1·x1 + w2·x2 + b = 0 over the unit square.

The points are coloured by target (filled blue: 1, hollow orange: 0), wrongly classified
points get a red ring, the half-plane where y = 1 is shaded, and the line is a segment
with two handles: drag the segment to move the line (b changes) or a handle to turn it
(w and b change; the length of w is kept).

Drawn with plain Qt (a widget's ``paintEvent``), not pyqtgraph: the Gates tab is the one
shown at start-up, and importing pyqtgraph would cost about half of the time to the first
painted window (bench/bench_6_startup.py). The view range is fixed, so there is no need
for pyqtgraph's zooming machinery.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.tabs.gates_geometry import (
    HIGH,
    LOW,
    TOP,
    Frame,
    clip_half_plane,
    distance_to_segment,
    line_in_box,
    tick_text,
    ticks,
)

__all__ = ["BoundaryPlot", "clip_half_plane", "line_in_box"]


_INK = QColor("#202124")
_HOVER = QColor("#d93025")
_REGION = QColor(66, 133, 244, 45)
_GRID = {False: QColor(0, 0, 0, 25), True: QColor(0, 0, 0, 60)}  # every 0.1, every 0.5
_AXIS = QColor("#5f6368")
_TICK_TEXT = QColor("#3c4043")
_LABEL_TEXT = QColor("#444444")
_ONE_FILL, _ONE_EDGE = QColor("#1a73e8"), QColor("#1a4fa0")
_ZERO_EDGE = QColor("#e37400")
_WRONG = QColor("#c62828")


class BoundaryPlot(QWidget):
    """The decision line of a 2-input perceptron; draggable when ``draggable``.

    The view is fixed: x1 in [LOW, HIGH], x2 in [LOW, TOP]. ``map_to_widget`` gives the
    pixel of a plot point.
    """

    #: (w as a length-2 array, b) while the user drags the line
    line_dragged = Signal(object, float)
    drag_started = Signal()
    drag_finished = Signal()

    #: how near (pixels) the mouse must be to grab an end, or the line
    HANDLE_REACH = 9.0
    LINE_REACH = 6.0
    HANDLE_RADIUS = 5.5
    #: pixels the mouse must move with the button down before a drag starts
    DRAG_THRESHOLD = 3.0

    def __init__(self, parent: QWidget | None = None, draggable: bool = True) -> None:
        super().__init__(parent)
        self.draggable = draggable
        self._w = np.zeros(2)
        self._b = 0.0
        self._dragging = False
        self._ends: list[tuple[float, float]] = [(0.0, 0.0), (1.0, 1.0)]
        self._line_shown = True
        self._region: list[tuple[float, float]] = []
        self._ones = np.zeros((0, 2))
        self._zeros = np.zeros((0, 2))
        self._wrong = np.zeros((0, 2))
        self._labels: list[tuple[float, float, str]] = []
        self._axis_names = ("", "")
        self._hover: str | int | None = None  # "line", 0 or 1 (an end), or None
        self._press: tuple[str | int, tuple[float, float], list, QPointF] | None = None
        self._frame_cache: Frame | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent fills it all
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(draggable)  # hover highlight

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, 160)  # small: the layouts share space by stretch

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, 100)

    # -- from the model ----------------------------------------------------------------
    def set_axis_names(self, x: str, y: str) -> None:
        self._axis_names = (x, y)
        self._frame_cache = None
        self.update()

    def set_points(
        self,
        points: np.ndarray,
        targets: np.ndarray,
        outputs: np.ndarray,
        names: list[str] | None = None,
    ) -> None:
        """Show ``points`` (k, 2) coloured by ``targets``, ringed where ``outputs`` differ.

        Each distinct point is labelled with its target, preceded by the ``names`` of the
        rows that land there (the hidden space gathers several rows on one corner).
        """
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        t = np.asarray(targets).reshape(-1)
        y = np.asarray(outputs).reshape(-1)
        self._ones = pts[t == 1]
        self._zeros = pts[t == 0]
        self._wrong = pts[t != y]
        groups: dict[tuple[float, float], list[int]] = {}
        for i, p in enumerate(pts):
            groups.setdefault((float(p[0]), float(p[1])), []).append(i)
        self._labels = []
        for (px, py), rows in groups.items():
            text = f"t={int(t[rows[0]])}"
            if names is not None:
                text = "x = " + ", ".join(names[r] for r in rows)
            self._labels.append((px, py, text))
        self.update()

    def set_boundary(self, w: np.ndarray, b: float) -> None:
        """Draw the line w·p + b = 0 and shade where it is > 0."""
        self._w = np.array(w, dtype=float).reshape(2)
        self._b = float(b)
        self._region = clip_half_plane(self._w, self._b)
        self.update()
        if self._dragging:  # the user holds the segment: leave it where the mouse puts it
            return
        ends = line_in_box(self._w, self._b)
        self._line_shown = ends is not None
        if ends is not None:
            self._ends = [tuple(map(float, ends[0])), tuple(map(float, ends[1]))]
        if not self._line_shown and self._hover is not None:
            self._set_hover(None)

    def line_ends(self) -> list[tuple[float, float]]:
        """The segment's two ends in plot coordinates."""
        return list(self._ends)

    # -- geometry ----------------------------------------------------------------------
    def map_to_widget(self, x: float, y: float) -> QPointF:
        """The widget pixel (logical coordinates) of the plot point (x, y)."""
        return self._frame().to_pixel(x, y)

    def map_from_widget(self, pos: QPointF) -> tuple[float, float]:
        """The plot point under the widget pixel ``pos``."""
        return self._frame().to_plot(QPointF(pos))

    def _frame(self) -> Frame:
        if self._frame_cache is None:
            self._frame_cache = self._layout()
        return self._frame_cache

    def _layout(self) -> Frame:
        fm = QFontMetricsF(self.font())
        line = fm.height()
        tick, gap = 5.0, 3.0
        x_name, y_name = self._axis_names
        width, height = max(self.width(), 40), max(self.height(), 40)
        top = max(self.HANDLE_RADIUS + 4.0, line / 2 + 2)
        bottom = tick + gap + line + (gap + line if x_name else 0.0) + 4.0
        plot_h = max(height - top - bottom, 10.0)
        y_ticks = ticks(LOW, TOP, plot_h, 1.8 * line)
        y_label_w = max((fm.horizontalAdvance(text) for _, text in y_ticks), default=0.0)
        left = 4.0 + (line + gap if y_name else 0.0) + y_label_w + gap + tick
        # the last x label is centred on the right edge: leave room for half of it
        last_w = fm.horizontalAdvance(tick_text(HIGH))
        right = max(self.HANDLE_RADIUS + 4.0, last_w / 2 + 3.0)
        plot_w = max(width - left - right, 10.0)
        widest = max(fm.horizontalAdvance(tick_text(v)) for v in (LOW, HIGH))
        x_ticks = ticks(LOW, HIGH, plot_w, widest + 1.5 * fm.horizontalAdvance("M"))
        return Frame(QRectF(left, top, plot_w, plot_h), x_ticks, y_ticks, y_label_w)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._frame_cache = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._frame_cache = None
        super().changeEvent(event)

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        frame = self._frame()
        area = frame.area
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
            painter.save()
            painter.setClipRect(area)
            self._paint_region(painter, frame)
            self._paint_grid(painter, frame)
            painter.restore()
            self._paint_axes(painter, frame)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_points(painter, frame)
            if self._line_shown:
                painter.save()
                painter.setClipRect(area)
                self._paint_line(painter, frame)
                painter.restore()
                if self.draggable:  # whole at the box's edges, hidden when dragged far out
                    reach = self.HANDLE_RADIUS + 4
                    painter.save()
                    painter.setClipRect(area.adjusted(-reach, -reach, reach, reach))
                    self._paint_handles(painter, frame)
                    painter.restore()
            self._paint_labels(painter, frame)
        finally:
            painter.end()

    def _paint_region(self, painter: QPainter, frame: Frame) -> None:
        if len(self._region) < 3:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_REGION)
        painter.drawPolygon(QPolygonF([frame.to_pixel(x, y) for x, y in self._region]))

    def _paint_grid(self, painter: QPainter, frame: Frame) -> None:
        # one batch of crisp 1-pixel lines, without antialiasing: cheap to paint
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        a = frame.area
        lines: dict[bool, list[QLineF]] = {False: [], True: []}
        for k in range(round(LOW * 10), round(HIGH * 10) + 1):
            x = round(frame.to_pixel(k / 10, 0).x())
            lines[k % 5 == 0].append(QLineF(x, a.top(), x, a.bottom()))
        for k in range(round(LOW * 10), math.floor(TOP * 10 + 1e-9) + 1):
            y = round(frame.to_pixel(0, k / 10).y())
            lines[k % 5 == 0].append(QLineF(a.left(), y, a.right(), y))
        dense = 0.1 * min(a.width() / (HIGH - LOW), a.height() / (TOP - LOW)) < 6
        for major in (False, True):
            if dense and not major:
                continue  # a small plot: lines every 0.1 would be a grey blur
            painter.setPen(QPen(_GRID[major], 0))
            painter.drawLines(lines[major])

    def _paint_axes(self, painter: QPainter, frame: Frame) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        a = frame.area
        fm = QFontMetricsF(self.font())
        line = fm.height()
        tick, gap = 5.0, 3.0
        painter.setPen(QPen(_GRID[True], 0))
        painter.drawLine(QLineF(a.left(), a.top(), a.right(), a.top()))
        painter.drawLine(QLineF(a.right(), a.top(), a.right(), a.bottom()))
        painter.setPen(QPen(_AXIS, 0))
        painter.drawLine(QLineF(a.left(), a.top(), a.left(), a.bottom()))
        painter.drawLine(QLineF(a.left(), a.bottom(), a.right(), a.bottom()))
        marks = []
        for value, _ in frame.x_ticks:
            x = round(frame.to_pixel(value, 0).x())
            marks.append(QLineF(x, a.bottom(), x, a.bottom() + tick))
        for value, _ in frame.y_ticks:
            y = round(frame.to_pixel(0, value).y())
            marks.append(QLineF(a.left() - tick, y, a.left(), y))
        painter.drawLines(marks)
        painter.setPen(_TICK_TEXT)
        label_top = a.bottom() + tick + gap
        for value, text in frame.x_ticks:
            x = frame.to_pixel(value, 0).x()
            w = fm.horizontalAdvance(text)
            painter.drawText(
                QRectF(x - w / 2 - 2, label_top, w + 4, line), Qt.AlignmentFlag.AlignCenter, text
            )
        for value, text in frame.y_ticks:
            y = frame.to_pixel(0, value).y()
            right = a.left() - tick - gap
            painter.drawText(
                QRectF(
                    right - frame.y_label_width - 4, y - line / 2, frame.y_label_width + 4, line
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        x_name, y_name = self._axis_names
        painter.setPen(_INK)
        if x_name:
            painter.drawText(
                QRectF(a.left(), label_top + line + gap, a.width(), line),
                Qt.AlignmentFlag.AlignCenter,
                x_name,
            )
        if y_name:
            painter.save()
            painter.translate(4.0 + line / 2, a.center().y())
            painter.rotate(-90)
            painter.drawText(
                QRectF(-a.height() / 2, -line / 2, a.height(), line),
                Qt.AlignmentFlag.AlignCenter,
                y_name,
            )
            painter.restore()

    def _paint_points(self, painter: QPainter, frame: Frame) -> None:
        for points, radius, pen, brush in (
            (self._wrong, 13.0, QPen(_WRONG, 2.5), Qt.BrushStyle.NoBrush),
            (self._ones, 7.0, QPen(_ONE_EDGE, 1.0), QBrush(_ONE_FILL)),
            (self._zeros, 7.0, QPen(_ZERO_EDGE, 2.5), QBrush(Qt.GlobalColor.white)),
        ):
            painter.setPen(pen)
            painter.setBrush(brush)
            for x, y in points:
                painter.drawEllipse(frame.to_pixel(x, y), radius, radius)

    def _paint_line(self, painter: QPainter, frame: Frame) -> None:
        hot = self._hover == "line"
        pen = QPen(_HOVER if hot else _INK, 4.0 if hot else 3.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        (x1, y1), (x2, y2) = self._ends
        painter.drawLine(QLineF(frame.to_pixel(x1, y1), frame.to_pixel(x2, y2)))

    def _paint_handles(self, painter: QPainter, frame: Frame) -> None:
        for i, (x, y) in enumerate(self._ends):
            hot = self._hover == i
            painter.setPen(QPen(_HOVER if hot else _INK, 2.0))
            painter.setBrush(_HOVER if hot else QColor(Qt.GlobalColor.white))
            r = self.HANDLE_RADIUS + (1.5 if hot else 0.0)
            painter.drawEllipse(frame.to_pixel(x, y), r, r)

    def _label_boxes(self, frame: Frame) -> list[tuple[QRectF, str]]:
        """Each label's box, centred above its point, moved apart where two on one row
        would overlap (the hidden space's corners are close in a small plot)."""
        fm = QFontMetricsF(self.font())
        height = fm.height()
        boxes = []
        for x, y, text in self._labels:
            p = frame.to_pixel(x, y)
            width = fm.horizontalAdvance(text) + 6
            boxes.append([p.x() - width / 2, p.y() - 15.0 - height, width, text])
        rows: dict[int, list[list]] = {}
        for box in boxes:
            rows.setdefault(round(box[1]), []).append(box)
        limit = self.width() - 1.0
        out = []
        for row in rows.values():
            row.sort(key=lambda box: box[0])
            # push right past the left neighbour, then back left from the right edge
            for left, right in zip(row, row[1:], strict=False):
                right[0] = max(right[0], left[0] + left[2] + 2)
            row[-1][0] = min(row[-1][0], limit - row[-1][2])
            for left, right in zip(row[-2::-1], row[:0:-1], strict=False):
                left[0] = min(left[0], right[0] - left[2] - 2)
            for x, top, width, text in row:
                out.append((QRectF(max(x, 1.0), top, width, height), text))
        return out

    def _paint_labels(self, painter: QPainter, frame: Frame) -> None:
        for box, text in self._label_boxes(frame):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))  # readable over the line and grid
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(_LABEL_TEXT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- from the user -----------------------------------------------------------------
    def _part_at(self, pos: QPointF) -> str | int | None:
        """What a press at ``pos`` would grab: an end (0, 1), the "line", or None."""
        if not self.draggable or not self._line_shown:
            return None
        frame = self._frame()
        ends = [frame.to_pixel(x, y) for x, y in self._ends]
        reach = [math.hypot(pos.x() - e.x(), pos.y() - e.y()) for e in ends]
        nearest = min((0, 1), key=lambda i: reach[i])
        if reach[nearest] <= self.HANDLE_REACH:
            return nearest
        if not frame.area.adjusted(-1, -1, 1, 1).contains(pos):
            return None  # the segment is drawn clipped to the plot area
        if distance_to_segment(pos, ends[0], ends[1]) <= self.LINE_REACH:
            return "line"
        return None

    def _set_hover(self, part: str | int | None) -> None:
        if part != self._hover:
            self._hover = part
            self.update()
        if part is None:
            self.unsetCursor()
        elif part == "line":
            held = self._press is not None
            self.setCursor(
                Qt.CursorShape.ClosedHandCursor if held else Qt.CursorShape.OpenHandCursor
            )
        else:
            self.setCursor(Qt.CursorShape.SizeAllCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        part = None
        if event.button() == Qt.MouseButton.LeftButton and self._press is None:
            part = self._part_at(event.position())
        if part is None:
            event.ignore()
            return
        pos = event.position()
        self._press = (part, self.map_from_widget(pos), list(self._ends), QPointF(pos))
        self._set_hover(part)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        if self._press is None:
            if self.draggable:
                self._set_hover(self._part_at(pos))
            event.ignore()
            return
        part, start, ends, press_pos = self._press
        if not self._dragging:
            if (pos - press_pos).manhattanLength() < self.DRAG_THRESHOLD:
                return
            self._dragging = True
            self.drag_started.emit()
        x, y = self.map_from_widget(pos)
        dx, dy = x - start[0], y - start[1]
        self._ends = [
            (ex + dx, ey + dy) if part in ("line", i) else (ex, ey)
            for i, (ex, ey) in enumerate(ends)
        ]
        self.update()
        self._on_ends_moved()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self._end_drag()
        self._set_hover(self._part_at(event.position()))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if self._press is None:
            self._set_hover(None)
        super().leaveEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._end_drag()  # a drag never outlives the plot being shown
        self._set_hover(None)
        super().hideEvent(event)

    def _end_drag(self) -> None:
        self._press = None
        if self._dragging:
            self._dragging = False
            self.drag_finished.emit()

    def _on_ends_moved(self) -> None:
        """The new w and b from the segment's ends; |w| is kept, w keeps its side."""
        (x1, y1), (x2, y2) = self.line_ends()
        d = np.array([x2 - x1, y2 - y1])
        if np.hypot(*d) < 1e-6:
            return
        normal = np.array([-d[1], d[0]])
        norm = float(np.hypot(*self._w)) or 1.0
        normal = normal / np.hypot(*normal) * norm
        if normal @ self._w < 0:
            normal = -normal
        b = -float(normal @ np.array([x1, y1]))
        w = np.round(normal, 6)
        b = round(b, 6)
        self._w = w
        self._b = b
        self._region = clip_half_plane(w, b)
        self.line_dragged.emit(w, b)
