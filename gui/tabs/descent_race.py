"""The Descent tab's race on screen: the tracks of one race, the curves that draw them at
most 30 times a second, the results table and the explanations of divergence.

``RaceView(ui, controller)`` owns no settings: ``begin(plan)`` starts showing the race of a
``gui.models.descent.RacePlan`` (the tab starts the worker), the controller's records and
end arrive in ``on_records`` / ``on_finished``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot

from engine.gradient import DescentStep, Diverged, RaceRecord, race
from engine.optimizers import Optimizer
from engine.surfaces import Surface
from gui.models.descent import RacePlan
from gui.plotting import pg
from gui.tabs.descent_plots import RacerTrack
from gui.tabs.descent_ui import DescentUi
from gui.text import ERROR_COLOR, tr_fmt
from gui.widgets import format_number, notify
from gui.worker import RedrawThrottle, WorkerController

__all__ = ["RaceView", "Pace", "race_records", "pack_race", "PATH_POINTS_SHOWN"]

#: Points of one trajectory (and its readouts) drawn at most; longer runs are thinned.
PATH_POINTS_SHOWN = 2000


class Pace:
    """The delay between two race records, shared with the worker (a float is atomic)."""

    def __init__(self, steps_per_second: float = 30) -> None:
        self.delay = 0.0
        self.set_speed(steps_per_second)

    def set_speed(self, steps_per_second: float) -> None:
        self.delay = 1.0 / steps_per_second if steps_per_second > 0 else 0.0


def race_records(
    surface: Surface,
    start: list[float],
    optimizers: list[Optimizer],
    steps: int,
    analytic: bool,
    bound: float,
    h: float,
    pace: Pace,
) -> Iterator[RaceRecord]:
    """The engine's race, paced for watching (runs in the worker thread)."""
    grad = surface.gradient if analytic else None
    thread = QThread.currentThread()
    for record in race(surface, start, optimizers, steps, grad, bound=bound, h=h):
        yield record
        deadline = time.monotonic() + pace.delay
        while time.monotonic() < deadline and not thread.isInterruptionRequested():
            time.sleep(min(0.02, max(0.0, deadline - time.monotonic())))


def pack_race(batch: list[RaceRecord]) -> list[tuple[np.ndarray, int | None, Diverged | None]]:
    """Turn a batch of race records into, per racer, a (k, 4) array of (x, y, f, ‖∇f‖),
    its last step and its divergence (runs in the worker thread: the GUI thread then
    copies one array per racer per frame, however fast the race goes)."""
    racers = len(batch[0].entries) if batch else 0
    points: list[list[tuple[float, float, float, float]]] = [[] for _ in range(racers)]
    last: list[int | None] = [None] * racers
    diverged: list[Diverged | None] = [None] * racers
    for record in batch:
        for i, entry in enumerate(record.entries):
            if isinstance(entry, DescentStep):
                gx, gy = float(entry.grad[0]), float(entry.grad[1])
                points[i].append(
                    (float(entry.x[0]), float(entry.x[1]), entry.value, math.hypot(gx, gy))
                )
                last[i] = entry.step
            elif isinstance(entry, Diverged):
                diverged[i] = entry
    return [
        (np.array(points[i], dtype=np.float64).reshape(-1, 4), last[i], diverged[i])
        for i in range(racers)
    ]


class RaceView(QObject):
    """The tracks of the race shown and everything drawn from them."""

    def __init__(self, ui: DescentUi, controller: WorkerController, parent: QObject) -> None:
        super().__init__(parent)
        self.ui, self.controller = ui, controller
        self.tracks: list[RacerTrack] = []
        self.steps = 100  # the x range of the readouts
        self.throttle = RedrawThrottle(self.redraw, 30, self)
        self._value_log = True
        self._readout_ranges: dict[pg.PlotWidget, tuple[float, float]] = {}
        self.show_empty_readouts()

    # -- a race begins and ends --------------------------------------------------------------
    def begin(self, plan: RacePlan) -> None:
        """Clear the last race and show ``plan``'s racers, waiting for their first points."""
        self.clear()
        self.steps = plan.steps
        self.tracks = [
            RacerTrack(label, colour)
            for label, colour in zip(plan.labels, plan.colours, strict=True)
        ]
        ui = self.ui
        for i, track in enumerate(self.tracks):
            track.status = "running"
            pen = pg.mkPen(track.colour, width=2)
            ui.path_items[i].setPen(pen)
            ui.path_items[i].setSymbolBrush(track.colour)
            ui.value_items[i].setPen(pen)
            ui.grad_items[i].setPen(pen)
            for item in (ui.path_items[i], ui.value_items[i], ui.grad_items[i]):
                item.show()
        ui.results.set_tracks(self.tracks)
        self._readout_ranges = {}
        ui.message_label.setStyleSheet("")
        ui.message_label.setText("")

    def clear(self) -> None:
        """Empty and hide the curves (they are reused, never deleted: a deleted graphics
        item could be freed by Python's garbage collector in the worker thread)."""
        ui = self.ui
        for item in (*ui.path_items, *ui.value_items, *ui.grad_items):
            item.setData([], [])
            item.hide()
        ui.heads.setData([], [])
        self.tracks = []
        ui.results.set_tracks([])
        self.show_empty_readouts()

    def show_empty_readouts(self, steps: int | None = None) -> None:
        """Before a run: steps 0…Steps and 0.001…1 on the log axes (decades, not the
        2…9 minor ticks of an empty log range); the next run autoranges again."""
        if steps is not None:
            self.steps = steps
        ui = self.ui
        if self._value_log is not True:
            self._value_log = True
            ui.value_plot.setLogMode(y=True)
        for plot in (ui.value_plot, ui.grad_plot):
            plot.setXRange(0, max(1, self.steps), padding=0.03)
            plot.setYRange(-3.3, 0.3, padding=0)

    @Slot(object)
    def on_records(self, packed: list[tuple[np.ndarray, int | None, Diverged | None]]) -> None:
        diverged = False
        for track, (points, step, gone) in zip(self.tracks, packed, strict=False):
            track.extend(points)
            if step is not None:
                track.steps = step
            if gone is not None:
                track.diverged = gone
                track.status = "diverged"
                diverged = True
        if diverged:
            self.explain()
        self.throttle.request()

    def on_finished(self, completed: bool) -> None:
        for track in self.tracks:
            if track.status != "running":
                continue
            if not completed:
                track.status = "stopped"
            elif self._barely_moved(track):
                track.status = "barely_moved"
            else:
                track.status = "finished"
        self.explain()
        self.throttle.request()
        self.throttle.flush()
        if any(track.n for track in self.tracks):
            for plot in (self.ui.value_plot, self.ui.grad_plot):
                plot.enableAutoRange()  # the whole run fitted exactly, now it has ended

    @staticmethod
    def _barely_moved(track: RacerTrack) -> bool:
        if track.n < 2:
            return False
        moved = math.hypot(track.xs[-1] - track.xs[0], track.ys[-1] - track.ys[0])
        scale = max(1.0, math.hypot(track.xs[0], track.ys[0]))
        return moved < 1e-6 * scale

    def explain(self) -> None:
        """Say why racers diverged (or barely moved), in red above the table."""
        lines = []
        for track in self.tracks:
            d = track.diverged
            if d is None:
                if track.status == "barely_moved":
                    text = QCoreApplication.translate(
                        "DescentTab",
                        "%1 barely moved in %2 steps: the learning rate is probably too "
                        "small for this function.",
                    )
                    lines.append(tr_fmt(text, track.label, track.steps))
                continue
            if d.reason == "bound":
                text = QCoreApplication.translate(
                    "DescentTab",
                    "%1 diverged at step %2: the point left the plotted region (|x| > %3) — "
                    "the learning rate is too large for this function, or f has no minimum "
                    "in that direction.",
                )
            else:
                text = QCoreApplication.translate(
                    "DescentTab",
                    "%1 diverged at step %2: the point became NaN or infinite — the learning "
                    "rate is too large for this function, or f is undefined there.",
                )
            lines.append(tr_fmt(text, track.label, d.step, format_number(d.bound or 0.0)))
        label = self.ui.message_label
        if lines:
            label.setStyleSheet(f"color: {ERROR_COLOR};")
            label.setText("\n".join(lines))
            notify(label, lines[-1])
        else:
            label.setStyleSheet("")

    # -- drawing -----------------------------------------------------------------------------
    def redraw(self) -> None:
        ui = self.ui
        self.controller.hold(ui.trajectory_plot)  # a full-speed race slows a frame ~10×
        heads_x, heads_y, brushes = [], [], []
        values_positive = all(track.value_min > 0 for track in self.tracks if track.n)
        if values_positive != self._value_log:
            self._value_log = values_positive
            ui.value_plot.setLogMode(y=values_positive)
            self._readout_ranges.pop(ui.value_plot, None)  # that range was in other units
        for i, track in enumerate(self.tracks):
            n = track.n
            # long runs are drawn through evenly spaced points (the last one included), so a
            # frame costs the same at step 100 and at step 10,000
            shown = (
                np.linspace(0, n - 1, PATH_POINTS_SHOWN).astype(np.intp)
                if n > PATH_POINTS_SHOWN
                else slice(None)
            )
            path = ui.path_items[i]
            path.setData(track.xs[shown], track.ys[shown], skipFiniteCheck=True)
            path.setSymbol("o" if n <= 500 else None)
            steps = np.arange(n)[shown]
            values = track.values[shown]
            if self._value_log:
                values = np.where(values > 0, values, np.nan)
            ui.value_items[i].setData(steps, values, connect="finite")
            norms = track.grad_norms[shown]
            ui.grad_items[i].setData(steps, np.where(norms > 0, norms, np.nan), connect="finite")
            if n:
                heads_x.append(track.xs[-1])
                heads_y.append(track.ys[-1])
                brushes.append(pg.mkBrush(track.colour))
        ui.heads.setData(heads_x, heads_y, brush=brushes)
        if self.controller.is_active():
            self._fit_readouts_while_running()
        ui.results.refresh()

    def _fit_readouts_while_running(self) -> None:
        """Fixed readout ranges during a run: steps 0…Steps, and y in whole decades (or a
        range) that only widens when a value falls outside it. Autoranging every frame
        regenerated the log axes 30 times a second and made the window stutter (p99
        timer lateness 45 ms; 7 ms with fixed ranges)."""
        live = [t for t in self.tracks if t.n]
        if not live:
            return

        def extent(low_attr: str, high_attr: str) -> tuple[float, float] | None:
            lows = [v for t in live if np.isfinite(v := getattr(t, low_attr))]
            highs = [v for t in live if np.isfinite(v := getattr(t, high_attr))]
            return (min(lows), max(highs)) if lows and highs else None

        value_extent = (
            extent("positive_min", "value_max")
            if self._value_log
            else extent("value_min", "value_max")
        )
        for plot, found, log in (
            (self.ui.value_plot, value_extent, self._value_log),
            (self.ui.grad_plot, extent("norm_min", "norm_max"), True),
        ):
            view = plot.getViewBox()
            view.disableAutoRange()
            old = self._readout_ranges.get(plot)
            if old is None:
                plot.setXRange(0, max(1, self.steps), padding=0.03)
            if found is None:
                continue
            lo, hi = found
            if log:
                lo, hi = float(np.floor(np.log10(lo))), float(np.ceil(np.log10(hi)))
                hi = max(hi, lo + 1)
            else:
                margin = 0.05 * max(hi - lo, 1e-12)
                lo, hi = lo - margin, hi + margin
            if old is not None and old[0] <= lo and hi <= old[1]:
                continue
            new = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
            self._readout_ranges[plot] = new
            plot.setYRange(new[0], new[1], padding=0)
