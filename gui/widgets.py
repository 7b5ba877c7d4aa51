"""Small shared widgets and the bad-input policy of design.md §5.

``parse_number`` is where text typed into a field that is not (yet) a settings declaration
becomes a number; it applies the declarations' rules (``gui.models.settings``), so the app
has one parser: text, NaN, ±inf, ``10²``, ``1,000`` and magnitudes beyond a limit are
refused with a sentence that names the field and says why.
``NumberField`` is a line edit built on it that keeps its previous value on a bad edit
and shows the reason next to the field and in the status bar.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QToolTip,
    QWidget,
)

from gui.text import error_style

__all__ = [
    "InputError",
    "parse_number",
    "format_number",
    "notify",
    "field_label",
    "NumberField",
    "CheckedDoubleSpinBox",
]

#: Numbers larger than this in magnitude are refused as absurd in any field.
DEFAULT_LIMIT = 1e6


class InputError(ValueError):
    """A learner's input that cannot be used; ``str(error)`` is a translated sentence."""


def parse_number(
    text: str,
    minimum: float = -DEFAULT_LIMIT,
    maximum: float = DEFAULT_LIMIT,
    integer: bool = False,
    label: str = "",
) -> float:
    """Turn ``text`` into a finite number in [minimum, maximum], or raise ``InputError``.

    The rules are the settings declarations' (``gui.models.settings``: one parser for
    every field of the app): plain ASCII decimals (``0.5``, ``-7e-1``, ``.5``) and the
    full-width digits a Japanese IME types (``１.５``) are accepted; other non-ASCII digits
    (``10²``, ``٣``), digit separators (``1,000`` is refused, never read as 1 or 1000), NaN,
    ±inf and values out of range are refused. ``label`` (the field's translated name)
    starts the message: "Batch size: Enter a number from 1 to 10000."
    """
    from gui.i18n import setting_error_text
    from gui.models.settings import FloatSetting, IntSetting, SettingError

    try:
        if integer:
            low = int(math.ceil(minimum)) if math.isfinite(minimum) else -(2**63)
            high = int(math.floor(maximum)) if math.isfinite(maximum) else 2**63
            setting = IntSetting(key="", label=label, default=low, minimum=low, maximum=high)
        else:
            setting = FloatSetting(
                key="", label=label, default=minimum, minimum=minimum, maximum=maximum
            )
        return setting.parse(text)
    except SettingError as exc:
        raise InputError(setting_error_text(exc)) from None


def _form_label(form: QFormLayout, widget: QWidget) -> QWidget | None:
    """The label of the row of ``form`` whose field is ``widget`` or a layout holding it."""
    label = form.labelForField(widget)
    if label is not None:
        return label
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        layout = item.layout() if item is not None else None
        if layout is not None and layout.indexOf(widget) >= 0:
            return form.labelForField(layout)
    return None


def field_label(widget: QWidget) -> str:
    """The name a form shows beside ``widget`` (its ``QFormLayout`` label or a label whose
    buddy it is), without mnemonics or a trailing colon; "" if it has none."""
    text = ""
    parent = widget.parentWidget()
    while parent is not None and not text:
        layout = parent.layout()
        forms = [layout, *layout.findChildren(QFormLayout)] if layout is not None else []
        for form in forms:
            label = _form_label(form, widget) if isinstance(form, QFormLayout) else None
            if isinstance(label, QLabel):
                text = label.text()
                break
        for label in [] if text else parent.findChildren(QLabel):
            if label.buddy() is widget:
                text = label.text()
                break
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    text = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    return text.strip().rstrip(":：").strip()


def format_number(value: float, digits: int = 6) -> str:
    """A compact display form: up to ``digits`` significant digits, no trailing zeros."""
    if isinstance(value, int) or (
        math.isfinite(value) and value == int(value) and abs(value) < 1e15
    ):
        return str(int(value))
    return f"{value:.{digits}g}"


def notify(widget: QWidget, message: str, timeout_ms: int = 8000) -> None:
    """Show ``message`` in the status bar of ``widget``'s main window (if it has one)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, timeout_ms)


class NumberField(QLineEdit):
    """A line edit for one number that refuses bad input and keeps the old value.

    Up/Down keys and the mouse wheel step by ``step`` (Shift: ×10). ``value_changed`` is
    emitted with the new value after an accepted edit; ``rejected`` with the reason after
    a refused one (the text is then put back).
    """

    value_changed = Signal(float)
    rejected = Signal(str)

    def __init__(
        self,
        value: float = 0.0,
        minimum: float = -DEFAULT_LIMIT,
        maximum: float = DEFAULT_LIMIT,
        step: float = 0.1,
        integer: bool = False,
        digits: int = 10,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.minimum, self.maximum, self.step, self.integer = minimum, maximum, step, integer
        self.digits = digits
        self._value = float(value)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setText(self._format(self._value))
        self.editingFinished.connect(self._on_editing_finished)

    def _format(self, value: float) -> str:
        return str(int(value)) if self.integer else format_number(value, self.digits)

    def value(self) -> float:
        return int(self._value) if self.integer else self._value

    def setValue(self, value: float, emit: bool = False) -> None:
        """Set the value programmatically (clamped to the range)."""
        value = min(max(float(value), self.minimum), self.maximum)
        changed = value != self._value
        self._value = value
        self.setText(self._format(value))
        self._set_error(None)
        if emit and changed:
            self.value_changed.emit(self.value())

    def _set_error(self, message: str | None) -> None:
        self.setProperty("invalid", message is not None)
        self.setStyleSheet("" if message is None else error_style())
        self.setToolTip(message or self.property("help") or "")

    def label(self) -> str:
        """The field's name in messages: ``setProperty("label", …)`` or its form label."""
        return str(self.property("label") or "") or field_label(self)

    def _on_editing_finished(self) -> None:
        try:
            value = parse_number(
                self.text(), self.minimum, self.maximum, self.integer, label=self.label()
            )
        except InputError as exc:
            message = str(exc)
            self.setText(self._format(self._value))
            self._set_error(message)
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)
            notify(self, message)
            self.rejected.emit(message)
            return
        self._set_error(None)
        if value != self._value:
            self._value = float(value)
            self.setText(self._format(self._value))
            self.value_changed.emit(self.value())
        else:
            self.setText(self._format(self._value))

    def _nudge(self, steps: float) -> None:
        self.setValue(self._value + steps * self.step, emit=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        factor = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        if event.key() == Qt.Key.Key_Up:
            self._nudge(factor)
        elif event.key() == Qt.Key.Key_Down:
            self._nudge(-factor)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            steps = event.angleDelta().y() / 120
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                steps *= 10
            self._nudge(steps)
            event.accept()
        else:
            super().wheelEvent(event)


class CheckedDoubleSpinBox(QDoubleSpinBox):
    """A spin box that lets the learner type anything, then refuses a bad number as a
    whole (design.md §5): the previous value stays and the reason is shown.

    A plain ``QDoubleSpinBox`` drops refused keys one by one, so typing ``1e400`` into a
    ±1000 box silently gives 140. Here the text is judged by ``parse_number`` when the
    edit ends (Enter or focus out). ``integer=True`` makes it a whole-number box whose
    ``value()`` is an ``int``.
    """

    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None, integer: bool = False) -> None:
        super().__init__(parent)
        self.integer = integer
        if integer:
            self.setDecimals(0)
        # the value a bad edit falls back to: set by programs, arrows and accepted edits
        # (with keyboard tracking off, typing half a number does not commit it)
        self.setKeyboardTracking(False)
        self._committed = super().value()
        self.valueChanged.connect(self._on_value_changed)

    def _on_value_changed(self, value: float) -> None:
        self._committed = value

    def value(self) -> float:  # type: ignore[override]
        v = super().value()
        return int(round(v)) if self.integer else v

    def _parse(self, text: str) -> float:
        body = text.strip()
        for affix in (self.prefix(), self.suffix()):
            if affix:
                body = body.replace(affix.strip(), "")
        label = str(self.property("label") or "") or field_label(self)
        return parse_number(body, self.minimum(), self.maximum(), self.integer, label=label)

    def validate(self, text: str, pos: int) -> object:
        try:
            self._parse(text)
        except InputError:
            return QValidator.State.Intermediate, text, pos  # judged when the edit ends
        return QValidator.State.Acceptable, text, pos

    def valueFromText(self, text: str) -> float:
        try:
            return float(self._parse(text))
        except InputError:
            return self._committed

    def textFromValue(self, value: float) -> str:
        if self.integer:
            return str(int(round(value)))
        return format_number(value, max(6, self.decimals() + 1))

    def fixup(self, text: str) -> str:
        try:
            self._parse(text)
        except InputError as exc:
            message = str(exc)
            self.setToolTip(message)
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)
            notify(self, message)
            self.rejected.emit(message)
            return self.textFromValue(self._committed)
        return text
