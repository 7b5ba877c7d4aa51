"""The Descent tab: gradient descent and the book's optimizers racing on 2-D surfaces
(book §4.3–4.4, §6.1).

The race itself is ``engine.gradient.race`` run by the tab's worker controller, one
record per step for every racer at once, so pause / single step / resume are exact.
The GUI keeps the points, redraws at most 30 times a second and explains divergence.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QPointF, Qt, QThread, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.gradient import DescentStep, Diverged, RaceRecord, race
from engine.optimizers import OPTIMIZERS, Optimizer
from engine.surfaces import SURFACES, ExpressionError, Surface, custom_surface
from gui.plotting import cache_axes, pg
from gui.tabs.base import LabTab
from gui.tabs.descent_derivative import DerivativeLab
from gui.tabs.descent_export import export_script
from gui.tabs.descent_plots import (
    DecadeAxis,
    RacerTrack,
    ResultsModel,
    ResultsTable,
    SurfaceMap,
)
from gui.tabs.descent_racers import MAX_RACERS, RacersPanel
from gui.text import ERROR_COLOR, error_style, tr_fmt
from gui.widgets import NumberField, format_number, notify
from gui.worker import RedrawThrottle

__all__ = ["DescentTab", "SPEEDS", "PRESETS"]

#: Steps per second offered by the speed slider; 0 = as fast as possible.
#: Points of one trajectory (and its readouts) drawn at most; longer runs are thinned.
PATH_POINTS_SHOWN = 2000

SPEEDS = [1, 3, 10, 30, 100, 300, 1000, 0]
DEFAULT_SPEED = 3
SURFACE_KEYS = list(SURFACES)
CUSTOM = "custom"

#: One-click set-ups: surface, start, steps, gradient and racers.
PRESETS: dict[str, dict[str, Any]] = {
    "notes": {
        "surface": "sphere",
        "start": [3.0, 4.0],
        "steps": 100,
        "gradient": "numerical",
        "racers": [{"optimizer": "SGD", "params": {"lr": 0.1}}],
    },
    "learning_rates": {
        "surface": "sphere",
        "start": [-3.0, 4.0],
        "steps": 100,
        "gradient": "numerical",
        "racers": [
            {"optimizer": "SGD", "params": {"lr": 10.0}, "colour": "#d55e00"},
            {"optimizer": "SGD", "params": {"lr": 0.1}, "colour": "#0072b2"},
            {"optimizer": "SGD", "params": {"lr": 1e-10}, "colour": "#009e73"},
        ],
    },
    "chapter6": {
        "surface": "elongated",
        "start": [-7.0, 2.0],
        "steps": 30,
        "gradient": "analytic",
        "racers": [
            {"optimizer": "SGD", "params": {"lr": 0.95}},
            {"optimizer": "Momentum", "params": {"lr": 0.1}},
            {"optimizer": "AdaGrad", "params": {"lr": 1.5}},
            {"optimizer": "Adam", "params": {"lr": 0.3}},
        ],
    },
}


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


def expression_message(error: ExpressionError) -> str:
    """A translated sentence for an expression the parser refused."""

    messages = {
        "empty": QCoreApplication.translate(
            "DescentTab", "Type a function of x and y, for example x**2 + y**2."
        ),
        "too_long": QCoreApplication.translate(
            "DescentTab", "The expression is too long (at most %2 characters)."
        ),
        "syntax": QCoreApplication.translate(
            "DescentTab", "Syntax error at column %1: check the brackets and operators."
        ),
        "name": QCoreApplication.translate(
            "DescentTab", "Unknown name “%2” at column %1: use x, y (or x0, x1), pi and e."
        ),
        "call": QCoreApplication.translate(
            "DescentTab",
            "“%2” at column %1 is not an allowed function: use sin, cos, tan, exp, log, "
            "sqrt, abs or tanh.",
        ),
        "not_value": QCoreApplication.translate(
            "DescentTab", "“%2” at column %1 is a function: write it with brackets, e.g. %2(x)."
        ),
        "arguments": QCoreApplication.translate(
            "DescentTab", "%2() at column %1 takes exactly one argument."
        ),
        "attribute": QCoreApplication.translate(
            "DescentTab", "Attribute access (“.%2”) at column %1 is not allowed."
        ),
        "operator": QCoreApplication.translate(
            "DescentTab",
            "The operator “%2” at column %1 is not allowed: use + - * / and ** for powers.",
        ),
        "constant": QCoreApplication.translate(
            "DescentTab", "Only numbers can be constants (column %1)."
        ),
        "construct": QCoreApplication.translate(
            "DescentTab", "“%2” at column %1 is not allowed in a formula."
        ),
        "too_deep": QCoreApplication.translate(
            "DescentTab", "The expression is nested too deeply (column %1)."
        ),
        "overflow": QCoreApplication.translate(
            "DescentTab", "A constant part at column %1 is too large for float64."
        ),
        "undefined": QCoreApplication.translate(
            "DescentTab",
            "A constant part at column %1 is undefined (e.g. the log of a negative number).",
        ),
    }
    text = messages.get(
        error.reason,
        QCoreApplication.translate("DescentTab", "This expression cannot be used (column %1)."),
    )
    return tr_fmt(text, str(error.column), error.detail)


class DescentTab(LabTab):
    """Descent: surfaces, a start point, racing optimizers, live readouts, derivative lab."""

    lesson_key = "descent"
    object_name = "descentTab"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.surface: Surface = SURFACES["sphere"]
        self.tracks: list[RacerTrack] = []
        self.pace = Pace(SPEEDS[DEFAULT_SPEED])
        self.controller = self.make_controller()
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state_changed)
        self.throttle = RedrawThrottle(self._redraw, 30, self)
        self._run_surface: Surface | None = None
        self._start_at_run: tuple[float, float] | None = None
        self._build_ui()
        self._connect()
        self._apply_preset_settings(PRESETS["notes"])
        self._show_empty_readouts()
        self.finish_setup()
        self._update_buttons()

    # -- construction ------------------------------------------------------------------
    def _build_ui(self) -> None:
        # surface
        self.surface_box = QGroupBox(self.content)
        self.function_combo = QComboBox(self.surface_box)
        self.function_combo.setObjectName("functionCombo")
        for key in SURFACE_KEYS:
            self.function_combo.addItem(key, key)
        self.function_combo.addItem(CUSTOM, CUSTOM)
        self.expression_edit = QLineEdit(self.surface_box)
        self.expression_edit.setObjectName("expressionEdit")
        self.expression_edit.setMaxLength(400)
        self.apply_button = QPushButton(self.surface_box)
        self.apply_button.setObjectName("applyExpressionButton")
        self.expression_error = QLabel(self.surface_box)
        self.expression_error.setObjectName("expressionError")
        self.expression_error.setWordWrap(True)
        self.expression_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.expression_error.hide()
        self.arrows_check = QCheckBox(self.surface_box)
        self.arrows_check.setObjectName("arrowsCheck")
        surface_layout = QGridLayout(self.surface_box)
        surface_layout.addWidget(self.function_combo, 0, 0, 1, 2)
        surface_layout.addWidget(self.expression_edit, 1, 0)
        surface_layout.addWidget(self.apply_button, 1, 1)
        surface_layout.addWidget(self.expression_error, 2, 0, 1, 2)
        surface_layout.addWidget(self.arrows_check, 3, 0, 1, 2)

        # start and settings
        self.settings_box = QGroupBox(self.content)
        self.start_x = NumberField(3.0, -1e6, 1e6, step=0.1, digits=10)
        self.start_x.setObjectName("startX")
        self.start_y = NumberField(4.0, -1e6, 1e6, step=0.1, digits=10)
        self.start_y.setObjectName("startY")
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_x)
        start_row.addWidget(self.start_y)
        self.gradient_combo = QComboBox()
        self.gradient_combo.setObjectName("gradientCombo")
        self.gradient_combo.addItems(["numerical", "analytic"])
        self.h_field = NumberField(1e-4, 1e-300, 1.0, step=1e-5, digits=10)
        self.h_field.setObjectName("hField")
        self.steps_field = NumberField(100, 1, 10000, step=10, integer=True)
        self.steps_field.setObjectName("stepsField")
        self.bound_field = NumberField(1e6, 1.0, 1e300, step=1e5, digits=10)
        self.bound_field.setObjectName("boundField")
        self.settings_form = QFormLayout(self.settings_box)
        self.settings_labels = [QLabel(self.settings_box) for _ in range(5)]
        for label, field in zip(
            self.settings_labels,
            (start_row, self.gradient_combo, self.h_field, self.steps_field, self.bound_field),
            strict=True,
        ):
            self.settings_form.addRow(label, field)

        # racers
        self.racers_box = QGroupBox(self.content)
        self.racers = RacersPanel(self.racers_box)
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
        self.run_box = QGroupBox(self.content)
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
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, self.run_box)
        self.speed_slider.setObjectName("speedSlider")
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setValue(DEFAULT_SPEED)
        self.speed_label = QLabel(self.run_box)
        self.speed_label.setMinimumWidth(80)
        run_layout = QGridLayout(self.run_box)
        run_layout.addWidget(self.run_button, 0, 0)
        run_layout.addWidget(self.pause_button, 0, 1)
        run_layout.addWidget(self.step_button, 0, 2)
        run_layout.addWidget(self.stop_button, 1, 0)
        run_layout.addWidget(self.reset_button, 1, 1)
        run_layout.addWidget(self.speed_slider, 2, 0, 1, 2)
        run_layout.addWidget(self.speed_label, 2, 2)

        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(0, 0, 4, 0)
        for box in (self.surface_box, self.settings_box, self.racers_box, self.run_box):
            controls_layout.addWidget(box)
        controls_layout.addStretch(1)
        scroll = QScrollArea(self.content)
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(200)

        # plots
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
        self._value_log = True
        self._readout_ranges: dict[pg.PlotWidget, tuple[float, float]] = {}
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
        self.results = ResultsModel(self)
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
        self.views = QTabWidget(self.content)
        self.views.setObjectName("descentViews")
        self.views.addTab(race_page, "")
        self.views.addTab(self.derivative_lab, "")

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self.content)
        self.main_splitter.addWidget(scroll)
        self.main_splitter.addWidget(self.views)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setCollapsible(1, False)
        self.main_splitter.setSizes([360, 900])
        layout = QHBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.main_splitter)

        # keyboard
        self.shortcuts: dict[str, list[QShortcut]] = {}
        for name, keys in (
            ("run", ("R", "Ctrl+R")),
            ("stop", ("Esc",)),
            ("pause", ("Space",)),
            ("step", ("S",)),
        ):
            self.shortcuts[name] = []
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.shortcuts[name].append(shortcut)

    def _connect(self) -> None:
        self.function_combo.currentIndexChanged.connect(self._on_function_changed)
        self.expression_edit.returnPressed.connect(self._on_apply_expression)
        self.apply_button.clicked.connect(self._on_apply_expression)
        self.arrows_check.toggled.connect(self._on_arrows_toggled)
        self.start_x.value_changed.connect(self._on_start_field)
        self.start_y.value_changed.connect(self._on_start_field)
        self.start_target.sigPositionChanged.connect(self._on_target_moved)
        self.trajectory_plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self.speed_slider.valueChanged.connect(self._on_speed_changed)
        self.steps_field.value_changed.connect(self._on_steps_changed)
        self.run_button.clicked.connect(self.run)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.step_button.clicked.connect(self.single_step)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset)
        self.preset_notes.clicked.connect(self._on_preset_notes)
        self.preset_lr.clicked.connect(self._on_preset_lr)
        self.preset_ch6.clicked.connect(self._on_preset_ch6)
        for shortcut in self.shortcuts["run"]:
            shortcut.activated.connect(self.run)
        for shortcut in self.shortcuts["stop"]:
            shortcut.activated.connect(self.stop)
        for shortcut in self.shortcuts["pause"]:
            shortcut.activated.connect(self.toggle_pause)
        for shortcut in self.shortcuts["step"]:
            shortcut.activated.connect(self.single_step)

    # -- language ----------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Descent")

    def surface_name(self, key: str) -> str:
        names = {
            "sphere": self.tr("x0² + x1² (study notes, §4.4)"),
            "elongated": self.tr("x²/20 + y² (book §6.1)"),
            "rosenbrock": self.tr("Rosenbrock (a curved valley)"),
            "himmelblau": self.tr("Himmelblau (four minima)"),
            "beale": self.tr("Beale (flat plateaus, sharp ridges)"),
            "saddle": self.tr("Saddle x² − y² (no minimum)"),
            CUSTOM: self.tr("Your own function…"),
        }
        return names[key]

    def retranslate_ui(self) -> None:
        self.surface_box.setTitle(self.tr("Function"))
        for i in range(self.function_combo.count()):
            self.function_combo.setItemText(i, self.surface_name(self.function_combo.itemData(i)))
        self.function_combo.setToolTip(
            self.tr("The function whose minimum the optimizers look for")
        )
        self.expression_edit.setPlaceholderText(self.tr("e.g. x**2 + 3*y**2 + sin(x)"))
        self.expression_edit.setToolTip(
            self.tr(
                "Type a function of x and y (x0, x1 also work) with numbers, + - * / **, "
                "brackets, sin cos tan exp log sqrt abs tanh, pi and e; press Enter"
            )
        )
        self.apply_button.setText(self.tr("Plot"))
        self.apply_button.setToolTip(self.tr("Use the typed function (Enter)"))
        self.arrows_check.setText(self.tr("Show −∇f arrows (Fig. 4-9)"))
        self.arrows_check.setToolTip(
            self.tr("Arrows point downhill, along minus the gradient; longer where it is steeper")
        )
        self.settings_box.setTitle(self.tr("Start and gradient"))
        labels = [
            self.tr("Start (x, y)"),
            self.tr("Gradient"),
            self.tr("h"),
            self.tr("Steps"),
            self.tr("Bound |x|"),
        ]
        for label, text in zip(self.settings_labels, labels, strict=True):
            label.setText(text)
        for field, tip in (
            (self.start_x, self.tr("x of the start point (or click or drag on the map)")),
            (self.start_y, self.tr("y of the start point (or click or drag on the map)")),
            (self.h_field, self.tr("Step of the central difference (f(x+h) − f(x−h)) / 2h")),
            (self.steps_field, self.tr("How many updates each optimizer makes")),
            (
                self.bound_field,
                self.tr("A run that leaves |x| ≤ bound is reported as diverged and stopped"),
            ),
        ):
            field.setProperty("help", tip)
            field.setToolTip(tip)
        self.gradient_combo.setItemText(0, self.tr("numerical (central difference)"))
        self.gradient_combo.setItemText(1, self.tr("analytic"))
        self.gradient_combo.setToolTip(
            self.tr(
                "Numerical: the book's numerical_gradient with step h. Analytic: the exact formula"
            )
        )
        self.racers_box.setTitle(self.tr("Optimizers"))
        self.racers.retranslate_ui()
        self.preset_notes.setText(self.tr("Study notes"))
        self.preset_notes.setToolTip(
            self.tr("x0² + x1² from (3, 4), SGD with lr 0.1, 100 steps, as in the study notes")
        )
        self.preset_lr.setText(self.tr("lr comparison"))
        self.preset_lr.setToolTip(
            self.tr("SGD with lr 10, 0.1 and 1e-10 from (−3, 4): too large, right, too small")
        )
        self.preset_ch6.setText(self.tr("Ch. 6 race"))
        self.preset_ch6.setToolTip(
            self.tr(
                "The book's §6.1 comparison on x²/20 + y² from (−7, 2): "
                "SGD, Momentum, AdaGrad, Adam"
            )
        )
        self.run_box.setTitle(self.tr("Run"))
        self.run_button.setText(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Start the race from the start point (R, Ctrl+R)"))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Advance every optimizer by one step (S)"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the race; the points so far stay (Esc)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Stop and clear the trajectories and the table"))
        self.speed_slider.setToolTip(self.tr("Steps per second while running"))
        self._update_speed_label()
        self._update_pause_text()
        self.trajectory_plot.setTitle(self.tr("Trajectories"))
        self.trajectory_plot.setToolTip(
            self.tr("Click or drag the red target to set the start point; wheel to zoom")
        )
        self.trajectory_plot.setLabel("bottom", "x")
        self.trajectory_plot.setLabel("left", "y")
        self.value_plot.setTitle(self.tr("f per step"))
        self.value_plot.setLabel("bottom", self.tr("step"))
        self.grad_plot.setTitle(self.tr("‖∇f‖ per step"))
        self.grad_plot.setLabel("bottom", self.tr("step"))
        self.views.setTabText(0, self.tr("Race"))
        self.views.setTabText(1, self.tr("Derivative lab"))
        self.views.setTabToolTip(1, self.tr("Tangent lines and the error of numerical differences"))
        self.results.headers = [
            self.tr("Optimizer"),
            self.tr("Status"),
            self.tr("Steps"),
            "x",
            "y",
            "f(x, y)",
            "‖∇f‖",
        ]
        self.results.status_text = {
            "waiting": self.tr("waiting"),
            "running": self.tr("running"),
            "finished": self.tr("finished"),
            "barely_moved": self.tr("barely moved"),
            "diverged": self.tr("diverged at step %1"),
            "stopped": self.tr("stopped"),
        }
        self.results.status_tips = {
            "barely_moved": self.tr("finished: barely moved (learning rate too small?)"),
            "diverged": self.tr("The point left the region or became NaN: see the message above"),
            "stopped": self.tr("Stopped before the last step (Stop or Esc)"),
        }
        self.results.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, ResultsModel.COLUMNS - 1)
        self.results.refresh()
        self.results_table.setToolTip(self.tr("Each optimizer's last point, to full precision"))
        self.derivative_lab.retranslate_ui()
        self._explain_divergences()
        if not self.tracks:
            self._show_hint()

    def _show_hint(self) -> None:
        """What to do, in the empty space above the empty table (before any race)."""
        self.message_label.setStyleSheet("color: #555;")
        self.message_label.setText(
            self.tr(
                "Press Run (R) to race the ticked optimizers from the red target, or press "
                "one of the presets; each one's last point appears in this table."
            )
        )

    # -- surface and start ---------------------------------------------------------------
    def set_surface(self, surface: Surface) -> None:
        """Show ``surface`` (heat map computed once) and make it the one raced on."""
        self.surface = surface
        self.map.show_surface(surface, self.arrows_check.isChecked())
        self.gradient_combo.model().item(1).setEnabled(surface.has_gradient)
        if not surface.has_gradient:
            self.gradient_combo.setCurrentIndex(0)
        if self.expression_edit.text() != surface.text:
            self.expression_edit.setText(surface.text)
        self.expression_error.hide()

    def select_surface(self, key: str) -> None:
        """Select a named surface (or ``"custom"``) in the combo box."""
        index = self.function_combo.findData(key)
        if index < 0:
            raise ValueError(f"unknown surface {key!r}")
        if index == self.function_combo.currentIndex():
            self._on_function_changed(index)
        else:
            self.function_combo.setCurrentIndex(index)

    def start_point(self) -> tuple[float, float]:
        return (float(self.start_x.value()), float(self.start_y.value()))

    def set_start(self, x: float, y: float) -> None:
        self.start_x.setValue(x)
        self.start_y.setValue(y)
        self._move_target()

    def _move_target(self) -> None:
        blocked = self.start_target.blockSignals(True)
        self.start_target.setPos(QPointF(*self.start_point()))
        self.start_target.blockSignals(blocked)

    @Slot(int)
    def _on_function_changed(self, index: int) -> None:
        key = self.function_combo.itemData(index)
        if key == CUSTOM:
            self.expression_edit.setFocus()
            self.expression_edit.selectAll()
            return
        surface = SURFACES[key]
        self.set_surface(surface)
        self.set_start(*surface.start)

    @Slot()
    def _on_apply_expression(self) -> bool:
        text = self.expression_edit.text()
        named = SURFACES.get(self.function_combo.currentData())
        if named is not None and text.strip() == named.text:
            return True
        try:
            surface = custom_surface(text, self.surface.view, self.start_point())
        except ExpressionError as exc:
            message = expression_message(exc)
            self.expression_error.setText(message)
            self.expression_error.show()
            self.expression_edit.setStyleSheet(error_style())
            if exc.column:
                self.expression_edit.setCursorPosition(max(0, exc.column - 1))
            notify(self, message)
            return False
        self.expression_edit.setStyleSheet("")
        blocked = self.function_combo.blockSignals(True)
        self.function_combo.setCurrentIndex(self.function_combo.findData(CUSTOM))
        self.function_combo.blockSignals(blocked)
        self.set_surface(surface)
        return True

    @Slot(float)
    def _on_steps_changed(self, _value: float) -> None:
        if not self.tracks:
            self._show_empty_readouts()

    @Slot(bool)
    def _on_arrows_toggled(self, checked: bool) -> None:
        self.map.set_arrows_visible(checked)

    @Slot(float)
    def _on_start_field(self, _value: float) -> None:
        self._move_target()

    @Slot(object)
    def _on_target_moved(self, _item: object = None) -> None:
        pos = self.start_target.pos()
        self.start_x.setValue(float(pos.x()))
        self.start_y.setValue(float(pos.y()))

    @Slot(object)
    def _on_plot_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        view = self.trajectory_plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        self.set_start(round(point.x(), 4), round(point.y(), 4))
        notify(
            self,
            tr_fmt(
                self.tr("Start point set to (%1, %2): press Run (R)."),
                format_number(self.start_x.value()),
                format_number(self.start_y.value()),
            ),
        )

    # -- presets --------------------------------------------------------------------------
    def _apply_preset_settings(self, preset: dict[str, Any]) -> None:
        self.controller.stop()
        self.select_surface(preset["surface"])
        self.set_start(*preset["start"])
        self.steps_field.setValue(preset["steps"])
        self.gradient_combo.setCurrentIndex(1 if preset["gradient"] == "analytic" else 0)
        self.racers.set_racers(preset["racers"])

    def apply_preset(self, key: str, run: bool = True) -> None:
        """Set up a preset (``notes``, ``learning_rates``, ``chapter6``) and run it."""
        self._apply_preset_settings(PRESETS[key])
        if run:
            self.run()

    @Slot()
    def _on_preset_notes(self) -> None:
        self.apply_preset("notes")

    @Slot()
    def _on_preset_lr(self) -> None:
        self.apply_preset("learning_rates")

    @Slot()
    def _on_preset_ch6(self) -> None:
        self.apply_preset("chapter6")

    # -- running --------------------------------------------------------------------------
    def _prepare_run(self) -> bool:
        """Check the settings, clear the old run and build the tracks; False if unusable."""
        needs_parse = self.function_combo.currentData() == CUSTOM or (
            self.expression_edit.text().strip() != self.surface.text
        )
        if needs_parse and not self._on_apply_expression():
            return False
        rows = self.racers.enabled_rows()
        if not rows:
            notify(self, self.tr("Tick at least one optimizer to race."))
            self.message_label.setStyleSheet(f"color: {ERROR_COLOR};")
            self.message_label.setText(self.tr("Tick at least one optimizer to race."))
            return False
        self.controller.stop()
        self._clear_run_items()
        self.tracks = [RacerTrack(row.label(), row.colour.name()) for row in rows]
        self._optimizers = [row.make_optimizer() for row in rows]
        for i, track in enumerate(self.tracks):
            track.status = "running"
            pen = pg.mkPen(track.colour, width=2)
            self.path_items[i].setPen(pen)
            self.path_items[i].setSymbolBrush(track.colour)
            self.value_items[i].setPen(pen)
            self.grad_items[i].setPen(pen)
            for item in (self.path_items[i], self.value_items[i], self.grad_items[i]):
                item.show()
        self.results.set_tracks(self.tracks)
        self._readout_ranges = {}
        self.message_label.setStyleSheet("")
        self.message_label.setText("")
        self._run_surface = self.surface
        self._start_at_run = self.start_point()
        return True

    def _factory(self) -> functools.partial:
        return functools.partial(
            race_records,
            self._run_surface,
            list(self._start_at_run),
            self._optimizers,
            int(self.steps_field.value()),
            self.gradient_combo.currentIndex() == 1 and self._run_surface.has_gradient,
            float(self.bound_field.value()),
            float(self.h_field.value()),
            self.pace,
        )

    @Slot()
    def run(self) -> None:
        """Start (or restart) the race."""
        if self.controller.state == "paused" and self.tracks:
            self.controller.resume()
            return
        if self._prepare_run():
            self.controller.start(self._factory(), pack=pack_race)

    @Slot()
    def toggle_pause(self) -> None:
        """Pause a running race, resume a paused one (Space)."""
        state = self.controller.state
        if state == "running":
            self.controller.pause()
        elif state == "paused":
            self.controller.resume()
        else:
            self.run()

    @Slot()
    def single_step(self) -> None:
        """One step of every optimizer; starts a paused race when none is going (S)."""
        if self.controller.is_active():
            self.controller.step(1)
            return
        if self._prepare_run():
            self.controller.start(self._factory(), paused=True, pack=pack_race)
            self.controller.step(2)  # the start point and the first step

    @Slot()
    def stop(self) -> None:
        """Stop the race; what was computed stays on screen."""
        if self.controller.is_active():
            self.controller.stop()

    @Slot()
    def reset(self) -> None:
        """Stop and clear trajectories, readouts and the table."""
        self.controller.stop()
        self._clear_run_items()
        self.tracks = []
        self.results.set_tracks([])
        self._show_hint()

    def _clear_run_items(self) -> None:
        """Empty and hide the curves (they are reused, never deleted: a deleted graphics
        item could be freed by Python's garbage collector in the worker thread)."""
        for item in (*self.path_items, *self.value_items, *self.grad_items):
            item.setData([], [])
            item.hide()
        self.heads.setData([], [])
        self._show_empty_readouts()

    def _show_empty_readouts(self) -> None:
        """Before a run: steps 0…Steps and 0.001…1 on the log axes (decades, not the
        2…9 minor ticks of an empty log range); the next run autoranges again."""
        if self._value_log is not True:
            self._value_log = True
            self.value_plot.setLogMode(y=True)
        steps = int(self.steps_field.value()) if hasattr(self, "steps_field") else 100
        for plot in (self.value_plot, self.grad_plot):
            plot.setXRange(0, max(1, steps), padding=0.03)
            plot.setYRange(-3.3, 0.3, padding=0)

    def _autorange_readouts(self) -> None:
        for plot in (self.value_plot, self.grad_plot):
            plot.enableAutoRange()

    @Slot(object)
    def _on_records(self, packed: list[tuple[np.ndarray, int | None, Diverged | None]]) -> None:
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
            self._explain_divergences()
        self.throttle.request()

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        for track in self.tracks:
            if track.status != "running":
                continue
            if not completed:
                track.status = "stopped"
            elif self._barely_moved(track):
                track.status = "barely_moved"
            else:
                track.status = "finished"
        self._explain_divergences()
        self.throttle.request()
        self.throttle.flush()
        if any(track.n for track in self.tracks):
            self._autorange_readouts()  # the whole run fitted exactly, now it has ended
        self._update_buttons()

    @staticmethod
    def _barely_moved(track: RacerTrack) -> bool:
        if track.n < 2:
            return False
        moved = math.hypot(track.xs[-1] - track.xs[0], track.ys[-1] - track.ys[0])
        scale = max(1.0, math.hypot(track.xs[0], track.ys[0]))
        return moved < 1e-6 * scale

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        text = tr_fmt(self.tr("The run stopped because of an error: %1"), message)
        self.message_label.setText(text)
        notify(self, text)

    @Slot(str)
    def _on_state_changed(self, _state: str) -> None:
        self._update_buttons()

    def _explain_divergences(self) -> None:
        lines = []
        for track in self.tracks:
            d = track.diverged
            if d is None:
                if track.status == "barely_moved":
                    lines.append(
                        tr_fmt(
                            self.tr(
                                "%1 barely moved in %2 steps: the learning rate is probably too "
                                "small for this function."
                            ),
                            track.label,
                            str(track.steps),
                        )
                    )
                continue
            if d.reason == "bound":
                text = self.tr(
                    "%1 diverged at step %2: the point left the plotted region (|x| > %3) — "
                    "the learning rate is too large for this function, or f has no minimum "
                    "in that direction."
                )
            else:
                text = self.tr(
                    "%1 diverged at step %2: the point became NaN or infinite — the learning "
                    "rate is too large for this function, or f is undefined there."
                )
            lines.append(tr_fmt(text, track.label, str(d.step), format_number(d.bound or 0.0)))
        if lines:
            message = "\n".join(lines)
            self.message_label.setStyleSheet(f"color: {ERROR_COLOR};")
            self.message_label.setText(message)
            notify(self, lines[-1])
        elif hasattr(self, "message_label"):
            self.message_label.setStyleSheet("")

    def _redraw(self) -> None:
        self.controller.hold(self)  # a race at full speed would slow this frame down ~10×
        heads_x, heads_y, brushes = [], [], []
        values_positive = all(track.value_min > 0 for track in self.tracks if track.n)
        if values_positive != self._value_log:
            self._value_log = values_positive
            self.value_plot.setLogMode(y=values_positive)
            self._readout_ranges.pop(self.value_plot, None)  # that range was in other units
        for i, track in enumerate(self.tracks):
            n = track.n
            # long runs are drawn through evenly spaced points (the last one included), so a
            # frame costs the same at step 100 and at step 10,000
            shown = (
                np.linspace(0, n - 1, PATH_POINTS_SHOWN).astype(np.intp)
                if n > PATH_POINTS_SHOWN
                else slice(None)
            )
            path = self.path_items[i]
            path.setData(track.xs[shown], track.ys[shown], skipFiniteCheck=True)
            path.setSymbol("o" if n <= 500 else None)
            steps = np.arange(n)[shown]
            values = track.values[shown]
            if self._value_log:
                values = np.where(values > 0, values, np.nan)
            self.value_items[i].setData(steps, values, connect="finite")
            norms = track.grad_norms[shown]
            self.grad_items[i].setData(steps, np.where(norms > 0, norms, np.nan), connect="finite")
            if n:
                heads_x.append(track.xs[-1])
                heads_y.append(track.ys[-1])
                brushes.append(pg.mkBrush(track.colour))
        self.heads.setData(heads_x, heads_y, brush=brushes)
        if self.controller.is_active():
            self._fit_readouts_while_running()
        self.results.refresh()

    def _fit_readouts_while_running(self) -> None:
        """Fixed readout ranges during a run: steps 0…Steps, and y in whole decades (or a
        range) that only widens when a value falls outside it. Autoranging every frame
        regenerated the log axes 30 times a second and made the window stutter (p99
        timer lateness 45 ms; 7 ms with fixed ranges)."""
        live = [t for t in self.tracks if t.n]
        if not live:
            return

        def extent(low_attr: str, high_attr: str) -> tuple[float, float] | None:
            lows = [getattr(t, low_attr) for t in live]
            highs = [getattr(t, high_attr) for t in live]
            lows = [v for v in lows if np.isfinite(v)]
            highs = [v for v in highs if np.isfinite(v)]
            return (min(lows), max(highs)) if lows and highs else None

        steps = max(1, int(self.steps_field.value()))
        value_extent = (
            extent("positive_min", "value_max")
            if self._value_log
            else extent("value_min", "value_max")
        )
        for plot, found, log in (
            (self.value_plot, value_extent, self._value_log),
            (self.grad_plot, extent("norm_min", "norm_max"), True),
        ):
            view = plot.getViewBox()
            view.disableAutoRange()
            old = self._readout_ranges.get(plot)
            if old is None:
                plot.setXRange(0, steps, padding=0.03)
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

    # -- speed and buttons ----------------------------------------------------------------
    @Slot(int)
    def _on_speed_changed(self, index: int) -> None:
        self.pace.set_speed(SPEEDS[index])
        self._update_speed_label()

    def _update_speed_label(self) -> None:
        speed = SPEEDS[self.speed_slider.value()]
        self.speed_label.setText(
            self.tr("max speed") if speed == 0 else tr_fmt(self.tr("%1 steps/s"), str(speed))
        )

    def _update_pause_text(self) -> None:
        paused = self.controller.state == "paused"
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause or resume the race (Space)"))

    def _update_buttons(self) -> None:
        if not hasattr(self, "run_button"):
            return
        active = self.controller.is_active()
        self.pause_button.setEnabled(active)
        self.stop_button.setEnabled(active)
        self._update_pause_text()

    # -- hooks ----------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "surface": self.function_combo.currentData(),
            "expression": self.surface.text,
            "start": list(self.start_point()),
            "gradient": "analytic" if self.gradient_combo.currentIndex() == 1 else "numerical",
            "h": float(self.h_field.value()),
            "steps": int(self.steps_field.value()),
            "bound": float(self.bound_field.value()),
            "speed": SPEEDS[self.speed_slider.value()],
            "arrows": self.arrows_check.isChecked(),
            "racers": [row.to_dict() for row in self.racers.rows],
        }

    def set_state(self, state: dict[str, Any]) -> None:
        if not isinstance(state, dict):
            raise ValueError("the Descent state must be an object")
        try:
            key = state.get("surface", "sphere")
            if key != CUSTOM and key not in SURFACES:
                raise ValueError(f"unknown surface {key!r}")
            expression = str(state.get("expression", ""))
            if key == CUSTOM:
                surface = custom_surface(expression)
            start = [float(v) for v in state.get("start", [3.0, 4.0])]
            if len(start) != 2 or not all(math.isfinite(v) and abs(v) <= 1e6 for v in start):
                raise ValueError("the start point must be two finite numbers")
            numbers = {
                "h": (float(state.get("h", 1e-4)), 1e-300, 1.0),
                "steps": (float(state.get("steps", 100)), 1, 10000),
                "bound": (float(state.get("bound", 1e6)), 1.0, 1e300),
            }
            for name, (value, low, high) in numbers.items():
                if not (math.isfinite(value) and low <= value <= high):
                    raise ValueError(f"{name} must be between {low} and {high}")
            racers = state.get("racers", [])
            if not isinstance(racers, list) or not racers:
                raise ValueError("at least one racer is needed")
            for racer in racers:
                if not isinstance(racer, dict) or racer.get("optimizer") not in OPTIMIZERS:
                    raise ValueError("unknown optimizer in racers")
                colour = racer.get("colour")
                if colour is not None and not (
                    isinstance(colour, str) and QColor.isValidColorName(colour)
                ):
                    raise ValueError("a racer colour must be a colour name such as #d55e00")
                params = racer.get("params", {})
                if not isinstance(params, dict):
                    raise ValueError("racer params must be an object")
                for name, value in params.items():
                    value = float(value)
                    if not math.isfinite(value) or not (0 <= value <= 1e6):
                        raise ValueError(f"bad value for {name}")
                    if name == "lr" and value <= 0:
                        raise ValueError("lr must be positive")
                OPTIMIZERS[racer["optimizer"]](**{k: float(v) for k, v in params.items()})
            speed = state.get("speed", SPEEDS[DEFAULT_SPEED])
        except ExpressionError as exc:
            raise ValueError(str(exc)) from None
        except (TypeError, KeyError) as exc:
            raise ValueError(f"unusable Descent state: {exc}") from None
        self.reset()
        if key == CUSTOM:
            blocked = self.function_combo.blockSignals(True)
            self.function_combo.setCurrentIndex(self.function_combo.findData(CUSTOM))
            self.function_combo.blockSignals(blocked)
            self.set_surface(surface)
        else:
            self.select_surface(key)
        self.set_start(*start)
        self.gradient_combo.setCurrentIndex(
            1 if state.get("gradient") == "analytic" and self.surface.has_gradient else 0
        )
        self.h_field.setValue(numbers["h"][0])
        self.steps_field.setValue(int(numbers["steps"][0]))
        self.bound_field.setValue(numbers["bound"][0])
        self.speed_slider.setValue(SPEEDS.index(speed) if speed in SPEEDS else DEFAULT_SPEED)
        self.arrows_check.setChecked(bool(state.get("arrows", False)))
        self.racers.set_racers(racers)

    def export_code(self) -> str:
        rows = self.racers.enabled_rows() or self.racers.rows
        return export_script(
            self.surface,
            self.start_point(),
            [(row.name, row.params()) for row in rows],
            int(self.steps_field.value()),
            self.gradient_combo.currentIndex() == 1 and self.surface.has_gradient,
            float(self.h_field.value()),
            float(self.bound_field.value()),
        )

    def plot_widgets(self) -> dict[str, QWidget]:
        return {
            self.tr("Trajectories"): self.trajectory_plot,
            self.tr("f per step"): self.value_plot,
            self.tr("Gradient norm per step"): self.grad_plot,
            self.tr("Tangent line"): self.derivative_lab.tangent_plot,
            self.tr("Errors of the difference quotient"): self.derivative_lab.error_plot,
        }

    def table_models(self) -> dict[str, QAbstractItemModel]:
        return {self.tr("Results"): self.results}

    def smoke_test(self) -> None:
        previous = self.state()
        speed = self.speed_slider.value()
        self.speed_slider.setValue(len(SPEEDS) - 1)
        try:
            self.apply_preset("learning_rates")
            deadline = time.monotonic() + 30
            while self.controller.is_active() and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)
            if self.controller.is_active():
                raise RuntimeError("the Descent race did not finish")
            QApplication.processEvents()
            if self.tracks[0].status != "diverged":
                raise RuntimeError("lr = 10 did not diverge")
            x, y = self.tracks[1].xs[-1], self.tracks[1].ys[-1]
            if not (abs(x + 6.1111e-10) < 1e-13 and abs(y - 8.1481e-10) < 1e-13):
                raise RuntimeError(f"unexpected descent result {(x, y)}")
            # the export copies the engine's source (the frozen app must carry it)
            compile(self.export_code(), "race.py", "exec")
        finally:
            self.controller.stop()
            self.set_state(previous)
            self.speed_slider.setValue(speed)
