"""The Training tab's widgets, laid out (like a Designer ``Ui_`` class, in code).

``TrainingUi(binder, content)`` places the setting fields the binder built from
``TrainingModel``'s declarations and creates the tab's other widgets — buttons, plots, the
gradient-check table — as its own attributes; ``retranslate()`` labels those others (the
binder labels the fields). The tab connects the signals.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.binder import SettingsBinder
from gui.confusion_view import ConfusionPanel
from gui.plotting import cache_axes, pg
from gui.tabs.gradcheck_heatmap import GradientHeatmap
from gui.tabs.training_hist import LayerHistogramView
from gui.tabs.training_views import CLASS_COLORS, DigitGrid, GradientCheckModel

__all__ = ["TrainingUi", "DATA_KEYS", "NETWORK_KEYS", "CONTROLS_MAX_WIDTH"]

#: The widest the controls column grows to fit its texts (the plots keep the rest).
CONTROLS_MAX_WIDTH = 420

#: The settings of the Data and Network boxes, in order.
DATA_KEYS = ("dataset", "classes", "samples", "noise", "data_seed", "test_fraction")
NETWORK_KEYS = (
    "hidden",
    "activation",
    "init",
    "init_std",
    "use_network",
    "batchnorm_layers",
    "dropout_percent",
    "weight_decay",
    "layer_histograms",
)


class _WrappedLabel(QLabel):
    """A word-wrapped label that reserves the height its text needs at its real width
    (in a scroll area a form lays it out from a guessed width and clips the last lines)."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


class TrainingUi:
    """Every widget of the Training tab, laid out in ``content``."""

    def __init__(self, binder: SettingsBinder, content: QWidget) -> None:
        self.binder = binder
        self._build_controls(binder)
        self._build_plots(binder)
        root = QHBoxLayout(content)
        root.setContentsMargins(0, 0, 0, 0)
        # the plots scroll rather than force a wide window (the window may be 700 px wide)
        self.view_scroll = QScrollArea()
        self.view_scroll.setWidget(self.view_area)
        self.view_scroll.setWidgetResizable(True)
        self.view_scroll.setFrameShape(QFrame.Shape.NoFrame)
        root.addWidget(self.controls_scroll)
        root.addWidget(self.view_scroll, 1)

    def _build_controls(self, b: SettingsBinder) -> None:
        panel = QWidget()
        col = QVBoxLayout(panel)
        col.setContentsMargins(2, 2, 2, 2)

        self.data_box = QGroupBox()
        form = QFormLayout(self.data_box)
        b.add_rows(form, DATA_KEYS)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openMnistButton")
        self.data_info = QLabel()
        self.data_info.setObjectName("dataInfo")
        self.data_info.setWordWrap(True)
        self.download_button = QPushButton()  # the full MNIST (gui/tabs/training_mnist.py)
        self.download_button.setObjectName("downloadMnistButton")
        form.addRow(self.open_button)
        form.addRow(self.download_button)
        form.addRow(self.data_info)
        col.addWidget(self.data_box)

        self.net_box = QGroupBox()
        b.add_rows(QFormLayout(self.net_box), NETWORK_KEYS)
        col.addWidget(self.net_box)

        self.learn_box = QGroupBox()
        form = QFormLayout(self.learn_box)
        self.eta_warning = _WrappedLabel()
        self.eta_warning.setObjectName("etaWarning")
        self.eta_warning.setWordWrap(True)
        b.add_rows(form, ("gradient",))
        form.addRow(self.eta_warning)
        b.add_rows(form, ("optimizer", "lr", "batch_size"))
        length = QHBoxLayout()
        length.addWidget(b.widget("length"), 1)
        length.addWidget(b.widget("unit"))
        form.addRow(b.label("length"), length)
        b.add_rows(form, ("seed",))
        self.preset_button = QPushButton()  # the book's train_neuralnet.py
        self.preset_button.setObjectName("bookPresetButton")
        form.addRow(self.preset_button)
        col.addWidget(self.learn_box)

        # run controls (placed above the plots by _build_plots)
        for name, object_name in (
            ("run_button", "runButton"),
            ("pause_button", "pauseButton"),
            ("step_button", "stepButton"),
            ("stop_button", "stopButton"),
            ("reset_button", "resetButton"),
            ("check_button", "gradCheckButton"),
            ("send_button", "sendWeightsButton"),
        ):
            button = QPushButton()
            button.setObjectName(object_name)
            setattr(self, name, button)
        col.addWidget(self.check_button)
        col.addWidget(self.send_button)
        col.addStretch(1)

        # long names (Japanese labels, data set names) must not widen the column past
        # the window: combos elide, a row too long for its box puts its field below
        for combo in panel.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        for form in panel.findChildren(QFormLayout):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.controls_panel = panel
        self.controls_scroll = QScrollArea()
        self.controls_scroll.setWidget(panel)
        self.controls_scroll.setWidgetResizable(True)
        self.controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fit_controls()

    def fit_controls(self) -> None:
        """Make the controls column as wide as its panel needs (after the texts changed):
        with the horizontal scroll bar off, a narrower column would clip the fields."""
        scroll = self.controls_scroll
        need = (
            self.controls_panel.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        width = max(270, min(need, CONTROLS_MAX_WIDTH))
        scroll.setMinimumWidth(width)
        scroll.setMaximumWidth(max(340, width))

    def _build_plots(self, b: SettingsBinder) -> None:
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
        self.loss_curve = self.loss_plot.plot(
            pen=pg.mkPen((31, 119, 180), width=1), antialias=False
        )
        self.loss_curve.setDownsampling(auto=True, method="peak")
        self.loss_curve.setClipToView(True)
        loss_box = QVBoxLayout()
        loss_box.addWidget(self.loss_plot, 1)
        loss_box.addWidget(b.widget("log_loss"))
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
        lut = np.array(
            [[255 - (255 - c) * 0.35 for c in rgb] for rgb in CLASS_COLORS], dtype=np.uint8
        )
        self.region_image.setLookupTable(lut)
        self.region_image.setLevels([0, len(CLASS_COLORS) - 1])
        self.region_plot.addItem(self.region_image)
        cache_axes(self.loss_plot, self.accuracy_plot, self.region_plot)
        self.train_scatter = pg.ScatterPlotItem(size=5, pen=pg.mkPen("w", width=0.5))
        self.test_scatter = pg.ScatterPlotItem(size=7, symbol="t1", pen=pg.mkPen("k", width=0.8))
        self.region_plot.addItem(self.train_scatter)
        self.region_plot.addItem(self.test_scatter)
        self.digit_grid = DigitGrid()
        # images: the test digits and, beside them, the test set's confusion matrix
        self.confusion = ConfusionPanel()
        self.digit_page = QSplitter(Qt.Orientation.Horizontal)
        self.digit_page.setObjectName("digitPage")
        self.digit_page.addWidget(self.digit_grid)
        self.digit_page.addWidget(self.confusion)
        self.digit_page.setSizes([300, 300])
        self.view_stack.addWidget(self.region_plot)
        self.view_stack.addWidget(self.digit_page)
        grid.addWidget(self.view_stack, 1, 0)
        # gradient check
        check_box = QVBoxLayout()
        self.check_title = QLabel()
        self.check_model = GradientCheckModel(self.view_area)
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
        self.check_heatmap = GradientHeatmap()  # where the differences are (§5.7.3)
        check_box.addWidget(self.check_heatmap, 1)
        grid.addLayout(check_box, 1, 1)
        # the live layer histograms (when on) share the height 2 : 2 : 3 with the plots,
        # whatever their many plot items would ask for
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 3)
        self.histogram_view = LayerHistogramView()
        self.histogram_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.histogram_view.setVisible(False)
        grid.addWidget(self.histogram_view, 2, 0, 1, 2)
        layout.addLayout(grid, 1)

    def retranslate(self) -> None:
        """Label everything but the setting fields (the binder labels those)."""
        self.data_box.setTitle(QCoreApplication.translate("TrainingTab", "Data"))
        self.net_box.setTitle(QCoreApplication.translate("TrainingTab", "Network"))
        self.learn_box.setTitle(QCoreApplication.translate("TrainingTab", "Learning"))
        self.open_button.setText(QCoreApplication.translate("TrainingTab", "Open MNIST files…"))
        self.open_button.setToolTip(
            QCoreApplication.translate(
                "TrainingTab",
                "Choose the four IDX files (gzipped or not), one .npz, or the book's mnist.pkl. "
                "Nothing is downloaded.",
            )
        )
        self.run_button.setToolTip(
            QCoreApplication.translate(
                "TrainingTab", "Start training from fresh weights (Ctrl+R or R)"
            )
        )
        self.step_button.setText(QCoreApplication.translate("TrainingTab", "Step"))
        self.step_button.setToolTip(
            QCoreApplication.translate("TrainingTab", "Train on one mini-batch, then pause (S)")
        )
        self.stop_button.setText(QCoreApplication.translate("TrainingTab", "Stop"))
        self.stop_button.setToolTip(
            QCoreApplication.translate("TrainingTab", "End the run; the learned weights stay (Esc)")
        )
        self.reset_button.setText(QCoreApplication.translate("TrainingTab", "Reset"))
        self.reset_button.setToolTip(
            QCoreApplication.translate(
                "TrainingTab", "Stop and clear the plots and the learned weights"
            )
        )
        self.pause_button.setToolTip(
            QCoreApplication.translate("TrainingTab", "Pause or resume the run (Space)")
        )
        self.check_button.setText(QCoreApplication.translate("TrainingTab", "Gradient check"))
        self.check_button.setToolTip(
            QCoreApplication.translate(
                "TrainingTab",
                "Compare the numerical gradient with backprop on 3 training samples for the "
                "current weights (book §5.7.3)",
            )
        )
        self.send_button.setText(
            QCoreApplication.translate("TrainingTab", "Send weights to the Network tab")
        )
        self.send_button.setToolTip(
            QCoreApplication.translate("TrainingTab", "Show the learned network on the Network tab")
        )
        self.loss_plot.setTitle(QCoreApplication.translate("TrainingTab", "Loss per iteration"))
        self.loss_plot.setLabel("bottom", QCoreApplication.translate("TrainingTab", "iteration"))
        self.loss_plot.setLabel("left", QCoreApplication.translate("TrainingTab", "loss"))
        self.accuracy_plot.setTitle(QCoreApplication.translate("TrainingTab", "Accuracy per epoch"))
        self.accuracy_plot.setLabel("bottom", QCoreApplication.translate("TrainingTab", "epoch"))
        self.accuracy_plot.setLabel("left", QCoreApplication.translate("TrainingTab", "accuracy"))
        self.accuracy_legend.clear()
        self.accuracy_legend.addItem(
            self.train_curve, QCoreApplication.translate("TrainingTab", "train")
        )
        self.accuracy_legend.addItem(
            self.test_curve, QCoreApplication.translate("TrainingTab", "test")
        )
        self.region_plot.setTitle(
            QCoreApplication.translate("TrainingTab", "Decision regions: ● train, ▲ test")
        )
        self.digit_grid.placeholder = QCoreApplication.translate(
            "TrainingTab", "Test images appear here"
        )
        self.digit_grid.setToolTip(
            QCoreApplication.translate(
                "TrainingTab",
                "The first test images with the predicted digit; wrong ones are framed in red",
            )
        )
        self.check_title.setText(
            QCoreApplication.translate("TrainingTab", "Gradient check: |numerical − backprop|")
        )
        self.check_model.set_headers(
            [
                QCoreApplication.translate("TrainingTab", "parameter"),
                QCoreApplication.translate("TrainingTab", "shape"),
                QCoreApplication.translate("TrainingTab", "mean"),
                QCoreApplication.translate("TrainingTab", "max"),
            ]
        )
