"""GUI bad-input sweep (issue 9, design.md §5): every editable number field and table
cell of every tab is given text, empty strings, NaN, ±inf, 1e400, very long strings and
other junk, the way a user types them. Each must be refused with a visible message, and
the previous value (and the tab's whole state) kept.

Generic: widgets are found by type across the whole window, hidden pages of tab widgets
and stacked widgets included (they are brought to the front first), so tabs merged later
are swept too. Spin boxes must be ``gui.widgets.CheckedDoubleSpinBox`` (a plain Qt spin
box drops refused keys one by one and turns "1e400" into 140 with no message).
"""

from __future__ import annotations

import json
import math

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from engine import project
from gui.registry import tab_keys
from gui.widgets import CheckedDoubleSpinBox, NumberField
from tests.tools.tab_widgets import find, tab_widgets

BAD_INPUTS = [
    "abc",
    "",
    "   ",
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "+Infinity",
    "1e400",
    "-1e400",
    "１e４００",  # full-width digits from a Japanese IME: still 1e400
    "1e300",
    "9" * 400,
    "x" * 5000,
    "1.2.3",
    "1,2,5",
    "0x1F",
    "1e",
    "--1",
    "1/0",
    "__import__('os').system('true')",
    "1\x002",
    "🙂",
]
#: Typed key by key (real key events); longer, non-ASCII (QTest types ASCII only) or
#: control-character inputs are pasted.
TYPE_LIMIT = 40
#: Most cells of one table edited through the model (every bad input each).
CELLS_PER_VIEW = 12


def typed(text: str) -> bool:
    return len(text) <= TYPE_LIMIT and text.isascii() and text.isprintable()


def enter_text(qtbot, edit: QLineEdit, text: str) -> None:
    """Select all, type (or paste) ``text`` and press Enter, as a user would."""
    edit.setFocus()
    edit.selectAll()
    if typed(text) and text:
        qtbot.keyClicks(edit, text)
    else:
        edit.del_() if edit.hasSelectedText() else None
        edit.insert(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def in_range(text: str, minimum: float, maximum: float) -> bool:
    """True if ``text`` is plainly a finite number the field allows (not bad input)."""
    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and minimum <= value <= maximum


def reveal(widget: QWidget) -> None:
    """Bring every tab-widget or stacked-widget page holding ``widget`` to the front."""
    child = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget):
            owner = parent.parentWidget()
            if isinstance(owner, QTabWidget):
                owner.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child = parent
    QApplication.processEvents()


def tab_state(tab) -> str:
    return json.dumps(project.plain(tab.state()), sort_keys=True, default=repr)


class Messages:
    """Did the window show a message since ``arm()``? (status bar, or a label's text)."""

    def __init__(self, window, tab) -> None:
        self.window, self.tab = window, tab
        self.labels: dict[int, str] = {}

    def arm(self) -> None:
        self.window.statusBar().clearMessage()
        self.labels = {id(lab): lab.text() for lab in self.tab.findChildren(QLabel)}

    def shown(self) -> str:
        text = self.window.statusBar().currentMessage()
        if text:
            return text
        for label in self.tab.findChildren(QLabel):
            if label.isVisible() and label.text() and label.text() != self.labels.get(id(label)):
                return label.text()
        return ""


def editable_views(tab) -> list[QAbstractItemView]:
    views = []
    for view in tab.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QHeaderView) or model is None:
            continue
        if isinstance(view.parentWidget(), QComboBox) or view.window() is not tab.window():
            continue  # a combo box's popup list
        if any(editable_cells(model)):
            views.append(view)
    return views


def editable_cells(model) -> list[QModelIndex]:
    cells = []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                cells.append(index)
    return cells


def sample(cells: list, limit: int) -> list:
    if len(cells) <= limit:
        return cells
    step = len(cells) / limit
    return [cells[int(i * step)] for i in range(limit - 1)] + [cells[-1]]


def cell_values(model, index) -> tuple:
    return (
        repr(model.data(index, Qt.ItemDataRole.EditRole)),
        repr(model.data(index, Qt.ItemDataRole.DisplayRole)),
    )


def open_editor(view: QAbstractItemView, index: QModelIndex) -> QWidget | None:
    """The delegate's editor for ``index``, opened as F2 would."""
    before = set(map(id, view.viewport().findChildren(QWidget)))
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    QApplication.processEvents()
    for widget in view.viewport().findChildren(QWidget):
        new = id(widget) not in before and widget.isVisible()
        if new and isinstance(widget, (QLineEdit, QAbstractSpinBox)):
            return widget
    return None


@pytest.fixture(scope="module")
def tally():
    counts = {"number fields": 0, "table cells (model)": 0, "table cells (editor)": 0}
    counts.update({"spin boxes": 0, "in-place editors": 0})
    yield counts
    print(
        "\nbad-input sweep (input × field/cell/file pairs):", counts, "total", sum(counts.values())
    )


@pytest.mark.parametrize("key", tab_keys())
def test_number_fields_refuse_bad_input(window, qtbot, key, tally):
    tab = window.show_tab(key)
    messages = Messages(window, tab)
    fields = [f for f in tab.findChildren(NumberField) if f.isEnabled() and not f.isReadOnly()]
    for field in fields:
        reveal(field)
        for text in BAD_INPUTS:
            if in_range(text, field.minimum, field.maximum):
                continue  # e.g. 1e300 in a divergence bound that allows it
            old_value, old_text, old_state = field.value(), field.text(), tab_state(tab)
            messages.arm()
            enter_text(qtbot, field, text)
            owner = field.objectName() or type(field.parentWidget()).__name__
            where = f"{key}: {owner} ← {text[:20]!r}"
            assert field.value() == old_value, where
            assert field.text() == old_text, where
            assert tab_state(tab) == old_state, where
            assert messages.shown() or field.toolTip(), where
            assert field.property("invalid"), where
            tally["number fields"] += 1
    # the next good value clears the error mark
    for field in fields:
        field.setValue(field.value())
        assert not field.property("invalid")


@pytest.mark.parametrize("key", tab_keys())
def test_spin_boxes_refuse_text(window, qtbot, key, tally):
    """Every spin box is a CheckedDoubleSpinBox: a bad number typed whole (letters, NaN,
    inf, 1e400, out of range) is refused when the edit ends, the old value stays and the
    reason is shown. (A plain QDoubleSpinBox dropped refused keys one by one and turned
    "1e400" into 140 in a ±1000 box.)"""
    tab = window.show_tab(key)
    messages = Messages(window, tab)
    for spin in tab.findChildren(QAbstractSpinBox):
        if not spin.isEnabled() or spin.isReadOnly() or not hasattr(spin, "value"):
            continue
        assert isinstance(spin, CheckedDoubleSpinBox), (
            f"{key}: {spin.objectName()} is a plain spin box"
        )
        reveal(spin)
        for text in BAD_INPUTS:
            if not text.strip():
                continue  # an emptied spin box simply shows its value again
            old, old_state = spin.value(), tab_state(tab)
            messages.arm()
            enter_text(qtbot, spin.lineEdit(), text)
            spin.clearFocus()
            QApplication.processEvents()
            where = f"{key}: {spin.objectName()} ← {text!r}"
            assert spin.value() == old, where
            assert tab_state(tab) == old_state, where
            assert messages.shown(), where
            tally["spin boxes"] += 1


@pytest.mark.parametrize("key", tab_keys())
def test_table_cells_refuse_bad_input(window, qtbot, key, tally):
    """Every editable table: setData(EditRole) with each bad input on up to 12 cells, and
    the real delegate editor (F2, type, Enter) on the first cell."""
    tab = window.show_tab(key)
    messages = Messages(window, tab)
    views = editable_views(tab)
    for view in views:
        reveal(view)
        model = view.model()
        name = f"{key}: {view.objectName() or type(view).__name__}"
        cells = editable_cells(model)
        # the real editor path, first editable cell
        index = cells[0]
        for text in BAD_INPUTS:
            editor = open_editor(view, index)
            if editor is None:
                pytest.fail(f"{name}: F2 opened no line edit or spin box on an editable cell")
            line = editor.lineEdit() if isinstance(editor, QAbstractSpinBox) else editor
            old, old_state = cell_values(model, index), tab_state(tab)
            messages.arm()
            if isinstance(editor, QAbstractSpinBox) and not typed(text):
                qtbot.keyClick(line, Qt.Key.Key_Escape)
                continue
            enter_text(qtbot, line, text)
            QApplication.processEvents()
            where = f"{name} editor ← {text[:20]!r}"
            assert cell_values(model, index) == old, where
            assert tab_state(tab) == old_state, where
            if not isinstance(editor, QAbstractSpinBox):
                assert messages.shown(), where
            tally["table cells (editor)"] += 1
        # the model path, a sample of cells
        for index in sample(cells, CELLS_PER_VIEW):
            for text in BAD_INPUTS:
                old, old_state = cell_values(model, index), tab_state(tab)
                messages.arm()
                accepted = model.setData(index, text, Qt.ItemDataRole.EditRole)
                where = f"{name} setData({index.row()}, {index.column()}) ← {text[:20]!r}"
                assert accepted is False, where
                assert cell_values(model, index) == old, where
                assert tab_state(tab) == old_state, where
                assert messages.shown(), where
                tally["table cells (model)"] += 1


@pytest.mark.parametrize("key", tab_keys())
def test_in_place_editors_refuse_bad_input(window, qtbot, key, tally):
    """Graphics views with an in-place value editor (``start_edit``/``editor``, e.g. the
    Network canvas's edge weights), as the per-tab table lists them: bad text + Enter
    changes nothing and says why."""
    tab = window.show_tab(key)
    messages = Messages(window, tab)
    found = 0
    for name in tab_widgets(key).in_place_editors:
        view = find(tab, name)
        editor = getattr(view, "editor", None)
        edges = getattr(view, "edges", None)
        assert callable(getattr(view, "start_edit", None)) and isinstance(editor, QLineEdit), name
        assert edges, f"{key}: {name} shows no edge to edit"
        reveal(view)
        edge = next(iter(edges.values()))
        for text in BAD_INPUTS:
            view.start_edit(edge)
            old_state = tab_state(tab)
            messages.arm()
            editor.setText(text)
            qtbot.keyClick(editor, Qt.Key.Key_Return)
            where = f"{key}: {view.objectName()} ← {text[:20]!r}"
            assert tab_state(tab) == old_state, where
            assert messages.shown(), where
            tally["in-place editors"] += 1
            found += 1
    assert found == len(BAD_INPUTS) * len(tab_widgets(key).in_place_editors)


#: Text that no plain text field of the app accepts (lists of sizes, expressions, …).
PLAIN_BAD = [
    "abc",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "+Infinity",
    "1e400",
    "-1e400",
    "１e４００",
    "x" * 5000,
    "1.2.3",
    "1e",
    "__import__('os').system('true')",
    "1\x002",
    "🙂",
]


@pytest.mark.parametrize("key", tab_keys())
def test_plain_text_fields_refuse_bad_input(window, qtbot, key, tally):
    """Other line edits (layer sizes, expressions): bad text + Enter never changes the
    tab's state; a field that answers Enter with a message does so for every bad text
    (fields applied by a separate button say nothing on Enter)."""
    tab = window.show_tab(key)
    messages = Messages(window, tab)
    for edit in tab.findChildren(QLineEdit):
        if isinstance(edit, NumberField) or isinstance(edit.parentWidget(), QAbstractSpinBox):
            continue
        if edit.isReadOnly() or not edit.isEnabled() or isinstance(edit.parentWidget(), QComboBox):
            continue
        reveal(edit)
        if not edit.isVisible():
            continue  # an in-place editor that only appears on demand
        original = edit.text()
        answered = []
        for text in PLAIN_BAD:
            old_state = tab_state(tab)
            messages.arm()
            enter_text(qtbot, edit, text)
            where = f"{key}: {edit.objectName()} ← {text[:20]!r}"
            assert tab_state(tab) == old_state, where
            answered.append(bool(messages.shown()))
            tally["plain text fields"] = tally.get("plain text fields", 0) + 1
        assert all(answered) or not any(answered), (key, edit.objectName(), answered)
        if not any(answered):  # applied by a button beside it: press that
            buttons = [
                b
                for b in edit.parentWidget().findChildren(QPushButton)
                if b.isEnabled() and b.isVisible()
            ]
            assert buttons, f"{key}: {edit.objectName()} says nothing and has no button"
            for text in PLAIN_BAD:
                old_state = tab_state(tab)
                messages.arm()
                edit.setText(text)
                buttons[0].click()
                where = f"{key}: {edit.objectName()} + {buttons[0].objectName()} ← {text[:20]!r}"
                assert tab_state(tab) == old_state, where
                assert messages.shown(), where
                tally["plain text fields"] += 1
        edit.setText(original)


# -- bad files through the window's own open paths -----------------------------------------
def _fuzz_corpus(folder):
    """The file corpus of tests/engine/test_fuzz_files.py (loaded by path)."""
    import importlib.util
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "engine" / "test_fuzz_files.py"
    spec = importlib.util.spec_from_file_location("zerokara_fuzz_files", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, module.build_corpus(folder)


def test_bad_files_refused_by_the_window_with_a_message(window, tmp_path, tally):
    """Every hostile or broken file of the fuzz corpus, opened as a project, as Network
    weights and as Training MNIST data: refused with a message, work unchanged, no code
    run. (The valid seeds are skipped: they would legitimately replace the work.)"""
    module, corpus = _fuzz_corpus(tmp_path)
    seeds = set(module.seeds())
    network = window.tab("network")
    training = window.tab("training")
    openers = {
        "project": (".zkl.json", lambda p: window.project.open_path(p, ask=False)),
        "weights-npz": (".npz", getattr(network, "load_weights_file", None)),
        "weights-pkl": (".pkl", getattr(network, "load_weights_file", None)),
        "mnist-npz": (".npz", getattr(training, "load_mnist", None)),
        "mnist-pkl": (".pkl", getattr(training, "load_mnist", None)),
    }
    before = {key: tab_state(window.tab(key)) for key in tab_keys()}
    tried = 0
    for i, (name, data) in enumerate(sorted(corpus.items())):
        if name in seeds or "~garbage" in name or "~flip" in name:
            continue  # a flipped bit may leave a valid file; the engine fuzz covers those
        for kind, (suffix, opener) in openers.items():
            if opener is None:
                continue
            path = tmp_path / f"f{i}-{kind}{suffix}"
            path.write_bytes(data)
            window.statusBar().clearMessage()
            labels = {id(lab): lab.text() for lab in window.findChildren(QLabel)}
            ok = opener([str(path)] if kind.startswith("mnist") else path)
            assert ok is False, (name, kind)
            shown = window.statusBar().currentMessage() or any(
                lab.isVisible() and lab.text() and lab.text() != labels.get(id(lab))
                for lab in window.findChildren(QLabel)
            )
            assert shown, (name, kind)
            tried += 1
    for box in window.findChildren(QWidget, "projectMessage"):
        box.close()
    assert {key: tab_state(window.tab(key)) for key in tab_keys()} == before
    assert not (tmp_path / module.MARK).exists()
    tally["bad files opened in the window"] = tried


# -- hostile project contents: each tab's set_state ----------------------------------------
HOSTILE_VALUES = [None, "abc", "", -1, 0, 10**19, -1e308, 1e308, 0.5, True, [], {}, [1] * 5000]


def _paths(value, prefix=()):
    """Every (path, value) inside a JSON-like state."""
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            yield from _paths(v, (*prefix, i))


def _replaced(state, path, new):
    import copy

    state = copy.deepcopy(state)
    if not path:
        return new
    target = state
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return state


@pytest.mark.parametrize("key", tab_keys())
def test_set_state_refuses_hostile_states(window, key, tally):
    """A project file may hold anything JSON can: every value of each tab's state is
    replaced in turn by hostile ones. set_state may accept (if usable) or raise
    ValueError — nothing else — and the tab still gives a valid, JSON-able state."""
    import random

    tab = window.tab(key)
    good = project.plain(tab.state())
    paths = [p for p, _ in _paths(good)]
    rng = random.Random(key)
    tried = refused = 0
    cases = [(p, v) for p in paths for v in HOSTILE_VALUES]
    for path, value in rng.sample(cases, min(len(cases), 400)):
        state = _replaced(good, path, value)
        try:
            tab.set_state(state)
        except ValueError as exc:
            assert str(exc).strip(), (key, path, value)
            refused += 1
        except Exception as exc:  # noqa: BLE001 - the failure names it
            pytest.fail(f"{key}.set_state with {path} = {str(value)[:30]}: {exc!r}")
        tab.shutdown()
        project.new_document({key: tab.state()})  # still a valid document
        tried += 1
    for junk in ("not a dict", [], None, {"unknown": 1}):
        try:
            tab.set_state(junk)
        except ValueError:
            refused += 1
        tried += 1
    tab.set_state(good)
    assert project.plain(tab.state()) == good
    tally["hostile tab states"] = tally.get("hostile tab states", 0) + tried
