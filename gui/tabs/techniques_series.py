"""Pages that train a series of networks in the worker and draw each run as it finishes:
the overfitting lab (§6.4, Figs. 6-20, 6-21, 6-23), the Batch Normalization comparison
(§6.3.2, Fig. 6-18) and the MNIST comparisons (Figs. 6-9, 6-15).

Every run goes through :func:`engine.experiments.run_series` (each run is
:func:`engine.training.train`), consumed by the tab's one worker pattern; a run's curves
appear when it ends, progress and time left in between. Finished runs are kept and
overlaid until *Clear*.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from engine import experiments as X
from gui.plotting import cache_axes, pg
from gui.tabs.techniques_common import RUN_COLORS, RunBar, mnist
from gui.text import tr_fmt
from gui.widgets import notify

__all__ = ["SeriesPage", "OverfitPage", "BnPage", "ComparePage"]


class SeriesPage(QWidget):
    """A settings form, a run bar and plots; subclasses set ``name``, ``keys`` and draw."""

    name = ""
    keys: tuple[str, ...] = ()

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.model = tab.model
        self.controller = tab.make_controller(emit_hz=10)
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state)
        self.binder = tab.bind(self.keys)
        self.results: list[X.RunResult] = []
        self.form = QFormLayout()
        self.binder.add_rows(self.form)
        self.run_bar = RunBar(self.controller, self.name, self)
        self.run_bar.run_requested.connect(self.start)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName(f"{self.name}ClearButton")
        self.clear_button.clicked.connect(self.clear)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName(f"{self.name}Note")
        side = QVBoxLayout()
        side.addLayout(self.form)
        side.addWidget(self.clear_button)
        side.addWidget(self.note)
        side.addStretch(1)
        self.side = QWidget(self)
        self.side.setLayout(side)
        self.side.setMaximumWidth(330)
        self.body = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.side)
        row.addLayout(self.body, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.run_bar)
        self._series: list[X.Run] = []

    # -- what a subclass provides -----------------------------------------------------------
    def runs(self) -> list[X.Run]:
        raise NotImplementedError

    def data(self):
        return mnist()

    def show_result(self, result: X.RunResult) -> None:
        raise NotImplementedError

    def clear_plots(self) -> None:
        raise NotImplementedError

    # -- running ----------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Start the series in the worker (finished runs stay on the plot)."""
        if self.binder.errors:
            notify(self, next(iter(self.binder.errors.values())))
            return
        runs = self.runs()
        data = self.data()
        self._series = runs
        self.run_bar.set_progress(0.0, None)
        self.run_bar.set_message(tr_fmt(self.tr("Training %1 networks…"), len(runs)))
        self.controller.start(lambda: X.run_series(runs, data))

    def is_running(self) -> bool:
        return self.controller.is_active()

    @Slot(object)
    def _on_records(self, batch: Sequence[object]) -> None:
        progress = None
        for record in batch:
            if isinstance(record, X.RunResult):
                self.results.append(record)
                self.show_result(record)
            elif isinstance(record, X.SeriesProgress):
                progress = record  # only the latest is shown
        if progress is not None:
            self.run_bar.set_progress(progress.done_fraction, progress.seconds_left)

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        if completed:
            self.run_bar.set_progress(1.0, None)
            self.run_bar.set_message(self.tr("Done."))
        self.summarize()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.run_bar.set_message(tr_fmt(self.tr("The run failed: %1"), message))

    @Slot(str)
    def _on_state(self, state: str) -> None:
        active = any(c.is_active() for c in self.tab._controllers)
        self.model.set_run_state("running" if active else "idle")
        self.clear_button.setEnabled(state == "idle")

    @Slot()
    def clear(self) -> None:
        self.results.clear()
        self.clear_plots()
        self.summarize()

    def summarize(self) -> None:
        """Update ``note`` after runs finish (subclasses)."""

    def retranslate(self) -> None:
        self.run_bar.retranslate()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove the kept runs from the plot"))
        self.summarize()

    def color(self, index: int) -> str:
        return RUN_COLORS[index % len(RUN_COLORS)]


def _plot(parent: QWidget, name: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(parent)
    widget.setObjectName(name)
    widget.showGrid(x=True, y=True, alpha=0.2)
    widget.addLegend(offset=(-10, 10))
    cache_axes(widget)
    return widget


class OverfitPage(SeriesPage):
    """§6.4: plain, weight decay and dropout on 300 images, train (solid) vs test (dashed)."""

    name = "overfit"
    keys = (
        "overfit_train",
        "overfit_epochs",
        "overfit_dropout_epochs",
        "overfit_lambda",
        "overfit_dropout",
        "overfit_lr",
    )

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(tab, parent)
        self.setObjectName("overfitLab")
        self.plot = _plot(self, "overfitPlot")
        self.plot.setYRange(0, 1)
        self.body.addWidget(self.plot)

    def data(self):
        return X.subset(mnist(), self.model["overfit_train"])

    def runs(self) -> list[X.Run]:
        return self.model.overfit_runs()

    def show_result(self, result: X.RunResult) -> None:
        color = self.color(len(self.results) - 1)
        label = self._label(result)
        self.plot.plot(
            result.epochs,
            result.train_accuracy,
            pen=pg.mkPen(color, width=2),
            name=tr_fmt(self.tr("%1 train"), label),
        )
        self.plot.plot(
            result.epochs,
            result.test_accuracy,
            pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine),
            name=tr_fmt(self.tr("%1 test"), label),
        )
        self.summarize()

    def _label(self, result: X.RunResult) -> str:
        c = result.config
        if c.weight_decay > 0:
            return tr_fmt(self.tr("λ = %1"), f"{c.weight_decay:g}")
        if any(d > 0 for d in c.dropout):
            return tr_fmt(self.tr("dropout %1"), f"{max(c.dropout):g}")
        return self.tr("plain")

    def clear_plots(self) -> None:
        self.plot.clear()

    def gaps(self) -> list[tuple[str, float]]:
        """(label, final train − test accuracy) of each kept run."""
        return [(self._label(r), r.gap) for r in self.results]

    def summarize(self) -> None:
        if not self.results:
            self.note.setText(
                self.tr(
                    "300 MNIST training images, 6 hidden layers of 100, SGD lr 0.01, batch 100: "
                    "the plain net learns its training set by heart; the gap to the test accuracy "
                    "is overfitting (§6.4.1). Weight decay and dropout narrow it."
                )
            )
            return
        lines = [
            tr_fmt(
                self.tr("%1: train %2, test %3, gap %4"),
                self._label(r),
                f"{r.train_accuracy[-1]:.3f}",
                f"{r.test_accuracy[-1]:.3f}",
                f"{r.gap:.3f}",
            )
            for r in self.results
        ]
        self.note.setText("\n".join(lines))

    def retranslate(self) -> None:
        super().retranslate()
        self.plot.setLabel("bottom", self.tr("epochs"))
        self.plot.setLabel("left", self.tr("accuracy"))


class BnPage(SeriesPage):
    """§6.3.2, Fig. 6-18: training accuracy with (solid) and without (dashed) BN, one small
    plot per initial weight scale."""

    name = "bn"
    keys = ("bn_scales", "bn_epochs", "bn_train")

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(tab, parent)
        self.setObjectName("bnComparison")
        self.grid = pg.GraphicsLayoutWidget(self)
        self.grid.setObjectName("bnGrid")
        self.body.addWidget(self.grid)
        self.cells: dict[str, pg.PlotItem] = {}

    def data(self):
        return X.subset(mnist(), self.model["bn_train"])

    def runs(self) -> list[X.Run]:
        runs = self.model.bn_runs()
        self._layout([r.group for r in runs])
        return runs

    def _layout(self, groups: list[str]) -> None:
        wanted = list(dict.fromkeys(groups))
        if list(self.cells) == wanted:
            return
        self.grid.clear()
        self.cells = {}
        self.results.clear()
        columns = 4 if len(wanted) > 4 else len(wanted)
        for i, group in enumerate(wanted):
            cell = self.grid.addPlot(row=i // columns, col=i % columns)
            cell.setTitle(f"W: {float(group):.4g}", size="8pt")
            cell.setYRange(0, 1, padding=0)
            cell.setMouseEnabled(False, False)
            cell.hideButtons()
            self.cells[group] = cell
        cache_axes(*self.cells.values())

    def show_result(self, result: X.RunResult) -> None:
        cell = self.cells.get(result.group)
        if cell is None:
            return
        bn = any(result.config.batchnorm)
        if result.diverged_at is not None:
            text = tr_fmt(
                self.tr("%1 diverged at iteration %2"),
                self.tr("with BN") if bn else self.tr("without BN"),
                result.diverged_at,
            )
            note = pg.TextItem(text, color="#c62828", anchor=(0, 0))
            note.setPos(0, 0.95 if bn else 0.85)
            cell.addItem(note)
            return
        pen = (
            pg.mkPen("#0072B2", width=2)
            if bn
            else pg.mkPen("#555555", width=1.5, style=Qt.PenStyle.DashLine)
        )
        cell.plot(result.epochs, result.train_accuracy, pen=pen)

    def clear_plots(self) -> None:
        for cell in self.cells.values():
            cell.clear()

    def summarize(self) -> None:
        bn = [r for r in self.results if any(r.config.batchnorm)]
        plain = [r for r in self.results if not any(r.config.batchnorm)]
        text = self.tr(
            "Solid blue: with Batch Normalization; dashed grey: without. Each plot "
            "starts from weights of the scale in its title (§6.3.2, Fig. 6-18)."
        )
        if bn and plain:
            text += "\n" + tr_fmt(
                self.tr("Mean final training accuracy: %1 with BN, %2 without."),
                f"{np.mean([r.train_accuracy[-1] for r in bn]):.3f}",
                f"{np.mean([r.train_accuracy[-1] for r in plain]):.3f}",
            )
        self.note.setText(text)


class ComparePage(SeriesPage):
    """Figs. 6-9 and 6-15: several runs' losses overlaid on one plot."""

    name = "compare"
    keys = ("compare_preset", "compare_iterations")

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(tab, parent)
        self.setObjectName("mnistComparisons")
        self.plot = _plot(self, "comparePlot")
        self.body.addWidget(self.plot)

    def runs(self) -> list[X.Run]:
        return self.model.compare_runs()

    def show_result(self, result: X.RunResult) -> None:
        color = self.color(len(self.results) - 1)
        losses = result.losses
        # the book plots a smoothed curve; a centred running mean over 10 iterations
        k = min(10, max(len(losses), 1))
        smooth = np.convolve(losses, np.ones(k) / k, mode="valid") if len(losses) else losses
        x = np.arange(len(smooth)) + (k + 1) / 2
        self.plot.plot(x, smooth, pen=pg.mkPen(color, width=2), name=result.label)
        self.summarize()

    def clear_plots(self) -> None:
        self.plot.clear()

    def summarize(self) -> None:
        if not self.results:
            self.note.setText(
                self.tr(
                    "A 784-100-100-100-100-10 ReLU net on the bundled MNIST, batch 128. Four "
                    "optimizers (§6.1.8, Fig. 6-9) or three initial weights (§6.2.4, Fig. 6-15)."
                )
            )
            return
        lines = [
            tr_fmt(
                self.tr("%1: final loss %2, test accuracy %3"),
                r.label,
                f"{np.mean(r.losses[-50:]):.3f}",
                f"{r.test_accuracy[-1]:.3f}" if len(r.test_accuracy) else "–",
            )
            for r in self.results
        ]
        self.note.setText("\n".join(lines))

    def retranslate(self) -> None:
        super().retranslate()
        self.plot.setLabel("bottom", self.tr("iterations"))
        self.plot.setLabel("left", self.tr("loss"))
