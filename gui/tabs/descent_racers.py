"""The racers of the Descent tab: one row per optimizer with its hyperparameters and colour.

A row only mirrors settings; ``make_optimizer`` builds a fresh ``engine.optimizers``
object from them when a run starts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.optimizers import OPTIMIZERS, Optimizer
from gui.widgets import NumberField, format_number

__all__ = ["RacerRow", "RacersPanel", "PALETTE", "EXTRA_PARAMETERS", "DEFAULTS"]

#: Colours given to new rows, in order (colour-blind-friendly Okabe–Ito, then extras).
PALETTE = [
    "#d55e00",
    "#0072b2",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#000000",
    "#f0e442",
]

#: The hyperparameters beyond lr that each optimizer takes (up to two), by name.
EXTRA_PARAMETERS: dict[str, tuple[str, ...]] = {
    "SGD": (),
    "Momentum": ("momentum",),
    "Nesterov": ("momentum",),
    "AdaGrad": (),
    "RMSprop": ("decay_rate",),
    "Adam": ("beta1", "beta2"),
}

#: Default hyperparameters (the book's defaults).
DEFAULTS: dict[str, dict[str, float]] = {
    name: cls().hyperparameters() for name, cls in OPTIMIZERS.items()
}

MAX_RACERS = 8


class RacerRow(QWidget):
    """One racer: on/off, colour, optimizer, lr and up to two more hyperparameters."""

    changed = Signal()
    remove_requested = Signal(QWidget)

    def __init__(self, name: str = "SGD", colour: str = "#d55e00", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("racerRow")
        self.enabled_check = QCheckBox(self)
        self.enabled_check.setObjectName("racerEnabled")
        self.enabled_check.setChecked(True)
        self.colour_button = QToolButton(self)
        self.colour_button.setObjectName("racerColour")
        self.colour_button.setFixedWidth(22)
        self.optimizer_combo = QComboBox(self)
        self.optimizer_combo.setObjectName("racerOptimizer")
        self.optimizer_combo.addItems(list(OPTIMIZERS))
        self.lr_field = NumberField(0.01, 1e-300, 1e6, step=0.01, digits=10, parent=self)
        self.lr_field.setObjectName("racerLr")
        self.extra_fields = [
            NumberField(0.9, 0.0, 0.999999, step=0.01, digits=8, parent=self) for _ in range(2)
        ]
        for i, field in enumerate(self.extra_fields):
            field.setObjectName(f"racerParam{i + 1}")
        for field in (self.lr_field, *self.extra_fields):
            field.setMinimumWidth(48)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("racerRemove")
        self.remove_button.setText("✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.enabled_check)
        layout.addWidget(self.colour_button)
        layout.addWidget(self.optimizer_combo, 2)
        layout.addWidget(self.lr_field, 2)
        for field in self.extra_fields:
            layout.addWidget(field, 1)
        layout.addWidget(self.remove_button)
        self.colour = QColor(colour)
        self._show_colour()
        self.set_optimizer(name)
        self.enabled_check.toggled.connect(self._on_changed)
        self.optimizer_combo.currentTextChanged.connect(self._on_optimizer_changed)
        self.lr_field.value_changed.connect(self._on_changed)
        for field in self.extra_fields:
            field.value_changed.connect(self._on_changed)
        self.colour_button.clicked.connect(self._on_colour_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.retranslate_ui()

    # -- settings --------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.optimizer_combo.currentText()

    def set_optimizer(self, name: str, params: dict[str, float] | None = None) -> None:
        """Choose the optimizer and set its hyperparameters (defaults where missing)."""
        if name not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {name!r}")
        blocked = self.optimizer_combo.blockSignals(True)
        self.optimizer_combo.setCurrentText(name)
        self.optimizer_combo.blockSignals(blocked)
        values = dict(DEFAULTS[name])
        values.update(params or {})
        self.lr_field.setValue(values["lr"])
        extras = EXTRA_PARAMETERS[name]
        for i, field in enumerate(self.extra_fields):
            if i < len(extras):
                field.setEnabled(True)
                field.setValue(values[extras[i]])
            else:
                field.setEnabled(False)
                field.setText("")
        self.retranslate_ui()

    def params(self) -> dict[str, float]:
        """The hyperparameters, e.g. ``{"lr": 0.1}`` or ``{"lr": 0.3, "beta1": 0.9, …}``."""
        values = {"lr": self.lr_field.value()}
        for key, field in zip(EXTRA_PARAMETERS[self.name], self.extra_fields, strict=False):
            values[key] = field.value()
        return values

    def make_optimizer(self) -> Optimizer:
        """A fresh optimizer with this row's settings."""
        return OPTIMIZERS[self.name](**self.params())

    def label(self) -> str:
        """A short description, e.g. ``SGD (lr=0.1)``."""
        args = ", ".join(f"{k}={format_number(v, 10)}" for k, v in self.params().items())
        return f"{self.name} ({args})"

    def is_enabled(self) -> bool:
        return self.enabled_check.isChecked()

    def set_colour(self, colour: str) -> None:
        self.colour = QColor(colour)
        self._show_colour()
        self.changed.emit()

    def to_dict(self) -> dict[str, Any]:
        return {
            "optimizer": self.name,
            "enabled": self.is_enabled(),
            "colour": self.colour.name(),
            "params": self.params(),
        }

    def _show_colour(self) -> None:
        self.colour_button.setStyleSheet(
            f"QToolButton {{ background: {self.colour.name()}; border: 1px solid #555; }}"
        )

    def retranslate_ui(self) -> None:
        self.enabled_check.setToolTip(self.tr("Take part in the race"))
        self.colour_button.setToolTip(self.tr("Colour of this trajectory (click to change)"))
        self.optimizer_combo.setToolTip(
            self.tr("The update rule (book §6.1): SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam")
        )
        help_lr = self.tr("Learning rate η (Up/Down keys step it)")
        self.lr_field.setProperty("help", help_lr)
        self.lr_field.setToolTip(help_lr)
        names = {
            "momentum": self.tr("Momentum α: how much of the previous velocity is kept"),
            "decay_rate": self.tr("Decay rate ρ: how fast old squared gradients are forgotten"),
            "beta1": self.tr("β₁: decay of the mean of the gradients"),
            "beta2": self.tr("β₂: decay of the mean of the squared gradients"),
        }
        extras = EXTRA_PARAMETERS[self.name]
        for i, field in enumerate(self.extra_fields):
            text = names[extras[i]] if i < len(extras) else self.tr("Not used by this optimizer")
            field.setProperty("help", text)
            field.setToolTip(text)
        self.remove_button.setToolTip(self.tr("Remove this racer"))

    # -- slots -----------------------------------------------------------------------
    @Slot()
    def _on_changed(self) -> None:
        self.changed.emit()

    @Slot(str)
    def _on_optimizer_changed(self, name: str) -> None:
        self.set_optimizer(name)
        self.changed.emit()

    @Slot()
    def _on_colour_clicked(self) -> None:
        colour = QColorDialog.getColor(self.colour, self, self.tr("Trajectory colour"))
        if colour.isValid():
            self.set_colour(colour.name())

    @Slot()
    def _on_remove_clicked(self) -> None:
        self.remove_requested.emit(self)


class RacersPanel(QWidget):
    """The list of racer rows with a header and an Add button."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("racersPanel")
        self.rows: list[RacerRow] = []
        # removed rows are hidden and kept for reuse, never deleted: a tooltip or a
        # pending event may still point at them (Qt's tooltip keeps a raw pointer)
        self._spare: list[RacerRow] = []
        self.header = QWidget(self)
        header_layout = QGridLayout(self.header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        self.header_labels = [QLabel(self.header) for _ in range(4)]
        for i, label in enumerate(self.header_labels):
            label.setStyleSheet("color: #555;")
            header_layout.addWidget(label, 0, i)
        header_layout.setColumnStretch(0, 3)
        header_layout.setColumnStretch(1, 2)
        header_layout.setColumnStretch(2, 2)
        header_layout.setColumnStretch(3, 1)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(2)
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addRacerButton")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.add_button)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for label, text in zip(
            self.header_labels,
            (self.tr("On · colour · optimizer"), self.tr("lr"), self.tr("α / ρ / β₁"), "β₂"),
            strict=True,
        ):
            label.setText(text)
        self.add_button.setText(self.tr("+ Add racer"))
        self.add_button.setToolTip(self.tr("Add another optimizer to the race (up to 8)"))
        for row in self.rows:
            row.retranslate_ui()

    def add_row(
        self,
        name: str = "SGD",
        params: dict[str, float] | None = None,
        colour: str | None = None,
        enabled: bool = True,
    ) -> RacerRow | None:
        """Append a racer; returns None when the panel is full."""
        if len(self.rows) >= MAX_RACERS:
            return None
        used = {row.colour.name() for row in self.rows}
        if colour is None:
            colour = next((c for c in PALETTE if c not in used), PALETTE[len(self.rows)])
        if self._spare:
            row = self._spare.pop()
            row.blockSignals(True)
            row.set_colour(colour)
            row.blockSignals(False)
        else:
            row = RacerRow(name, colour, self)
            row.changed.connect(self._on_row_changed)
            row.remove_requested.connect(self._on_remove_requested)
        row.blockSignals(True)
        row.set_optimizer(name, params)
        row.enabled_check.setChecked(enabled)
        row.blockSignals(False)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.show()
        self._update_buttons()
        self.changed.emit()
        return row

    def clear(self) -> None:
        for row in self.rows:
            self._retire(row)
        self.rows = []
        self._update_buttons()
        self.changed.emit()

    def set_racers(self, racers: list[dict[str, Any]]) -> None:
        """Replace every row: dicts with ``optimizer``, ``params``, ``colour``, ``enabled``."""
        self.clear()
        for racer in racers[:MAX_RACERS]:
            self.add_row(
                racer.get("optimizer", "SGD"),
                racer.get("params"),
                racer.get("colour"),
                bool(racer.get("enabled", True)),
            )

    def _retire(self, row: RacerRow) -> None:
        self.rows_box.removeWidget(row)
        row.hide()
        self._spare.append(row)

    def enabled_rows(self) -> list[RacerRow]:
        return [row for row in self.rows if row.is_enabled()]

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.rows) < MAX_RACERS)
        for row in self.rows:
            row.remove_button.setEnabled(len(self.rows) > 1)

    @Slot()
    def _on_add_clicked(self) -> None:
        self.add_row("Momentum" if self.rows else "SGD")

    @Slot()
    def _on_row_changed(self) -> None:
        self.changed.emit()

    @Slot(QWidget)
    def _on_remove_requested(self, row: QWidget) -> None:
        if row in self.rows and len(self.rows) > 1:
            self.rows.remove(row)
            self._retire(row)
            self._update_buttons()
            self.changed.emit()
