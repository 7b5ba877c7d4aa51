"""The initial-weight lab (book §6.2.2–6.2.4, Figs. 6-10 … 6-14): one histogram of the
activations per layer, side by side, and each layer's mean, std and share near 0 / 1.

The engine (:func:`engine.initlab.activation_histograms`, through the model) computes
every number; this page only draws them, again as soon as a setting changes.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.initlab import NEAR, InitLabResult
from gui.plotting import cache_axes, pg
from gui.text import tr_fmt

__all__ = ["InitLabPage", "INIT_KEYS"]

INIT_KEYS = ("init_activation", "init_scale", "init_std", "init_seed")
N_LAYERS = 5


class InitLabPage(QWidget):
    """objectName ``initLab``; ``result`` is the last engine result drawn."""

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("initLab")
        self.model = tab.model
        self.binder = tab.bind(INIT_KEYS)
        self.result: InitLabResult | None = None
        form = QGridLayout()  # two rows, so the page fits beside the lesson at 1024 px
        for i, key in enumerate(INIT_KEYS):
            row, col = i % 2, 2 * (i // 2)
            form.addWidget(self.binder.label(key), row, col)
            widget = self.binder.widget(key)
            if isinstance(widget, QComboBox):
                widget.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                widget.setMinimumContentsLength(14)
            form.addWidget(widget, row, col + 1)
        form.setColumnStretch(4, 1)
        self.caption = QLabel(self)
        self.caption.setObjectName("initCaption")
        self.caption.setWordWrap(True)
        self.plots = pg.GraphicsLayoutWidget(self)
        self.plots.setObjectName("initHistograms")
        self.plots.setMinimumHeight(150)
        self.items: list[pg.PlotItem] = []
        self.bars: list[pg.BarGraphItem] = []
        for i in range(N_LAYERS):
            plot = self.plots.addPlot(row=0, col=i)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            if i:
                plot.getAxis("left").setStyle(showValues=False)
            bars = pg.BarGraphItem(x=[0.5], height=[0], width=1 / 30, brush="#0072B2", pen=None)
            plot.addItem(bars)
            self.items.append(plot)
            self.bars.append(bars)
        for plot in self.items[1:]:
            plot.setYLink(self.items[0])
        self.items[0].getAxis("left").setWidth(52)  # room for counts up to 100,000
        cache_axes(*self.items)
        self.table = QTableWidget(N_LAYERS, 5, self)
        self.table.setObjectName("initStatsTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(190)
        self.table.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.caption)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.table)
        unsubscribe = self.model.subscribe(self._on_model_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.redraw()

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if keys & set(INIT_KEYS) or "*" in keys:
            self.redraw()

    def redraw(self) -> None:
        """Run the experiment with the model's settings and draw it (a few ms)."""
        result = self.model.init_lab()
        self.result = result
        top = max(int(s.counts.max()) for s in result.layers)
        for plot, bars, stats in zip(self.items, self.bars, result.layers, strict=True):
            edges = stats.edges
            centres = 0.5 * (edges[:-1] + edges[1:])
            bars.setOpts(x=centres, height=stats.counts, width=float(edges[1] - edges[0]))
            plot.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
        self.items[0].setYRange(0, max(top, 1) * 1.05, padding=0)
        self._fill_table(result)
        self.retranslate()

    def _fill_table(self, result: InitLabResult) -> None:
        for row, s in enumerate(result.layers):
            values = (
                str(s.layer),
                f"{s.mean:.4g}",
                f"{s.std:.4g}",
                f"{100 * s.near_zero:.1f} %",
                f"{100 * s.near_one:.1f} %",
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def rows(self) -> list[tuple[int, float, float, float, float]]:
        """The statistics shown in the table (for tests and CSV export)."""
        return self.result.to_rows() if self.result is not None else []

    def retranslate(self) -> None:
        for i, plot in enumerate(self.items):
            plot.setTitle(tr_fmt(self.tr("Layer %1"), i + 1))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Layer"),
                self.tr("Mean"),
                self.tr("Std"),
                tr_fmt(self.tr("Near 0 (|z| < %1)"), NEAR),
                tr_fmt(self.tr("Near ±1 (|z| > %1)"), 1 - NEAR),
            ]
        )
        r = self.result
        if r is None:
            return
        saturated = np.mean([s.near_zero + s.near_one for s in r.layers[1:]])
        if r.activation != "relu" and saturated > 0.5:
            verdict = self.tr(
                "Most outputs sit at the ends of the range, where the "
                "activation's slope is almost 0: gradients vanish (Fig. 6-10)."
            )
        elif r.layers[-1].std < 0.05:
            verdict = self.tr(
                "The outputs crowd together: every neuron says nearly the same, "
                "so many neurons are no better than one (Fig. 6-11)."
            )
        else:
            verdict = self.tr(
                "The outputs stay spread out in every layer: learning can "
                "proceed (Figs. 6-13, 6-14)."
            )
        self.caption.setText(
            tr_fmt(
                self.tr(
                    "1,000 samples of 100 Gaussian inputs through 5 layers of 100 "
                    "units; weight std in layer 1: %1. %2"
                ),
                f"{r.std:.4g}",
                verdict,
            )
        )
