"""The per-tab widget table the generic tests read (tests/tools/tab_widgets.py) matches
the real window, so a renamed or missing widget fails here and in the tests using it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

from gui.registry import tab_keys
from tests.tools.tab_widgets import CONTROL_NAMES, RUN_NAMES, TABS, find, tab_key


def test_every_tab_has_an_entry():
    assert set(TABS) == set(tab_keys())


def in_place_editors(tab: QWidget) -> set[str]:
    return {
        view.objectName()
        for view in tab.findChildren(QWidget)
        if callable(getattr(view, "start_edit", None))
        and isinstance(getattr(view, "editor", None), QLineEdit)
    }


@pytest.mark.parametrize("key", tab_keys())
def test_the_table_matches_the_tab(window, key):
    tab = window.tab(key)
    spec = TABS[key]
    assert tab_key(tab) == key
    for name, kind in spec.named.items():
        assert isinstance(find(tab, name), kind)
    present = {name for name in RUN_NAMES + CONTROL_NAMES if tab.findChild(QAbstractButton, name)}
    listed = set(spec.controls) | ({spec.run} if spec.run else set())
    assert present == listed, f"{key}: the table lists {listed}, the tab has {present}"
    assert in_place_editors(tab) == set(spec.in_place_editors)
