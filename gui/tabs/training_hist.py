"""Live per-layer histograms for the Training tab (§6.2's view of the net being trained).

One row of histograms of each hidden layer's activations on the current mini-batch and
one of each weight layer's gradient ∂L/∂W, from the engine's
:class:`engine.livestats.LayerHistograms` records; redrawn at most 5 times a second, so
vanishing (everything at 0) or exploding layers are seen as training goes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from engine.livestats import LayerHistograms
from gui.plotting import pg
from gui.text import tr_fmt
from gui.worker import RedrawThrottle

__all__ = ["LayerHistogramView", "HISTOGRAM_FPS"]

#: The most redraws a second (the issue's limit).
HISTOGRAM_FPS = 5


class LayerHistogramView(pg.GraphicsLayoutWidget):
    """objectName ``layerHistograms``; ``show_record`` takes the latest record, the
    throttle draws it; ``redraws`` counts the frames drawn (tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layerHistograms")
        self.setMinimumHeight(150)
        self._pending: LayerHistograms | None = None
        self.last: LayerHistograms | None = None
        self.redraws = 0
        self._plots: list[tuple[pg.PlotItem, pg.BarGraphItem]] = []
        self._shape: tuple[int, int] = (-1, -1)
        self.throttle = RedrawThrottle(self._draw, fps=HISTOGRAM_FPS, parent=self)

    def clear_view(self) -> None:
        self._pending = self.last = None
        self.clear()
        self._plots = []
        self._shape = (-1, -1)

    def show_record(self, record: LayerHistograms) -> None:
        self._pending = record
        self.throttle.request()

    def _layout(self, n_act: int, n_grad: int) -> None:
        if self._shape == (n_act, n_grad):
            return
        self.clear()
        self._plots = []
        for row, count in enumerate((n_act, n_grad)):
            for col in range(count):
                plot = self.addPlot(row=row, col=col)
                plot.setMouseEnabled(False, False)
                plot.hideButtons()
                plot.setMenuEnabled(False)
                plot.getAxis("left").setStyle(showValues=False)
                color = "#0072B2" if row == 0 else "#D55E00"
                bars = pg.BarGraphItem(x=[0], height=[0], width=1, brush=color, pen=None)
                plot.addItem(bars)
                self._plots.append((plot, bars))
        self._shape = (n_act, n_grad)
        self.retranslate()

    def _draw(self) -> None:
        record = self._pending
        if record is None:
            return
        self._pending = None
        self._layout(len(record.activations), len(record.gradients))
        for (plot, bars), (counts, edges) in zip(
            self._plots, (*record.activations, *record.gradients), strict=True
        ):
            centres = 0.5 * (edges[:-1] + edges[1:])
            bars.setOpts(x=centres, height=counts, width=float(edges[1] - edges[0]))
            plot.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
            plot.setYRange(0, max(int(counts.max()), 1) * 1.05, padding=0)
        self.last = record
        self.redraws += 1

    def retranslate(self) -> None:
        n_act, n_grad = self._shape
        for i, (plot, _) in enumerate(self._plots):
            if i < n_act:
                plot.setTitle(tr_fmt(self.tr("z%1 (activations)"), i + 1), size="8pt")
            else:
                plot.setTitle(tr_fmt(self.tr("∂L/∂W%1"), i - n_act + 1), size="8pt")
