"""pyqtgraph, configured: every module in ``gui`` imports it from here (``gui.plotting.pg``).

Importing pyqtgraph costs about half of a bare start-up, so it is not imported before the
first window paints (the Gates tab, shown first, draws its plot in plain Qt); the first
module that needs a pyqtgraph plot imports this one, which sets the global options before
any plot exists. A test keeps other ``gui`` modules from importing pyqtgraph directly.
"""

from __future__ import annotations

import pyqtgraph as pg

__all__ = ["pg", "exporters"]

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w", foreground="k")


def exporters():
    """``pyqtgraph.exporters`` (not imported by ``import pyqtgraph``), imported on first use."""
    import pyqtgraph.exporters

    return pyqtgraph.exporters
