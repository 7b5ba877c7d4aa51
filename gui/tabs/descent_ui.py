"""The Descent tab's widgets, laid out (like a Designer ``Ui_`` class, in code).

``DescentUi(content, binder, racers)`` builds the controls around the declared settings'
fields (from ``binder``), the racers panel, the run buttons and the plots, and keeps them
as its attributes. The tab connects the signals and sets the other texts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.binder import SettingsBinder
from gui.models.descent import MAX_RACERS
from gui.plotting import cache_axes, pg
from gui.tabs.descent_derivative import DerivativeLab
from gui.tabs.descent_plots import DecadeAxis, ResultsModel, ResultsTable, SurfaceMap
from gui.tabs.descent_racers import RacersPanel
from gui.text import ERROR_COLOR

__all__ = ["DescentUi"]


class DescentUi:
    """Every widget of the Descent tab, built in ``tab.content``."""

    def __init__(self, tab: QWidget, content: QWidget, binder: SettingsBinder, racers: RacersPanel):
        self.binder = binder
        self.racers = racers
        scroll = QScrollArea(content)
        scroll.setWidget(self._controls(binder))
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(200)
        self._plots()
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, content)
        self.main_splitter.addWidget(scroll)
        self.main_splitter.addWidget(self.views)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setCollapsible(1, False)
        self.main_splitter.setSizes([360, 900])
        layout = QHBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.main_splitter)
        self.shortcuts: dict[str, list[QShortcut]] = {}
        for name, keys in (
            ("run", ("R", "Ctrl+R")),
            ("stop", ("Esc",)),
            ("pause", ("Space",)),
            ("step", ("S",)),
        ):
            self.shortcuts[name] = []
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), tab)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.shortcuts[name].append(shortcut)

    def _controls(self, binder: SettingsBinder) -> QWidget:
        # the function
        self.surface_box = QGroupBox()
        self.function_combo = binder.widget("surface")
        self.expression_edit = binder.widget("expression")
        self.expression_edit.setMaxLength(400)
        self.apply_button = QPushButton(self.surface_box)
        self.apply_button.setObjectName("applyExpressionButton")
        self.expression_error = QLabel(self.surface_box)
        self.expression_error.setObjectName("expressionError")
        self.expression_error.setWordWrap(True)
        self.expression_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.expression_error.hide()
        self.arrows_check = binder.widget("arrows")
        surface_layout = QGridLayout(self.surface_box)
        surface_layout.addWidget(self.function_combo, 0, 0, 1, 3)
        surface_layout.addWidget(binder.label("expression"), 1, 0)
        surface_layout.addWidget(self.expression_edit, 1, 1)
        surface_layout.addWidget(self.apply_button, 1, 2)
        surface_layout.addWidget(self.expression_error, 2, 0, 1, 3)
        surface_layout.addWidget(self.arrows_check, 3, 0, 1, 3)
        binder.label("surface").hide()
        binder.label("arrows").hide()

        # start and gradient
        self.settings_box = QGroupBox()
        self.settings_form = QFormLayout(self.settings_box)
        # the start point on one row, as a point: (x, y)
        self.start_label = QLabel(self.settings_box)
        start_row = QHBoxLayout()
        for key in ("start_x", "start_y"):
            start_row.addWidget(binder.widget(key))
            binder.label(key).hide()
        self.settings_form.addRow(self.start_label, start_row)
        binder.add_rows(self.settings_form, ("gradient", "h", "steps", "bound"))

        # racers and presets
        self.racers_box = QGroupBox()
        self.preset_notes = QPushButton(self.racers_box)
        self.preset_notes.setObjectName("presetNotesButton")
        self.preset_lr = QPushButton(self.racers_box)
        self.preset_lr.setObjectName("learningRatePresetButton")
        self.preset_ch6 = QPushButton(self.racers_box)
        self.preset_ch6.setObjectName("chapter6PresetButton")
        racers_layout = QVBoxLayout(self.racers_box)
        racers_layout.addWidget(self.racers)
        presets = QHBoxLayout()
        for button in (self.preset_notes, self.preset_lr, self.preset_ch6):
            presets.addWidget(button)
        racers_layout.addLayout(presets)

        # run controls
        self.run_box = QGroupBox()
        self.run_button = QPushButton(self.run_box)
        self.run_button.setObjectName("runButton")
        self.pause_button = QPushButton(self.run_box)
        self.pause_button.setObjectName("pauseButton")
        self.step_button = QPushButton(self.run_box)
        self.step_button.setObjectName("stepButton")
        self.stop_button = QPushButton(self.run_box)
        self.stop_button.setObjectName("stopButton")
        self.reset_button = QPushButton(self.run_box)
        self.reset_button.setObjectName("resetButton")
        self.speed_combo = binder.widget("speed")
        run_layout = QGridLayout(self.run_box)
        run_layout.addWidget(self.run_button, 0, 0)
        run_layout.addWidget(self.pause_button, 0, 1)
        run_layout.addWidget(self.step_button, 0, 2)
        run_layout.addWidget(self.stop_button, 1, 0)
        run_layout.addWidget(self.reset_button, 1, 1)
        run_layout.addWidget(binder.label("speed"), 2, 0)
        run_layout.addWidget(self.speed_combo, 2, 1, 1, 2)

        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(0, 0, 4, 0)
        for box in (self.surface_box, self.settings_box, self.racers_box, self.run_box):
            controls_layout.addWidget(box)
        controls_layout.addStretch(1)
        return controls

    def _plots(self) -> None:
        self.trajectory_plot = pg.PlotWidget()
        self.trajectory_plot.setObjectName("trajectoryPlot")
        self.trajectory_plot.setAspectLocked(False)
        self.trajectory_plot.setMenuEnabled(False)
        self.map = SurfaceMap(self.trajectory_plot.getPlotItem())
        self.start_target = pg.TargetItem(
            pos=(3.0, 4.0), size=16, pen=pg.mkPen("#ff2222", width=2), movable=True
        )
        self.start_target.setZValue(20)
        self.trajectory_plot.addItem(self.start_target)
        self.heads = pg.ScatterPlotItem(size=10, pen=pg.mkPen("#000"))
        self.heads.setZValue(15)
        self.trajectory_plot.addItem(self.heads)
        self.value_plot = pg.PlotWidget(axisItems={"left": DecadeAxis("left")})
        self.value_plot.setObjectName("valuePlot")
        self.value_plot.setLogMode(y=True)
        self.value_plot.showGrid(x=True, y=True, alpha=0.3)
        self.grad_plot = pg.PlotWidget(axisItems={"left": DecadeAxis("left")})
        self.grad_plot.setObjectName("gradPlot")
        self.grad_plot.setLogMode(y=True)
        self.grad_plot.showGrid(x=True, y=True, alpha=0.3)
        self.grad_plot.setXLink(self.value_plot)
        cache_axes(self.trajectory_plot, self.value_plot, self.grad_plot)
        for plot in (self.value_plot, self.grad_plot):
            plot.setMenuEnabled(False)
            # decades only: the 2…9 minor lines of a log grid cost more to paint than the
            # curves, every frame of a race
            plot.getAxis("left").setStyle(maxTickLevel=0)
            plot.getAxis("bottom").setStyle(maxTickLevel=0)
        # one curve per possible racer in each plot, created once and reused
        self.path_items: list[pg.PlotDataItem] = []
        self.value_items: list[pg.PlotDataItem] = []
        self.grad_items: list[pg.PlotDataItem] = []
        for _ in range(MAX_RACERS):
            path = pg.PlotDataItem(symbol="o", symbolSize=4, symbolPen=None)
            path.setZValue(10)
            self.trajectory_plot.addItem(path)
            self.path_items.append(path)
            self.value_items.append(self.value_plot.plot())
            self.grad_items.append(self.grad_plot.plot())
        for item in (*self.path_items, *self.value_items, *self.grad_items):
            item.hide()

        readouts = QSplitter(Qt.Orientation.Vertical)
        readouts.addWidget(self.value_plot)
        readouts.addWidget(self.grad_plot)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.trajectory_plot)
        top.addWidget(readouts)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = ResultsModel(self.message_label)
        self.results_table = ResultsTable()
        self.results_table.setObjectName("resultsTable")
        self.results_table.setModel(self.results)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.message_label)
        bottom_layout.addWidget(self.results_table)
        race_page = QSplitter(Qt.Orientation.Vertical)
        race_page.addWidget(top)
        race_page.addWidget(bottom)
        race_page.setStretchFactor(0, 3)
        race_page.setStretchFactor(1, 1)
        race_page.setSizes([540, 200])
        self.derivative_lab = DerivativeLab()
        self.views = QTabWidget()
        self.views.setObjectName("descentViews")
        self.views.addTab(race_page, "")
        self.views.addTab(self.derivative_lab, "")
