"""The racers of the Descent tab: one row per ``RacerModel`` (gui/models/descent.py), its
fields built by a binder from the racer's declarations.

A row shows one racer model for good (the Descent model keeps its racer models and reuses
removed ones), so rows are hidden and shown, never deleted: a tooltip or a pending event
may still point at a row (Qt's tooltip keeps a raw pointer).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.binder import SettingsBinder
from gui.models.descent import EXTRA_PARAMETERS, MAX_RACERS, DescentModel, RacerModel

__all__ = ["RacerRow", "RacersPanel"]

#: Where each extra hyperparameter's field goes: the first or the second slot of a row.
_SLOTS = {"momentum": 0, "decay_rate": 0, "beta1": 0, "beta2": 1}


class RacerRow(QWidget):
    """One racer: on/off, colour, optimizer, lr and up to two more hyperparameters."""

    remove_requested = Signal(QWidget)

    def __init__(self, racer: RacerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("racerRow")
        self.racer = racer
        self.binder = SettingsBinder(racer, self)
        b = self.binder
        self.enabled_check = b.widget("enabled")
        self.optimizer_combo = b.widget("optimizer")
        self.lr_field = b.widget("lr")
        self.colour_button = QToolButton(self)
        self.colour_button.setObjectName("racerColour")
        self.colour_button.setFixedWidth(22)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("racerRemove")
        self.remove_button.setText("✕")
        # the extra hyperparameters: two slots, each showing the chosen optimizer's field
        self.slots = [QStackedWidget(self), QStackedWidget(self)]
        self._blanks = []
        for slot in self.slots:
            blank = QLabel(slot)
            slot.addWidget(blank)
            self._blanks.append(blank)
        for key, index in _SLOTS.items():
            self.slots[index].addWidget(b.widget(key))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.enabled_check)
        layout.addWidget(self.colour_button)
        layout.addWidget(self.optimizer_combo, 2)
        layout.addWidget(self.lr_field, 2)
        for slot in self.slots:
            slot.setMinimumWidth(48)
            layout.addWidget(slot, 1)
        layout.addWidget(self.remove_button)
        self.lr_field.setMinimumWidth(48)
        b.widget("colour").hide()  # a colour is picked with the button
        self.enabled_check.setText("")
        for label in b.labels.values():
            label.hide()
        self.colour_button.clicked.connect(self._on_colour_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        racer.subscribe(self._on_racer_changed)
        self._show()

    @property
    def extra_fields(self) -> list[QWidget]:
        """The fields of the optimizer's hyperparameters beyond lr, in order."""
        return [self.binder.widget(key) for key in EXTRA_PARAMETERS[self.racer.name]]

    def _show(self) -> None:
        extras = EXTRA_PARAMETERS[self.racer.name]
        for index, slot in enumerate(self.slots):
            keys = [k for k in extras if _SLOTS[k] == index]
            slot.setCurrentWidget(self.binder.widget(keys[0]) if keys else self._blanks[index])
        colour = self.racer["colour"]
        self.colour_button.setStyleSheet(
            f"QToolButton {{ background: {colour}; border: 1px solid #555; }}"
        )

    def _on_racer_changed(self, _keys: frozenset[str]) -> None:
        self._show()

    def retranslate_ui(self) -> None:
        self.binder.retranslate()
        self.enabled_check.setText("")
        self.colour_button.setToolTip(self.tr("Colour of this trajectory (click to change)"))
        self.remove_button.setToolTip(self.tr("Remove this racer"))
        for blank in self._blanks:
            blank.setToolTip(self.tr("Not used by this optimizer"))

    @Slot()
    def _on_colour_clicked(self) -> None:
        colour = QColorDialog.getColor(
            QColor(self.racer["colour"]), self, self.tr("Trajectory colour")
        )
        if colour.isValid():
            self.racer.set("colour", colour.name())

    @Slot()
    def _on_remove_clicked(self) -> None:
        self.remove_requested.emit(self)


class RacersPanel(QWidget):
    """The racer rows of ``model`` with a header and an Add button."""

    def __init__(self, model: DescentModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("racersPanel")
        self.model = model
        self._rows: dict[int, RacerRow] = {}  # id(racer model) -> its row
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
        model.subscribe(self._on_model_changed)
        self.sync()
        self.retranslate_ui()

    @property
    def rows(self) -> list[RacerRow]:
        """The rows shown, in the model's order."""
        return [self._row(racer) for racer in self.model.racers]

    def _row(self, racer: RacerModel) -> RacerRow:
        row = self._rows.get(id(racer))
        if row is None:
            row = RacerRow(racer, self)
            row.remove_requested.connect(self._on_remove_requested)
            row.retranslate_ui()
            self._rows[id(racer)] = row
        return row

    def sync(self) -> None:
        """Show one row per racer of the model, in its order; hide the others."""
        shown = self.rows
        for row in self._rows.values():
            if row not in shown:
                self.rows_box.removeWidget(row)
                row.hide()
        for i, row in enumerate(shown):
            if self.rows_box.indexOf(row) != i:
                self.rows_box.removeWidget(row)
                self.rows_box.insertWidget(i, row)
            row.show()
        self.add_button.setEnabled(len(shown) < MAX_RACERS)
        for row in shown:
            row.remove_button.setEnabled(len(shown) > 1)

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        if keys & {"racers", "*"}:
            self.sync()

    def retranslate_ui(self) -> None:
        for label, text in zip(
            self.header_labels,
            (self.tr("On · colour · optimizer"), self.tr("lr"), self.tr("α / ρ / β₁"), "β₂"),
            strict=True,
        ):
            label.setText(text)
        self.add_button.setText(self.tr("+ Add racer"))
        self.add_button.setToolTip(self.tr("Add another optimizer to the race (up to 8)"))
        for row in self._rows.values():
            row.retranslate_ui()

    @Slot()
    def _on_add_clicked(self) -> None:
        self.model.add_racer()

    @Slot(QWidget)
    def _on_remove_requested(self, row: QWidget) -> None:
        if isinstance(row, RacerRow):
            self.model.remove_racer(row.racer)
