"""The Backprop tab as a learner uses it: step through the book's graphs and read the
numbers where the book prints them, edit inputs, type an expression."""

import math
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QTableWidget

from gui.models.backprop import BackpropModel
from gui.tabs.backprop import BackpropTab


@pytest.fixture
def tab(qtbot):
    widget = BackpropTab(BackpropModel())
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def button(tab, name):
    return tab.findChild(QPushButton, name)


def choose(tab, qtbot, key):
    combo = tab.findChild(QComboBox, "graphPresetCombo")
    combo.setCurrentIndex(combo.findData(key))
    assert tab.model["preset"] == key


def edge_from(tab, name):
    graph = tab.model.graph
    return next(e for e in graph.edges if e.source == graph.inputs[name])


def output_edge(tab):
    return tab.model.graph.edges[-1]


def test_step_through_apples_and_oranges_and_read_the_books_numbers(tab, qtbot):
    choose(tab, qtbot, "apples_oranges")
    forward, backward = (
        button(tab, "stepForwardButton"),
        button(tab, "stepBackwardButton"),
    )
    view = tab.view
    assert view.texts(output_edge(tab)) == ("", "")
    assert not backward.isEnabled()
    for _ in range(3):
        qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert view.texts(output_edge(tab))[0] == ""  # the last × not computed yet
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert view.texts(output_edge(tab)) == (
        "715",
        "1",
    )  # dout 1 starts the backward pass
    assert not forward.isEnabled() and backward.isEnabled()
    assert view.texts(edge_from(tab, "apple")) == ("100", "")
    for _ in range(4):
        qtbot.mouseClick(backward, Qt.MouseButton.LeftButton)
    expected = {
        "apple": 2.2,
        "apple_num": 110,
        "orange": 3.3,
        "orange_num": 165,
        "tax": 650,
    }
    for name, value in expected.items():
        above, below = view.texts(edge_from(tab, name))
        assert float(below) == pytest.approx(value), name
        # the value above the edge, the derivative below it, as in Fig. 5-17
        top, bottom, mid = view.text_positions(edge_from(tab, name))
        assert top.bottom() <= mid <= bottom.top()
    assert view.texts(edge_from(tab, "orange"))[1] == "3.3"  # not 3.3000000000000003
    assert not backward.isEnabled()
    assert "×" in tab.rule_label.text() and "other input" in tab.rule_label.text()
    assert "apple gets 1.1 × 2 = 2.2" in tab.step_label.text()
    table = tab.findChild(QTableWidget, "checkTable")
    assert table.rowCount() == 5
    assert all(table.item(r, 3).text() == "✓" for r in range(5))


def test_each_step_shows_its_nodes_rule(tab, qtbot):
    choose(tab, qtbot, "apples_oranges")
    forward = button(tab, "stepForwardButton")
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert tab.rule_label.text().startswith("× node")
    for _ in range(2):
        qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert tab.rule_label.text().startswith("+ node")
    assert "forward: +(200, 450) = 650" in tab.step_label.text()


def test_changing_the_apple_price_moves_every_value(tab, qtbot):
    choose(tab, qtbot, "apples_oranges")
    qtbot.mouseClick(button(tab, "runAllButton"), Qt.MouseButton.LeftButton)
    field = tab.findChild(QLineEdit, "input_apple")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "120")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    view = tab.view
    assert view.texts(output_edge(tab))[0] == "759"  # (120·2 + 150·3)·1.1
    assert view.texts(edge_from(tab, "apple")) == ("120", "2.2")
    assert view.texts(edge_from(tab, "apple_num"))[1] == "132"
    assert view.texts(edge_from(tab, "tax"))[1] == "690"
    first_mul = tab.model.graph.operations[0]
    to_add = next(e for e in tab.model.graph.edges if e.source == first_mul)
    assert view.texts(to_add) == ("240", "1.1")
    # the stepping position survived the edit
    assert tab.model.stepper.backward_done


def test_a_bad_input_is_refused_with_the_old_value_kept(tab, qtbot):
    choose(tab, qtbot, "apples")
    field = tab.findChild(QLineEdit, "input_tax")
    for text in ("abc", "nan", "1e999", "[1, 2]"):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert field.text() == "1.1"
        assert "tax" in field.toolTip()
    assert float(tab.model.graph.output_value()) == pytest.approx(220)


def test_typed_expression_gradients_match_the_numerical_ones(tab, qtbot):
    edit = tab.findChild(QLineEdit, "expressionEdit")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "x*y + exp(-x)/y + sigmoid(x)*z")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert tab.model["preset"] == "expression"
    assert set(tab.model.graph.inputs) == {"x", "y", "z"}
    qtbot.mouseClick(button(tab, "runAllButton"), Qt.MouseButton.LeftButton)
    x, y, z = 1.0, 2.0, 3.0
    s = 1 / (1 + math.exp(-x))
    expected = {
        "x": y - math.exp(-x) / y + z * s * (1 - s),
        "y": x - math.exp(-x) / y**2,
        "z": s,
    }
    table = tab.findChild(QTableWidget, "checkTable")
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert set(rows) == set(expected)
    for name, value in expected.items():
        r = rows[name]
        assert float(table.item(r, 1).text()) == pytest.approx(value, rel=1e-7)
        assert float(table.item(r, 2).text()) == pytest.approx(value, rel=1e-7)
        assert table.item(r, 3).text() == "✓"
    # every node's own rule against central differences too
    for index in tab.model.graph.operations:
        assert all(c.agrees(1e-7) for c in tab.model.node_checks(index))
    # and a variable's edit recomputes the expression graph
    field = tab.findChild(QLineEdit, "input_z")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "0")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert float(tab.model.graph.output_value()) == pytest.approx(x * y + math.exp(-x) / y)


def test_a_refused_expression_keeps_the_graph(tab, qtbot):
    edit = tab.findChild(QLineEdit, "expressionEdit")
    before = tab.model["expression"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "__import__('os').system('true')")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert tab.model["expression"] == before
    assert edit.text() == before


def test_affine_shapes_and_db_and_a_matrix_edit(tab, qtbot):
    choose(tab, qtbot, "affine")
    qtbot.mouseClick(button(tab, "runAllButton"), Qt.MouseButton.LeftButton)
    above, below = tab.view.texts(edge_from(tab, "B"))
    assert above.startswith("(3)") and below.splitlines() == ["(3)", "5  7  9"]
    assert tab.view.texts(edge_from(tab, "W"))[1].startswith("(2×3)")
    field = tab.findChild(QLineEdit, "input_dout")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "[[1, 0, 0], [0, 0, 2]]")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    np.testing.assert_allclose(tab.model.graph.nodes[tab.model.graph.inputs["B"]].grad, [1, 0, 2])


def test_reset_hides_everything_and_clicking_a_node_shows_its_rule(tab, qtbot):
    choose(tab, qtbot, "sigmoid_expanded")
    qtbot.mouseClick(button(tab, "runAllButton"), Qt.MouseButton.LeftButton)
    assert tab.view.texts(edge_from(tab, "x"))[1] != ""
    qtbot.mouseClick(button(tab, "resetButton"), Qt.MouseButton.LeftButton)
    assert tab.view.texts(output_edge(tab)) == ("", "")
    exp_node = next(i for i in tab.model.graph.operations if tab.model.graph.nodes[i].op == "exp")
    item = tab.view.node_item(exp_node)
    point = tab.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert tab.rule_label.text().startswith("exp node")


def test_every_preset_draws_and_checks(tab, qtbot):
    combo = tab.findChild(QComboBox, "graphPresetCombo")
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        qtbot.mouseClick(button(tab, "runAllButton"), Qt.MouseButton.LeftButton)
        assert tab.view.edge_items
        assert all(c.agrees(1e-7) for c in tab.model.input_checks())


def test_state_round_trip_keeps_edits(tab, qtbot):
    choose(tab, qtbot, "apples")
    tab.model.set_input_text("apple", "150")
    state = tab.state()
    other = BackpropModel()
    other.set_state(state)
    assert float(other.graph.output_value()) == pytest.approx(150 * 2 * 1.1)
    with pytest.raises(ValueError):
        other.set_state({"inputs": {"apples": {"apple": "many"}}})
    assert float(other.graph.output_value()) == pytest.approx(150 * 2 * 1.1)


def test_code_export_prints_the_same_numbers(tab, qtbot, tmp_path):
    choose(tab, qtbot, "apples_oranges")
    script = tab.export_code()
    assert "import numpy as np" in script and "PySide6" not in script
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert "output: 715" in out
    assert "dL/dtax: 650" in out and "dL/dorange: 3.3" in out


def test_japanese_rule_and_names(tab, qtbot):
    from gui.i18n import LanguageManager

    choose(tab, qtbot, "apples")
    LanguageManager.instance().set_language("ja", save=False)
    try:
        qtbot.mouseClick(button(tab, "stepForwardButton"), Qt.MouseButton.LeftButton)
        assert "乗算ノード" in tab.rule_label.text()
        qtbot.waitUntil(lambda: button(tab, "runAllButton").text() == "すべて実行")
        assert "りんご" in [label.text() for label in tab.view.leaf_labels.values()]
    finally:
        LanguageManager.instance().set_language("en", save=False)


def test_a_refused_expression_says_why(tab, qtbot):
    edit = tab.findChild(QLineEdit, "expressionEdit")
    for text, words in (("abc + x", "“abc” is not a variable"), ("foo(x)", "“foo” cannot be used")):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert words in tab.step_label.text()
        assert edit.text() == "x*y + exp(-x)/y"
