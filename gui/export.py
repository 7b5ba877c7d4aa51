"""File ▸ Export: plots to PNG/SVG, plot data and tables to CSV.

pyqtgraph plots go through pyqtgraph's exporters; plain Qt widgets (the Gates plot, the
network canvas) are painted with Qt at twice their size (PNG) or as vectors (SVG).

Every export is written to a temporary file in the target folder and renamed over the
target, so a failed export never leaves half a file behind. Failures raise ``OSError``.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

__all__ = [
    "export_plot",
    "export_plot_csv",
    "export_table_csv",
    "has_plot_data",
    "table_rows",
]


def _is_pyqtgraph(widget: object) -> bool:
    """Whether ``widget``'s class comes from pyqtgraph (decided without importing it)."""
    return any(cls.__module__.split(".")[0] == "pyqtgraph" for cls in type(widget).__mro__)


def _plot_item(widget: QWidget):
    """The pyqtgraph item to export for a plot widget (or None if it is not pyqtgraph).

    A plain Qt widget (the Gates tab's plot, the network canvas) is never pyqtgraph's:
    asking about it does not import pyqtgraph.
    """
    if isinstance(widget, QWidget) and not _is_pyqtgraph(widget):
        return None
    from gui.plotting import pg

    if isinstance(widget, pg.PlotWidget):
        return widget.getPlotItem()
    if isinstance(widget, pg.GraphicsLayoutWidget):
        return widget.ci
    if isinstance(widget, pg.GraphicsView):
        return widget.scene()
    if isinstance(widget, pg.GraphicsItem | pg.QtWidgets.QGraphicsItem):
        return widget
    return None


def _replace_from_temp(path: Path, write) -> None:
    """Call ``write(temp_path)`` then move the temp file over ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        if os.path.getsize(tmp) == 0:
            raise OSError(f"nothing was written to {path.name}")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def export_plot(widget: QWidget, path: str | os.PathLike, fmt: str | None = None) -> Path:
    """Save a plot as ``png`` or ``svg`` (from the path's suffix unless ``fmt`` is given)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown image format {fmt!r}")
    item = _plot_item(widget)

    def write(target: str) -> None:
        if fmt == "png":
            if item is not None:
                from gui.plotting import exporters

                exporter = exporters().ImageExporter(item)
                exporter.parameters()["width"] = max(int(widget.width()), 2) * 2  # crisp
                exporter.export(target)
            else:
                _render_png(widget, target)
            return
        if item is not None:
            from gui.plotting import exporters

            try:
                exporters().SVGExporter(item).export(target)
                return
            except ValueError:
                # pyqtgraph 0.14's SVG rewriting fails on Qt 6.11's path syntax
                # (pyqtgraph issue #3485): fall back to Qt's own SVG painter below.
                pass
        _render_svg(widget, target)

    with _painted_live(widget):
        _replace_from_temp(path, write)
    return path


@contextmanager
def _painted_live(widget: QWidget) -> Iterator[None]:
    """Turn off the pixmap caches of the plot's items while it is exported.

    On screen the axes paint from a pixmap (``gui.plotting.cache_axes``); an export must
    paint them afresh, so that an SVG gets real text and a 2× PNG sharp labels.
    """
    views = [widget] if isinstance(widget, QGraphicsView) else []
    views += widget.findChildren(QGraphicsView)
    cached = [
        (item, item.cacheMode())
        for view in views
        if view.scene() is not None
        for item in view.scene().items()
        if item.cacheMode() != QGraphicsItem.CacheMode.NoCache
    ]
    for item, _ in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def _render_png(widget: QWidget, target: str, scale: int = 2) -> None:
    """Paint ``widget`` into a PNG at ``scale`` × its size (crisp, like pyqtgraph's export)."""
    image = QImage(widget.size() * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().window().color())
    QWidget.render(widget, image)  # what grab() paints (a view's own render() differs)
    if not image.save(target, "PNG"):
        raise OSError(f"could not write {Path(target).name}")


def _render_svg(widget: QWidget, target: str) -> None:
    """Paint ``widget`` into an SVG file with Qt's vector SVG generator."""
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(target)
    generator.setSize(QSize(widget.width(), widget.height()))
    generator.setViewBox(QRectF(0, 0, widget.width(), widget.height()))
    generator.setTitle("Zerokara Lab")
    generator.setResolution(widget.logicalDpiX())  # text as big as on screen
    painter = QPainter(generator)
    try:
        if isinstance(widget, QGraphicsView):
            widget.render(painter)  # the view's scene, as shown
        else:
            QWidget.render(widget, painter, QPoint())
    finally:
        painter.end()


def has_plot_data(widget: QWidget) -> bool:
    """Whether ``widget`` is a single pyqtgraph plot whose curves can be saved as CSV."""
    item = _plot_item(widget)
    if item is None:
        return False
    from gui.plotting import pg

    return isinstance(item, pg.PlotItem)


def export_plot_csv(widget: QWidget, path: str | os.PathLike) -> Path:
    """Save the curves' data of a pyqtgraph plot as CSV (x, y columns per curve)."""
    from gui.plotting import exporters

    if not has_plot_data(widget):
        raise ValueError("only a single pyqtgraph plot has data to save as CSV")
    item = _plot_item(widget)
    exporter = exporters().CSVExporter(item)
    exporter.parameters()["precision"] = 17

    _replace_from_temp(Path(path), exporter.export)
    return Path(path)


def _cell(model: QAbstractItemModel, index: QModelIndex) -> str:
    for role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.DisplayRole):
        value = model.data(index, role)
        if value is not None and value != "":
            return repr(value) if isinstance(value, float) else str(value)
    return ""


def table_rows(model: QAbstractItemModel) -> list[list[str]]:
    """A table model as rows of strings, the header row first (full float precision)."""
    columns = model.columnCount()
    has_row_headers = any(
        model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) is not None
        for r in range(model.rowCount())
    )
    header = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in range(columns)
    ]
    rows = [([""] if has_row_headers else []) + header]
    for r in range(model.rowCount()):
        row = []
        if has_row_headers:
            label = model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
            row.append("" if label is None else str(label))
        row += [_cell(model, model.index(r, c)) for c in range(columns)]
        rows.append(row)
    return rows


def export_table_csv(model: QAbstractItemModel, path: str | os.PathLike) -> Path:
    """Save a table model as UTF-8 CSV, header row first."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table_rows(model))
    data = buffer.getvalue().encode("utf-8")

    def write(target: str) -> None:
        with open(target, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())

    _replace_from_temp(Path(path), write)
    return Path(path)
