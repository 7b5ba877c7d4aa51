"""Training SimpleConvNet (book §7.5–7.6) in the tab's worker: live loss and accuracy, the
30 first-layer filters before and after learning (Fig. 7-24), and the feature maps of a
test image at each layer with the prediction.

What the worker runs is in :mod:`gui.tabs.cnn_run`. While a run goes, the page draws
what changed, throttled: the curves and the status at most :data:`REDRAW_FPS` times a
second, the 30 filter images at most :data:`FILTER_FPS` times, the feature maps at each
epoch (the bench: bench/bench_9_convnet.py, live vs headless).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine.conv_lab import ConvnetRecord
from engine.convnet import SimpleConvNet
from engine.datasets import Dataset, DatasetError
from engine.training import Diverged, IterationRecord, TrainConfig
from gui.plotting import cache_axes, pg
from gui.tabs.cnn_maps import FeatureMapsView
from gui.tabs.cnn_run import Loaded, NoDataError, RunFactory, load_data
from gui.tabs.cnn_views import FilterView
from gui.text import tr_fmt
from gui.worker import RedrawThrottle

if TYPE_CHECKING:
    from gui.tabs.cnn import CnnTab

__all__ = ["TrainPage", "TRAIN_KEYS", "load_data"]

TRAIN_KEYS = (
    "tr_data",
    "tr_epochs",
    "tr_batch",
    "tr_optimizer",
    "tr_lr",
    "tr_seed",
    "tr_map_source",
    "tr_image",
)
#: Redraws of the curves and the status line per second, at most.
REDRAW_FPS = 10
#: Redraws of the 30 filter images per second, at most (they change slowly; each redraw
#: makes 30 images and repaints the grid while the worker wants the GIL).
FILTER_FPS = 2


class TrainPage(QWidget):
    """The training page; the tab owns its worker controller."""

    def __init__(self, tab: CnnTab) -> None:
        super().__init__()
        self.tab = tab
        self.model = tab.model
        self.controller = tab.make_controller(emit_hz=float(REDRAW_FPS))  # one batch a frame
        self.binder = tab.bind(TRAIN_KEYS)
        self.net: SimpleConvNet | None = None
        self.config: TrainConfig | None = None
        self.data: Dataset | None = None
        self._preview: Dataset | None = None
        self._params: dict[str, np.ndarray] | None = None
        self._losses: list[float] = []
        self._epochs: list[tuple[float, float, float]] = []
        self._latest_filters: np.ndarray | None = None
        self._shown_filters: np.ndarray | None = None
        self._filters_at = 0.0  # time.monotonic() of the last filter redraw
        self._shown_epochs = -1  # how many epoch points the accuracy curves show
        self._loss_top = 0.0  # the loss plot's fixed y range while running: [0, top]
        self._loss_checked = 0  # losses up to here are under _loss_top
        self._message = ""
        self._started = 0.0
        self._total = 0
        # widgets
        form = QFormLayout()
        self.binder.add_rows(form)
        # the run bar: laid out by the tab above its pages, so a run can be steered (and
        # watched) from every page
        self.run_bar = QWidget()
        self.run_bar.setObjectName("cnnRunBar")
        self.bar_label = QLabel(self.run_bar)
        self.run_button = QPushButton(self.run_bar)
        self.run_button.setObjectName("runButton")
        self.pause_button = QPushButton(self.run_bar)
        self.pause_button.setObjectName("pauseButton")
        self.step_button = QPushButton(self.run_bar)
        self.step_button.setObjectName("stepButton")
        self.stop_button = QPushButton(self.run_bar)
        self.stop_button.setObjectName("stopButton")
        self.status = QLabel(self.run_bar)
        self.status.setObjectName("cnnStatus")
        # a long status line must never widen the window (readable at 1280×800)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout(self.run_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.bar_label)
        for b in (self.run_button, self.pause_button, self.step_button, self.stop_button):
            bar.addWidget(b)
        bar.addWidget(self.status, 1)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setObjectName("cnnLossPlot")
        self.loss_curve = self.loss_plot.plot(pen=pg.mkPen((31, 119, 180), width=1))
        self.acc_plot = pg.PlotWidget()
        self.acc_plot.setObjectName("cnnAccuracyPlot")
        self.acc_plot.setYRange(0, 1)
        self.acc_plot.addLegend(offset=(-10, -10))
        self.train_curve = self.acc_plot.plot(
            pen=pg.mkPen((255, 127, 14), width=3), symbol="o", symbolSize=7
        )
        # dashed and drawn over the train curve: both stay visible where they coincide
        self.test_curve = self.acc_plot.plot(
            pen=pg.mkPen((44, 160, 44), width=2, style=Qt.PenStyle.DashLine),
            symbol="s",
            symbolSize=5,
        )
        cache_axes(self.loss_plot, self.acc_plot)
        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        self.filter_view = FilterView(self)
        self.maps = FeatureMapsView(self)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(left, 0)
        right = QVBoxLayout()
        right.addLayout(plots, 1)
        right.addWidget(self.filter_view, 1)
        top_layout.addLayout(right, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.maps)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.throttle = RedrawThrottle(self._redraw, REDRAW_FPS, self)
        self.run_button.clicked.connect(self._on_run)
        self.pause_button.clicked.connect(self._on_pause)
        self.step_button.clicked.connect(self._on_step)
        self.stop_button.clicked.connect(self._on_stop)
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state_changed)
        self._fresh_net()
        self._update_buttons()

    # -- texts ---------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        # short: the run bar shares its line with the status (readable at 1280×800)
        self.bar_label.setText("<b>" + self.tr("Train:") + "</b>")
        self.bar_label.setToolTip(self.tr("Train SimpleConvNet"))
        self.run_button.setText(self.tr("Run"))
        self.pause_button.setText(self.tr("Pause"))
        self.step_button.setText(self.tr("Step"))
        self.stop_button.setText(self.tr("Stop"))
        self.loss_plot.setTitle(self.tr("Loss (cross-entropy)"))
        self.acc_plot.setTitle(self.tr("Accuracy per epoch"))
        self.loss_plot.setLabel("bottom", self.tr("iteration"))
        self.acc_plot.setLabel("bottom", self.tr("epoch"))
        legend = self.acc_plot.plotItem.legend
        if legend is not None:
            legend.clear()
            legend.addItem(self.train_curve, self.tr("train (1,000 images)"))
            legend.addItem(self.test_curve, self.tr("test"))
        self.filter_view.before_label.setText("<b>" + self.tr("Filters before learning") + "</b>")
        self.filter_view.now_label.setText(
            "<b>" + self.tr("Filters now (30 × 5×5, Fig. 7-24)") + "</b>"
        )
        self.maps.set_titles(
            (
                self.tr("Test image"),
                self.tr("Conv1: 30 feature maps 24×24"),
                self.tr("ReLU + pooling: 30 maps 12×12"),
                self.tr("Hidden: 100 neurons"),
                self.tr("Output: probabilities"),
            ),
            self.tr("Run or step to see the feature maps."),
        )
        self._show_maps()
        self._update_status()

    def _no_data_text(self, key: str) -> str:
        if key == "mnist":
            return self.tr(
                "Full MNIST is not in your data folder yet: download it on the Training tab."
            )
        return self.tr("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist).")

    # -- the network shown before a run ------------------------------------------------
    def _fresh_net(self) -> None:
        self.net = SimpleConvNet(seed=self.model["tr_seed"], dtype=np.float32)
        self._params = self.net.params
        self.filter_view.set_before(self.net.params["W1"])
        self.filter_view.set_now(self.net.params["W1"])

    def on_model_changed(self, keys: frozenset[str]) -> None:
        if "tr_lr" in keys and self.config is not None and self.controller.state == "paused":
            self.config.lr = self.model["tr_lr"]
        if ("tr_seed" in keys or "*" in keys) and not self.controller.is_active():
            self._fresh_net()
            self._show_maps()
        if keys & {"tr_image", "tr_data", "tr_map_source", "*"}:
            self._show_maps()

    @Slot()
    def on_drawing(self) -> None:
        """The drawing on the By hand page changed (its stroke ended)."""
        if self.model["tr_map_source"] == "drawing":
            self._show_maps()

    # -- controls ------------------------------------------------------------------------
    def _start(self, paused: bool) -> bool:
        if self.controller.is_active():
            return False
        key = self.model["tr_data"]
        try:  # fail early, on the GUI thread, when the files are simply not there
            from engine import mnist

            if key == "mnist" and mnist.find_mnist_files() is None:
                raise NoDataError("mnist")
            if key == "fashion" and mnist.fashion_mnist_files() is None:
                raise NoDataError("fashion")
        except NoDataError as exc:
            self._message = self._no_data_text(str(exc))
            self._update_status()
            return False
        self._fresh_net()
        self._losses, self._epochs = [], []
        self._latest_filters = None
        self._message = ""
        self.config, self.data = None, None
        self._started = time.monotonic()
        self.controller.start(RunFactory(key, self.model.run_config, self.net), paused=paused)
        self.model.set_run_state("paused" if paused else "running")
        self._redraw()
        return True

    @Slot()
    def _on_run(self) -> None:
        if self.controller.state == "paused":
            self.controller.resume()
        elif not self.controller.is_active():
            self._start(paused=False)

    @Slot()
    def _on_pause(self) -> None:
        if self.controller.state == "running":
            self.controller.pause()

    @Slot()
    def _on_step(self) -> None:
        fresh = not self.controller.is_active()
        if fresh and not self._start(paused=True):
            return
        self.controller.step(2 if fresh else 1)  # a new run first yields its data

    @Slot()
    def _on_stop(self) -> None:
        self.controller.stop()

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self.model.set_run_state(state if state in ("running", "paused") else "idle")
        if state == "paused" and self.net is not None:
            self._on_paused_step()
        self._update_buttons()
        self._update_status()

    # -- records -------------------------------------------------------------------------
    @Slot(object)
    def _on_records(self, batch: list) -> None:
        for item in batch:
            if isinstance(item, Loaded):
                self.config, self.data = item.config, item.data
                self._total = item.config.iterations
                self._show_maps()
                continue
            if not isinstance(item, ConvnetRecord):
                continue
            rec = item.record
            if isinstance(rec, Diverged):
                self._message = tr_fmt(
                    self.tr(
                        "The loss became NaN or infinite at iteration %1: lower the learning rate."
                    ),
                    rec.iteration,
                )
                continue
            assert isinstance(rec, IterationRecord)
            self._losses.append(rec.loss)
            if rec.epoch is not None:
                e = rec.epoch
                self._epochs.append((e.epoch, e.train_accuracy, e.test_accuracy))
            if item.filters is not None:
                self._latest_filters = item.filters
            if item.params is not None:
                self._params = item.params
                self._show_maps()
        if self.controller.state == "paused" and self.net is not None and self._losses:
            # stepping: each step shows the filters and maps of exactly that iteration (the
            # worker waits for the next step, the copy is cheap at a human pace)
            self._on_paused_step()
            return
        self.throttle.request()

    def _on_paused_step(self) -> None:
        assert self.net is not None
        self._params = {k: v.copy() for k, v in self.net.params.items()}
        self._latest_filters = self._params["W1"]
        self.throttle.flush()
        self._redraw(final=True)
        self._show_maps()

    def _redraw(self, final: bool = False) -> None:
        """Draw what changed since the last frame: the loss curve (on fixed ranges while
        a run is active), the accuracy curves when an epoch was added, the filters at most
        :data:`FILTER_FPS` times a second (always when ``final``: paused, finished), the
        status line."""
        n = len(self._losses)
        self.loss_curve.setData(np.arange(1, n + 1), np.asarray(self._losses))
        self._fit_loss_range()
        if len(self._epochs) != self._shown_epochs:
            self._shown_epochs = len(self._epochs)
            if self._epochs:
                e = np.asarray(self._epochs)
                self.train_curve.setData(e[:, 0], e[:, 1])
                self.test_curve.setData(e[:, 0], e[:, 2])
            else:
                self.train_curve.setData([], [])
                self.test_curve.setData([], [])
        now = time.monotonic()
        fresh = self._latest_filters is not None and self._latest_filters is not self._shown_filters
        if fresh and (final or now - self._filters_at >= 1.0 / FILTER_FPS):
            self.filter_view.set_now(self._latest_filters)
            self._shown_filters = self._latest_filters
            self._filters_at = now
        elif fresh:
            self.throttle.request()  # drawn on a later frame
        self._update_status()

    def _fit_loss_range(self) -> None:
        """While a run goes (or is paused), x spans the planned iterations and y
        [0, highest loss × 1.1]: the view changes only when a loss goes above the top, so
        the axes are not laid out again every frame. Idle: pyqtgraph's auto range."""
        vb = self.loss_plot.getPlotItem().getViewBox()
        if not self.controller.is_active() or not self._losses or not self._total:
            if self._loss_top or not self._losses:
                vb.enableAutoRange()
            self._loss_top = 0.0
            return
        start = self._loss_checked if self._loss_top else 0
        high = max(self._losses[start:], default=0.0)
        self._loss_checked = len(self._losses)
        if high > self._loss_top and np.isfinite(high):
            self._loss_top = float(high) * 1.1
            vb.disableAutoRange()
            vb.setRange(xRange=(0, self._total), yRange=(0, self._loss_top), padding=0)

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        if self.net is not None:
            self._params = {k: v.copy() for k, v in self.net.params.items()}
            self._latest_filters = self._params["W1"]
        self.throttle.flush()
        self._redraw(final=True)
        self._show_maps()
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if message.startswith("NoDataError"):
            self._message = self._no_data_text(message.split(":")[-1].strip())
        else:
            self._message = tr_fmt(self.tr("Training stopped: %1"), message.splitlines()[-1])
        self._update_status()
        self._update_buttons()

    # -- views ---------------------------------------------------------------------------
    def _map_data(self) -> Dataset | None:
        if self.data is not None:
            return self.data
        if self._preview is None:
            try:
                self._preview = load_data("bundled")
            except (DatasetError, OSError):
                return None
        return self._preview

    def _show_maps(self) -> None:
        data = self._map_data()
        if data is None or self._params is None or self.net is None:
            self.maps.clear()
            return
        from gui.image_panel import translated_class_name

        names = tuple(
            translated_class_name(name)
            for name in (data.class_names or tuple(str(k) for k in range(data.n_classes)))
        )
        probe = SimpleConvNet(dtype=np.float32, params=self._params)
        if self.model["tr_map_source"] == "drawing":
            from engine.images import mnist_preprocess

            drawing = self.tab.hand_page.canvas.drawing()
            image = mnist_preprocess(drawing).reshape(28, 28)
            outputs = probe.layer_outputs(image.reshape(1, 784))
            predicted = int(np.argmax(outputs["Softmax"][0]))
            verdict = tr_fmt(
                self.tr("Your drawing (centred as MNIST digits are): predicted %1"),
                names[predicted],
            )
            self.maps.show_maps(image, outputs, names, verdict)
            return
        index = self.model["tr_image"] % len(data.t_test)
        image = data.x_test[index]
        outputs = probe.layer_outputs(image[None])
        predicted = int(np.argmax(outputs["Softmax"][0]))
        label = int(data.t_test[index])
        verdict = tr_fmt(
            self.tr("Test image %1: label %2, predicted %3 (%4)"),
            index,
            names[label],
            names[predicted],
            self.tr("right") if predicted == label else self.tr("wrong"),
        )
        self.maps.show_maps(image.reshape(28, 28), outputs, names, verdict)

    def _update_buttons(self) -> None:
        state = self.controller.state
        self.run_button.setText(self.tr("Resume") if state == "paused" else self.tr("Run"))
        self.run_button.setEnabled(state != "running")
        self.pause_button.setEnabled(state == "running")
        self.step_button.setEnabled(state != "running")
        self.stop_button.setEnabled(self.controller.is_active())

    def _update_status(self) -> None:
        n = len(self._losses)
        parts = []
        if self._message:
            parts.append(self._message)
        if self.controller.is_active() and self.config is None:
            parts.append(self.tr("Reading the data…"))
        if n:
            elapsed = max(1e-9, time.monotonic() - self._started)
            parts.append(
                tr_fmt(
                    self.tr("Iteration %1 of %2, loss %3, %4 it/s"),
                    n,
                    self._total,
                    f"{self._losses[-1]:.4f}",
                    f"{n / elapsed:.1f}",
                )
            )
        if self._epochs:
            epoch, train_acc, test_acc = self._epochs[-1]
            parts.append(
                tr_fmt(
                    self.tr("Epoch %1: accuracy train %2, test %3"),
                    f"{epoch:.2f}",
                    f"{train_acc:.3f}",
                    f"{test_acc:.3f}",
                )
            )
        text = " · ".join(parts)
        self.status.setText(text)
        self.status.setToolTip(text)  # the whole line, should a narrow window cut it
