"""The Gates tab's widgets, laid out (like a Designer ``Ui_`` class, in code).

``build_ui(tab)`` creates every widget as an attribute of ``tab``; the tab connects
their signals and sets their texts in ``retranslate_ui``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.tabs.gates_logic import PRESETS, SLIDER_LIMIT, SLIDER_SCALE, SPEEDS, WEIGHT_LIMIT
from gui.tabs.gates_model import TruthTableModel, TruthTableView
from gui.tabs.gates_plot import BoundaryPlot
from gui.widgets import CheckedDoubleSpinBox

if TYPE_CHECKING:
    from gui.tabs.gates import GatesTab

__all__ = ["build_ui"]


def build_ui(self: GatesTab) -> None:
    """Create and lay out the widgets of ``self`` (a GatesTab) in ``self.content``."""
    outer = QVBoxLayout(self.content)
    outer.setContentsMargins(0, 0, 0, 0)
    split = QSplitter(Qt.Orientation.Horizontal, self.content)
    outer.addWidget(split)
    # the controls scroll when the window is small; the plots shrink
    scroll = QScrollArea(split)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    left = QWidget()
    left.setMinimumWidth(300)
    scroll.setWidget(left)
    right = QWidget(split)
    split.addWidget(scroll)
    split.addWidget(right)
    split.setCollapsible(0, False)
    split.setCollapsible(1, False)
    split.setStretchFactor(0, 2)
    split.setStretchFactor(1, 3)
    split.setSizes([420, 630])
    lv = QVBoxLayout(left)
    lv.setContentsMargins(0, 0, 4, 0)

    top = QHBoxLayout()
    self.preset_label = QLabel(left)
    self.preset_combo = QComboBox(left)
    self.preset_combo.setObjectName("gatePresetCombo")
    for key in PRESETS:
        self.preset_combo.addItem("", key)
    self.preset_label.setBuddy(self.preset_combo)
    self.inputs_label = QLabel(left)
    self.inputs_combo = QComboBox(left)
    self.inputs_combo.setObjectName("inputsCombo")
    self.inputs_combo.addItem("2", 2)
    self.inputs_combo.addItem("3", 3)
    self.inputs_label.setBuddy(self.inputs_combo)
    top.addWidget(self.preset_label)
    top.addWidget(self.preset_combo, 1)
    top.addSpacing(12)
    top.addWidget(self.inputs_label)
    top.addWidget(self.inputs_combo)
    top.addSpacing(12)
    self.undo_button = QToolButton(left)
    self.undo_button.setObjectName("undoButton")
    self.redo_button = QToolButton(left)
    self.redo_button.setObjectName("redoButton")
    top.addWidget(self.undo_button)
    top.addWidget(self.redo_button)
    lv.addLayout(top)

    self.table_model = TruthTableModel(self)
    self.table = TruthTableView(left)
    self.table.setObjectName("truthTable")
    self.table.setModel(self.table_model)
    self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    lv.addWidget(self.table)
    self.separability_label = QLabel(left)
    self.separability_label.setObjectName("separabilityLabel")
    self.separability_label.setWordWrap(True)
    lv.addWidget(self.separability_label)
    self.message_label = QLabel(left)
    self.message_label.setObjectName("gatesMessage")
    self.message_label.setWordWrap(True)
    self.message_label.setStyleSheet("color: #c62828;")
    lv.addWidget(self.message_label)

    self.weights_group = QGroupBox(left)
    grid = QGridLayout(self.weights_group)
    self.weight_labels: list[QLabel] = []
    self.weight_spins: list[CheckedDoubleSpinBox] = []
    self.weight_sliders: list[QSlider] = []
    for i, name in enumerate(["w1", "w2", "w3", "b"]):
        label = QLabel(name, self.weights_group)
        spin = CheckedDoubleSpinBox(self.weights_group)
        spin.setObjectName(f"{name}Spin")
        spin.setRange(-WEIGHT_LIMIT, WEIGHT_LIMIT)
        spin.setDecimals(3)
        spin.setSingleStep(0.1)
        spin.setKeyboardTracking(False)
        spin.setAccelerated(True)
        slider = QSlider(Qt.Orientation.Horizontal, self.weights_group)
        slider.setObjectName(f"{name}Slider")
        limit = int(SLIDER_LIMIT * SLIDER_SCALE)
        slider.setRange(-limit, limit)
        slider.setSingleStep(5)
        slider.setPageStep(50)
        label.setBuddy(spin)
        grid.addWidget(label, i, 0)
        grid.addWidget(spin, i, 1)
        grid.addWidget(slider, i, 2)
        self.weight_labels.append(label)
        self.weight_spins.append(spin)
        self.weight_sliders.append(slider)
    grid.setColumnStretch(2, 1)
    lv.addWidget(self.weights_group)

    self.learn_group = QGroupBox(left)
    form = QFormLayout(self.learn_group)
    self.lr_spin = CheckedDoubleSpinBox(self.learn_group)
    self.lr_spin.setObjectName("learningRateSpin")
    self.lr_spin.setRange(0.001, 10.0)
    self.lr_spin.setDecimals(3)
    self.lr_spin.setSingleStep(0.05)
    self.lr_spin.setValue(0.1)
    self.epochs_spin = CheckedDoubleSpinBox(self.learn_group, integer=True)
    self.epochs_spin.setObjectName("maxEpochsSpin")
    self.epochs_spin.setRange(1, 10000)
    self.epochs_spin.setValue(100)
    self.speed_combo = QComboBox(self.learn_group)
    self.speed_combo.setObjectName("speedCombo")
    for _ in SPEEDS:
        self.speed_combo.addItem("")
    self.speed_combo.setCurrentIndex(1)
    self.from_current_check = QCheckBox(self.learn_group)
    self.from_current_check.setObjectName("fromCurrentCheck")
    self.learn_button = QPushButton(self.learn_group)
    self.learn_button.setObjectName("learnButton")
    self.learn_status = QLabel(self.learn_group)
    self.learn_status.setObjectName("learnStatus")
    self.learn_status.setWordWrap(True)
    self.lr_label, self.epochs_label, self.speed_label = (
        QLabel(self.learn_group) for _ in range(3)
    )
    form.addRow(self.lr_label, self.lr_spin)
    form.addRow(self.epochs_label, self.epochs_spin)
    form.addRow(self.speed_label, self.speed_combo)
    form.addRow(self.from_current_check)
    form.addRow(self.learn_button)
    form.addRow(self.learn_status)
    lv.addWidget(self.learn_group)
    lv.addStretch(1)

    rv = QVBoxLayout(right)
    rv.setContentsMargins(4, 0, 0, 0)
    self.plot = BoundaryPlot(right)
    self.plot.setObjectName("boundaryPlot")
    self.plot.setMinimumSize(160, 140)
    rv.addWidget(self.plot, 3)
    slice_row = QHBoxLayout()
    self.slice_label = QLabel(right)
    self.slice_combo = QComboBox(right)
    self.slice_combo.setObjectName("sliceCombo")
    self.slice_combo.addItem("x3 = 0", 0)
    self.slice_combo.addItem("x3 = 1", 1)
    self.slice_label.setBuddy(self.slice_combo)
    slice_row.addWidget(self.slice_label)
    slice_row.addWidget(self.slice_combo)
    slice_row.addStretch(1)
    rv.addLayout(slice_row)
    self.plot_note = QLabel(right)
    self.plot_note.setObjectName("plotNote")
    self.plot_note.setWordWrap(True)
    rv.addWidget(self.plot_note)

    self.two_layer_group = QGroupBox(right)
    self.two_layer_group.setObjectName("twoLayerGroup")
    tv = self.two_layer_grid = QGridLayout(self.two_layer_group)
    self.two_layer_label = QLabel(self.two_layer_group)
    self.two_layer_label.setObjectName("twoLayerLabel")
    self.two_layer_label.setWordWrap(True)
    self.two_layer_label.setTextFormat(Qt.TextFormat.RichText)
    self.two_layer_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    self.two_layer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label_area = QScrollArea(self.two_layer_group)
    label_area.setWidgetResizable(True)
    label_area.setFrameShape(QFrame.Shape.NoFrame)
    label_area.setWidget(self.two_layer_label)
    label_area.setMinimumHeight(60)
    tv.addWidget(label_area, 0, 0)
    # the hidden-space plot (column 1) is built when a table first needs it: build_hidden_plot
    self.hidden_note = QLabel(self.two_layer_group)
    self.hidden_note.setWordWrap(True)
    tv.addWidget(self.hidden_note, 1, 0, 1, 2)
    self.send_button = QPushButton(self.two_layer_group)
    self.send_button.setObjectName("sendNetworkButton")
    tv.addWidget(self.send_button, 2, 0, 1, 2)
    tv.setColumnStretch(0, 1)
    tv.setColumnStretch(1, 1)
    rv.addWidget(self.two_layer_group, 2)


def build_hidden_plot(self: GatesTab) -> BoundaryPlot:
    """The two-layer solution's hidden-space plot, put in its place in the group.

    Built on first need, not with the tab: most tables are separable and never show it,
    and nothing needless is built before the first paint (bench/bench_6_startup.py).
    """
    plot = BoundaryPlot(self.two_layer_group, draggable=False)
    plot.setObjectName("hiddenPlot")
    plot.setMinimumSize(120, 100)
    self.two_layer_grid.addWidget(plot, 0, 1)
    return plot
