"""The derivative lab of the Descent tab (book §4.3, Fig. 4-7).

Left: f(x) = 0.01x² + 0.1x with its tangent at a chosen x, the slope from the central
difference. Right: the error of the forward and central differences against h, on log
axes, in float64 and float32 — why the book takes h = 1e-4 and why h = 1e-50 fails.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from engine.gradient import difference_errors, numerical_diff
from gui.plotting import cache_axes, pg
from gui.text import tr_fmt
from gui.widgets import NumberField

__all__ = ["DerivativeLab"]

HS = np.logspace(-20, 0, 161)


def _f(x):
    """The book's f(x) = 0.01x² + 0.1x (§4.3.2), in the dtype of x."""
    return 0.01 * x**2 + 0.1 * x


#: Functions for the error plot: f and its exact derivative (any float dtype).
ERROR_FUNCTIONS = {
    "book": (_f, lambda x: 0.02 * x + 0.1),
    "sin": (np.sin, np.cos),
    "exp": (lambda x: np.exp(x / 10), lambda x: np.exp(x / 10) / 10),
}


class DerivativeLab(QWidget):
    """Tangent line and difference errors; everything updates when x changes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("derivativeLab")
        self.x_field = NumberField(5.0, 0.0, 20.0, step=0.5, digits=8, parent=self)
        self.x_field.setObjectName("derivativeX")
        self.x_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.x_slider.setObjectName("derivativeSlider")
        self.x_slider.setRange(0, 200)
        self.x_slider.setValue(50)
        self.x_label = QLabel(self)
        self.function_combo = QComboBox(self)
        self.function_combo.setObjectName("errorFunctionCombo")
        # whole names when there is room; a small window may still squeeze it
        self.function_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.function_combo.setMinimumWidth(80)
        for key in ERROR_FUNCTIONS:
            self.function_combo.addItem(key, key)
        self.readout = QLabel(self)
        self.readout.setObjectName("derivativeReadout")
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.tangent_plot = pg.PlotWidget(self)
        self.tangent_plot.setObjectName("tangentPlot")
        self.tangent_plot.showGrid(x=True, y=True, alpha=0.3)
        self.curve = self.tangent_plot.plot(pen=pg.mkPen("#0072b2", width=2))
        self.tangent = self.tangent_plot.plot(
            pen=pg.mkPen("#d55e00", width=2, style=Qt.PenStyle.DashLine)
        )
        self.point = pg.ScatterPlotItem(size=9, brush=pg.mkBrush("#d55e00"))
        self.tangent_plot.addItem(self.point)
        self.error_plot = pg.PlotWidget(self)
        self.error_plot.setObjectName("errorPlot")
        self.error_plot.setLogMode(x=True, y=True)
        self.error_plot.showGrid(x=True, y=True, alpha=0.3)
        self.legend = self.error_plot.addLegend(offset=(10, -10))
        cache_axes(self.tangent_plot, self.error_plot)
        self.error_curves = {
            key: self.error_plot.plot(pen=pg.mkPen(colour, width=2, style=style))
            for key, colour, style in (
                ("f64_forward", "#0072b2", Qt.PenStyle.DashLine),
                ("f64_central", "#0072b2", Qt.PenStyle.SolidLine),
                ("f32_forward", "#d55e00", Qt.PenStyle.DashLine),
                ("f32_central", "#d55e00", Qt.PenStyle.SolidLine),
            )
        }
        self.h_line = pg.InfiniteLine(pos=-4, angle=90, pen=pg.mkPen("#009e73", width=1.5))
        self.error_plot.addItem(self.h_line)

        controls = QHBoxLayout()
        controls.addWidget(self.x_label)
        controls.addWidget(self.x_field)
        controls.addWidget(self.x_slider, 1)
        controls.addWidget(self.function_combo)
        self.tangent_caption = QLabel(self)
        self.error_caption = QLabel(self)
        for caption in (self.tangent_caption, self.error_caption):
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setStyleSheet("font-weight: bold;")
        plots = QGridLayout()
        plots.addWidget(self.tangent_caption, 0, 0)
        plots.addWidget(self.error_caption, 0, 1)
        plots.addWidget(self.tangent_plot, 1, 0)
        plots.addWidget(self.error_plot, 1, 1)
        plots.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(plots, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.explanation)

        xs = np.linspace(0, 20, 201)
        self.curve.setData(xs, _f(xs))
        self.x_field.value_changed.connect(self._on_x_field)
        self.x_slider.valueChanged.connect(self._on_slider)
        self.function_combo.currentIndexChanged.connect(self._on_function_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.x_label.setText(self.tr("x ="))
        tip = self.tr("Where to draw the tangent of f(x) = 0.01x² + 0.1x")
        self.x_field.setProperty("help", tip)
        self.x_field.setToolTip(tip)
        self.x_slider.setToolTip(tip)
        self.tangent_caption.setText(self.tr("f(x) = 0.01x² + 0.1x and its tangent (Fig. 4-7)"))
        self.tangent_plot.setLabel("bottom", "x")
        self.tangent_plot.setLabel("left", "f(x)")
        self.error_caption.setText(self.tr("Error of the difference quotient against h"))
        self.error_plot.setLabel("bottom", "h")
        self.error_plot.setLabel("left", self.tr("|error|"))
        names = {
            "f64_forward": self.tr("forward, float64"),
            "f64_central": self.tr("central, float64"),
            "f32_forward": self.tr("forward, float32"),
            "f32_central": self.tr("central, float32"),
        }
        if not self.legend.items:
            for key, item in self.error_curves.items():
                self.legend.addItem(item, names[key])
        for (_sample, label), key in zip(self.legend.items, self.error_curves, strict=True):
            label.setText(names[key])
        for i, text in enumerate(
            (
                self.tr("errors for 0.01x² + 0.1x"),
                self.tr("errors for sin(x)"),
                self.tr("errors for exp(x/10)"),
            )
        ):
            self.function_combo.setItemText(i, text)
        self.function_combo.setToolTip(
            self.tr(
                "The function whose difference quotients are compared: for the book's "
                "quadratic the central difference has no truncation error at all"
            )
        )
        self.h_line.setToolTip(self.tr("h = 1e-4, the book's choice"))
        self.explanation.setText(
            self.tr(
                "Large h: the difference quotient is off by truncation error (forward ∝ h, "
                "central ∝ h²; for the book's quadratic the central one is exact, so choose "
                "sin or exp to see its valley). Small h: rounding error ∝ ε/h takes over. "
                "h = 1e-4 is a safe middle for the central difference in float64. With "
                "h = 1e-50, float64 computes x + h == x (the difference is 0) and float32 "
                "rounds h itself to 0 (0/0 gives NaN)."
            )
        )
        self._update()

    def x(self) -> float:
        return self.x_field.value()

    @Slot(float)
    def _on_x_field(self, value: float) -> None:
        blocked = self.x_slider.blockSignals(True)
        self.x_slider.setValue(round(value * 10))
        self.x_slider.blockSignals(blocked)
        self._update()

    @Slot(int)
    def _on_function_changed(self, _index: int) -> None:
        self._update()

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        self.x_field.setValue(value / 10)
        self._update()

    def _update(self) -> None:
        x = self.x()
        slope = numerical_diff(_f, x)
        exact = 0.02 * x + 0.1
        xs = np.array([0.0, 20.0])
        self.tangent.setData(xs, _f(x) + slope * (xs - x))
        self.point.setData([x], [_f(x)])
        curves = {}
        fn, derivative = ERROR_FUNCTIONS[self.function_combo.currentData() or "book"]
        for name, dtype in (("f64", np.float64), ("f32", np.float32)):
            fwd, cen = difference_errors(fn, float(derivative(x)), x, HS, dtype)
            curves[f"{name}_forward"], curves[f"{name}_central"] = fwd, cen
        for key, err in curves.items():
            shown = np.where(err > 0, err, np.nan)
            self.error_curves[key].setData(HS, shown, connect="finite")
        central64 = (_f(x + 1e-50) - _f(x - 1e-50)) / 2e-50
        with np.errstate(all="ignore"):
            h32 = np.float32(1e-50)
            x32 = np.float32(x)
            central32 = (_f(x32 + h32) - _f(x32 - h32)) / (np.float32(2) * h32)
        self.readout.setText(
            tr_fmt(
                self.tr(
                    "numerical_diff(f, %1) = %2 (exact %3) · h = 1e-50: float64 gives %4, "
                    "float32 gives %5"
                ),
                repr(x),
                repr(slope),
                repr(exact),
                repr(float(central64)),
                repr(float(central32)),
            )
        )
