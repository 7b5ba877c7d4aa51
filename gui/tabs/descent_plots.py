"""Views of the Descent tab: the heat map with contours and −∇f arrows, and the results table.

The map is computed once per surface (not per frame): an ``ImageItem`` of f on a grid,
``IsocurveItem`` s parented to it, and one ``PlotDataItem`` with every arrow as line
segments (book Fig. 4-9).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from engine.surfaces import Surface
from gui.plotting import pg
from gui.text import ERROR_COLOR

__all__ = ["DecadeAxis", "SurfaceMap", "RacerTrack", "ResultsModel", "ResultsTable"]

GRID = 160
ARROWS = 15
CONTOURS = 12


class DecadeAxis(pg.AxisItem):
    """An axis whose log scale ticks whole decades only, however many decades it spans.

    pyqtgraph adds the 2…9 minor ticks of every decade to a log axis with fewer than three
    tick levels: over the 48 decades a race to the minimum can span that was 438 ticks,
    labels and grid lines, ~20 ms to draw each time the range changed (a hitch at the
    start and the end of every race). Spans of three decades or less keep them.
    """

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802,N803 - pyqtgraph
        if maxVal - minVal <= 3:
            return super().logTickValues(minVal, maxVal, size, stdTicks)
        decades = [(spacing, ticks) for spacing, ticks in stdTicks if spacing >= 1.0]
        return decades or super().logTickValues(minVal, maxVal, size, stdTicks)


class SurfaceMap:
    """The heat map, contour lines and gradient arrows of one surface inside ``plot``."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.image = pg.ImageItem()
        self.image.setZValue(-20)
        self.image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
        plot.addItem(self.image)
        # a fixed set of contour items, re-levelled per surface (never deleted: deleting
        # graphics items that were children of another item is fragile in PySide)
        self.contours: list[pg.IsocurveItem] = []
        for _ in range(CONTOURS):
            curve = pg.IsocurveItem(pen=pg.mkPen((255, 255, 255, 110)))
            curve.setParentItem(self.image)
            self.contours.append(curve)
        self.arrows = pg.PlotDataItem(
            pen=pg.mkPen((255, 255, 255, 200), width=1.2), connect="pairs"
        )
        self.arrows.setZValue(-10)
        plot.addItem(self.arrows)
        self.minima = pg.ScatterPlotItem(
            symbol="star", size=14, brush=pg.mkBrush("#ffffff"), pen=pg.mkPen("#000")
        )
        self.minima.setZValue(-5)
        plot.addItem(self.minima)

    def show_surface(self, surface: Surface, arrows: bool) -> None:
        """Compute and show ``surface`` over its view (once per surface)."""
        xmin, xmax, ymin, ymax = surface.view
        xs = np.linspace(xmin, xmax, GRID)
        ys = np.linspace(ymin, ymax, GRID)
        gx, gy = np.meshgrid(xs, ys)
        z = np.asarray(surface.f(gx, gy), dtype=np.float64)
        finite = np.isfinite(z)
        if not finite.any():
            z = np.zeros_like(z)
            finite = np.ones_like(z, dtype=bool)
        zmin = float(np.min(z[finite]))
        shown = np.log1p(np.clip(z - zmin, 0.0, 1e300))
        shown[~finite] = np.nanmax(np.where(finite, shown, np.nan))
        top = float(np.max(shown))
        self.image.setImage(shown, levels=(0.0, top if top > 0 else 1.0))
        dx = (xmax - xmin) / (GRID - 1)
        dy = (ymax - ymin) / (GRID - 1)
        self.image.setRect(
            QRectF(xmin - dx / 2, ymin - dy / 2, (xmax - xmin) + dx, (ymax - ymin) + dy)
        )
        levels = np.linspace(0, top, CONTOURS + 2)[1:-1]
        for curve, level in zip(self.contours, levels, strict=True):
            if top > 0:
                curve.setData(shown, float(level))
                curve.show()
            else:
                curve.hide()
        self.minima.setData([m[0] for m in surface.minima], [m[1] for m in surface.minima])
        self._arrow_data = self._arrow_segments(surface)
        self.set_arrows_visible(arrows)
        self.plot.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)

    def set_arrows_visible(self, visible: bool) -> None:
        ax, ay = self._arrow_data
        if visible:
            self.arrows.setData(ax, ay)
        else:
            self.arrows.setData([], [])

    @staticmethod
    def _arrow_segments(surface: Surface) -> tuple[np.ndarray, np.ndarray]:
        """Line segments drawing −∇f as arrows on a coarse grid (numerical if needed)."""
        xmin, xmax, ymin, ymax = surface.view
        xs = np.linspace(xmin, xmax, ARROWS + 2)[1:-1]
        ys = np.linspace(ymin, ymax, ARROWS + 2)[1:-1]
        px, py = np.meshgrid(xs, ys)
        with np.errstate(all="ignore"):
            if surface.has_gradient:
                gx, gy = surface.grad_xy(px, py)
            else:
                h = 1e-4
                gx = (surface.f(px + h, py) - surface.f(px - h, py)) / (2 * h)
                gy = (surface.f(px, py + h) - surface.f(px, py - h)) / (2 * h)
            gx, gy = -np.asarray(gx, dtype=float), -np.asarray(gy, dtype=float)
            norm = np.hypot(gx, gy)
            ok = np.isfinite(norm) & (norm > 0)
            if not ok.any():
                return np.array([]), np.array([])
            biggest = float(np.max(norm[ok]))
            scale = np.sqrt(norm / biggest)  # compress the range so small arrows stay visible
            ux, uy = np.where(ok, gx / norm, 0.0), np.where(ok, gy / norm, 0.0)
        sx = (xmax - xmin) / (ARROWS + 1) * 0.85
        sy = (ymax - ymin) / (ARROWS + 1) * 0.85
        length = np.where(ok, scale, 0.0)
        ex, ey = px + ux * length * sx, py + uy * length * sy
        # two head strokes at ±150° from the shaft direction
        segments_x, segments_y = [px, ex], [py, ey]
        for angle in (2.6, -2.6):
            c, s = np.cos(angle), np.sin(angle)
            hx = ux * c - uy * s
            hy = ux * s + uy * c
            head = 0.3 * length
            segments_x += [ex, ex + hx * head * sx]
            segments_y += [ey, ey + hy * head * sy]
        keep = ok.ravel()
        ax = np.stack([a.ravel()[keep] for a in segments_x], axis=1).ravel()
        ay = np.stack([a.ravel()[keep] for a in segments_y], axis=1).ravel()
        return ax, ay


class RacerTrack:
    """What the GUI keeps of one racer's run: label, colour and the points so far.

    The points live in NumPy arrays that double when full, so a frame hands the plots
    views (no list-to-array copies of a 100,000-step run 30 times a second), and the
    extremes of f and ‖∇f‖ are kept as they come (the readouts' fixed ranges use them).
    """

    def __init__(self, label: str, colour: str) -> None:
        self.label = label
        self.colour = colour
        self.n = 0
        self._data = np.empty((4, 256))  # x, y, f, ‖∇f‖
        self.steps = 0
        self.diverged: Any = None  # engine.gradient.Diverged
        self.status = "waiting"  # waiting | running | finished | diverged | stopped | …
        self.value_min = self.positive_min = self.norm_min = np.inf
        self.value_max = self.norm_max = -np.inf

    def extend(self, points: np.ndarray) -> None:
        """Append rows (x, y, f, ‖∇f‖) of a (k, 4) array."""
        k = len(points)
        if not k:
            return
        capacity = self._data.shape[1]
        if self.n + k > capacity:
            grown = np.empty((4, max(2 * capacity, self.n + k)))
            grown[:, : self.n] = self._data[:, : self.n]
            self._data = grown
        self._data[:, self.n : self.n + k] = points.T
        self.n += k
        with np.errstate(invalid="ignore"):
            values, norms = points[:, 2], points[:, 3]
            finite = values[np.isfinite(values)]
            if finite.size:
                self.value_min = min(self.value_min, float(finite.min()))
                self.value_max = max(self.value_max, float(finite.max()))
                positive = finite[finite > 0]
                if positive.size:
                    self.positive_min = min(self.positive_min, float(positive.min()))
            usable = norms[np.isfinite(norms) & (norms > 0)]
            if usable.size:
                self.norm_min = min(self.norm_min, float(usable.min()))
                self.norm_max = max(self.norm_max, float(usable.max()))

    @property
    def xs(self) -> np.ndarray:
        return self._data[0, : self.n]

    @property
    def ys(self) -> np.ndarray:
        return self._data[1, : self.n]

    @property
    def values(self) -> np.ndarray:
        return self._data[2, : self.n]

    @property
    def grad_norms(self) -> np.ndarray:
        return self._data[3, : self.n]


class ResultsModel(QAbstractTableModel):
    """Read-only: each racer's final point, f there, ‖∇f‖ and step count, to full precision."""

    COLUMNS = 7

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tracks: list[RacerTrack] = []
        self.status_text: dict[str, str] = {}
        self.status_tips: dict[str, str] = {}
        self.headers: list[str] = [""] * self.COLUMNS

    def set_tracks(self, tracks: list[RacerTrack]) -> None:
        self.beginResetModel()
        self.tracks = tracks
        self.endResetModel()

    def refresh(self) -> None:
        if self.tracks:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.tracks) - 1, self.COLUMNS - 1)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.tracks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < self.COLUMNS:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def cell(self, row: int, column: int) -> str:
        """The text of a cell (also what File ▸ Export as CSV writes)."""
        track = self.tracks[row]
        if column == 0:
            return track.label
        if column == 1:
            return self.status_text.get(track.status, track.status).replace(
                "%1", str(track.diverged.step if track.diverged is not None else "")
            )
        if column == 2:
            return str(track.steps) if track.n else ""
        if not track.n:
            return ""
        values = [track.xs[-1], track.ys[-1], track.values[-1], track.grad_norms[-1]]
        return repr(float(values[column - 3])) if column - 3 < len(values) else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.tracks):
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            status = self.tracks[index.row()].status
            return self.status_tips.get(status) or self.cell(index.row(), 1)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QColor(self.tracks[index.row()].colour)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.column() == 1
            and self.tracks[index.row()].status == "diverged"
        ):
            return QColor(ERROR_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ResultsTable(QTableView):
    """The results table: every column after the first as wide as its full-precision text;
    the optimizer label gets what is left beside status, steps, x and y (elided, whole in
    the tooltip), so the final point (x, y) reads without scrolling; f and ‖∇f‖ follow
    (scroll or hover for them in a narrow window)."""

    #: The optimizer column is never narrower than this (pixels).
    MIN_LABEL_WIDTH = 90
    #: Columns that must stay in view beside the label: status, steps, x, y.
    KEEP_VISIBLE = 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)

    def setModel(self, model) -> None:  # noqa: N802 (Qt override)
        super().setModel(model)
        for signal in (model.modelReset, model.dataChanged, model.headerDataChanged):
            signal.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self, *_args) -> None:
        """Size the number columns to their contents; the label column takes the rest."""
        model = self.model()
        if model is None or model.columnCount() == 0:
            return
        header = self.horizontalHeader()
        widths = []
        for column in range(model.columnCount()):
            content = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            widths.append(content)
        others = sum(widths[1 : 1 + self.KEEP_VISIBLE])
        room = self.viewport().width() - others
        widths[0] = max(self.MIN_LABEL_WIDTH, min(widths[0], room))
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_columns()
