"""The structure contract, for every tab of the registry that has a model (a new tab gets
it by being registered): every declared setting has a field; each is driven through its
field and through ``set_state`` with its range ends, just beyond them, text, NaN and ±inf;
both paths accept or refuse the same values; a refusal names the field and keeps the old
value (tests/tools/settings_contract.py)."""

import pytest
from PySide6.QtWidgets import QMainWindow

from gui import registry
from tests.tools.settings_contract import check_setting

MODEL_TABS = [spec.key for spec in registry.TABS if spec.model]


def make_view(qtbot, key):
    model = registry.make_model(key)
    window = QMainWindow()  # a status bar for the refusals
    view = registry.view_class(key)(model, window)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    return window, view, model


@pytest.mark.parametrize("key", MODEL_TABS)
def test_every_setting_has_a_field_and_one_validator(qtbot, key):
    window, view, model = make_view(qtbot, key)
    shown = {k for binder in view.binders for k in binder.settings}
    declared = [s.key for s in model.settings()]
    assert set(declared) == shown, f"settings without a field: {set(declared) - shown}"
    for setting in model.settings():
        binder = next(b for b in view.binders if setting.key in b.settings)
        check_setting(qtbot, binder, setting.key)
    view.shutdown()


@pytest.mark.parametrize("key", MODEL_TABS)
def test_state_round_trips_through_a_fresh_model(qtbot, key):
    model = registry.make_model(key)
    other = registry.make_model(key)
    other.set_state(model.state())
    assert other.state() == model.state()
