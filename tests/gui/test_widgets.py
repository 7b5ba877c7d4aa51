"""The bad-input policy's building blocks: parse_number and NumberField."""

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from gui.widgets import InputError, NumberField, parse_number


@pytest.mark.parametrize(
    "text,value",
    [("0.5", 0.5), (" -7e-1 ", -0.7), (".5", 0.5), ("１.５", 1.5), ("−2", -2.0)],
)
def test_parse_accepts(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "Enter a number"),
        ("abc", "not a number"),
        ("nan", "finite"),
        ("inf", "finite"),
        ("-inf", "finite"),
        ("1e400", "from"),
        ("0,25", "without separators"),  # one parser: a comma is refused (issue 14)
        ("1,000", "not read as 1 or 1000"),
        ("10²", "not one of the digits"),
        ("1e7", "from"),
        ("9" * 80, "too long"),
    ],
)
def test_parse_refuses_with_reason(text, reason):
    with pytest.raises(InputError, match=reason):
        parse_number(text)


def test_parse_integer():
    assert parse_number("12", integer=True) == 12
    with pytest.raises(InputError, match="whole"):
        parse_number("1.5", integer=True)


@pytest.mark.parametrize("bad", ["abc", "", "nan", "inf", "-inf", "1e400", "x" * 500])
def test_number_field_keeps_value_and_says_why(qtbot, bad):
    window = QMainWindow()
    field = NumberField(0.5, -10, 10)
    window.setCentralWidget(field)
    qtbot.addWidget(window)
    window.show()
    seen = []
    field.value_changed.connect(seen.append)
    with qtbot.waitSignal(field.rejected) as blocker:
        field.setText(bad)
        field.editingFinished.emit()
    assert blocker.args[0]
    assert field.value() == 0.5 and field.text() == "0.5"
    assert window.statusBar().currentMessage() == blocker.args[0]
    assert field.property("invalid") is True
    assert seen == []


def test_number_field_accepts_and_steps(qtbot):
    field = NumberField(0.5, -1, 1, step=0.25)
    qtbot.addWidget(field)
    seen = []
    field.value_changed.connect(seen.append)
    field.setText("-0.7")
    field.editingFinished.emit()
    assert field.value() == -0.7 and seen == [-0.7]
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert math.isclose(field.value(), -0.45)
    qtbot.keyClick(field, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert field.value() == 1.0  # clamped to the maximum
