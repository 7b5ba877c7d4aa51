"""The Gates tab driven like a learner: presets, target edits, weights, the draggable line,
the perceptron rule, the not-separable explanation and the two-layer network."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTableView,
    QToolButton,
)

from engine.network import Network
from engine.perceptron import Perceptron, table_inputs
from gui.tabs.gates import GatesTab


@pytest.fixture
def tab(qtbot):
    widget = GatesTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def choose(combo: QComboBox, text: str) -> None:
    """Pick the item with ``text`` as a user would (the combo emits ``activated``)."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in the combo"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def column(table: QTableView, header: str) -> list[str]:
    model = table.model()
    cols = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    c = cols.index(header)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def cell(table: QTableView, row: int, header: str):
    model = table.model()
    cols = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return model.index(row, cols.index(header))


def label(tab, name: str) -> str:
    return tab.findChild(QLabel, name).text()


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    """Select all, type ``text`` and press Enter, as a user would."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def learn_and_wait(tab, qtbot, speed="Instant", epochs=None):
    choose(tab.findChild(QComboBox, "speedCombo"), speed)
    if epochs is not None:
        type_into(qtbot, tab.findChild(QLineEdit, "maxEpochsField"), str(epochs))
        assert tab.model["max_epochs"] == epochs
    button = tab.findChild(QPushButton, "learnButton")
    with qtbot.waitSignal(tab.controller.finished, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not tab.is_learning()


# -- the "done when" scenario -------------------------------------------------------------
def test_xor_learn_explains_and_sends_two_layer_network(window, qtbot):
    tab = window.show_tab("gates")
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")
    assert column(table, "t") == ["0", "1", "1", "0"]
    assert column(table, "✓/✗") == ["✓", "✓", "✓", "✗"]  # OR's weights get (1, 1) wrong
    assert "Not linearly separable" in label(tab, "separabilityLabel")
    group = tab.findChild(QGroupBox, "twoLayerGroup")
    assert group.isVisible()

    learn_and_wait(tab, qtbot, epochs=12)
    status = label(tab, "learnStatus")
    assert "After 12 epochs" in status and "not linearly separable" in status
    assert "✗" in column(table, "✓/✗")

    text = label(tab, "twoLayerLabel")
    assert "s1 = NAND(x)" in text and "s2 = OR(x)" in text and "y = AND(s1, s2)" in text
    assert tab.findChild(type(tab.hidden_plot), "hiddenPlot").isVisible()
    # the hidden space: XOR's four rows land on (1,0), (1,1), (1,1), (0,1), split by AND
    net = tab.two_layer()
    x = table_inputs(2)
    assert net.hidden_outputs(x).tolist() == [[1, 0], [1, 1], [1, 1], [0, 1]]

    with qtbot.waitSignal(tab.send_network) as blocker:
        qtbot.mouseClick(tab.findChild(QPushButton, "sendNetworkButton"), Qt.MouseButton.LeftButton)
    network, description = blocker.args
    assert isinstance(network, Network)
    assert network.sizes == [2, 2, 1] and network.activations == ["step", "step"]
    assert network.predict(x).ravel().tolist() == [0, 1, 1, 0]
    assert "XOR" in description


def test_learn_and_animates_to_a_working_perceptron(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")
    seen = []
    tab.controller.records.connect(lambda batch: seen.extend(r.epoch for r in batch))
    learn_and_wait(tab, qtbot, speed="Fast")
    assert seen == [0, 1, 2, 3, 4, 5]  # one epoch at a time, from w = 0, b = 0
    assert "Learned in 5 epoch(s)" in label(tab, "learnStatus")
    assert column(table, "✓/✗") == ["✓"] * 4
    fields = [tab.findChild(QLineEdit, f"{n}Field") for n in ("w1", "w2", "b")]
    assert [round(tab.model[k], 3) for k in ("w1", "w2", "b")] == [0.2, 0.1, -0.2]
    assert [float(f.text()) for f in fields] == [tab.model[k] for k in ("w1", "w2", "b")]
    # the whole run is one undo step back to the book's weights
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [f.text() for f in fields] == ["0.5", "0.5", "-0.7"]
    assert tab.model.core().w == (0.5, 0.5)
    qtbot.keyClick(
        table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [round(tab.model[k], 3) for k in ("w1", "w2", "b")] == [0.2, 0.1, -0.2]


def test_learn_can_be_stopped_and_l_starts_it(tab, qtbot):
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")
    choose(tab.findChild(QComboBox, "speedCombo"), "Slow")
    tab.findChild(QTableView, "truthTable").setFocus()
    qtbot.keyClick(tab.findChild(QTableView, "truthTable"), Qt.Key.Key_L)
    assert tab.is_learning()
    assert tab.findChild(QPushButton, "learnButton").text() == "Stop"
    qtbot.waitUntil(lambda: "Epoch 1 " in label(tab, "learnStatus"), timeout=10000)
    with qtbot.waitSignal(tab.controller.finished, timeout=5000):
        qtbot.mouseClick(tab.findChild(QPushButton, "learnButton"), Qt.MouseButton.LeftButton)
    assert "Stopped at epoch" in label(tab, "learnStatus")
    assert tab.findChild(QPushButton, "learnButton").text() == "&Learn"


# -- editing targets ------------------------------------------------------------------------
def test_targets_by_click_space_and_keys_and_bad_input_refused(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    combo = tab.findChild(QComboBox, "gatePresetCombo")
    choose(combo, "AND")
    table.setFocus()
    table.setCurrentIndex(cell(table, 0, "t"))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert column(table, "t") == ["1", "0", "0", "1"]
    assert combo.currentText() == "Custom"
    assert column(table, "✓/✗")[0] == "✗"
    qtbot.keyClick(table, Qt.Key.Key_0)
    assert column(table, "t") == ["0", "0", "0", "1"]
    # a typed 2 or letter is refused, the value kept, the reason shown
    qtbot.keyClick(table, Qt.Key.Key_2)
    assert column(table, "t")[0] == "0"
    assert "refused" in label(tab, "gatesMessage") and "“2”" in label(tab, "gatesMessage")
    # the editor (F2) validates too
    table.setCurrentIndex(cell(table, 1, "t"))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "abc" in label(tab, "gatesMessage"))
    assert column(table, "t")[1] == "0"
    assert "abc" in label(tab, "gatesMessage") and "not a number" in label(tab, "gatesMessage")
    # a click on a target flips it
    rect = table.visualRect(cell(table, 2, "t"))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert column(table, "t") == ["0", "0", "1", "1"]
    # undo twice: back to AND
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undo = tab.findChild(QToolButton, "undoButton")
    assert "Set target of row 1" in undo.toolTip()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert column(table, "t") == ["1", "0", "0", "1"]
    qtbot.mouseClick(tab.findChild(QToolButton, "redoButton"), Qt.MouseButton.LeftButton)
    assert column(table, "t") == ["0", "0", "0", "1"]


def test_editing_targets_to_xor_reports_not_separable(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "OR (book, b = −0.2)")
    assert "✓ Linearly separable" in label(tab, "separabilityLabel")
    table.setFocus()
    table.setCurrentIndex(cell(table, 3, "t"))
    qtbot.keyClick(table, Qt.Key.Key_0)
    assert "Not linearly separable" in label(tab, "separabilityLabel")
    assert tab.ui.two_layer_group.isVisible()


# -- weights and the line -----------------------------------------------------------------
def test_study_notes_or_with_zero_bias(tab):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "OR (notes, b = 0)")
    assert tab.findChild(QLineEdit, "bField").text() == "0" and tab.model["b"] == 0
    assert column(table, "w·x + b") == ["0", "0.5", "0.5", "1"]
    assert column(table, "y") == ["0", "1", "1", "1"]  # 0 > 0 is false: OR(0, 0) = 0
    assert column(table, "✓/✗") == ["✓"] * 4


def test_field_and_slider_edit_weights(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")
    type_into(qtbot, tab.findChild(QLineEdit, "bField"), "-0.2")
    assert tab.perceptron().b == pytest.approx(-0.2)
    assert column(table, "y") == ["0", "1", "1", "1"]
    slider = tab.findChild(QSlider, "w1Slider")
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_PageDown)  # −0.5
    assert tab.perceptron().w[0] == pytest.approx(0.0)
    assert tab.findChild(QLineEdit, "w1Field").text() == "0"
    assert column(table, "w·x + b") == ["−0.2", "0.3", "−0.2", "0.3"]
    tab.undo_stack.undo()
    assert tab.perceptron().w[0] == pytest.approx(0.5)


def _drag(widget, start: QPointF, end: QPointF, qtbot, steps: int = 6) -> None:
    """Press, move and release the left button on a plot like a hand would."""

    def send(kind, pos, buttons):
        p = QPointF(pos)
        event = QMouseEvent(
            kind,
            p,
            QPointF(widget.mapToGlobal(p.toPoint())),
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for i in range(1, steps + 1):
        f = i / steps
        qtbot.wait(5)
        send(QEvent.Type.MouseMove, start + (end - start) * f, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def _to_widget(plot, x: float, y: float) -> QPointF:
    return plot.map_to_widget(x, y)


def test_drag_the_line_updates_w_b_and_table(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")
    plot = tab.findChild(type(tab.plot), "boundaryPlot")
    (x1, y1), (x2, y2) = plot.line_ends()
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    # move the whole line down-left by 0.25 in x1 and x2: b grows by 0.5 × 0.25 × 2
    _drag(
        plot, _to_widget(plot, *middle), _to_widget(plot, middle[0] - 0.25, middle[1] - 0.25), qtbot
    )
    w, b = tab.perceptron().w, tab.perceptron().b
    assert w.tolist() == pytest.approx([0.5, 0.5], abs=1e-3)
    assert b == pytest.approx(-0.45, abs=0.03)
    assert float(tab.findChild(QLineEdit, "bField").text()) == b
    assert column(table, "y") == ["0", "1", "1", "1"]  # now an OR
    assert column(table, "✓/✗") == ["✓", "✗", "✗", "✓"]
    # turn it: drag one end to (1.5, 1.5) keeps |w| and makes the line steeper
    (x1, y1), (x2, y2) = plot.line_ends()
    _drag(plot, _to_widget(plot, x1, y1), _to_widget(plot, x1, 1.5), qtbot)
    p = tab.perceptron()
    assert np.hypot(*p.w) == pytest.approx(np.hypot(0.5, 0.5), rel=1e-3)
    assert not np.allclose(p.w, [0.5, 0.5], atol=0.01)
    sums = column(table, "w·x + b")
    assert sums[1] != "0.05"
    # one drag, one undo step
    tab.undo_stack.undo()
    assert tab.perceptron().w.tolist() == pytest.approx([0.5, 0.5], abs=1e-3)


# -- 3 inputs, state, export, model ---------------------------------------------------------
def test_three_inputs(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "inputsCombo"), "3")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")
    assert table.model().rowCount() == 8
    assert column(table, "t") == ["0"] * 7 + ["1"]
    assert tab.findChild(QComboBox, "sliceCombo").isVisible()
    assert "slice x3 = 0" in label(tab, "plotNote")
    learn_and_wait(tab, qtbot)
    assert "Learned in" in label(tab, "learnStatus")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")  # odd parity
    assert "no single plane" in label(tab, "separabilityLabel")
    net = tab.two_layer()
    x = table_inputs(3)
    assert np.array_equal(net(x), x.sum(axis=1) % 2)
    assert len(net.hidden) == 3  # 3-input parity needs three hidden units
    assert not tab.hidden_plot.isVisible()
    assert "3 hidden units" in tab.ui.hidden_note.text()


def test_state_round_trip_and_bad_state(tab):
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XNOR")
    saved = tab.state()
    assert json.loads(json.dumps(saved)) == saved  # plain JSON types
    other = GatesTab()
    other.set_state(saved)
    assert other.state() == saved
    assert other.two_layer() is not None
    for bad in (
        {"n_inputs": 4, "targets": [0] * 16, "w": [0] * 4, "b": 0},
        {"targets": [0, 1, 2, 0], "w": [0, 0], "b": 0},
        {"targets": [0, 1, 1, 0], "w": [float("nan"), 0], "b": 0},
        {"targets": [0, 1, 1, 0], "w": [0, 0], "b": 2e6},
        {"w": [0, 0, 0]},
        "nonsense",
    ):
        with pytest.raises(ValueError):
            other.set_state(bad)
    assert other.state() == saved
    other.deleteLater()


@pytest.mark.parametrize(
    "inputs, preset", [("2", "OR (notes, b = 0)"), ("2", "XOR"), ("3", "XOR"), ("3", "AND")]
)
def test_export_code_reproduces_the_table(tab, tmp_path, inputs, preset):
    choose(tab.findChild(QComboBox, "inputsCombo"), inputs)
    choose(tab.findChild(QComboBox, "gatePresetCombo"), preset)
    script = tmp_path / "gates.py"
    script.write_text(tab.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    n = 2 ** int(inputs)
    rows = [line.split(" | ") for line in out[1 : 1 + n]]
    p = Perceptron(tab.perceptron().w, tab.perceptron().b)
    x = table_inputs(int(inputs))
    assert [r[0] for r in rows] == ["".join(map(str, row)) for row in x]
    assert [int(r[3]) for r in rows] == p(x).tolist()
    assert [float(r[2]) for r in rows] == pytest.approx(p.weighted_sum(x).tolist(), abs=0)
    net = tab.two_layer()
    if net is None:
        assert len(out) == 1 + n
    else:
        two = [line.split(" | ") for line in out[2 + n : 2 + 2 * n]]
        assert [int(r[2]) for r in two] == net(x).tolist()
        assert all(r[3] == "ok" for r in two)


def test_hooks_and_model(tab, qtmodeltester):
    assert set(tab.plot_widgets()) == {"Decision boundary", "Hidden space"}
    model = tab.table_models()["Truth table"]
    qtmodeltester.check(model)
    tab.smoke_test()
    assert not tab.is_learning()


def test_japanese(window, qtbot):
    window.set_language("ja")
    tab = window.tab("gates")
    button = tab.findChild(QPushButton, "learnButton")
    qtbot.waitUntil(lambda: button.text() == "学習(&L)")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")
    assert "線形分離不可能" in label(tab, "separabilityLabel")
    assert "パーセプトロン" in tab.lesson.toPlainText()
    assert "学習規則" in label(tab, "learnStatus")
    window.set_language("en")
    qtbot.waitUntil(lambda: button.text() == "&Learn")
    assert "Not linearly separable" in label(tab, "separabilityLabel")


def test_drag_in_a_three_input_slice_moves_b_not_w3(tab, qtbot):
    choose(tab.findChild(QComboBox, "inputsCombo"), "3")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")  # 0.5, 0.5, 0.5, b = −1.2
    choose(tab.findChild(QComboBox, "sliceCombo"), "x3 = 1")
    plot = tab.plot
    # in the slice x3 = 1 the plane is the line 0.5·x1 + 0.5·x2 − 0.7 = 0
    (x1, y1), (x2, y2) = plot.line_ends()
    assert 0.5 * x1 + 0.5 * y1 - 0.7 == pytest.approx(0, abs=1e-9)
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    end = _to_widget(plot, middle[0] - 0.25, middle[1] - 0.25)
    _drag(plot, _to_widget(plot, *middle), end, qtbot)
    p = tab.perceptron()
    assert p.w.tolist() == pytest.approx([0.5, 0.5, 0.5], abs=1e-3)
    assert p.b == pytest.approx(-0.95, abs=0.03)  # the slice's bias −0.45 minus w3·1
    assert "slice x3 = 1" in label(tab, "plotNote")


def test_undo_during_learning_stops_it_and_restores_the_start(tab, qtbot):
    table = tab.findChild(QTableView, "truthTable")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")
    choose(tab.findChild(QComboBox, "speedCombo"), "Slow")
    qtbot.mouseClick(tab.findChild(QPushButton, "learnButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Epoch 1 " in label(tab, "learnStatus"), timeout=10000)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not tab.is_learning()
    assert tab.perceptron().w.tolist() == [0.5, 0.5] and tab.perceptron().b == -0.2


# -- the plot itself (plain Qt): hover, the read-only plot, resizing, export -----------------
def _hover(widget, pos: QPointF) -> None:
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos.toPoint())),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _colour_at(widget, pos: QPointF):
    return widget.grab().toImage().pixelColor(pos.toPoint())


def test_hovering_the_line_and_an_end_highlights_them_and_sets_the_cursor(tab, qtbot):
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")
    plot = tab.plot
    (x1, y1), (x2, y2) = plot.line_ends()
    middle = plot.map_to_widget((x1 + x2) / 2, (y1 + y2) / 2)
    assert _colour_at(plot, middle).red() < 80  # the line is dark
    _hover(plot, middle)
    assert plot.cursor().shape() == Qt.CursorShape.OpenHandCursor
    hot = _colour_at(plot, middle)
    assert hot.red() > 180 and hot.green() < 100  # red while the mouse is on it
    _hover(plot, plot.map_to_widget(x1, y1))
    assert plot.cursor().shape() == Qt.CursorShape.SizeAllCursor
    _hover(plot, plot.map_to_widget(0.0, 1.0))  # a point, away from the line
    assert plot.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert _colour_at(plot, middle).red() < 80


def test_the_hidden_space_plot_ignores_the_mouse(window, qtbot):
    tab = window.show_tab("gates")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")
    hidden = tab.findChild(type(tab.plot), "hiddenPlot")
    qtbot.waitExposed(hidden)
    ends = hidden.line_ends()
    net = tab.two_layer()
    (x1, y1), (x2, y2) = ends
    middle = hidden.map_to_widget((x1 + x2) / 2, (y1 + y2) / 2)
    _hover(hidden, middle)
    assert hidden.cursor().shape() == Qt.CursorShape.ArrowCursor
    seen = []
    hidden.drag_started.connect(lambda: seen.append("start"))
    hidden.line_dragged.connect(lambda w, b: seen.append((w, b)))
    _drag(hidden, middle, hidden.map_to_widget(0.0, 0.0), qtbot)
    _drag(hidden, hidden.map_to_widget(x1, y1), hidden.map_to_widget(1.4, 0.0), qtbot)
    assert seen == []
    assert hidden.line_ends() == ends
    assert tab.two_layer().output.w.tolist() == net.output.w.tolist()
    assert tab.perceptron().w.tolist() == [0.5, 0.5] and tab.perceptron().b == -0.2


@pytest.mark.parametrize("size", [(700, 460), (1400, 900)])
def test_a_drag_after_a_resize_lands_where_the_mouse_is(tab, qtbot, size):
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "AND")
    plot = tab.plot
    before = plot.size()
    tab.resize(*size)
    qtbot.waitUntil(lambda: plot.size() != before)
    # the plot area fills the widget but for the axes' margins (a few dozen pixels)
    low, high = plot.map_to_widget(-0.5, -0.5), plot.map_to_widget(1.5, 1.65)
    assert 0 < low.x() < 80 and plot.height() - 60 < low.y() < plot.height()
    assert plot.width() - 20 < high.x() < plot.width() and 0 < high.y() < 20
    x, y = plot.map_from_widget(plot.map_to_widget(0.3, 1.2))
    assert (x, y) == pytest.approx((0.3, 1.2))
    (x1, y1), (x2, y2) = plot.line_ends()
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    target = plot.map_to_widget(middle[0] - 0.25, middle[1] - 0.25)
    _drag(plot, plot.map_to_widget(*middle), target, qtbot)
    assert tab.perceptron().w.tolist() == pytest.approx([0.5, 0.5], abs=1e-3)
    assert tab.perceptron().b == pytest.approx(-0.45, abs=0.03)
    # after the drag the line is redrawn across the box, through where it was dropped
    (x1, y1), (x2, y2) = plot.line_ends()
    assert 0.5 * x1 + 0.5 * y1 + tab.perceptron().b == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_export_the_gates_plots(window, qtbot, tmp_path, fmt):
    from PySide6.QtGui import QColor, QImage

    tab = window.show_tab("gates")
    choose(tab.findChild(QComboBox, "gatePresetCombo"), "XOR")
    qtbot.waitExposed(tab.hidden_plot)
    window.project.rebuild_export_menu()
    enabled = {a.text(): a.isEnabled() for a in window.project.export_menu.actions() if a.text()}
    assert enabled["Decision boundary as PNG image…"] and enabled["Hidden space as SVG drawing…"]
    assert enabled["Decision boundary data as CSV…"] is False  # no curves to save
    for name, plot in (("Decision boundary", tab.plot), ("Hidden space", tab.hidden_plot)):
        path = window.project.export("plot", name, fmt, str(tmp_path / f"{name}.{fmt}"))
        assert path is not None, window.project.last_message
        data = path.read_bytes()
        if fmt == "png":
            image = QImage(str(path))
            assert (image.width(), image.height()) == (2 * plot.width(), 2 * plot.height())
            colours = {
                image.pixelColor(x, y).name()
                for x in range(0, image.width(), 4)
                for y in range(0, image.height(), 4)
            }
            assert QColor("#1a73e8").name() in colours  # a target-1 point, filled blue
            assert len(colours) > 20  # grid, shading, line, text: not a blank picture
        else:
            text = data.decode("utf-8")
            assert text.lstrip().startswith("<?xml") and "<svg" in text
            assert "#1a73e8" in text  # a blue point, as a vector shape
            assert text.count("<path") + text.count("<polyline") + text.count("<ellipse") > 5
    assert window.project.export("plot", "Decision boundary", "csv", str(tmp_path / "c")) is None
    assert "Could not export" in window.project.last_message


def test_a_project_with_w1_5000_shows_5000_and_2e6_is_refused(window, tmp_path):
    """The field, the project file and the table share one range (±1e6): a weight of 5000
    is shown as 5000 (the old spin box stopped at 1000 while the table used 5000), one
    beyond the range is refused with a message naming w1, the work kept."""
    from engine import project

    tab = window.show_tab("gates")
    state = {**tab.state(), "w": [5000.0, 0.5], "b": -0.7}
    path = tmp_path / "w1.zkl.json"
    project.save(path, project.new_document({"gates": state}))
    assert window.project.open_path(path)
    assert tab.findChild(QLineEdit, "w1Field").text() == "5000"
    assert tab.model["w1"] == 5000.0
    table = tab.findChild(QTableView, "truthTable")
    assert column(table, "w·x + b") == ["−0.7", "−0.2", "4999", "5000"]

    before = tab.state()
    bad = tmp_path / "w1-2e6.zkl.json"
    project.save(bad, project.new_document({"gates": {**state, "w": [2e6, 0.5]}}))
    window.project.open_path(bad)
    message = window.project.last_message
    assert "Gates tab" in message and "w1" in message and "1000000" in message, message
    assert tab.state() == before and tab.findChild(QLineEdit, "w1Field").text() == "5000"
