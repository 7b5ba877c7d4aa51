"""The binder: fields built from declarations, both directions, refusals, language, enabled."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QMainWindow, QWidget

from gui.binder import SettingsBinder
from gui.i18n import LanguageManager
from gui.models.base import TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    BoolSetting,
    ChoiceSetting,
    FloatSetting,
    IntListSetting,
    IntSetting,
    StrSetting,
)
from gui.text import ERROR_COLOR
from tests.tools.settings_contract import check_setting


def _std_enabled(values, run_state):
    return values["init"] == "std"


class Demo(TabModel):
    """One setting of every kind; labels borrowed from the Training tab's translations."""

    key = "demo"
    SETTINGS = (
        FloatSetting(
            key="lr",
            default=0.1,
            minimum=1e-6,
            maximum=10.0,
            step=0.01,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Learning rate"),
            context="TrainingTab",
            while_paused=True,
            object_name="demoLr",
        ),
        IntSetting(key="batch", default=32, minimum=1, maximum=10000, label="Batch"),
        ChoiceSetting(
            key="init", default="he", label="Init", choices=(("he", "He"), ("std", "std"))
        ),
        FloatSetting(
            key="std", default=0.01, minimum=1e-6, maximum=10.0, label="Std", enabled=_std_enabled
        ),
        BoolSetting(key="log", default=False, label="Log scale", while_running=True),
        StrSetting(key="name", default="net", label="Name", max_length=12),
        IntListSetting(key="hidden", default=[10], label="Hidden", max_length=3),
    )


@pytest.fixture
def bound(qtbot):
    window = QMainWindow()
    host = QWidget()
    window.setCentralWidget(host)
    model = Demo()
    binder = SettingsBinder(model, host)
    form = QFormLayout(host)
    binder.add_rows(form)
    qtbot.addWidget(window)
    window.show()
    return window, model, binder


def test_widgets_built_from_declarations(bound):
    _, model, binder = bound
    assert isinstance(binder.widget("lr"), QLineEdit) and binder.widget("lr").text() == "0.1"
    assert binder.widget("lr").objectName() == "demoLr"
    assert isinstance(binder.widget("init"), QComboBox)
    assert binder.widget("init").currentData() == "he"
    assert isinstance(binder.widget("log"), QCheckBox)
    assert binder.widget("hidden").text() == "10"
    assert binder.label("lr").text() == "Learning rate"


def test_typed_edit_reaches_the_model_normalised(bound, qtbot):
    _, model, binder = bound
    field = binder.widget("batch")
    field.setText("1e3")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert model["batch"] == 1000 and field.text() == "1000"
    qtbot.keyClick(field, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert model["batch"] == 1010


def test_refusal_keeps_old_value_and_says_why_in_one_colour(bound, qtbot):
    window, model, binder = bound
    field = binder.widget("lr")
    field.setText("1,000")
    with qtbot.waitSignal(binder.rejected) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    key, message = blocker.args
    assert key == "lr" and message.startswith("Learning rate: ") and "1,000" in message
    assert model["lr"] == 0.1 and field.text() == "0.1"
    assert ERROR_COLOR in field.styleSheet() and field.toolTip() == message
    assert window.statusBar().currentMessage() == message
    field.setText("0.5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert model["lr"] == 0.5 and field.styleSheet() == "" and "lr" not in binder.errors


def test_model_changes_are_mirrored_and_clear_marks(bound, qtbot):
    _, model, binder = bound
    binder.commit_text("batch", "nope")
    assert "batch" in binder.errors
    model.set_state({"batch": 64, "init": "std", "log": True, "hidden": [5, 6]})
    assert binder.widget("batch").text() == "64" and "batch" not in binder.errors
    assert binder.widget("init").currentData() == "std"
    assert binder.widget("log").isChecked() and binder.widget("hidden").text() == "5, 6"


def test_enabled_from_declaration_and_run_state(bound):
    _, model, binder = bound
    assert not binder.widget("std").isEnabled()
    binder.widget("init").setCurrentIndex(1)  # "std": the std field becomes usable
    assert model["init"] == "std" and binder.widget("std").isEnabled()
    model.set_run_state("paused")
    assert binder.widget("lr").isEnabled() and not binder.widget("batch").isEnabled()
    assert binder.widget("log").isEnabled() and not binder.widget("std").isEnabled()
    model.set_run_state("running")
    assert not binder.widget("lr").isEnabled() and binder.widget("log").isEnabled()


def test_relabels_on_language_switch(bound):
    _, _, binder = bound
    LanguageManager.instance().set_language("ja", save=False)
    binder.retranslate()
    assert binder.label("lr").text() == "学習率"
    binder.commit_text("lr", "abc")
    assert (
        binder.errors["lr"].startswith("学習率: ") and "数値ではありません" in binder.errors["lr"]
    )


@pytest.mark.parametrize("key", [s.key for s in Demo.SETTINGS])
def test_contract_on_every_kind(bound, qtbot, key):
    _, _, binder = bound
    check_setting(qtbot, binder, key)
