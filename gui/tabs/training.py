"""The Training tab: the mini-batch algorithm of book §4.5 run live in a worker thread.

① pick a random mini-batch, ② compute the gradient of its loss (numerically, ch. 4, or
by backpropagation, ch. 5), ③ let an optimizer of ch. 6 step the parameters, ④ repeat.

The settings live in ``TrainingModel`` (gui/models/training.py), declared once; the binder
builds their fields. The engine generator :func:`engine.training.train` runs in the tab's
worker; records come back in batches into a ``RunLog`` and are drawn by one
:class:`gui.worker.RedrawThrottle` frame (``TrainingPainter``). While paused, the learning
rate, batch size and length may be edited: they are written into the run's
``TrainConfig``, which the generator re-reads before every iteration.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from engine import datasets as D
from engine import training as T
from engine.network import Network
from engine.regnet import RegularizedNet
from gui.models.training import (
    DATASET_KEYS,
    DEFAULT_LR,
    MAX_NUMERICAL_SECONDS,
    RunLog,
    TrainingModel,
)
from gui.tabs.base import LabTab
from gui.tabs.training_check import GradientCheck
from gui.tabs.training_data import TrainingData
from gui.tabs.training_draw import TrainingPainter
from gui.tabs.training_estimate import EstimateService
from gui.tabs.training_export import export_script
from gui.tabs.training_mnist import TrainingMnist
from gui.tabs.training_source import NetworkSourceMixin
from gui.tabs.training_ui import TrainingUi
from gui.text import tr_fmt
from gui.widgets import notify

__all__ = ["TrainingTab"]

#: Settings whose change describes other data (the run, if idle, is cleared).
DATA_SETTINGS = frozenset(
    {"dataset", "classes", "samples", "noise", "data_seed", "test_fraction", "mnist_files", "*"}
)
#: Stop and Reset wait this long for the worker; a worker inside a long step (one layer
#: of a big batch) then shows "stopping…" and ends at its next yield point (issue 14).
STOP_WAIT_MS = 200
#: Settings a paused run takes over.
LIVE_SETTINGS = frozenset({"lr", "batch_size", "length", "unit"})


class TrainingTab(NetworkSourceMixin, LabTab):
    """Training: pick data and a network, run mini-batch learning, watch it live."""

    lesson_key = "training"
    object_name = "trainingTab"

    def __init__(self, model: TrainingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, model)
        self.model: TrainingModel = model
        self._network_source: Callable[[], Network] | None = None
        #: The running (or last) run: its config, network and data; its records.
        self.config: T.TrainConfig | None = None
        self.net: Network | None = None
        self.run_data: D.Dataset | None = None
        self.log = RunLog()
        self.finished_message = ""
        self.status_error = ""
        self._after_stop = ""  # "run" or "reset", pressed while a run was stopping

        self.controller = self.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state_changed)
        self.estimator = EstimateService(self)  # the time estimate, measured in a worker
        self.binder = self.bind()
        self.binder.gates["use_network"] = lambda: self._network_source is not None
        self.ui = TrainingUi(self.binder, self.content)
        self.painter = TrainingPainter(self)
        self.data = TrainingData(self)
        self.check = GradientCheck(self)
        self.check_controller = self.check.controller
        self.mnist_extra = TrainingMnist(self)  # real MNIST: sets, download, preset
        self._connect_signals()
        self.estimator.ready.connect(self.painter.update_eta)
        self._build_shortcuts()
        unsubscribe = model.subscribe(self._on_model_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._on_data_settings_changed()
        self.finish_setup()

    # ================================================================ wiring
    def _connect_signals(self) -> None:
        ui = self.ui
        self.binder.edited.connect(self._on_setting_edited)
        ui.open_button.clicked.connect(self.data.ask_mnist_files)
        ui.run_button.clicked.connect(self._on_run)
        ui.pause_button.clicked.connect(self._on_pause_resume)
        ui.step_button.clicked.connect(self._on_step)
        ui.stop_button.clicked.connect(self._on_stop)
        ui.reset_button.clicked.connect(self._on_reset)
        ui.check_button.clicked.connect(self._on_gradient_check)
        ui.send_button.clicked.connect(self._on_send_weights)

    def _build_shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = []
        for keys, slot in (
            (("Ctrl+R", "R"), self._on_run),
            (("Space",), self._on_pause_resume),
            (("S",), self._on_step),
            (("Esc",), self._on_stop),
        ):
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.setContext(ctx)
                sc.activated.connect(slot)
                self.shortcuts.append(sc)

    def retranslate_ui(self) -> None:
        self.binder.retranslate()
        self.ui.retranslate()
        self.mnist_extra.retranslate()
        self._update_network_source_tooltip()
        self.painter.update_buttons()
        self.data.update_info()
        self.painter.update_eta()
        self.painter.update_status()
        self.ui.fit_controls()  # the new texts' widths

    # ================================================================ model reactions
    @Slot(str)
    def _on_setting_edited(self, key: str) -> None:
        """The learner changed a field: the rules of thumb that follow such an edit."""
        if key == "dataset" and self.model["dataset"] == "digits":
            self.model.set("hidden", [50])
        elif key == "optimizer":
            self.model.set("lr", DEFAULT_LR.get(self.model["optimizer"], 0.01))

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if keys == {"run_state"}:
            return
        if keys & DATA_SETTINGS:
            self._on_data_settings_changed()
        if keys & LIVE_SETTINGS:
            self._on_hyperparameter_changed()
        if "log_loss" in keys or "*" in keys:
            self.painter.set_log_loss(self.model["log_loss"])
        if "layer_histograms" in keys or "*" in keys:
            self.ui.histogram_view.setVisible(self.model["layer_histograms"])
        self.painter.update_eta()

    # ================================================================ data
    @property
    def mnist(self) -> D.Dataset | None:
        """The MNIST data loaded from the learner's files (None before)."""
        return self.data.mnist

    def current_data(self) -> D.Dataset | None:
        """The data set the settings describe (built on demand, cached), or None."""
        return self.data.current()

    def load_mnist(self, paths: list[str], select: bool = True) -> bool:
        """Load MNIST from ``paths`` (and choose it if ``select``); False: refused, said why."""
        return self.data.load_mnist(paths, select)

    def _on_data_settings_changed(self) -> None:
        if not self.controller.is_active():
            self._clear_run()
        self.binder.update_enabled()
        self.data.show()

    # ================================================================ config
    def make_config(self) -> T.TrainConfig:
        """A ``TrainConfig`` from the settings (epochs counted on the current data)."""
        data = self.current_data()
        return self.model.run_config(len(data.t_train) if data is not None else None)

    # ================================================================ run control
    def _clear_run(self) -> None:
        self.log = RunLog()
        self.net = None
        self.config = None
        self.run_data = None
        self.finished_message = ""
        self.painter.clear()
        self.ui.histogram_view.clear_view()

    def start(self, paused: bool = False) -> bool:
        """Start a run from fresh weights; False (with the reason shown) if it cannot."""
        if self.controller.is_active():
            return False
        self.check_controller.stop()
        data = self.current_data()
        if data is None:
            self.set_error(self.tr("Open your MNIST files first."))
            return False
        config = self.make_config()
        try:
            net = self.make_network(config, data)
        except ValueError as exc:
            self.set_error(str(exc))
            return False
        if config.gradient == "numerical":
            per = self.numerical_estimate(config, data)
            if per > MAX_NUMERICAL_SECONDS:
                self.set_error(
                    tr_fmt(
                        self.tr(
                            "The numerical gradient would take about %1 s per iteration for this "
                            "network. Use backprop, or fewer or smaller layers."
                        ),
                        f"{per:.0f}",
                    )
                )
                return False
        self._clear_run()
        self.status_error = ""
        self.config, self.net, self.run_data = config, net, data
        self.painter.start_run()
        self.controller.start(_TrainFactory(config, data, net), paused=paused)
        self.painter.update_status()
        return True

    @Slot()
    def _on_run(self) -> None:
        if self.controller.is_stopping():  # run once the stopping thread has ended
            self._after_stop = "run"
        elif self.controller.state == "paused":
            self.controller.resume()
        elif not self.controller.is_active():
            self.start(paused=False)

    @Slot()
    def _on_pause_resume(self) -> None:
        state = self.controller.state
        if state == "running":
            self.controller.pause()
        elif state == "paused":
            self.painter.restart_rate(self.log.n)
            self.controller.resume()

    @Slot()
    def _on_step(self) -> None:
        if not self.controller.is_active() and not self.start(paused=True):
            return
        self.controller.step(1)

    @Slot()
    def _on_stop(self) -> None:
        # a worker inside a long step says "stopping…" until it ends (never dropped)
        if self.controller.is_active():
            self.controller.stop(STOP_WAIT_MS)
        self.check_controller.stop(STOP_WAIT_MS)

    @Slot()
    def _on_reset(self) -> None:
        self.controller.stop(STOP_WAIT_MS)
        if self.controller.is_stopping():  # reset once the stopping thread has ended
            self._after_stop = "reset"
            return
        self._clear_run()
        self.check.clear()
        self.status_error = ""
        self.painter.update_status()

    def _on_hyperparameter_changed(self) -> None:
        """While paused, write lr / batch size / length into the live config."""
        if self.config is not None and self.controller.state == "paused":
            n_train = len(self.run_data.t_train) if self.run_data is not None else None
            self.config.lr = self.model["lr"]
            self.config.batch_size = self.model["batch_size"]
            self.config.iterations = max(self.model.iterations(n_train), self.log.n + 1)
            self.painter.fix_ranges()
            self.painter.update_status()

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        # stopping: the thread still runs, the fields stay as while running
        run_state = "running" if state == "stopping" else state
        self.model.set_run_state(run_state if run_state in ("running", "paused") else "idle")
        self.ui.open_button.setEnabled(not self.controller.is_active())
        self.painter.update_buttons()
        self.painter.update_status()

    @Slot(object)
    def _on_records(self, batch: list) -> None:
        self.log.add(batch)
        self.painter.records_arrived(self.log.n)
        if self.log.histograms is not None:
            self.ui.histogram_view.show_record(self.log.histograms)
            self.log.histograms = None

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        after, self._after_stop = self._after_stop, ""
        if after:
            QTimer.singleShot(0, self._on_reset if after == "reset" else self._on_run)
        self.painter.finish()
        diverged = self.log.diverged
        if diverged is not None:
            self.finished_message = tr_fmt(
                self.tr(
                    "Diverged at iteration %1: the loss became %2. Lower the learning rate and run "
                    "again."
                ),
                diverged.iteration,
                diverged.loss,
            )
            notify(self, self.finished_message)
        elif completed:
            self.finished_message = self.tr("Finished.")
        elif self.log.n:
            self.finished_message = tr_fmt(self.tr("Stopped at iteration %1."), self.log.n)
        self.painter.update_buttons()
        self.painter.update_status()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.set_error(tr_fmt(self.tr("Training failed: %1"), message))

    def set_error(self, message: str) -> None:
        """Show ``message`` above the plots and in the status bar."""
        self.status_error = message
        notify(self, message)
        self.painter.update_status()

    # ================================================================ gradient check, send
    @Slot()
    def _on_gradient_check(self) -> None:
        self.check.start()

    def learned_network(self) -> Network | None:
        """A copy of the network being trained (None before a run; not while running)."""
        if self.net is None or self.controller.state == "running":
            return None
        return self.net.copy()

    @Slot()
    def _on_send_weights(self) -> None:
        net = self.learned_network()
        if net is None:
            return
        data = self.run_data
        if data is not None and data.name in DATASET_KEYS:
            name = self.binder.widget("dataset").itemText(DATASET_KEYS.index(data.name))
        else:
            name = data.name if data is not None else "?"
        description = tr_fmt(self.tr("Learned on %1: %2 iterations"), name, self.log.n)
        if self.log.epochs:
            description += tr_fmt(
                self.tr(", test accuracy %1 %"), f"{100 * self.log.epochs[-1][2]:.1f}"
            )
        if isinstance(net, RegularizedNet):  # the Network tab draws plain layers
            if any(net.batchnorm) or any(net.dropout):
                description += self.tr(
                    " (Batch Normalization and Dropout folded into the weights: the same "
                    "test-time predictions)"
                )
            net = net.to_network()
        self.send_network.emit(net, description)

    # ================================================================ hooks
    def set_state(self, state: dict[str, Any]) -> None:
        prepared = self.model.prepare_state(state)  # refused: nothing stops, nothing changes
        self.controller.stop()
        self.check_controller.stop()
        loaded = list(self.model.mnist_files) if self.data.mnist is not None else []
        self.model.commit_state(prepared)
        files = self.model.mnist_files
        if files and files != loaded:
            self.load_mnist(files, select=False)  # a refusal (files moved) is reported

    def export_code(self) -> str:
        paths = self.mnist_extra.export_paths() or self.model.mnist_files
        return export_script(self.make_config(), self.model.data_key(), paths)

    def plot_widgets(self) -> dict[str, QWidget]:
        ui = self.ui
        plots: dict[str, QWidget] = {
            self.tr("Loss curve"): ui.loss_plot,
            self.tr("Accuracy curves"): ui.accuracy_plot,
        }
        if ui.view_stack.currentWidget() is ui.region_plot:
            plots[self.tr("Decision regions")] = ui.region_plot
        else:
            plots[self.tr("Test images")] = ui.digit_grid
        return plots

    def table_models(self) -> dict[str, Any]:
        return {self.tr("Gradient check"): self.ui.check_model}

    def smoke_test(self) -> None:
        """A short run on a toy set in the worker, then a gradient check."""
        saved = self.state()
        try:
            self.set_state({"dataset": "blobs", "length": 60, "unit": "iterations"})
            if not self.start(paused=False):
                raise RuntimeError(self.status_error or "could not start")
            self._wait(self.controller)
            if self.log.n != 60 or not self.log.epochs:
                raise RuntimeError(f"smoke run made {self.log.n} iterations")
            self._on_gradient_check()
            self._wait(self.check_controller)
            rows = self.ui.check_model.rows()
            if not rows or max(r[2] for r in rows) > 1e-5:
                raise RuntimeError(f"gradient check gave {rows}")
        finally:
            self.controller.stop()
            self.check_controller.stop()
            self.set_state(saved)

    @staticmethod
    def _wait(controller, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while controller.is_active() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
        controller.stop()

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        self.estimator.cancel()
        self.mnist_extra.shutdown()
        stopped = super().shutdown(timeout_ms)
        self.painter.flush()
        return stopped


class _TrainFactory:
    """A callable returning the training generator; called in the worker thread.

    No pacing sleeps: the app runs one BLAS thread and a 1 ms GIL switch interval
    (gui/app.py), which keep the GUI thread's timers on time while training runs at full
    speed (bench_4); a rest of 0.5 ms per 4 ms cost ≥ 11 % of the rate (bench_3).
    """

    def __init__(self, config: T.TrainConfig, data: D.Dataset, net: Network) -> None:
        self.config, self.data, self.net = config, data, net

    def __call__(self) -> Iterator[Any]:
        return T.train(self.config, self.data, self.net, yield_points=True)
