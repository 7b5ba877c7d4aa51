"""pyqtgraph, configured: every module in ``gui`` imports it from here (``gui.plotting.pg``).

Importing pyqtgraph costs about half of a bare start-up, so it is not imported before the
first window paints (the Gates tab, shown first, draws its plot in plain Qt); the first
module that needs a pyqtgraph plot imports this one, which sets the global options before
any plot exists. A test keeps other ``gui`` modules from importing pyqtgraph directly.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["pg", "exporters", "cache_axes"]

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w", foreground="k")


def exporters():
    """``pyqtgraph.exporters`` (not imported by ``import pyqtgraph``), imported on first use."""
    import pyqtgraph.exporters

    return pyqtgraph.exporters


def cache_axes(*plots) -> None:
    """Paint the axes of pyqtgraph plots (widgets or ``PlotItem``s) from a pixmap cache.

    pyqtgraph replays each axis's recorded picture (tick labels, and the grid when shown)
    on every repaint of its plot, re-shaping the text each time: while a curve changes 30
    times a second that was about half of a Descent-tab frame (bench/bench_4_responsive.py).
    With Qt's device-coordinate cache an axis is drawn again only when it changes (new
    range, resize); otherwise its pixmap is copied.
    """
    for plot in plots:
        item = plot.getPlotItem() if hasattr(plot, "getPlotItem") else plot
        for name in ("left", "bottom", "right", "top"):
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
