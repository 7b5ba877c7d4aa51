"""Issue 14 item 5: numbers. "10²" and non-ASCII digits are refused with a message naming
the field (a hidden-layer size of "10²" showed Python's ``invalid literal for int()``;
"١٠" became 10); "1,000" is refused and the message says so (it silently became 1); the
app has one number parser, the settings declarations' (``parse_number`` applies it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.widgets import InputError, parse_number


@pytest.fixture
def tab(window):
    return window.show_tab("training")


def type_into(qtbot, field, text):
    """Enter ``text`` as typed and press Return (QTest cannot type "²" or "١": it aborts,
    so non-ASCII text is put in as an input method would commit it)."""
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def status(window) -> str:
    return window.statusBar().currentMessage()


@pytest.mark.parametrize("bad", ["10²", "١٠", "1e400", "²", "1,000"])
def test_hidden_layer_sizes_refuse_odd_digits_naming_the_field(qtbot, window, tab, bad):
    hidden = tab.binder.widget("hidden")
    type_into(qtbot, hidden, "16, 8")
    assert tab.model["hidden"] == [16, 8]
    type_into(qtbot, hidden, f"16, {bad}")
    assert tab.model["hidden"] == [16, 8]  # kept; "١٠" used to become 10
    message = status(window)
    assert message.startswith("Hidden layers:"), message
    assert bad.split(",")[-1] in message and "invalid literal" not in message


@pytest.mark.parametrize(
    ("key", "label", "text"),
    [
        ("batch_size", "Batch size", "1,000"),
        ("length", "Length", "1,000"),
        ("lr", "Learning rate", "10²"),
        ("batch_size", "Batch size", "٣٢"),
    ],
)
def test_number_fields_refuse_and_name_the_field(qtbot, window, tab, key, label, text):
    widget = tab.binder.widget(key)
    before = tab.model[key]
    type_into(qtbot, widget, text)
    assert tab.model[key] == before  # "1,000" used to become 1
    message = status(window)
    assert message.startswith(f"{label}:"), message
    assert text in message
    if "," in text:
        assert "refused, not read as 1 or 1000" in message
    assert widget.toolTip() == message


def test_messages_are_in_japanese_too(qtbot, window, tab):
    window.set_language("ja")
    type_into(qtbot, tab.binder.widget("batch_size"), "1,000")
    message = status(window)
    assert message.startswith("バッチサイズ"), message
    assert "1,000" in message
    window.set_language("en")


def test_plain_number_fields_name_their_form_label(qtbot):
    """A ``NumberField`` outside the declarations (Descent, Network panels) names itself
    by its form label, through the same parser."""
    from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QWidget

    from gui.widgets import NumberField

    window = QMainWindow()
    holder = QWidget()
    form = QFormLayout(holder)
    field = NumberField(5, 1, 100, integer=True)
    form.addRow(QLabel("Steps:"), field)
    window.setCentralWidget(holder)
    qtbot.addWidget(window)
    window.show()
    for text in ("1,000", "10²"):
        field.setText(text)
        field.editingFinished.emit()
        assert field.value() == 5
        message = window.statusBar().currentMessage()
        assert message.startswith("Steps: ") and text in message, message


INPUTS = [
    "0.5",
    " -7e-1 ",
    ".5",
    "１.５",
    "−2",
    "12",
    "1e3",
    "10²",
    "١٠",
    "1,000",
    "0,25",
    "1_000",
    "abc",
    "",
    "nan",
    "-inf",
    "1e400",
    "2.5",
    "9" * 80,
]


@pytest.mark.parametrize("text", INPUTS)
@pytest.mark.parametrize("integer", [False, True])
def test_one_parser_for_fields_and_declarations(text, integer):
    """``parse_number`` (plain fields, tables, the canvas editor) and a declaration's
    ``parse`` (bound fields) accept and refuse the same texts, with the same values."""
    from gui.models.settings import FloatSetting, IntSetting, SettingError

    declared = (
        IntSetting(key="n", label="", default=0, minimum=-1000, maximum=1000)
        if integer
        else FloatSetting(key="x", label="", default=0.0, minimum=-1000.0, maximum=1000.0)
    )
    try:
        expected = declared.parse(text)
    except SettingError as exc:
        with pytest.raises(InputError) as info:
            parse_number(text, -1000, 1000, integer=integer)
        assert str(info.value) == exc.message
    else:
        assert parse_number(text, -1000, 1000, integer=integer) == expected


def test_a_refusal_says_its_reason_once():
    """The declarations' messages filled ``%1`` with the whole sentence:
    "Learning rate: ““abc” is not a number.” is not a number."."""
    from gui.models.settings import FloatSetting, SettingError

    setting = FloatSetting(key="lr", label="Learning rate", default=0.1)
    with pytest.raises(SettingError) as info:
        setting.parse("abc")
    assert str(info.value) == "Learning rate: “abc” is not a number."
    assert info.value.message == "“abc” is not a number."
