"""What the Training tab shows of a run: curves, regions, digits, buttons, status, ETA.

``TrainingPainter(tab)`` reads the tab's ``RunLog``, run config and model and draws them:
the loss curve at most ``REDRAW_FPS`` times a second, the accuracy curves, regions, digits
and status text at most ``SLOW_REDRAW_FPS`` (axes fixed while running, so a frame computes
no bounds and no ticks). It changes no state of the run.
"""

from __future__ import annotations

import math
import time
from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QTimer

from engine import training as T
from gui.models.training import MAX_NUMERICAL_SECONDS, PREVIEW_COUNT
from gui.text import tr_fmt
from gui.widgets import format_number
from gui.worker import RedrawThrottle

if TYPE_CHECKING:
    from gui.tabs.training import TrainingTab

__all__ = ["TrainingPainter", "format_duration", "REDRAW_FPS", "SLOW_REDRAW_FPS"]

#: The loss curve is redrawn at most this often: painting runs in the GUI thread, which
#: shares the GIL with the worker (bench_3 on the real tab: 20 Hz ≈ 0.85 of the headless
#: rate, 10 Hz ≈ 0.89; without any redraw ≈ 0.93).
REDRAW_FPS = 10
#: Accuracy curves (wide pens), decision regions, test-image predictions, progress bar and
#: status text: at most this often.
SLOW_REDRAW_FPS = 5


def format_duration(seconds: float) -> str:
    """``42 s``, ``3:07`` or ``1:02:03`` (``—`` when unknown)."""
    if not math.isfinite(seconds):
        return "—"
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class TrainingPainter:
    """Draws the Training tab's run; owns the redraw throttle and the rate samples."""

    preview_count = PREVIEW_COUNT

    def __init__(self, tab: TrainingTab) -> None:
        self.tab, self.ui = tab, tab.ui
        self.throttle = RedrawThrottle(self.redraw, fps=REDRAW_FPS, parent=tab)
        self._rate_samples: deque[tuple[float, int]] = deque(maxlen=64)
        self._reset_marks()

    def _reset_marks(self) -> None:
        self._drawn_n = 0
        self._drawn_epochs = 0
        self._loss_top = 0.0
        self._slow_drawn = 0.0
        self._slow_pending = False
        self.fixed_ranges = False
        self._run_bounds = (0.0, 1.0, 0.0, 1.0)
        self._rate_samples.clear()

    # -- the run's life ------------------------------------------------------------------------
    def clear(self) -> None:
        """No run: empty curves, free axes, status "Ready"."""
        ui = self.ui
        self._reset_marks()
        ui.region_image.clear()
        ui.digit_grid.set_predictions(None)
        ui.confusion.set_predictions(None)
        ui.loss_curve.setData([], [])
        ui.train_curve.setData([], [])
        ui.test_curve.setData([], [])
        self.free_ranges()
        ui.progress.setValue(0)
        self.update_status()
        self.update_buttons()

    def start_run(self) -> None:
        data = self.tab.run_data
        self._run_bounds = T.region_bounds(data) if data.is_2d else (0.0, 1.0, 0.0, 1.0)
        self.restart_rate(0)
        self.fix_ranges()

    def invalidate(self) -> None:
        """Draw the whole loss curve again at the next frame (benchmarks time that)."""
        self._drawn_n = 0

    def restart_rate(self, n: int) -> None:
        """Measure iterations per second from now (after a pause)."""
        self._rate_samples.clear()
        self._rate_samples.append((time.monotonic(), n))

    def records_arrived(self, n: int) -> None:
        self._rate_samples.append((time.monotonic(), n))
        self.throttle.request()

    def finish(self) -> None:
        self.throttle.flush()
        self.redraw()
        self.free_ranges()

    def flush(self) -> None:
        self.throttle.flush()

    def iterations_per_second(self) -> float:
        if len(self._rate_samples) < 2:
            return float("nan")
        (t0, n0), (t1, n1) = self._rate_samples[0], self._rate_samples[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else float("nan")

    # -- frames --------------------------------------------------------------------------------
    def redraw(self) -> None:
        """One frame: the loss curve every time, the rest at most ``SLOW_REDRAW_FPS``."""
        ui, log = self.ui, self.tab.log
        n = log.n
        if n and n != self._drawn_n:
            ui.loss_curve.setData(log.x[:n], log.losses[:n], skipFiniteCheck=True)
            if self.fixed_ranges and not self.tab.model["log_loss"]:
                top = float(log.losses[self._drawn_n : n].max())
                if top > self._loss_top:
                    self._loss_top = 1.1 * top
                    ui.loss_plot.setYRange(0.0, self._loss_top, padding=0)
            self._drawn_n = n
        now = time.monotonic()
        running = self.tab.controller.state == "running"
        if running and now - self._slow_drawn < 1.0 / SLOW_REDRAW_FPS:
            if not self._slow_pending:
                self._slow_pending = True
                QTimer.singleShot(int(1000 / SLOW_REDRAW_FPS), self.redraw)
            return
        self._slow_pending = False
        self._slow_drawn = now
        if len(log.epochs) != self._drawn_epochs:
            e = log.epoch_array[: len(log.epochs)]
            ui.train_curve.setData(e[:, 0], e[:, 1], skipFiniteCheck=True)
            ui.test_curve.setData(e[:, 0], e[:, 2], skipFiniteCheck=True)
            self._drawn_epochs = len(log.epochs)
        data = self.tab.run_data
        if log.region is not None and data is not None and data.is_2d:
            ui.region_image.setImage(log.region, autoLevels=False)
            x0, x1, y0, y1 = self._run_bounds
            ui.region_image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            log.region = None
        if log.predictions is not None:
            ui.digit_grid.set_predictions(log.predictions)
            log.predictions = None
        if log.test_predictions is not None:  # the test set's confusion matrix
            ui.confusion.set_predictions(log.test_predictions)
            log.test_predictions = None
        self.update_status()

    def fix_ranges(self) -> None:
        """Fixed axis ranges for a run: x from the planned length, y from the data."""
        config, data, ui = self.tab.config, self.tab.run_data, self.ui
        if config is None or data is None:
            return
        self.fixed_ranges = True
        total = max(1, config.iterations)
        ui.loss_plot.disableAutoRange(axis="x")
        ui.loss_plot.setXRange(0, total, padding=0.02)
        if self.tab.model["log_loss"]:
            ui.loss_plot.enableAutoRange(axis="y")
        else:
            ui.loss_plot.disableAutoRange(axis="y")
            if self._loss_top > 0:
                ui.loss_plot.setYRange(0.0, self._loss_top, padding=0)
        n_train = max(1, len(data.t_train))
        epochs = total * min(config.batch_size, n_train) / n_train
        ui.accuracy_plot.disableAutoRange(axis="x")
        ui.accuracy_plot.setXRange(0, max(epochs, 1e-3), padding=0.02)

    def free_ranges(self) -> None:
        """Back to auto-ranging axes (after a run, or when it is cleared)."""
        self.fixed_ranges = False
        self.ui.loss_plot.enableAutoRange()
        self.ui.accuracy_plot.enableAutoRange(axis="x")

    def set_log_loss(self, on: bool) -> None:
        self.ui.loss_plot.setLogMode(y=on)
        if self.fixed_ranges:
            self.fix_ranges()

    # -- text ----------------------------------------------------------------------------------
    def update_status(self) -> None:
        tab, ui, log = self.tab, self.ui, self.tab.log
        state = tab.controller.state
        total = tab.config.iterations if tab.config is not None else 0
        if total:
            ui.progress.setValue(int(1000 * min(1.0, log.n / total)))
        parts = []
        ui.progress.setFormat("%p%")
        if tab.config is not None:
            parts.append(
                tr_fmt(
                    QCoreApplication.translate("TrainingTab", "iteration %1 of %2"),
                    f"{log.n:,}",
                    f"{total:,}",
                )
            )
            if log.n:
                parts.append(
                    tr_fmt(
                        QCoreApplication.translate("TrainingTab", "loss %1"),
                        format_number(log.losses[log.n - 1], 4),
                    )
                )
            if log.epochs:
                _, tr_acc, te_acc = log.epochs[-1]
                parts.append(
                    tr_fmt(
                        QCoreApplication.translate("TrainingTab", "train %1 %, test %2 %"),
                        f"{100 * tr_acc:.1f}",
                        f"{100 * te_acc:.1f}",
                    )
                )
            if state == "running":
                rate = self.iterations_per_second()
                if math.isfinite(rate) and rate > 0:
                    parts.append(
                        tr_fmt(QCoreApplication.translate("TrainingTab", "%1 it/s"), f"{rate:,.0f}")
                    )
                    eta = format_duration((total - log.n) / rate)
                    ui.progress.setFormat(
                        tr_fmt(QCoreApplication.translate("TrainingTab", "%p% — ETA %1"), eta)
                    )
            elif state == "stopping":  # a worker inside a long step (issue 14)
                parts.append(QCoreApplication.translate("TrainingTab", "stopping…"))
                ui.progress.setFormat(QCoreApplication.translate("TrainingTab", "%p% — stopping…"))
            elif state == "paused":
                parts.append(QCoreApplication.translate("TrainingTab", "paused"))
                ui.progress.setFormat(QCoreApplication.translate("TrainingTab", "%p% — paused"))
        else:
            parts.append(
                QCoreApplication.translate("TrainingTab", "Ready. Press Run (Ctrl+R) or Step (S).")
            )
        text = " · ".join(parts)
        if tab.finished_message and not tab.controller.is_active():
            text = f"{tab.finished_message} {text}"
        if tab.status_error:
            text = f"⚠ {tab.status_error}\n{text}"
        ui.status_label.setText(text)
        ui.status_label.setToolTip(text)

    def update_buttons(self) -> None:
        tab, ui = self.tab, self.ui
        state = tab.controller.state
        active = tab.controller.is_active()
        ui.run_button.setEnabled(state != "running")
        ui.run_button.setText(
            QCoreApplication.translate("TrainingTab", "Resume")
            if state == "paused"
            else QCoreApplication.translate("TrainingTab", "Run")
        )
        ui.pause_button.setEnabled(active and state != "stopping")
        ui.pause_button.setText(
            QCoreApplication.translate("TrainingTab", "Resume")
            if state == "paused"
            else QCoreApplication.translate("TrainingTab", "Pause")
        )
        ui.stop_button.setEnabled(active and state != "stopping")
        ui.send_button.setEnabled(tab.net is not None and state != "running")
        ui.check_button.setEnabled(state != "running" and not tab.check_controller.is_active())

    def update_eta(self) -> None:
        """Both ways' time per iteration and for the run, next to the gradient choice."""
        tab, ui = self.tab, self.ui
        gradient_combo = tab.binder.widget("gradient")
        numerical = tab.model["gradient"] == "numerical"
        data = tab.current_data()
        ui.eta_warning.setVisible(True)
        ui.eta_warning.setStyleSheet("")
        gradient_combo.setToolTip(
            QCoreApplication.translate("TrainingTab", "Both ways give the same gradient.")
        )
        if data is None:
            ui.eta_warning.setText(
                QCoreApplication.translate(
                    "TrainingTab", "Choose data first to see how long an iteration takes."
                )
            )
            return
        config = tab.make_config()
        estimates = tab.estimates(config, data)
        if estimates is None:  # measured in a worker (gui/tabs/training_estimate.py)
            ui.eta_warning.setText(
                QCoreApplication.translate("TrainingTab", "Measuring how long an iteration takes…")
            )
            return
        backprop, per = estimates
        n = config.iterations

        def duration(seconds: float) -> str:
            if seconds < 1:
                return f"{seconds * 1000:.2g} ms" if seconds < 0.01 else f"{seconds * 1000:.0f} ms"
            return f"{seconds:.1f} s"

        def total(seconds: float) -> str:
            return duration(seconds) if seconds < 10 else format_duration(seconds)

        factor = per / backprop if backprop > 0 else float("inf")
        factor_text = f"{factor:,.0f}" if factor >= 10 else f"{factor:.1f}"
        gradient_combo.setToolTip(
            tr_fmt(
                QCoreApplication.translate(
                    "TrainingTab",
                    "Both ways give the same gradient. The numerical gradient of ch. 4 (central "
                    "differences, computed many parameters at a time) is about %1× slower than "
                    "backprop for this network and batch.",
                ),
                factor_text,
            )
        )
        text = tr_fmt(
            QCoreApplication.translate(
                "TrainingTab",
                "Per iteration: backprop about %1 (%2 for %3 iterations); numerical gradient "
                "(ch. 4) about %4 (%5), %6× slower.",
            ),
            duration(backprop),
            total(backprop * n),
            f"{n:,}",
            duration(per),
            total(per * n),
            factor_text,
        )
        if per > MAX_NUMERICAL_SECONDS:
            text += " " + QCoreApplication.translate(
                "TrainingTab",
                "The numerical gradient is too slow to run here: use backprop or a smaller "
                "network.",
            )
        ui.eta_warning.setText(text)
        if numerical:
            ui.eta_warning.setStyleSheet("color: #b35900;" if per > 0.05 else "")
