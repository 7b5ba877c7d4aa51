"""The Training tab's widgets, laid out (like a Designer ``Ui_`` class, in code).

``build_ui(tab)`` creates every widget as an attribute of ``tab``; the tab connects
their signals (``_connect_signals``) and sets their texts in ``retranslate_ui``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine import training as T
from engine.network import WEIGHT_INITS
from engine.optimizers import OPTIMIZERS
from gui.plotting import cache_axes, pg
from gui.tabs.training_views import CLASS_COLORS, DigitGrid, GradientCheckModel
from gui.widgets import NumberField

if TYPE_CHECKING:
    from gui.tabs.training import TrainingTab

__all__ = ["build_ui", "DATASET_KEYS", "ACTIVATION_KEYS"]

#: Data set keys of ``datasetCombo`` in order.
DATASET_KEYS = ("xor", "circles", "moons", "spirals", "blobs", "digits", "mnist")
ACTIVATION_KEYS = ("relu", "sigmoid", "tanh")


def build_ui(self: TrainingTab) -> None:
    """Create and lay out the widgets of ``self`` (a TrainingTab) in ``self.content``."""
    _build_controls(self)
    _build_plots(self)
    root = QHBoxLayout(self.content)
    root.setContentsMargins(0, 0, 0, 0)
    # the plots scroll rather than force a wide window (the window may be 700 px wide)
    self.view_scroll = QScrollArea()
    self.view_scroll.setWidget(self.view_area)
    self.view_scroll.setWidgetResizable(True)
    self.view_scroll.setFrameShape(QFrame.Shape.NoFrame)
    root.addWidget(self.controls_scroll)
    root.addWidget(self.view_scroll, 1)


def _build_controls(self: TrainingTab) -> None:
    panel = QWidget()
    col = QVBoxLayout(panel)
    col.setContentsMargins(2, 2, 2, 2)

    # -- data
    self.data_box = QGroupBox()
    form = QFormLayout(self.data_box)
    self.dataset_combo = QComboBox()
    self.dataset_combo.setObjectName("datasetCombo")
    for key in DATASET_KEYS:
        self.dataset_combo.addItem(key, key)
    self.dataset_combo.setCurrentIndex(DATASET_KEYS.index("blobs"))
    self.classes_field = NumberField(3, 2, 5, 1, integer=True)
    self.classes_field.setObjectName("classesField")
    self.samples_field = NumberField(400, 20, 5000, 50, integer=True)
    self.samples_field.setObjectName("samplesField")
    self.noise_field = NumberField(0.1, 0.0, 2.0, 0.05)
    self.noise_field.setObjectName("noiseField")
    self.data_seed_field = NumberField(0, 0, 2**31 - 1, 1, integer=True)
    self.data_seed_field.setObjectName("dataSeedField")
    self.test_fraction_field = NumberField(0.25, 0.05, 0.95, 0.05)
    self.test_fraction_field.setObjectName("testFractionField")
    self.open_button = QPushButton()
    self.open_button.setObjectName("openMnistButton")
    self.data_info = QLabel()
    self.data_info.setObjectName("dataInfo")
    self.data_info.setWordWrap(True)
    self.dataset_label = QLabel()
    self.classes_label = QLabel()
    self.samples_label = QLabel()
    self.noise_label = QLabel()
    self.data_seed_label = QLabel()
    self.test_fraction_label = QLabel()
    form.addRow(self.dataset_label, self.dataset_combo)
    form.addRow(self.classes_label, self.classes_field)
    form.addRow(self.samples_label, self.samples_field)
    form.addRow(self.noise_label, self.noise_field)
    form.addRow(self.data_seed_label, self.data_seed_field)
    form.addRow(self.test_fraction_label, self.test_fraction_field)
    form.addRow(self.open_button)
    form.addRow(self.data_info)
    col.addWidget(self.data_box)

    # -- network
    self.net_box = QGroupBox()
    form = QFormLayout(self.net_box)
    self.hidden_edit = QLineEdit("10")
    self.hidden_edit.setObjectName("hiddenEdit")
    self._hidden = [10]
    self.activation_combo = QComboBox()
    self.activation_combo.setObjectName("activationCombo")
    for key in ACTIVATION_KEYS:
        self.activation_combo.addItem(key, key)
    self.init_combo = QComboBox()
    self.init_combo.setObjectName("initCombo")
    for key in WEIGHT_INITS:
        self.init_combo.addItem(key, key)
    self.init_combo.setCurrentIndex(WEIGHT_INITS.index("he"))
    self.init_std_field = NumberField(0.01, 1e-6, 10.0, 0.01)
    self.init_std_field.setObjectName("initStdField")
    self.use_network_check = QCheckBox()
    self.use_network_check.setObjectName("useNetworkCheck")
    self.use_network_check.setEnabled(False)
    self.hidden_label = QLabel()
    self.activation_label = QLabel()
    self.init_label = QLabel()
    self.init_std_label = QLabel()
    form.addRow(self.hidden_label, self.hidden_edit)
    form.addRow(self.activation_label, self.activation_combo)
    form.addRow(self.init_label, self.init_combo)
    form.addRow(self.init_std_label, self.init_std_field)
    form.addRow(self.use_network_check)
    col.addWidget(self.net_box)

    # -- learning
    self.learn_box = QGroupBox()
    form = QFormLayout(self.learn_box)
    self.gradient_combo = QComboBox()
    self.gradient_combo.setObjectName("gradientCombo")
    for key in T.GRADIENT_METHODS:
        self.gradient_combo.addItem(key, key)
    self.eta_warning = QLabel()
    self.eta_warning.setObjectName("etaWarning")
    self.eta_warning.setWordWrap(True)
    self.optimizer_combo = QComboBox()
    self.optimizer_combo.setObjectName("optimizerCombo")
    for name in OPTIMIZERS:
        self.optimizer_combo.addItem(name, name)
    self.lr_field = NumberField(0.1, 1e-6, 1e6, 0.01)
    self.lr_field.setObjectName("lrField")
    self.batch_field = NumberField(32, 1, 10000, 1, integer=True)
    self.batch_field.setObjectName("batchField")
    self.iterations_field = NumberField(1000, 1, 1_000_000, 100, integer=True)
    self.iterations_field.setObjectName("iterationsField")
    self.unit_combo = QComboBox()
    self.unit_combo.setObjectName("unitCombo")
    self.unit_combo.addItem("iterations", "iterations")
    self.unit_combo.addItem("epochs", "epochs")
    self.seed_field = NumberField(0, 0, 2**31 - 1, 1, integer=True)
    self.seed_field.setObjectName("seedField")
    self.gradient_label = QLabel()
    self.optimizer_label = QLabel()
    self.lr_label = QLabel()
    self.batch_label = QLabel()
    self.iterations_label = QLabel()
    self.seed_label = QLabel()
    length = QHBoxLayout()
    length.addWidget(self.iterations_field, 1)
    length.addWidget(self.unit_combo)
    form.addRow(self.gradient_label, self.gradient_combo)
    form.addRow(self.eta_warning)
    form.addRow(self.optimizer_label, self.optimizer_combo)
    form.addRow(self.lr_label, self.lr_field)
    form.addRow(self.batch_label, self.batch_field)
    form.addRow(self.iterations_label, length)
    form.addRow(self.seed_label, self.seed_field)
    col.addWidget(self.learn_box)

    # -- run controls (placed above the plots by _build_plots)
    self.run_button = QPushButton()
    self.run_button.setObjectName("runButton")
    self.pause_button = QPushButton()
    self.pause_button.setObjectName("pauseButton")
    self.step_button = QPushButton()
    self.step_button.setObjectName("stepButton")
    self.stop_button = QPushButton()
    self.stop_button.setObjectName("stopButton")
    self.reset_button = QPushButton()
    self.reset_button.setObjectName("resetButton")
    self.check_button = QPushButton()
    self.check_button.setObjectName("gradCheckButton")
    self.send_button = QPushButton()
    self.send_button.setObjectName("sendWeightsButton")
    col.addWidget(self.check_button)
    col.addWidget(self.send_button)
    col.addStretch(1)

    self.controls_scroll = QScrollArea()
    self.controls_scroll.setWidget(panel)
    self.controls_scroll.setWidgetResizable(True)
    self.controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    self.controls_scroll.setMinimumWidth(270)
    self.controls_scroll.setMaximumWidth(340)


def _build_plots(self: TrainingTab) -> None:
    self.view_area = QWidget()
    layout = QVBoxLayout(self.view_area)
    layout.setContentsMargins(0, 0, 0, 0)
    top = QHBoxLayout()
    for button in (
        self.run_button,
        self.pause_button,
        self.step_button,
        self.stop_button,
        self.reset_button,
    ):
        top.addWidget(button)
    self.progress = QProgressBar()
    self.progress.setObjectName("trainingProgress")
    self.progress.setRange(0, 1000)
    self.progress.setValue(0)
    self.status_label = QLabel()
    self.status_label.setObjectName("trainingStatus")
    # no word wrap: a height-for-width label would make the scroll area grow tall
    self.status_label.setMinimumWidth(10)
    top.addWidget(self.progress, 1)
    layout.addLayout(top)
    layout.addWidget(self.status_label)

    grid = QGridLayout()
    # loss per iteration
    self.loss_plot = pg.PlotWidget()
    self.loss_plot.setObjectName("lossPlot")
    self.loss_plot.getAxis("left").enableAutoSIPrefix(False)
    # no antialiasing: thousands of segments redrawn live must stay cheap
    self.loss_curve = self.loss_plot.plot(pen=pg.mkPen((31, 119, 180), width=1), antialias=False)
    self.loss_curve.setDownsampling(auto=True, method="peak")
    self.loss_curve.setClipToView(True)
    self.log_check = QCheckBox()
    self.log_check.setObjectName("logCheck")
    loss_box = QVBoxLayout()
    loss_box.addWidget(self.loss_plot, 1)
    loss_box.addWidget(self.log_check)
    grid.addLayout(loss_box, 0, 0)
    # accuracy per epoch
    self.accuracy_plot = pg.PlotWidget()
    self.accuracy_plot.setObjectName("accuracyPlot")
    self.accuracy_plot.setYRange(0, 1.02)
    self.accuracy_legend = self.accuracy_plot.addLegend(offset=(-10, -10))
    self.train_curve = self.accuracy_plot.plot(
        pen=pg.mkPen(CLASS_COLORS[0], width=2), name="train", antialias=False
    )
    self.test_curve = self.accuracy_plot.plot(
        pen=pg.mkPen(CLASS_COLORS[1], width=2, style=Qt.PenStyle.DashLine),
        name="test",
        antialias=False,
    )
    for curve in (self.train_curve, self.test_curve):
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
    grid.addWidget(self.accuracy_plot, 0, 1)
    # decision regions (2-D) or digit previews (images)
    self.view_stack = QStackedWidget()
    self.region_plot = pg.PlotWidget()
    self.region_plot.setObjectName("regionPlot")
    self.region_image = pg.ImageItem()
    self.region_image.setZValue(-10)
    lut = np.array([[255 - (255 - c) * 0.35 for c in rgb] for rgb in CLASS_COLORS], dtype=np.uint8)
    self.region_image.setLookupTable(lut)
    self.region_image.setLevels([0, len(CLASS_COLORS) - 1])
    self.region_plot.addItem(self.region_image)
    cache_axes(self.loss_plot, self.accuracy_plot, self.region_plot)
    self.train_scatter = pg.ScatterPlotItem(size=5, pen=pg.mkPen("w", width=0.5))
    self.test_scatter = pg.ScatterPlotItem(size=7, symbol="t1", pen=pg.mkPen("k", width=0.8))
    self.region_plot.addItem(self.train_scatter)
    self.region_plot.addItem(self.test_scatter)
    self.digit_grid = DigitGrid()
    self.view_stack.addWidget(self.region_plot)
    self.view_stack.addWidget(self.digit_grid)
    grid.addWidget(self.view_stack, 1, 0)
    # gradient check
    check_box = QVBoxLayout()
    self.check_title = QLabel()
    self.check_model = GradientCheckModel(self)
    self.check_table = QTableView()
    self.check_table.setObjectName("gradientCheckTable")
    self.check_table.setModel(self.check_model)
    self.check_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = self.check_table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    self.check_table.verticalHeader().setVisible(False)
    check_box.addWidget(self.check_title)
    check_box.addWidget(self.check_table, 1)
    grid.addLayout(check_box, 1, 1)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(1, 1)
    layout.addLayout(grid, 1)
