"""The settings contract, generic over any declaration: a value goes in through the widget
(typed text, Enter) and through ``set_state`` (a project file); both paths must accept or
refuse it alike, and a refusal must name the field and keep the old value.

``probes(setting)`` lists ``(text, value)`` pairs for one declaration: its range ends, just
beyond them, text, NaN and ±inf (and for lists, too many entries) — ``text`` is what a
learner would type, ``value`` what a project file would hold.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from gui.binder import SettingsBinder
from gui.models.base import TabModel
from gui.models.settings import Setting, SettingError


def probes(setting: Setting) -> list[tuple[str, object]]:
    kind = setting.kind
    bad = [("abc", "abc"), ("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf)]
    if kind == "int":
        lo, hi = setting.minimum, setting.maximum
        ends = [lo, hi, lo - 1, hi + 1, setting.default]
        return [(str(v), v) for v in ends] + [("2.5", 2.5)] + bad
    if kind == "float":
        lo, hi = setting.minimum, setting.maximum
        ends = [lo, hi, math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)]
        ends.append(setting.default)
        return [(setting.format(v), v) for v in ends] + bad
    if kind == "int_list":
        lo, hi, n = setting.minimum, setting.maximum, setting.max_length
        lists = [[lo], [hi], [lo - 1], [hi + 1], [lo] * n, [lo] * (n + 1)]
        return [(", ".join(map(str, v)), v) for v in lists] + bad
    if kind == "str":
        return [("x" * setting.max_length, "x" * setting.max_length)]
    return []


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    widget.setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def drive_widget(qtbot, binder: SettingsBinder, key: str, text: str) -> bool:
    """Type ``text`` into the field of ``key``; True if the model took it."""
    widget = binder.widget(key)
    assert isinstance(widget, QLineEdit), f"{key}: not a text field"
    widget.setEnabled(True)  # enabled-ness is a separate contract; here: what it accepts
    _type(qtbot, widget, text)
    return key not in binder.errors


def drive_state(model: TabModel, key: str, value: object) -> bool:
    """``set_state({key: value})``; True if accepted."""
    try:
        model.set_state({key: value})
    except SettingError as exc:
        assert exc.key == key, f"{key}: the refusal names {exc.key!r}"
        return False
    return True


def check_setting(qtbot, binder: SettingsBinder, key: str) -> None:
    """Drive every probe of ``key`` through both paths; assert they agree."""
    model, setting = binder.model, binder.model.setting(key)
    defaults = model.values()
    label = QCoreApplication.translate(setting.context, setting.label)
    widget = binder.widget(key)
    if setting.kind == "choice":
        assert isinstance(widget, QComboBox)
        assert [widget.itemData(i) for i in range(widget.count())] == list(setting.keys)
        for i, choice in enumerate(setting.keys):
            widget.setEnabled(True)
            widget.setCurrentIndex(i)
            if key not in binder.errors:
                assert model[key] == choice
            assert drive_state(model, key, choice) == (key not in binder.errors)
            model.set_state(defaults)
        not_a_key = 1 + max((k for k in setting.keys if isinstance(k, int)), default=2)
        for bad in ("no such choice", not_a_key, None, math.nan, 1.5, True):
            before = model.state()
            assert not drive_state(model, key, bad)
            assert model.state() == before
        return
    if setting.kind == "bool":
        assert isinstance(widget, QCheckBox)
        for on in (True, False):
            widget.setEnabled(True)
            widget.setChecked(on)
            assert model[key] is on or key in binder.errors
            assert drive_state(model, key, on) == (key not in binder.errors)
            model.set_state(defaults)
        for bad in (1, "true", None, math.nan):
            assert not drive_state(model, key, bad)
        return
    for text, value in probes(setting):
        model.set_state(defaults)
        old = model[key]
        by_widget = drive_widget(qtbot, binder, key, text)
        if by_widget:
            assert model[key] == setting.validate(value), f"{key}: typed {text!r}"
        else:
            assert model[key] == old, f"{key}: a refused {text!r} changed the value"
            assert widget.text() == setting.format(old), f"{key}: the old text is not back"
            assert binder.errors[key].startswith(label), f"{key}: {binder.errors[key]!r}"
        model.set_state(defaults)
        before = model.state()
        by_state = drive_state(model, key, value)
        if not by_state:
            assert model.state() == before, f"{key}: a refused {value!r} changed the state"
        assert by_widget == by_state, (
            f"{key}: {text!r} {'accepted' if by_widget else 'refused'} by the widget, "
            f"{value!r} {'accepted' if by_state else 'refused'} by set_state"
        )
    model.set_state(defaults)
