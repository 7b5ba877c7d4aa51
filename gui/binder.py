"""The binder: widgets built from a model's setting declarations, kept in step with it.

``SettingsBinder(model, parent)`` makes one field per declared setting — a line edit for
numbers, text and lists of numbers, a combo box for a choice, a check box for a bool —
with the declaration's objectName, label and help text. Then:

* widget → model: an edit goes through ``model.set_text`` / ``model.set`` (the
  declaration validates it). A refusal puts the model's value back in the field, marks the
  field in the one error colour, shows the reason in its tooltip and the status bar, and
  emits ``rejected(key, message)``; ``errors`` holds the current refusals by key.
* model → widget: every model change is mirrored into the fields (signals blocked), and
  every field's enabled state is recomputed from its declaration and the run state.
* ``retranslate()`` re-labels everything (call it from the view's ``retranslate_ui``);
  texts are translated in each declaration's context, so existing translations stay.

A view lays the fields out where it likes: ``binder.widget(key)``, ``binder.label(key)``,
or ``binder.add_rows(form_layout, keys)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QToolTip,
    QWidget,
)

from gui.i18n import setting_error_text
from gui.models.base import TabModel
from gui.models.settings import Setting, SettingError
from gui.text import error_style

__all__ = ["SettingsBinder", "SettingEdit", "show_refusal"]


def show_refusal(widget: QWidget, message: str) -> None:
    """Show ``message`` under ``widget`` and in its window's status bar."""
    QToolTip.showText(widget.mapToGlobal(QPoint(0, widget.height())), message, widget)
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 8000)


class SettingEdit(QLineEdit):
    """The line edit of a number, text or list setting: commits when editing ends
    (Enter or focus out); Up/Down and the wheel (with focus) step numbers by the
    declaration's ``step`` (Shift: ×10), clamped to the range."""

    def __init__(self, binder: SettingsBinder, setting: Setting) -> None:
        super().__init__()
        self._binder, self.setting = binder, setting
        if setting.kind in ("int", "float"):
            self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self._on_editing_finished)

    def _on_editing_finished(self) -> None:
        self._binder.commit_text(self.setting.key, self.text())

    def _nudge(self, steps: float) -> None:
        s = self.setting
        if s.kind not in ("int", "float"):
            return
        value = self._binder.model[s.key] + steps * s.step
        value = min(max(value, s.minimum), s.maximum)
        self._binder.commit_value(s.key, int(round(value)) if s.kind == "int" else value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        factor = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        if event.key() == Qt.Key.Key_Up and self.setting.kind in ("int", "float"):
            self._nudge(factor)
        elif event.key() == Qt.Key.Key_Down and self.setting.kind in ("int", "float"):
            self._nudge(-factor)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus() and self.setting.kind in ("int", "float"):
            steps = event.angleDelta().y() / 120
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                steps *= 10
            self._nudge(steps)
            event.accept()
        else:
            super().wheelEvent(event)


class SettingsBinder(QObject):
    """Builds and mirrors the fields of ``model``'s settings (all, or those in ``keys``)."""

    #: A refused edit: the setting's key and the translated reason.
    rejected = Signal(str, str)
    #: An accepted edit made in a field (not a change from elsewhere).
    edited = Signal(str)

    def __init__(self, model: TabModel, parent: QWidget, keys: Iterable[str] | None = None) -> None:
        super().__init__(parent)
        self.model = model
        chosen = list(keys) if keys is not None else [s.key for s in model.settings()]
        self.settings = {key: model.setting(key) for key in chosen}
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        #: Keys whose last edit was refused, with the reason shown.
        self.errors: dict[str, str] = {}
        #: Extra conditions of the view for a field to be enabled (e.g. "a Network tab is
        #: connected"), ``key -> callable() -> bool``; call ``update_enabled`` when they change.
        self.gates: dict[str, Callable[[], bool]] = {}
        for key, setting in self.settings.items():
            self.widgets[key] = self._make_widget(setting)
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(self.widgets[key])
        self.refresh()
        self.retranslate()
        unsubscribe = model.subscribe(self._on_model_changed)
        parent.destroyed.connect(lambda *_: unsubscribe())

    # -- building ------------------------------------------------------------------------------
    def _make_widget(self, setting: Setting) -> QWidget:
        if setting.kind == "choice":
            widget: QWidget = QComboBox()
            for key, _ in setting.choices:
                widget.addItem(str(key), key)
            widget.currentIndexChanged.connect(
                lambda _i, k=setting.key, w=widget: self.commit_value(k, w.currentData())
            )
        elif setting.kind == "bool":
            widget = QCheckBox()
            widget.toggled.connect(lambda on, k=setting.key: self.commit_value(k, bool(on)))
        else:
            widget = SettingEdit(self, setting)
        if setting.object_name:
            widget.setObjectName(setting.object_name)
        return widget

    def widget(self, key: str) -> QWidget:
        return self.widgets[key]

    def label(self, key: str) -> QLabel:
        return self.labels[key]

    def add_rows(self, form: QFormLayout, keys: Iterable[str] | None = None) -> None:
        """Add "label: field" rows to ``form`` (check boxes span the row, their text is
        the label)."""
        for key in keys if keys is not None else self.settings:
            widget = self.widgets[key]
            if isinstance(widget, QCheckBox):
                form.addRow(widget)
                self.labels[key].hide()
            else:
                form.addRow(self.labels[key], widget)

    # -- widget -> model -----------------------------------------------------------------------
    def commit_text(self, key: str, text: str) -> bool:
        """Send typed text to the model; True if it was accepted."""
        try:
            self.model.set_text(key, text)
        except SettingError as exc:
            self._refuse(key, exc)
            return False
        self._accepted(key)
        return True

    def commit_value(self, key: str, value: object) -> bool:
        """Send a value from a field (combo, check, arrow keys) to the model."""
        try:
            self.model.set(key, value)
        except SettingError as exc:
            self._refuse(key, exc)
            return False
        self._accepted(key)
        return True

    def _accepted(self, key: str) -> None:
        self._mirror(key)  # shows the normalised text ("1e3" -> "1000")
        self._clear_error(key)
        self.edited.emit(key)

    def _refuse(self, key: str, error: SettingError) -> None:
        message = setting_error_text(error)
        widget = self.widgets[key]
        self._mirror(key)  # the old value stays
        self.errors[key] = message
        widget.setProperty("invalid", True)
        widget.setStyleSheet(
            error_style("QLineEdit" if isinstance(widget, QLineEdit) else type(widget).__name__)
        )
        widget.setToolTip(message)
        show_refusal(widget, message)
        self.rejected.emit(key, message)

    def _clear_error(self, key: str) -> None:
        if self.errors.pop(key, None) is not None:
            widget = self.widgets[key]
            widget.setProperty("invalid", False)
            widget.setStyleSheet("")
            widget.setToolTip(self._help(self.settings[key]))

    # -- model -> widgets ----------------------------------------------------------------------
    def _mirror(self, key: str) -> None:
        widget, setting, value = self.widgets[key], self.settings[key], self.model[key]
        blocked = widget.blockSignals(True)
        try:
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setText(setting.format(value))
        finally:
            widget.blockSignals(blocked)

    def refresh(self, keys: Iterable[str] | None = None) -> None:
        """Show the model's values in the fields and update which fields are enabled."""
        for key in keys if keys is not None else self.settings:
            if key in self.settings:
                self._mirror(key)
        self.update_enabled()

    def update_enabled(self) -> None:
        """Enable each field from its declaration, the values, the run state and its gate."""
        for key in self.settings:
            gate = self.gates.get(key)
            on = self.model.is_enabled(key) and (gate is None or bool(gate()))
            self.widgets[key].setEnabled(on)
            self.labels[key].setEnabled(on)

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        changed = [k for k in self.settings if k in keys or "*" in keys]
        for key in changed:
            self._clear_error(key)
        self.refresh(changed)

    # -- language ------------------------------------------------------------------------------
    @staticmethod
    def _help(setting: Setting) -> str:
        return QCoreApplication.translate(setting.context, setting.help) if setting.help else ""

    def retranslate(self) -> None:
        """Set every label, tooltip and choice text in the current language."""
        for key, setting in self.settings.items():
            text = QCoreApplication.translate(setting.context, setting.label)
            widget = self.widgets[key]
            self.labels[key].setText(text)
            if isinstance(widget, QCheckBox):
                widget.setText(text)
            if isinstance(widget, QComboBox):
                for i, (_, label) in enumerate(setting.choices):
                    widget.setItemText(i, QCoreApplication.translate(setting.context, label))
            if key not in self.errors:
                widget.setToolTip(self._help(setting))
            widget.setProperty("help", self._help(setting))
