"""The Gates tab's widgets, laid out (like a Designer ``Ui_`` class, in code).

``GatesUi(content, binder)`` creates the widgets and keeps them as its attributes; the
declared settings' fields (w1 w2 w3 b, learning rate, epochs, speed, "start from the
current w and b", the plot slice) come from ``binder`` (``gui.binder.SettingsBinder``).
The tab connects the signals and sets the other texts in ``retranslate_ui``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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

from gui.binder import SettingsBinder
from gui.models.gates import INPUTS_SETTING, PRESET_SETTING, WEIGHT_KEYS
from gui.tabs.gates_plot import BoundaryPlot
from gui.tabs.gates_table import TruthTableModel, TruthTableView
from gui.text import ERROR_COLOR

__all__ = ["GatesUi", "SLIDER_SCALE", "SLIDER_LIMIT"]

SLIDER_SCALE = 100  # slider units per 1.0
SLIDER_LIMIT = 5.0  # the sliders span ±5; the fields take the whole range


class GatesUi:
    """Every widget of the Gates tab, built in ``content``."""

    def __init__(self, content: QWidget, binder: SettingsBinder) -> None:
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, content)
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
        self._build_left(left, binder)
        self._build_right(right)

    def _build_left(self, left: QWidget, binder: SettingsBinder) -> None:
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 4, 0)
        top = QHBoxLayout()
        self.preset_label = QLabel(left)
        self.preset_combo = QComboBox(left)
        self.preset_combo.setObjectName(PRESET_SETTING.object_name)
        for key in PRESET_SETTING.keys:
            self.preset_combo.addItem("", key)
        self.preset_label.setBuddy(self.preset_combo)
        self.inputs_label = QLabel(left)
        self.inputs_combo = QComboBox(left)
        self.inputs_combo.setObjectName(INPUTS_SETTING.object_name)
        for n in range(INPUTS_SETTING.minimum, INPUTS_SETTING.maximum + 1):
            self.inputs_combo.addItem(str(n), n)
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

        self.table_model = TruthTableModel(left)
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
        self.message_label.setStyleSheet(f"color: {ERROR_COLOR};")
        lv.addWidget(self.message_label)

        self.weights_group = QGroupBox(left)
        grid = QGridLayout(self.weights_group)
        self.weight_sliders: dict[str, QSlider] = {}
        for i, key in enumerate(WEIGHT_KEYS):
            slider = QSlider(Qt.Orientation.Horizontal, self.weights_group)
            slider.setObjectName(f"{key}Slider")
            limit = int(SLIDER_LIMIT * SLIDER_SCALE)
            slider.setRange(-limit, limit)
            slider.setSingleStep(5)
            slider.setPageStep(50)
            field = binder.widget(key)
            field.setMinimumWidth(70)
            grid.addWidget(binder.label(key), i, 0)
            grid.addWidget(field, i, 1)
            grid.addWidget(slider, i, 2)
            self.weight_sliders[key] = slider
        grid.setColumnStretch(2, 1)
        lv.addWidget(self.weights_group)

        self.learn_group = QGroupBox(left)
        form = QFormLayout(self.learn_group)
        binder.add_rows(form, ("learning_rate", "max_epochs", "speed", "start_from_current"))
        self.learn_button = QPushButton(self.learn_group)
        self.learn_button.setObjectName("learnButton")
        self.learn_status = QLabel(self.learn_group)
        self.learn_status.setObjectName("learnStatus")
        self.learn_status.setWordWrap(True)
        form.addRow(self.learn_button)
        form.addRow(self.learn_status)
        lv.addWidget(self.learn_group)
        lv.addStretch(1)

        self.slice_label = binder.label("slice")
        self.slice_combo = binder.widget("slice")

    def _build_right(self, right: QWidget) -> None:
        rv = QVBoxLayout(right)
        rv.setContentsMargins(4, 0, 0, 0)
        self.plot = BoundaryPlot(right)
        self.plot.setObjectName("boundaryPlot")
        self.plot.setMinimumSize(160, 140)
        rv.addWidget(self.plot, 3)
        slice_row = QHBoxLayout()
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
        # the hidden-space plot (column 1) is built when a table first needs it
        self._hidden_plot: BoundaryPlot | None = None
        self.hidden_note = QLabel(self.two_layer_group)
        self.hidden_note.setWordWrap(True)
        tv.addWidget(self.hidden_note, 1, 0, 1, 2)
        self.send_button = QPushButton(self.two_layer_group)
        self.send_button.setObjectName("sendNetworkButton")
        tv.addWidget(self.send_button, 2, 0, 1, 2)
        tv.setColumnStretch(0, 1)
        tv.setColumnStretch(1, 1)
        rv.addWidget(self.two_layer_group, 2)

    @property
    def hidden_plot_built(self) -> bool:
        return self._hidden_plot is not None

    def hidden_plot(self) -> BoundaryPlot:
        """The two-layer solution's hidden-space plot, built on first need: most tables are
        separable and never show it (nothing needless before the first paint,
        bench/bench_6_startup.py)."""
        if self._hidden_plot is None:
            plot = BoundaryPlot(self.two_layer_group, draggable=False)
            plot.setObjectName("hiddenPlot")
            plot.setMinimumSize(120, 100)
            self.two_layer_grid.addWidget(plot, 0, 1)
            self._hidden_plot = plot
        return self._hidden_plot
