"""The hyperparameter search board (book §6.5): random trials of lr × weight decay, each a
short run in the worker, validated on 20 % held out from the training images.

A scatter of log lr × log λ coloured by validation accuracy fills in as trials finish; the
best trials' learning curves are drawn as in Fig. 6-24; a rectangle dragged on the scatter
selects a region, *Narrow to selection* sets the ranges to it (§6.5.3) and the next search
draws there; the trials are a sortable table, exportable as CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine import hyperparams as H
from gui.plotting import cache_axes, pg
from gui.tabs.techniques_common import RUN_COLORS, RunBar, mnist
from gui.text import tr_fmt
from gui.widgets import notify

__all__ = ["SearchBoard", "TrialTableModel", "SEARCH_KEYS"]

SEARCH_KEYS = (
    "search_trials",
    "search_epochs",
    "search_train",
    "lr_low",
    "lr_high",
    "wd_low",
    "wd_high",
    "search_seed",
)
#: How many of the best trials' curves are drawn (the book shows 20 in a grid).
BEST_SHOWN = 5


def _accuracy_brush(acc: float, low: float, high: float) -> pg.QtGui.QBrush:
    """Viridis over the trials' range of validation accuracy: lowest dark purple, highest
    yellow (a fixed 0–1 scale would paint a first short search all one colour)."""
    cmap = pg.colormap.get("viridis")
    share = (acc - low) / (high - low) if high > low else 1.0
    return pg.mkBrush(cmap.map(float(np.clip(share, 0, 1)), mode="qcolor"))


class TrialTableModel(QAbstractTableModel):
    """The trials: #, lr, λ, validation and training accuracy (sortable through a proxy)."""

    COLUMNS = 5

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.trials: list[H.Trial] = []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt
        return 0 if parent.isValid() else len(self.trials)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt
        return 0 if parent.isValid() else self.COLUMNS

    def add(self, trial: H.Trial) -> None:
        row = len(self.trials)
        self.beginInsertRows(QModelIndex(), row, row)
        self.trials.append(trial)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.trials = []
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        t = self.trials[index.row()]
        values = (t.index + 1, t.lr, t.weight_decay, t.final_val, t.final_train)
        value = values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return str(value)
            if index.column() in (1, 2):
                return f"{value:.3e}"
            return f"{value:.3f}"
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return float(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (
            self.tr("Trial"),
            self.tr("Learning rate"),
            self.tr("Weight decay λ"),
            self.tr("Validation accuracy"),
            self.tr("Training accuracy"),
        )
        return names[section]


class SearchBoard(QWidget):
    """objectName ``searchBoard``."""

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBoard")
        self.tab = tab
        self.model = tab.model
        self.controller = tab.make_controller(emit_hz=10)
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state)
        self.binder = tab.bind(SEARCH_KEYS)
        self.trials: list[H.Trial] = []
        self._next_index = 0
        self._searches = 0

        form = QFormLayout()
        self.binder.add_rows(form)
        self.narrow_button = QPushButton(self)
        self.narrow_button.setObjectName("narrowButton")
        self.narrow_button.clicked.connect(self.narrow_to_selection)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("searchClearButton")
        self.clear_button.clicked.connect(self.clear)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportCsvButton")
        self.export_button.clicked.connect(self._on_export)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("searchNote")
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.narrow_button)
        side.addWidget(self.clear_button)
        side.addWidget(self.export_button)
        side.addWidget(self.note)
        side.addStretch(1)
        side_widget = QWidget(self)
        side_widget.setLayout(side)
        side_scroll = QScrollArea(self)  # the form scrolls on a small screen
        side_scroll.setWidget(side_widget)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setFixedWidth(280)

        self.scatter_plot = pg.PlotWidget(self)
        self.scatter_plot.setObjectName("searchScatter")
        self.scatter_plot.showGrid(x=True, y=True, alpha=0.2)
        self.scatter = pg.ScatterPlotItem(size=11, pen=pg.mkPen("#333333", width=0.5))
        self.scatter_plot.addItem(self.scatter)
        self.region = pg.RectROI([-6, -8], [4, 4], pen=pg.mkPen("#D55E00", width=2))
        self.region.setZValue(10)
        self.scatter_plot.addItem(self.region)
        self.curves_plot = pg.PlotWidget(self)
        self.curves_plot.setObjectName("searchCurves")
        self.curves_plot.showGrid(x=True, y=True, alpha=0.2)
        self.curves_plot.setYRange(0, 1)
        self.curves_plot.addLegend(offset=(-10, 10))
        cache_axes(self.scatter_plot, self.curves_plot)

        self.table_model = TrialTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView(self)
        self.table.setObjectName("trialsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.run_bar = RunBar(self.controller, "search", self)
        self.run_bar.run_requested.connect(self.start)

        plots = QSplitter(Qt.Orientation.Horizontal, self)
        plots.addWidget(self.scatter_plot)
        plots.addWidget(self.curves_plot)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(plots)
        right.addWidget(self.table)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([460, 220])
        row = QHBoxLayout()
        row.addWidget(side_scroll)
        row.addWidget(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.run_bar)
        unsubscribe = self.model.subscribe(self._on_model_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._show_space()

    # -- ranges ---------------------------------------------------------------------------
    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if keys & {"lr_low", "lr_high", "wd_low", "wd_high", "*"}:
            self._show_space()

    def _show_space(self) -> None:
        """Put the selection rectangle on the current ranges."""
        m = self.model
        self.region.setPos((m["lr_low"], m["wd_low"]), finish=False)
        self.region.setSize(
            (max(m["lr_high"] - m["lr_low"], 0.05), max(m["wd_high"] - m["wd_low"], 0.05)),
            finish=False,
        )

    def selection(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The rectangle's (lr, λ) log10 ranges."""
        x, y = self.region.pos()
        w, h = self.region.size()
        return (float(x), float(x + w)), (float(y), float(y + h))

    @Slot()
    def narrow_to_selection(self) -> None:
        """Set the search ranges to the rectangle dragged on the scatter (§6.5.3)."""
        lr, wd = self.selection()
        try:
            self.model.narrow_to(lr, wd)
        except ValueError as exc:
            notify(self, str(exc))
            return
        notify(
            self,
            tr_fmt(
                self.tr("Next search: lr in 10^[%1, %2], λ in 10^[%3, %4]"),
                f"{self.model['lr_low']:g}",
                f"{self.model['lr_high']:g}",
                f"{self.model['wd_low']:g}",
                f"{self.model['wd_high']:g}",
            ),
        )

    # -- running --------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        if self.binder.errors:
            notify(self, next(iter(self.binder.errors.values())))
            return
        m = self.model
        data = H.split_validation(mnist(), m["search_train"], 0.2, seed=m["search_seed"])
        space = m.search_space()
        n, epochs = m["search_trials"], m["search_epochs"]
        seed = m["search_seed"] + 1000 * self._searches
        start_index = self._next_index
        self._searches += 1
        self._next_index += n
        self.run_bar.set_progress(0.0, None)
        self.run_bar.set_message(tr_fmt(self.tr("Running %1 trials…"), n))
        self.controller.start(
            lambda: H.search(data, n, space, epochs, seed=seed, start_index=start_index)
        )

    @Slot(object)
    def _on_records(self, batch: Sequence[object]) -> None:
        added = False
        progress = None
        for record in batch:
            if isinstance(record, H.Trial):
                self.trials.append(record)
                self.table_model.add(record)
                added = True
            elif isinstance(record, H.SearchProgress):
                progress = record  # only the latest is shown
        if progress is not None:
            self.run_bar.set_progress(progress.done_fraction, progress.seconds_left)
        if added:
            self._redraw()

    def accuracy_range(self) -> tuple[float, float]:
        """The lowest and highest final validation accuracy among the trials."""
        values = [t.final_val for t in self.trials] or [0.0]
        return min(values), max(values)

    def _redraw(self) -> None:
        low, high = self.accuracy_range()
        spots = [
            {
                "pos": (np.log10(t.lr), np.log10(t.weight_decay)),
                "brush": _accuracy_brush(t.final_val, low, high),
                "data": t.index,
            }
            for t in self.trials
        ]
        self.scatter.setData(spots)
        self.curves_plot.clear()
        for rank, t in enumerate(H.best_trials(self.trials, BEST_SHOWN)):
            color = RUN_COLORS[rank % len(RUN_COLORS)]
            x = np.arange(1, len(t.val_accuracy) + 1)
            label = tr_fmt(self.tr("Best-%1 (val %2)"), rank + 1, f"{t.final_val:.2f}")
            self.curves_plot.plot(x, t.val_accuracy, pen=pg.mkPen(color, width=2), name=label)
            self.curves_plot.plot(
                x, t.train_accuracy, pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine)
            )
        self.retranslate()

    def _summarize(self) -> None:
        if not self.trials:
            self.note.setText(
                self.tr(
                    "Each trial trains a 784-100×6-10 net with SGD for the given epochs on 80 % of "
                    "the training images and is scored on the other 20 % (validation data, §6.5.1; "
                    "the test set is never used). Drag the orange rectangle over the best region, "
                    "press “Narrow to selection” and run again (§6.5.3)."
                )
            )
            return
        best = H.best_trials(self.trials, 1)[0]
        self.note.setText(
            tr_fmt(
                self.tr("%1 trials. Best: validation accuracy %2 with lr = %3, λ = %4."),
                len(self.trials),
                f"{best.final_val:.3f}",
                f"{best.lr:.3g}",
                f"{best.weight_decay:.3g}",
            )
        )

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        if completed:
            self.run_bar.set_progress(1.0, None)
            self.run_bar.set_message(self.tr("Done."))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.run_bar.set_message(tr_fmt(self.tr("The search failed: %1"), message))

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self.model.set_run_state("running" if self.tab.any_running() else "idle")
        self.clear_button.setEnabled(state == "idle")

    @Slot()
    def clear(self) -> None:
        self.trials = []
        self.table_model.clear()
        self.scatter.setData([])
        self.curves_plot.clear()
        self.retranslate()

    # -- export ---------------------------------------------------------------------------
    def csv_text(self) -> str:
        return H.trials_csv(self.trials)

    @Slot()
    def _on_export(self) -> None:
        if not self.trials:
            notify(self, self.tr("No trials to export yet."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export trials as CSV"), "trials.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        try:
            path.write_text(self.csv_text(), encoding="utf-8")
        except OSError as exc:
            notify(self, tr_fmt(self.tr("Could not save %1: %2"), path.name, exc.strerror or exc))
            return
        notify(self, tr_fmt(self.tr("Saved %1 trials to %2"), len(self.trials), path.name))

    def retranslate(self) -> None:
        self.run_bar.retranslate()
        self.narrow_button.setText(self.tr("Narrow to selection"))
        self.narrow_button.setToolTip(
            self.tr("Set the ranges to the orange rectangle on the scatter")
        )
        self.clear_button.setText(self.tr("Clear"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.scatter_plot.setLabel("bottom", self.tr("log10 learning rate"))
        self.scatter_plot.setLabel("left", self.tr("log10 weight decay λ"))
        low, high = self.accuracy_range()
        self.scatter_plot.setTitle(
            tr_fmt(
                self.tr("Validation accuracy: purple %1 … yellow %2"), f"{low:.2f}", f"{high:.2f}"
            )
        )
        self.curves_plot.setLabel("bottom", self.tr("epochs"))
        self.curves_plot.setLabel("left", self.tr("accuracy"))
        self.curves_plot.setTitle(self.tr("Best trials: validation (solid), training (dashed)"))
        self.table_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self._summarize()
