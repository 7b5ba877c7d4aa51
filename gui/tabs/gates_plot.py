"""A plot of a perceptron's decision line w1·x1 + w2·x2 + b = 0 over the unit square.

The points are coloured by target (filled blue: 1, hollow orange: 0), wrongly classified
points get a red ring, the half-plane where y = 1 is shaded, and the line is a segment
with two handles: drag the segment to move the line (b changes) or a handle to turn it
(w and b change; the length of w is kept).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPolygonItem, QWidget

__all__ = ["BoundaryPlot", "clip_half_plane", "line_in_box"]

LOW, HIGH = -0.5, 1.5
_BOX = [(LOW, LOW), (HIGH, LOW), (HIGH, HIGH), (LOW, HIGH)]


def clip_half_plane(w: np.ndarray, b: float, box=_BOX) -> list[tuple[float, float]]:
    """The part of the polygon ``box`` where w·p + b > 0 (Sutherland–Hodgman, one edge)."""
    out: list[tuple[float, float]] = []
    pts = list(box)
    for i, p in enumerate(pts):
        q = pts[(i + 1) % len(pts)]
        sp = w[0] * p[0] + w[1] * p[1] + b
        sq = w[0] * q[0] + w[1] * q[1] + b
        if sp > 0:
            out.append(p)
        if (sp > 0) != (sq > 0) and sp != sq:
            r = sp / (sp - sq)
            out.append((p[0] + r * (q[0] - p[0]), p[1] + r * (q[1] - p[1])))
    return out


def line_in_box(w: np.ndarray, b: float, low: float = LOW, high: float = HIGH):
    """The two ends of the line w·p + b = 0 inside the square [low, high]², or None."""
    if abs(w[0]) < 1e-12 and abs(w[1]) < 1e-12:
        return None
    ends: list[tuple[float, float]] = []
    if abs(w[1]) > 1e-12:
        for x in (low, high):
            y = -(w[0] * x + b) / w[1]
            if low - 1e-9 <= y <= high + 1e-9:
                ends.append((x, y))
    if abs(w[0]) > 1e-12:
        for y in (low, high):
            x = -(w[1] * y + b) / w[0]
            if low - 1e-9 <= x <= high + 1e-9:
                ends.append((x, y))
    unique: list[tuple[float, float]] = []
    for p in ends:
        if all(abs(p[0] - q[0]) + abs(p[1] - q[1]) > 1e-9 for q in unique):
            unique.append(p)
    if len(unique) < 2:
        return None
    # the two farthest apart
    best = max(
        ((p, q) for i, p in enumerate(unique) for q in unique[i + 1 :]),
        key=lambda pq: (pq[0][0] - pq[1][0]) ** 2 + (pq[0][1] - pq[1][1]) ** 2,
    )
    return best


class _Grid(QGraphicsItem):
    """Grid lines every 0.1 (every 0.5 darker) over the plot's fixed range.

    Drawn as one batch of straight lines without antialiasing: pyqtgraph's own
    ``showGrid`` repaints each axis's grid with antialiased translucent lines, which cost
    ~12 ms of the first paint of the window (bench/bench_6_startup.py).
    """

    def __init__(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        super().__init__()
        self._rect = QRectF(x[0], y[0], x[1] - x[0], y[1] - y[0])
        self._lines: dict[bool, list[QLineF]] = {False: [], True: []}
        for k in range(round(x[0] * 10), round(x[1] * 10) + 1):
            self._lines[k % 5 == 0].append(QLineF(k / 10, y[0], k / 10, y[1]))
        for k in range(round(y[0] * 10), round(y[1] * 10) + 1):
            self._lines[k % 5 == 0].append(QLineF(x[0], k / 10, x[1], k / 10))
        self._pens = {major: QPen(QColor(0, 0, 0, 60 if major else 25), 0) for major in (0, 1)}
        for pen in self._pens.values():
            pen.setCosmetic(True)
        self.setZValue(-20)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for major in (False, True):
            painter.setPen(self._pens[major])
            painter.drawLines(self._lines[major])


class BoundaryPlot(pg.PlotWidget):
    """The decision line of a 2-input perceptron; draggable when ``draggable``."""

    #: (w as a length-2 array, b) while the user drags the line
    line_dragged = Signal(object, float)
    drag_started = Signal()
    drag_finished = Signal()

    def __init__(self, parent: QWidget | None = None, draggable: bool = True) -> None:
        super().__init__(parent)
        self.draggable = draggable
        self._w = np.zeros(2)
        self._b = 0.0
        self._updating = False
        self._dragging = False
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.setRange(xRange=(LOW, HIGH), yRange=(LOW, HIGH + 0.15), padding=0)
        self.addItem(_Grid((LOW, HIGH), (LOW, HIGH + 0.15)), ignoreBounds=True)
        self.region = QGraphicsPolygonItem()
        self.region.setBrush(QBrush(QColor(66, 133, 244, 45)))
        self.region.setPen(QPen(QColor(0, 0, 0, 0)))
        self.region.setZValue(-10)
        self.addItem(self.region)
        self.wrong = pg.ScatterPlotItem(
            size=26, pen=pg.mkPen("#c62828", width=2.5), brush=pg.mkBrush(0, 0, 0, 0)
        )
        self.ones = pg.ScatterPlotItem(
            size=14, pen=pg.mkPen("#1a4fa0"), brush=pg.mkBrush("#1a73e8")
        )
        self.zeros = pg.ScatterPlotItem(
            size=14, pen=pg.mkPen("#e37400", width=2.5), brush=pg.mkBrush("w")
        )
        for scatter in (self.wrong, self.ones, self.zeros):
            self.addItem(scatter)
        self.labels: list[pg.TextItem] = []
        self.roi = pg.LineSegmentROI(
            [(0.0, 0.0), (1.0, 1.0)],
            pen=pg.mkPen("#202124", width=3),
            hoverPen=pg.mkPen("#d93025", width=4),
            handlePen=pg.mkPen("#202124", width=2),
            movable=draggable,
        )
        self.roi.setZValue(10)
        if not draggable:
            for handle in self.roi.getHandles():
                handle.setVisible(False)
                handle.setAcceptedMouseButtons(pg.QtCore.Qt.MouseButton.NoButton)
            self.roi.setAcceptedMouseButtons(pg.QtCore.Qt.MouseButton.NoButton)
        self.addItem(self.roi)
        self.roi.sigRegionChangeStarted.connect(self._on_drag_started)
        self.roi.sigRegionChanged.connect(self._on_roi_changed)
        self.roi.sigRegionChangeFinished.connect(self._on_drag_finished)

    # -- from the model ----------------------------------------------------------------
    def set_axis_names(self, x: str, y: str) -> None:
        self.setLabel("bottom", x)
        self.setLabel("left", y)

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
        self.ones.setData(pos=pts[t == 1])
        self.zeros.setData(pos=pts[t == 0])
        self.wrong.setData(pos=pts[t != y])
        groups: dict[tuple[float, float], list[int]] = {}
        for i, p in enumerate(pts):
            groups.setdefault((float(p[0]), float(p[1])), []).append(i)
        while len(self.labels) < len(groups):
            label = pg.TextItem("", color="#444", anchor=(0.5, 1.5))
            self.addItem(label)
            self.labels.append(label)
        for label, (pos, rows) in zip(self.labels, groups.items(), strict=False):
            text = f"t={int(t[rows[0]])}"
            if names is not None:
                text = "x = " + ", ".join(names[r] for r in rows)
            label.setText(text)
            label.setPos(*pos)
            label.setVisible(True)
        for label in self.labels[len(groups) :]:
            label.setVisible(False)

    def set_boundary(self, w: np.ndarray, b: float) -> None:
        """Draw the line w·p + b = 0 and shade where it is > 0."""
        self._w = np.array(w, dtype=float).reshape(2)
        self._b = float(b)
        poly = clip_half_plane(self._w, self._b)
        self.region.setPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
        if self._dragging:  # the user holds the segment: leave it where the mouse puts it
            return
        ends = line_in_box(self._w, self._b)
        self.roi.setVisible(ends is not None)
        if ends is None:
            return
        self._updating = True
        try:
            self.roi.setPos((0.0, 0.0), update=False, finish=False)
            handles = self.roi.getHandles()
            for handle, end in zip(handles, ends, strict=True):
                self.roi.movePoint(handle, QPointF(*end), finish=False)
            self.roi.stateChanged(finish=False)
        finally:
            self._updating = False

    def line_ends(self) -> list[tuple[float, float]]:
        """The segment's two ends in plot coordinates."""
        out = []
        for handle in self.roi.getHandles():
            p = self.roi.mapToParent(handle.pos())
            out.append((p.x(), p.y()))
        return out

    # -- from the user -----------------------------------------------------------------
    def _on_drag_started(self) -> None:
        if not self._updating:
            self._dragging = True
            self.drag_started.emit()

    def _on_drag_finished(self) -> None:
        if not self._updating:
            self._dragging = False
            self.drag_finished.emit()

    def _on_roi_changed(self) -> None:
        if self._updating or not self.draggable:
            return
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
        poly = clip_half_plane(w, b)
        self.region.setPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
        self.line_dragged.emit(w, b)
