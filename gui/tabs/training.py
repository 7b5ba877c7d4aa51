"""The Training tab: the mini-batch algorithm of book §4.5 run live in a worker thread.

① pick a random mini-batch, ② compute the gradient of its loss (numerically, ch. 4, or
by backpropagation, ch. 5), ③ let an optimizer of ch. 6 step the parameters, ④ repeat.

The engine generator :func:`engine.training.train` runs in the tab's worker; records come
back in batches, are appended to NumPy buffers here and drawn by one
:class:`gui.worker.RedrawThrottle` frame: the loss curve at most 10 times a second, the
accuracy curves, regions, digits and status text at most 5 (axes fixed while running).
While paused, the learning rate, batch size and iteration count may be edited: they are
written into the run's ``TrainConfig``, which the generator re-reads before every iteration.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QWidget,
)

from engine import datasets as D
from engine import training as T
from engine.network import WEIGHT_INITS, Network
from gui.plotting import pg
from gui.tabs.base import LabTab
from gui.tabs.training_export import export_script
from gui.tabs.training_ui import ACTIVATION_KEYS, DATASET_KEYS, build_ui
from gui.tabs.training_views import CLASS_COLORS
from gui.text import tr_fmt
from gui.widgets import NumberField, format_number, notify
from gui.worker import RedrawThrottle

__all__ = ["TrainingTab"]

#: Default learning rate per optimizer (the book's §6.1.7 comparison uses similar ones).
DEFAULT_LR = {"SGD": 0.1, "Momentum": 0.05, "Nesterov": 0.05, "AdaGrad": 0.05}
#: A numerical-gradient iteration estimated slower than this is refused: the worker can
#: only stop between records, and the estimate is good to a factor of ~2, so an
#: iteration (plus its epoch evaluation) stays within ~2 s. The digits net (64-50-10)
#: takes ~10 ms, a 784-50-10 net on a batch of 100 ~0.1 s.
MAX_NUMERICAL_SECONDS = 1.0
#: A gradient check estimated slower than this is refused (stop must stay prompt).
MAX_CHECK_SECONDS = 4.0
PREVIEW_COUNT = 32
#: The loss curve is redrawn at most this often: painting runs in the GUI thread, which
#: shares the GIL with the worker (bench_3 on the real tab: 20 Hz ≈ 0.85 of the headless
#: rate, 10 Hz ≈ 0.89; without any redraw ≈ 0.93).
REDRAW_FPS = 10
#: Accuracy curves (wide pens), decision regions, test-image predictions, progress bar and
#: status text: at most this often.
SLOW_REDRAW_FPS = 5


def _format_duration(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "—"
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class TrainingTab(LabTab):
    """Training: pick data and a network, run mini-batch learning, watch it live."""

    lesson_key = "training"
    object_name = "trainingTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network_source: Callable[[], Network] | None = None
        self._mnist: D.Dataset | None = None
        self._mnist_name = ""
        self._mnist_paths: list[str] = []
        self._data_cache: tuple[tuple, D.Dataset] | None = None
        self._config: T.TrainConfig | None = None
        self._net: Network | None = None
        self._run_data: D.Dataset | None = None
        self._finished_message = ""
        self._status_error = ""
        self._eta_text = ""
        self._clear_buffers()

        self.controller = self.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state_changed)
        self.check_controller = self.make_controller()
        self.check_controller.records.connect(self._on_check_records)
        self.check_controller.failed.connect(self._on_check_failed)
        self.check_controller.finished.connect(self._on_check_finished)
        build_ui(self)
        self.throttle = RedrawThrottle(self._redraw, fps=REDRAW_FPS, parent=self)
        self._connect_signals()
        self._build_shortcuts()
        self._on_dataset_changed()
        self._update_buttons()
        self.finish_setup()

    # ================================================================ wiring
    def _connect_signals(self) -> None:
        self.dataset_combo.currentIndexChanged.connect(self._on_dataset_changed)
        for f in (
            self.classes_field,
            self.samples_field,
            self.noise_field,
            self.data_seed_field,
            self.test_fraction_field,
        ):
            f.value_changed.connect(self._on_data_settings_changed)
        self.open_button.clicked.connect(self._on_open_mnist)
        self.hidden_edit.editingFinished.connect(self._on_hidden_edited)
        self.init_combo.currentIndexChanged.connect(self._update_enabled)
        self.use_network_check.toggled.connect(self._update_enabled)
        self.gradient_combo.currentIndexChanged.connect(self._update_eta_warning)
        self.optimizer_combo.currentIndexChanged.connect(self._on_optimizer_changed)
        for f in (self.lr_field, self.batch_field, self.iterations_field):
            f.value_changed.connect(self._on_hyperparameter_changed)
        self.unit_combo.currentIndexChanged.connect(self._on_hyperparameter_changed)
        for w in (self.seed_field,):
            w.value_changed.connect(self._update_eta_warning)
        self.run_button.clicked.connect(self._on_run)
        self.pause_button.clicked.connect(self._on_pause_resume)
        self.step_button.clicked.connect(self._on_step)
        self.stop_button.clicked.connect(self._on_stop)
        self.reset_button.clicked.connect(self._on_reset)
        self.check_button.clicked.connect(self._on_gradient_check)
        self.send_button.clicked.connect(self._on_send_weights)
        self.log_check.toggled.connect(self._on_log_toggled)

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

    # ================================================================ text
    def title(self) -> str:
        return self.tr("Training")

    def retranslate_ui(self) -> None:
        self.data_box.setTitle(self.tr("Data"))
        self.net_box.setTitle(self.tr("Network"))
        self.learn_box.setTitle(self.tr("Learning"))
        names = {
            "xor": self.tr("XOR (2-D)"),
            "circles": self.tr("Circles (2-D)"),
            "moons": self.tr("Moons (2-D)"),
            "spirals": self.tr("Spirals (2-D)"),
            "blobs": self.tr("Gaussian blobs (2-D)"),
            "digits": self.tr("8×8 handwritten digits (bundled)"),
            "mnist": self.tr("MNIST from your files…"),
        }
        for i, key in enumerate(DATASET_KEYS):
            self.dataset_combo.setItemText(i, names[key])
        self.dataset_combo.setToolTip(
            self.tr(
                "What to learn from. 2-D toys show a decision-region map; images show test digits."
            )
        )
        self.dataset_label.setText(self.tr("Data set"))
        self.classes_label.setText(self.tr("Classes"))
        self.samples_label.setText(self.tr("Samples"))
        self.noise_label.setText(self.tr("Noise"))
        self.data_seed_label.setText(self.tr("Data seed"))
        self.test_fraction_label.setText(self.tr("Test fraction"))
        self.classes_field.setProperty(
            "help", self.tr("Number of classes for spirals and blobs (2–5)")
        )
        self.samples_field.setProperty("help", self.tr("Number of points generated (train + test)"))
        self.noise_field.setProperty(
            "help", self.tr("Standard deviation of the random jitter added to each point")
        )
        self.data_seed_field.setProperty(
            "help", self.tr("The same seed makes the same points and the same train/test split")
        )
        self.test_fraction_field.setProperty(
            "help", self.tr("Share of the samples kept aside to measure test accuracy")
        )
        self.open_button.setText(self.tr("Open MNIST files…"))
        self.open_button.setToolTip(
            self.tr(
                "Choose the four IDX files (gzipped or not), one .npz, or the book's mnist.pkl. "
                "Nothing is downloaded."
            )
        )
        self.hidden_label.setText(self.tr("Hidden layers"))
        self.hidden_edit.setToolTip(
            self.tr("Neurons per hidden layer, separated by commas, e.g. “50” or “50, 20”")
        )
        act_names = {
            "relu": self.tr("ReLU"),
            "sigmoid": self.tr("Sigmoid"),
            "tanh": self.tr("tanh"),
        }
        for i, key in enumerate(ACTIVATION_KEYS):
            self.activation_combo.setItemText(i, act_names[key])
        self.activation_label.setText(self.tr("Activation"))
        self.activation_combo.setToolTip(self.tr("Activation function of the hidden layers"))
        init_names = {
            "std": self.tr("Gaussian × std"),
            "xavier": self.tr("Xavier (1/√n)"),
            "he": self.tr("He (√(2/n))"),
        }
        for i, key in enumerate(WEIGHT_INITS):
            self.init_combo.setItemText(i, init_names[key])
        self.init_label.setText(self.tr("Initial weights"))
        self.init_combo.setToolTip(
            self.tr("Xavier suits sigmoid and tanh, He suits ReLU (book §6.2); biases start at 0")
        )
        self.init_std_label.setText(self.tr("std"))
        self.init_std_field.setProperty("help", self.tr("Standard deviation for “Gaussian × std”"))
        self.use_network_check.setText(self.tr("Use the Network tab's network"))
        self._update_network_source_tooltip()
        self.gradient_label.setText(self.tr("Gradient"))
        self.gradient_combo.setItemText(0, self.tr("Backpropagation (ch. 5)"))
        self.gradient_combo.setItemText(1, self.tr("Numerical gradient (ch. 4)"))
        self.optimizer_label.setText(self.tr("Optimizer"))
        self.optimizer_combo.setToolTip(
            self.tr("How the gradient moves the parameters (book §6.1)")
        )
        self.lr_label.setText(self.tr("Learning rate"))
        self.lr_field.setProperty("help", self.tr("Step size η; editable while paused"))
        self.batch_label.setText(self.tr("Batch size"))
        self.batch_field.setProperty(
            "help", self.tr("Samples per mini-batch, drawn at random; editable while paused")
        )
        self.iterations_label.setText(self.tr("Length"))
        self.iterations_field.setProperty(
            "help", self.tr("How long to train (iterations or epochs); editable while paused")
        )
        self.unit_combo.setItemText(0, self.tr("iterations"))
        self.unit_combo.setItemText(1, self.tr("epochs"))
        self.seed_label.setText(self.tr("Seed"))
        self.seed_field.setProperty(
            "help", self.tr("Seed for the initial weights and the mini-batch choice")
        )
        for f in (
            self.classes_field,
            self.samples_field,
            self.noise_field,
            self.data_seed_field,
            self.test_fraction_field,
            self.init_std_field,
            self.lr_field,
            self.batch_field,
            self.iterations_field,
            self.seed_field,
        ):
            f.setToolTip(f.property("help") or "")
        self.run_button.setText(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Start training from fresh weights (Ctrl+R or R)"))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Train on one mini-batch, then pause (S)"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("End the run; the learned weights stay (Esc)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Stop and clear the plots and the learned weights"))
        self.check_button.setText(self.tr("Gradient check"))
        self.check_button.setToolTip(
            self.tr(
                "Compare the numerical gradient with backprop on 3 training samples for the "
                "current weights (book §5.7.3)"
            )
        )
        self.send_button.setText(self.tr("Send weights to the Network tab"))
        self.send_button.setToolTip(self.tr("Show the learned network on the Network tab"))
        self.log_check.setText(self.tr("Logarithmic loss axis"))
        self.loss_plot.setTitle(self.tr("Loss per iteration"))
        self.loss_plot.setLabel("bottom", self.tr("iteration"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.accuracy_plot.setTitle(self.tr("Accuracy per epoch"))
        self.accuracy_plot.setLabel("bottom", self.tr("epoch"))
        self.accuracy_plot.setLabel("left", self.tr("accuracy"))
        self.accuracy_legend.clear()
        self.accuracy_legend.addItem(self.train_curve, self.tr("train"))
        self.accuracy_legend.addItem(self.test_curve, self.tr("test"))
        self.region_plot.setTitle(self.tr("Decision regions: ● train, ▲ test"))
        self.digit_grid.placeholder = self.tr("Test images appear here")
        self.digit_grid.setToolTip(
            self.tr("The first test images with the predicted digit; wrong ones are framed in red")
        )
        self.check_title.setText(self.tr("Gradient check: |numerical − backprop|"))
        self.check_model.set_headers(
            [self.tr("parameter"), self.tr("shape"), self.tr("mean"), self.tr("max")]
        )
        self._update_buttons()
        self._update_data_info()
        self._update_eta_warning()
        self._update_status()

    # ================================================================ network source
    def connect_sources(self, source) -> None:
        # the Training tab may train the network drawn on the tab providing "network"
        self.set_network_source(source("network"))

    def set_network_source(self, source: Callable[[], Network] | None) -> None:
        """Where "use the Network tab's network" takes its network from (main window)."""
        self._network_source = source
        self._update_network_source_tooltip()
        self._update_enabled()

    def _update_network_source_tooltip(self) -> None:
        if self._network_source is None:
            self.use_network_check.setChecked(False)
            self.use_network_check.setToolTip(self.tr("Not available: no Network tab is connected"))
        else:
            self.use_network_check.setToolTip(
                self.tr(
                    "Train the network drawn on the Network tab (its sizes, activations and "
                    "weights); its inputs must match the data's features"
                )
            )

    # ================================================================ data
    def _dataset_key(self) -> str:
        return str(self.dataset_combo.currentData())

    def _data_key(self) -> tuple:
        key = self._dataset_key()
        if key in D.TOY_KINDS:
            return (
                key,
                int(self.samples_field.value()),
                float(self.noise_field.value()),
                int(self.data_seed_field.value()),
                int(self.classes_field.value()),
                float(self.test_fraction_field.value()),
            )
        if key == "digits":
            return (key, int(self.data_seed_field.value()), float(self.test_fraction_field.value()))
        return (key, id(self._mnist))

    def current_data(self) -> D.Dataset | None:
        """The data set the settings describe (built on demand, cached), or None."""
        key = self._data_key()
        if self._data_cache is not None and self._data_cache[0] == key:
            return self._data_cache[1]
        kind = key[0]
        if kind in D.TOY_KINDS:
            data = D.toy_dataset(kind, key[1], key[2], key[3], key[4], key[5])
        elif kind == "digits":
            data = D.load_digits(key[2], key[1])
        else:
            data = self._mnist
        if data is None:
            return None
        self._data_cache = (key, data)
        return data

    @Slot()
    def _on_dataset_changed(self) -> None:
        if self._dataset_key() == "digits":
            self.hidden_edit.setText("50")
            self._hidden = [50]
        self._on_data_settings_changed()
        if self._dataset_key() == "mnist" and self._mnist is None:
            self.data_info.setText(self.tr("Open your MNIST files to use this data set."))

    @Slot()
    def _on_data_settings_changed(self, *_: Any) -> None:
        if not self.controller.is_active():
            self._clear_run()
        self._update_enabled()
        self._show_data()
        self._update_data_info()
        self._update_eta_warning()

    def _show_data(self) -> None:
        data = self.current_data()
        if data is None:
            self.train_scatter.clear()
            self.test_scatter.clear()
            self.region_image.clear()
            self.digit_grid.set_images(np.zeros((0, 1)), np.zeros(0), (1, 1))
            return
        if data.is_2d:
            self.view_stack.setCurrentWidget(self.region_plot)
            brushes = [pg.mkBrush(*CLASS_COLORS[c % 10]) for c in range(10)]
            self.train_scatter.setData(
                pos=data.x_train, brush=[brushes[c % 10] for c in data.t_train]
            )
            self.test_scatter.setData(pos=data.x_test, brush=[brushes[c % 10] for c in data.t_test])
            self._bounds = T.region_bounds(data)
            x0, x1, y0, y1 = self._bounds
            self.region_plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        else:
            self.view_stack.setCurrentWidget(self.digit_grid)
            shape = data.image_shape or (1, data.n_features)
            self.digit_grid.set_images(
                data.x_test[:PREVIEW_COUNT], data.t_test[:PREVIEW_COUNT], shape
            )

    def _update_data_info(self) -> None:
        key = self._dataset_key()
        if key == "mnist" and self._mnist is None:
            self.data_info.setText(self.tr("Open your MNIST files to use this data set."))
            return
        data = self.current_data() if key != "mnist" else self._mnist
        if data is None:
            self.data_info.clear()
            return
        text = tr_fmt(
            self.tr("%1 training and %2 test samples, %3 features, %4 classes"),
            f"{len(data.t_train):,}",
            f"{len(data.t_test):,}",
            str(data.n_features),
            str(data.n_classes),
        )
        if key == "mnist":
            text = f"{self._mnist_name}: {text}"
        self.data_info.setText(text)

    @Slot()
    def _on_open_mnist(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open MNIST: four IDX files, one .npz or mnist.pkl"),
            "",
            self.tr("MNIST files (*ubyte* *.gz *.idx *.npz *.pkl);;All files (*)"),
        )
        if paths:
            self.load_mnist(paths)

    def load_mnist(self, paths: list[str]) -> bool:
        """Load MNIST from ``paths``; on a bad file say why and keep the current data."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = D.load_mnist(paths)
        except D.DatasetError as exc:
            message = tr_fmt(self.tr("The file was refused: %1"), str(exc))
            self._set_error(message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._mnist = data
        self._mnist_paths = [str(p) for p in paths]
        self._mnist_name = ", ".join(sorted({p.split("/")[-1] for p in map(str, paths)}))
        if len(self._mnist_name) > 60:
            self._mnist_name = self._mnist_name[:57] + "…"
        self._status_error = ""
        if self._dataset_key() != "mnist":
            self.dataset_combo.setCurrentIndex(DATASET_KEYS.index("mnist"))
        else:
            self._on_data_settings_changed()
        self._update_status()
        return True

    # ================================================================ network settings
    def _parse_hidden(self, text: str) -> list[int]:
        parts = [p.strip() for p in text.replace("、", ",").replace(" ", ",").split(",")]
        parts = [p for p in parts if p]
        if len(parts) > 5:
            raise ValueError(self.tr("At most 5 hidden layers."))
        sizes = []
        for p in parts:
            if not p.isdigit() or not 1 <= int(p) <= 1000:
                raise ValueError(
                    tr_fmt(self.tr("“%1” is not a layer size from 1 to 1000."), p[:20])
                )
            sizes.append(int(p))
        return sizes

    @Slot()
    def _on_hidden_edited(self) -> None:
        try:
            sizes = self._parse_hidden(self.hidden_edit.text())
        except ValueError as exc:
            self.hidden_edit.setText(", ".join(map(str, self._hidden)))
            self.hidden_edit.setToolTip(str(exc))
            notify(self, str(exc))
            self._status_error = str(exc)
            self._update_status()
            return
        self.hidden_edit.setText(", ".join(map(str, sizes)))
        if sizes != self._hidden:
            self._hidden = sizes
            self._update_eta_warning()

    @Slot()
    def _on_optimizer_changed(self) -> None:
        name = str(self.optimizer_combo.currentData())
        self.lr_field.setValue(DEFAULT_LR.get(name, 0.01), emit=True)

    # ================================================================ config
    def _n_iterations(self, data: D.Dataset | None, batch: int) -> int:
        value = int(self.iterations_field.value())
        if self.unit_combo.currentData() == "epochs" and data is not None:
            n = len(data.t_train)
            return max(1, math.ceil(value * n / max(1, min(batch, n))))
        return value

    def make_config(self) -> T.TrainConfig:
        """A ``TrainConfig`` from the widgets."""
        data = self.current_data()
        batch = int(self.batch_field.value())
        return T.TrainConfig(
            hidden=list(self._hidden),
            activation=str(self.activation_combo.currentData()),
            init=str(self.init_combo.currentData()),
            init_std=float(self.init_std_field.value()),
            gradient=str(self.gradient_combo.currentData()),
            optimizer=str(self.optimizer_combo.currentData()),
            lr=float(self.lr_field.value()),
            batch_size=batch,
            iterations=self._n_iterations(data, batch),
            seed=int(self.seed_field.value()),
            preview_count=PREVIEW_COUNT,
        )

    def _make_network(self, config: T.TrainConfig, data: D.Dataset) -> Network:
        if self.use_network_check.isChecked() and self._network_source is not None:
            net = self._network_source().copy()
            if net.sizes[0] != data.n_features or net.sizes[-1] < data.n_classes:
                raise ValueError(
                    tr_fmt(
                        self.tr(
                            "The Network tab's network takes %1 inputs and has %2 outputs; "
                            "this data set needs %3 inputs and at least %4 outputs."
                        ),
                        str(net.sizes[0]),
                        str(net.sizes[-1]),
                        str(data.n_features),
                        str(data.n_classes),
                    )
                )
            if net.activations[-1] not in ("softmax", "identity") or any(
                a == "step" for a in net.activations[:-1]
            ):
                raise ValueError(
                    self.tr(
                        "The Network tab's network cannot learn: it needs a softmax or identity "
                        "output and no step activation (its gradient is zero)."
                    )
                )
            return net
        return T.build_network(config, data.n_features, data.n_classes)

    def _estimates(self, config: T.TrainConfig, data: D.Dataset) -> tuple[float, float] | None:
        """Seconds per iteration (backprop, numerical), or None if the net can't be built."""
        try:
            net = self._make_network(config, data)
        except ValueError:
            return None
        batch = data.x_train[: max(1, min(config.batch_size, len(data.t_train)))]
        return (
            T.seconds_per_iteration(net, batch, "backprop"),
            T.seconds_per_iteration(net, batch, "numerical"),
        )

    def _numerical_estimate(self, config: T.TrainConfig, data: D.Dataset) -> float | None:
        """Seconds per iteration of the numerical gradient, or None if it can't be built."""
        estimates = self._estimates(config, data)
        return None if estimates is None else estimates[1]

    @Slot()
    def _update_eta_warning(self, *_: Any) -> None:
        """Both ways' time per iteration and for the run, next to the gradient choice."""
        if not hasattr(self, "eta_warning"):
            return
        numerical = self.gradient_combo.currentData() == "numerical"
        data = self.current_data()
        self.eta_warning.setVisible(True)
        self.eta_warning.setStyleSheet("")
        self.gradient_combo.setToolTip(self.tr("Both ways give the same gradient."))
        if data is None:
            self.eta_warning.setText(
                self.tr("Choose data first to see how long an iteration takes.")
            )
            return
        config = self.make_config()
        estimates = self._estimates(config, data)
        if estimates is None:
            self.eta_warning.clear()
            return
        backprop, per = estimates
        n = config.iterations

        def duration(seconds: float) -> str:
            if seconds < 1:
                return f"{seconds * 1000:.2g} ms" if seconds < 0.01 else f"{seconds * 1000:.0f} ms"
            return f"{seconds:.1f} s"

        def total(seconds: float) -> str:
            return duration(seconds) if seconds < 10 else _format_duration(seconds)

        factor = per / backprop if backprop > 0 else float("inf")
        factor_text = f"{factor:,.0f}" if factor >= 10 else f"{factor:.1f}"
        self.gradient_combo.setToolTip(
            tr_fmt(
                self.tr(
                    "Both ways give the same gradient. The numerical gradient of ch. 4 (central "
                    "differences, computed many parameters at a time) is about %1× slower than "
                    "backprop for this network and batch."
                ),
                factor_text,
            )
        )
        text = tr_fmt(
            self.tr(
                "Per iteration: backprop about %1 (%2 for %3 iterations); numerical gradient "
                "(ch. 4) about %4 (%5), %6× slower."
            ),
            duration(backprop),
            total(backprop * n),
            f"{n:,}",
            duration(per),
            total(per * n),
            factor_text,
        )
        if per > MAX_NUMERICAL_SECONDS:
            text += " " + self.tr(
                "The numerical gradient is too slow to run here: use backprop or a smaller network."
            )
        self.eta_warning.setText(text)
        if numerical:
            self.eta_warning.setStyleSheet("color: #b35900;" if per > 0.05 else "")

    # ================================================================ run control
    def _clear_buffers(self) -> None:
        self._losses = np.zeros(1024)
        self._x = np.arange(1, 1025, dtype=np.float64)
        self._n = 0
        self._drawn_n = 0
        self._drawn_epochs = 0
        self._loss_top = 0.0
        self._slow_drawn = 0.0
        self._slow_pending = False
        self._fixed_ranges = False
        self._epochs: list[tuple[float, float, float]] = []
        self._epoch_arr = np.zeros((256, 3))  # the same, as an array for the curves
        self._region: np.ndarray | None = None
        self._predictions: np.ndarray | None = None
        self._rate_samples: deque[tuple[float, int]] = deque(maxlen=64)
        self._diverged: T.Diverged | None = None

    def _clear_run(self) -> None:
        self._clear_buffers()
        self._net = None
        self._config = None
        self._run_data = None
        self._finished_message = ""
        self.region_image.clear()
        self.digit_grid.set_predictions(None)
        self.loss_curve.setData([], [])
        self.train_curve.setData([], [])
        self.test_curve.setData([], [])
        self._free_ranges()
        self.progress.setValue(0)
        self._update_status()
        self._update_buttons()

    def _start(self, paused: bool) -> bool:
        if self.controller.is_active():
            return False
        self.check_controller.stop()
        data = self.current_data()
        if data is None:
            self._set_error(self.tr("Open your MNIST files first."))
            return False
        config = self.make_config()
        try:
            net = self._make_network(config, data)
        except ValueError as exc:
            self._set_error(str(exc))
            return False
        if config.gradient == "numerical":
            per = self._numerical_estimate(config, data) or 0.0
            if per > MAX_NUMERICAL_SECONDS:
                self._set_error(
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
        self._status_error = ""
        self._config, self._net, self._run_data = config, net, data
        self._run_bounds = T.region_bounds(data) if data.is_2d else (0.0, 1.0, 0.0, 1.0)
        self._run_started = time.monotonic()
        self._rate_samples.append((time.monotonic(), 0))
        self._fix_ranges()
        self.controller.start(_TrainFactory(config, data, net), paused=paused)
        self._update_status()
        return True

    @Slot()
    def _on_run(self) -> None:
        if self.controller.state == "paused":
            self.controller.resume()
        elif not self.controller.is_active():
            self._start(paused=False)

    @Slot()
    def _on_pause_resume(self) -> None:
        state = self.controller.state
        if state == "running":
            self.controller.pause()
        elif state == "paused":
            self._rate_samples.clear()
            self._rate_samples.append((time.monotonic(), self._n))
            self.controller.resume()

    @Slot()
    def _on_step(self) -> None:
        if not self.controller.is_active() and not self._start(paused=True):
            return
        self.controller.step(1)

    @Slot()
    def _on_stop(self) -> None:
        if self.controller.is_active():
            self.controller.stop()
        self.check_controller.stop()

    @Slot()
    def _on_reset(self) -> None:
        self.controller.stop()
        self.check_controller.stop()
        self._clear_run()
        self.check_model.set_rows([])
        self._status_error = ""
        self._update_status()

    @Slot()
    def _on_hyperparameter_changed(self, *_: Any) -> None:
        """While paused, write lr / batch size / length into the live config."""
        if self._config is not None and self.controller.state == "paused":
            self._config.lr = float(self.lr_field.value())
            self._config.batch_size = int(self.batch_field.value())
            self._config.iterations = max(
                self._n_iterations(self._run_data, self._config.batch_size), self._n + 1
            )
            self._fix_ranges()
            self._update_status()
        self._update_eta_warning()

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self._update_buttons()
        self._update_enabled()
        self._update_status()

    @Slot(object)
    def _on_records(self, batch: list) -> None:
        for record in batch:
            if isinstance(record, T.IterationRecord):
                if self._n >= len(self._losses):
                    self._losses = np.concatenate([self._losses, np.zeros(len(self._losses))])
                if self._n >= len(self._x):
                    self._x = np.arange(1, 2 * len(self._x) + 1, dtype=np.float64)
                self._losses[self._n] = record.loss
                self._n += 1
                if record.epoch is not None:
                    e = record.epoch
                    row = (e.epoch, e.train_accuracy, e.test_accuracy)
                    if len(self._epochs) >= len(self._epoch_arr):
                        self._epoch_arr = np.concatenate([self._epoch_arr, self._epoch_arr])
                    self._epoch_arr[len(self._epochs)] = row
                    self._epochs.append(row)
                    if e.region is not None:
                        self._region = e.region
                    if e.predictions is not None:
                        self._predictions = e.predictions
            elif isinstance(record, T.Diverged):
                self._diverged = record
        self._rate_samples.append((time.monotonic(), self._n))
        self.throttle.request()

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        self.throttle.flush()
        self._redraw()
        self._free_ranges()
        if self._diverged is not None:
            self._finished_message = tr_fmt(
                self.tr(
                    "Diverged at iteration %1: the loss became %2. Lower the learning rate and run "
                    "again."
                ),
                self._diverged.iteration,
                self._diverged.loss,
            )
            notify(self, self._finished_message)
        elif completed:
            self._finished_message = self.tr("Finished.")
        elif self._n:
            self._finished_message = tr_fmt(self.tr("Stopped at iteration %1."), str(self._n))
        self._update_buttons()
        self._update_enabled()
        self._update_status()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._set_error(tr_fmt(self.tr("Training failed: %1"), message))

    def _set_error(self, message: str) -> None:
        self._status_error = message
        notify(self, message)
        self._update_status()

    # ================================================================ drawing
    def _redraw(self) -> None:
        """One frame: the loss curve every time, the rest at most ``SLOW_REDRAW_FPS``.

        While a run is active the curves' axes have fixed ranges (set from the planned
        run length in ``_fix_ranges``), so a frame recomputes no bounds and no ticks.
        """
        n = self._n
        if n and n != self._drawn_n:
            self.loss_curve.setData(self._x[:n], self._losses[:n], skipFiniteCheck=True)
            if self._fixed_ranges and not self.log_check.isChecked():
                top = float(self._losses[self._drawn_n : n].max())
                if top > self._loss_top:
                    self._loss_top = 1.1 * top
                    self.loss_plot.setYRange(0.0, self._loss_top, padding=0)
            self._drawn_n = n
        now = time.monotonic()
        if self.controller.state == "running" and now - self._slow_drawn < 1.0 / SLOW_REDRAW_FPS:
            if not self._slow_pending:
                self._slow_pending = True
                QTimer.singleShot(int(1000 / SLOW_REDRAW_FPS), self._redraw)
            return
        self._slow_pending = False
        self._slow_drawn = now
        if len(self._epochs) != self._drawn_epochs:
            e = self._epoch_arr[: len(self._epochs)]
            self.train_curve.setData(e[:, 0], e[:, 1], skipFiniteCheck=True)
            self.test_curve.setData(e[:, 0], e[:, 2], skipFiniteCheck=True)
            self._drawn_epochs = len(self._epochs)
        if self._region is not None and self._run_data is not None and self._run_data.is_2d:
            self.region_image.setImage(self._region, autoLevels=False)
            x0, x1, y0, y1 = self._run_bounds
            self.region_image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            self._region = None
        if self._predictions is not None:
            self.digit_grid.set_predictions(self._predictions)
            self._predictions = None
        self._update_status()

    def _fix_ranges(self) -> None:
        """Fixed axis ranges for a run: x from the planned length, y from the data."""
        if self._config is None or self._run_data is None:
            return
        self._fixed_ranges = True
        total = max(1, self._config.iterations)
        self.loss_plot.disableAutoRange(axis="x")
        self.loss_plot.setXRange(0, total, padding=0.02)
        if self.log_check.isChecked():
            self.loss_plot.enableAutoRange(axis="y")
        else:
            self.loss_plot.disableAutoRange(axis="y")
            if self._loss_top > 0:
                self.loss_plot.setYRange(0.0, self._loss_top, padding=0)
        n_train = max(1, len(self._run_data.t_train))
        epochs = total * min(self._config.batch_size, n_train) / n_train
        self.accuracy_plot.disableAutoRange(axis="x")
        self.accuracy_plot.setXRange(0, max(epochs, 1e-3), padding=0.02)

    def _free_ranges(self) -> None:
        """Back to auto-ranging axes (after a run, or when it is cleared)."""
        self._fixed_ranges = False
        self.loss_plot.enableAutoRange()
        self.accuracy_plot.enableAutoRange(axis="x")

    def iterations_per_second(self) -> float:
        if len(self._rate_samples) < 2:
            return float("nan")
        (t0, n0), (t1, n1) = self._rate_samples[0], self._rate_samples[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else float("nan")

    def _update_status(self) -> None:
        if not hasattr(self, "status_label"):
            return
        total = self._config.iterations if self._config is not None else 0
        if total:
            self.progress.setValue(int(1000 * min(1.0, self._n / total)))
        parts = []
        if self._config is not None:
            parts.append(tr_fmt(self.tr("iteration %1 of %2"), f"{self._n:,}", f"{total:,}"))
            if self._n:
                parts.append(
                    tr_fmt(self.tr("loss %1"), format_number(self._losses[self._n - 1], 4))
                )
            if self._epochs:
                _, tr_acc, te_acc = self._epochs[-1]
                parts.append(
                    tr_fmt(
                        self.tr("train %1 %, test %2 %"),
                        f"{100 * tr_acc:.1f}",
                        f"{100 * te_acc:.1f}",
                    )
                )
            if self.controller.state == "running":
                rate = self.iterations_per_second()
                if math.isfinite(rate) and rate > 0:
                    parts.append(tr_fmt(self.tr("%1 it/s"), f"{rate:,.0f}"))
                    eta = _format_duration((total - self._n) / rate)
                    self.progress.setFormat(tr_fmt(self.tr("%p% — ETA %1"), eta))
                else:
                    self.progress.setFormat("%p%")
            elif self.controller.state == "paused":
                parts.append(self.tr("paused"))
                self.progress.setFormat(self.tr("%p% — paused"))
            else:
                self.progress.setFormat("%p%")
        else:
            self.progress.setFormat("%p%")
            parts.append(self.tr("Ready. Press Run (Ctrl+R) or Step (S)."))
        text = " · ".join(parts)
        if self._finished_message and not self.controller.is_active():
            text = f"{self._finished_message} {text}"
        if self._status_error:
            text = f"⚠ {self._status_error}\n{text}"
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    def _update_buttons(self) -> None:
        if not hasattr(self, "run_button"):
            return
        state = self.controller.state
        active = self.controller.is_active()
        self.run_button.setEnabled(state != "running")
        self.run_button.setText(self.tr("Resume") if state == "paused" else self.tr("Run"))
        self.pause_button.setEnabled(active)
        self.pause_button.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause or resume the run (Space)"))
        self.stop_button.setEnabled(active)
        self.send_button.setEnabled(self._net is not None and state != "running")
        self.check_button.setEnabled(state != "running" and not self.check_controller.is_active())

    @Slot()
    def _update_enabled(self, *_: Any) -> None:
        if not hasattr(self, "controller"):
            return
        active = self.controller.is_active()
        paused = self.controller.state == "paused"
        key = self._dataset_key()
        toy = key in D.TOY_KINDS
        self.data_box.setEnabled(not active)
        self.classes_field.setEnabled(key in ("spirals", "blobs"))
        for w in (self.samples_field, self.noise_field):
            w.setEnabled(toy)
        self.data_seed_field.setEnabled(key != "mnist")
        self.test_fraction_field.setEnabled(key != "mnist")
        self.open_button.setEnabled(not active)
        use_source = self.use_network_check.isChecked() and self._network_source is not None
        self.use_network_check.setEnabled(self._network_source is not None and not active)
        for w in (self.hidden_edit, self.activation_combo, self.init_combo):
            w.setEnabled(not active and not use_source)
        self.init_std_field.setEnabled(
            not active and not use_source and self.init_combo.currentData() == "std"
        )
        for w in (self.gradient_combo, self.optimizer_combo, self.seed_field, self.unit_combo):
            w.setEnabled(not active)
        for w in (self.lr_field, self.batch_field, self.iterations_field):
            w.setEnabled(not active or paused)

    @Slot(bool)
    def _on_log_toggled(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        if self._fixed_ranges:
            self._fix_ranges()

    # ================================================================ gradient check, send
    @Slot()
    def _on_gradient_check(self) -> None:
        if self.controller.state == "running" or self.check_controller.is_active():
            return
        data = self._run_data if self._net is not None else self.current_data()
        if data is None:
            self._set_error(self.tr("Open your MNIST files first."))
            return
        if self._net is not None:
            net = self._net.copy()
        else:
            try:
                net = self._make_network(self.make_config(), data)
            except ValueError as exc:
                self._set_error(str(exc))
                return
        x, t = data.x_train[:3], data.t_train[:3]
        per = T.seconds_per_iteration(net, x, "numerical")
        if per > MAX_CHECK_SECONDS:
            self._set_error(
                tr_fmt(
                    self.tr("The gradient check would take about %1 s; use a smaller network."),
                    f"{per:.0f}",
                )
            )
            return
        self.check_title.setText(self.tr("Gradient check: computing…"))
        self.check_controller.start(_CheckFactory(net, x, t))
        self._update_buttons()

    @Slot(object)
    def _on_check_records(self, batch: list) -> None:
        for record in batch:
            if isinstance(record, T.GradientCheckRecord):
                self.check_model.set_rows(record.rows)
                self.check_title.setText(
                    tr_fmt(
                        self.tr("Gradient check on %1 samples: |numerical − backprop|"),
                        str(record.batch_size),
                    )
                )

    @Slot(str)
    def _on_check_failed(self, message: str) -> None:
        self._set_error(tr_fmt(self.tr("Gradient check failed: %1"), message))

    @Slot(bool)
    def _on_check_finished(self, completed: bool) -> None:
        if not completed and not self.check_model.rows():
            self.check_title.setText(self.tr("Gradient check: |numerical − backprop|"))
        self._update_buttons()

    def learned_network(self) -> Network | None:
        """A copy of the network being trained (None before a run; not while running)."""
        if self._net is None or self.controller.state == "running":
            return None
        return self._net.copy()

    @Slot()
    def _on_send_weights(self) -> None:
        net = self.learned_network()
        if net is None:
            return
        data = self._run_data
        description = tr_fmt(
            self.tr("Learned on %1: %2 iterations"),
            self.dataset_combo.itemText(DATASET_KEYS.index(data.name))
            if data is not None and data.name in DATASET_KEYS
            else (data.name if data is not None else "?"),
            str(self._n),
        )
        if self._epochs:
            description += tr_fmt(
                self.tr(", test accuracy %1 %"), f"{100 * self._epochs[-1][2]:.1f}"
            )
        self.send_network.emit(net, description)

    # ================================================================ hooks
    def state(self) -> dict[str, Any]:
        return {
            "dataset": self._dataset_key(),
            "classes": int(self.classes_field.value()),
            "samples": int(self.samples_field.value()),
            "noise": float(self.noise_field.value()),
            "data_seed": int(self.data_seed_field.value()),
            "test_fraction": float(self.test_fraction_field.value()),
            "hidden": list(self._hidden),
            "activation": str(self.activation_combo.currentData()),
            "init": str(self.init_combo.currentData()),
            "init_std": float(self.init_std_field.value()),
            "gradient": str(self.gradient_combo.currentData()),
            "optimizer": str(self.optimizer_combo.currentData()),
            "lr": float(self.lr_field.value()),
            "batch_size": int(self.batch_field.value()),
            "length": int(self.iterations_field.value()),
            "unit": str(self.unit_combo.currentData()),
            "seed": int(self.seed_field.value()),
            "log_loss": self.log_check.isChecked(),
            "mnist_files": list(self._mnist_paths),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        if not isinstance(state, dict):
            raise ValueError("the training state must be a dict")
        s = {**self.state(), **state}

        def number(name: str, field: NumberField) -> float:
            v = s[name]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"{name} must be a number")
            if not field.minimum <= v <= field.maximum:
                raise ValueError(f"{name} is out of range")
            if field.integer and v != int(v):
                raise ValueError(f"{name} must be a whole number")
            return v

        def choice(name: str, combo: QComboBox) -> int:
            # every choice is a string key; anything else (e.g. an integer too big for
            # Qt, which findData reports later, from the event loop) is refused here
            value = s[name]
            index = combo.findData(value) if isinstance(value, str) else -1
            if index < 0:
                raise ValueError(f"unknown {name} {s[name]!r}")
            return index

        fields = {
            "classes": self.classes_field,
            "samples": self.samples_field,
            "noise": self.noise_field,
            "data_seed": self.data_seed_field,
            "test_fraction": self.test_fraction_field,
            "init_std": self.init_std_field,
            "lr": self.lr_field,
            "batch_size": self.batch_field,
            "length": self.iterations_field,
            "seed": self.seed_field,
        }
        combos = {
            "dataset": self.dataset_combo,
            "activation": self.activation_combo,
            "init": self.init_combo,
            "gradient": self.gradient_combo,
            "optimizer": self.optimizer_combo,
            "unit": self.unit_combo,
        }
        values = {k: number(k, f) for k, f in fields.items()}
        indices = {k: choice(k, c) for k, c in combos.items()}
        hidden = s["hidden"]
        if not isinstance(hidden, list) or not all(
            isinstance(h, int) and not isinstance(h, bool) for h in hidden
        ):
            raise ValueError("hidden must be a list of layer sizes")
        try:
            hidden = self._parse_hidden(", ".join(map(str, hidden)))
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        self.controller.stop()
        for k, c in combos.items():
            if k != "optimizer":
                c.setCurrentIndex(indices[k])
        self.optimizer_combo.blockSignals(True)
        self.optimizer_combo.setCurrentIndex(indices["optimizer"])
        self.optimizer_combo.blockSignals(False)
        for k, f in fields.items():
            f.setValue(values[k])
        self._hidden = hidden
        self.hidden_edit.setText(", ".join(map(str, hidden)))
        self.log_check.setChecked(bool(s.get("log_loss", False)))
        files = s.get("mnist_files") or []
        if (
            isinstance(files, list)
            and all(isinstance(f, str) for f in files)
            and files
            and files != self._mnist_paths
        ):
            self.load_mnist(files)  # a refusal (files moved) is reported, not raised
            self.dataset_combo.setCurrentIndex(indices["dataset"])
        self._on_data_settings_changed()

    def export_code(self) -> str:
        return export_script(self.make_config(), self._data_key(), self._mnist_paths)

    def plot_widgets(self) -> dict[str, QWidget]:
        plots: dict[str, QWidget] = {
            self.tr("Loss curve"): self.loss_plot,
            self.tr("Accuracy curves"): self.accuracy_plot,
        }
        if self.view_stack.currentWidget() is self.region_plot:
            plots[self.tr("Decision regions")] = self.region_plot
        else:
            plots[self.tr("Test images")] = self.digit_grid
        return plots

    def table_models(self) -> dict[str, Any]:
        return {self.tr("Gradient check"): self.check_model}

    def smoke_test(self) -> None:
        """A short run on a toy set in the worker, then a gradient check."""
        saved = self.state()
        try:
            self.set_state({"dataset": "blobs", "length": 60, "unit": "iterations"})
            if not self._start(paused=False):
                raise RuntimeError(self._status_error or "could not start")
            deadline = time.monotonic() + 20
            while self.controller.is_active() and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)
            self.controller.stop()
            if self._n != 60 or not self._epochs:
                raise RuntimeError(f"smoke run made {self._n} iterations")
            self._on_gradient_check()
            deadline = time.monotonic() + 20
            while self.check_controller.is_active() and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)
            self.check_controller.stop()
            rows = self.check_model.rows()
            if not rows or max(r[2] for r in rows) > 1e-5:
                raise RuntimeError(f"gradient check gave {rows}")
        finally:
            self.controller.stop()
            self.check_controller.stop()
            self.set_state(saved)

    def shutdown(self) -> None:
        super().shutdown()
        if self.throttle is not None:
            self.throttle.flush()


class _TrainFactory:
    """A callable returning the training generator; called in the worker thread.

    No pacing sleeps: the app runs one BLAS thread and a 1 ms GIL switch interval
    (gui/app.py), which keep the GUI thread's timers on time while training runs at full
    speed (bench_4); a rest of 0.5 ms per 4 ms cost ≥ 11 % of the rate (bench_3).
    """

    def __init__(self, config: T.TrainConfig, data: D.Dataset, net: Network) -> None:
        self.config, self.data, self.net = config, data, net

    def __call__(self) -> Iterator[Any]:
        return T.train(self.config, self.data, self.net)


class _CheckFactory:
    def __init__(self, net: Network, x: np.ndarray, t: np.ndarray) -> None:
        self.net, self.x, self.t = net, x, t

    def __call__(self):
        return T.gradient_check_run(self.net, self.x, self.t)
