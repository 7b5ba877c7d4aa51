"""Small shared widgets and the bad-input policy of design.md §5.

``parse_number`` is the one place where text typed by a learner becomes a number: it
refuses text, NaN, ±inf and magnitudes beyond a limit with a sentence that says why.
``NumberField`` is a line edit built on it that keeps its previous value on a bad edit
and shows the reason next to the field and in the status bar.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator, QWheelEvent
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QMainWindow, QToolTip, QWidget

from gui.text import error_style, tr_fmt

__all__ = [
    "InputError",
    "parse_number",
    "format_number",
    "notify",
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
) -> float:
    """Turn ``text`` into a finite number in [minimum, maximum], or raise ``InputError``.

    Accepts the forms a learner types: ``0.5``, ``-7e-1``, ``.5``, ``１.５`` (full-width
    digits from a Japanese IME) and a comma as decimal separator when there is no dot.
    """
    s = text.strip()
    # full-width digits and signs typed with a Japanese input method
    s = s.translate(str.maketrans("０１２３４５６７８９．－＋ｅＥ，", "0123456789.-+eE,"))
    s = s.replace("−", "-")
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    if not s:
        raise InputError(QCoreApplication.translate("Input", "Enter a number."))
    if len(s) > 64:
        raise InputError(QCoreApplication.translate("Input", "That is too long to be a number."))
    try:
        value = float(s)
    except ValueError:
        raise InputError(
            tr_fmt(QCoreApplication.translate("Input", "“%1” is not a number."), text.strip()[:20])
        ) from None
    if math.isnan(value) or math.isinf(value):
        raise InputError(
            QCoreApplication.translate("Input", "The number must be finite (not NaN or infinity).")
        )
    if integer and value != int(value):
        raise InputError(QCoreApplication.translate("Input", "Enter a whole number."))
    if value < minimum or value > maximum:
        raise InputError(
            tr_fmt(
                QCoreApplication.translate("Input", "Enter a number from %1 to %2."),
                format_number(minimum),
                format_number(maximum),
            )
        )
    return int(value) if integer else value


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

    def _on_editing_finished(self) -> None:
        try:
            value = parse_number(self.text(), self.minimum, self.maximum, self.integer)
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
        return parse_number(body, self.minimum(), self.maximum(), self.integer)

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
