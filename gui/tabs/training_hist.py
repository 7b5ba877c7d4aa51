"""Live per-layer histograms for the Training tab (§6.2's view of the net being trained).

One row of histograms of each hidden layer's activations on the current mini-batch, one
of the output γ·x̂ + β of each Batch Normalization layer (§6.3, under its hidden layer;
only when BN is on) and one of each weight layer's gradient ∂L/∂W, from the engine's
:class:`engine.livestats.LayerHistograms` records; redrawn at most 5 times a second, so
vanishing (everything at 0) or exploding layers are seen as training goes.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QWidget

from engine.livestats import LayerHistograms
from gui.plotting import pg
from gui.text import tr_fmt
from gui.worker import RedrawThrottle

__all__ = ["LayerHistogramView", "HISTOGRAM_FPS"]

#: The most redraws a second (the issue's limit).
HISTOGRAM_FPS = 5
#: The bars' colours by row kind (Okabe–Ito: blue, green, vermilion).
COLORS = {"z": "#0072B2", "bn": "#009E73", "grad": "#D55E00"}


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
        #: (kind, layer number, plot, bars), kind "z", "bn" or "grad", in drawing order
        self._plots: list[tuple[str, int, pg.PlotItem, pg.BarGraphItem]] = []
        self._shape: tuple = ()
        self._legend: pg.LabelItem | None = None
        self._kinds: list[str] = []
        self.throttle = RedrawThrottle(self._draw, fps=HISTOGRAM_FPS, parent=self)

    def clear_view(self) -> None:
        self._pending = self.last = None
        self.clear()
        self._plots = []
        self._legend = None
        self._kinds = []
        self._shape = ()

    def titles(self) -> list[str]:
        """The plots' titles in drawing order (activations, BN outputs, gradients)."""
        return [plot.titleLabel.text for _, _, plot, _ in self._plots]

    def show_record(self, record: LayerHistograms) -> None:
        self._pending = record
        self.throttle.request()

    def _layout(self, record: LayerHistograms) -> None:
        bn_layers = tuple(layer for layer, _ in record.batchnorm)
        shape = (len(record.activations), bn_layers, len(record.gradients))
        if self._shape == shape:
            return
        self.clear()
        self._plots = []
        rows = [("z", list(range(1, shape[0] + 1)))]
        if bn_layers:
            rows.append(("bn", list(bn_layers)))
        rows.append(("grad", list(range(1, shape[2] + 1))))
        # one line naming the rows by colour; the plots carry short titles (z1, BN3, ∂L/∂W2)
        self._legend = self.addLabel("", row=0, col=0, colspan=max(shape[0], shape[2]))
        self._kinds = [kind for kind, _ in rows]
        for row, (kind, layers) in enumerate(rows, start=1):
            for layer in layers:
                plot = self.addPlot(row=row, col=layer - 1)  # BN under its hidden layer
                plot.setMouseEnabled(False, False)
                plot.hideButtons()
                plot.setMenuEnabled(False)
                plot.hideAxis("left")  # counts: the shape matters, not the numbers
                bottom = plot.getAxis("bottom")
                bottom.setTickDensity(0.5)  # narrow plots: fewer, unclipped tick labels
                bottom.setStyle(maxTickLevel=0)  # no minor ticks
                bars = pg.BarGraphItem(x=[0], height=[0], width=1, brush=COLORS[kind], pen=None)
                plot.addItem(bars)
                self._plots.append((kind, layer, plot, bars))
        self._shape = shape
        self.retranslate()

    def _draw(self) -> None:
        record = self._pending
        if record is None:
            return
        self._pending = None
        self._layout(record)
        hists = (*record.activations, *(h for _, h in record.batchnorm), *record.gradients)
        for (_, _, plot, bars), (counts, edges) in zip(self._plots, hists, strict=True):
            centres = 0.5 * (edges[:-1] + edges[1:])
            bars.setOpts(x=centres, height=counts, width=float(edges[1] - edges[0]))
            plot.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
            plot.setYRange(0, max(int(counts.max()), 1) * 1.05, padding=0)
        self.last = record
        self.redraws += 1

    def row_names(self) -> list[str]:
        """The rows' names, top to bottom, as the legend line gives them (tests)."""
        return [self._names()[kind] for kind in self._kinds]

    def _names(self) -> dict[str, str]:
        return {
            "z": self.tr("activations"),
            "bn": self.tr("BN output γx̂+β"),
            "grad": self.tr("weight gradients"),
        }

    def retranslate(self) -> None:
        titles = {"z": "z%1", "bn": "BN%1", "grad": "∂L/∂W%1"}  # symbols, as in the book
        for kind, layer, plot, _ in self._plots:
            plot.setTitle(tr_fmt(titles[kind], layer), size="8pt")
        if self._legend is not None:
            names = self._names()
            self._legend.setText(
                " &nbsp; ".join(
                    f'<span style="color:{COLORS[k]}">■ {html.escape(names[k])}</span>'
                    for k in self._kinds
                ),
                size="8pt",
            )
