"""The Network tab as a learner uses it: draw, edit on the canvas and in the tables,
read the forward pass, load presets and weight files, refuse bad input."""

import ast
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLineEdit

from engine.weights import BOOK_OUTPUT, xor_network
from gui.models.network import NetworkModel
from gui.tabs.network import NetworkTab
from gui.tabs.network_canvas import EdgeItem, NeuronItem


@pytest.fixture
def tab(qtbot):
    widget = NetworkTab(NetworkModel())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_scene(qtbot, view, point, button=Qt.MouseButton.LeftButton):
    pos = view.mapFromScene(point)
    qtbot.mouseClick(view.viewport(), button, pos=pos)


def edge_point(view, edge):
    """A point on ``edge`` where no other item lies on top of it."""
    line = edge.line()
    for t in np.linspace(0.2, 0.8, 25):
        p = line.p1() + (line.p2() - line.p1()) * float(t)
        if view.item_at(view.mapFromScene(p)) is edge:
            return p
    raise AssertionError(f"no free point on {edge.name()}")


def edit_on_canvas(qtbot, tab, key, text):
    view = tab.view
    edge = view.edges[key]
    click_scene(qtbot, view, edge_point(view, edge))
    assert view.editor.isVisible()
    view.editor.selectAll()
    qtbot.keyClicks(view.editor, text)
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)


def test_book_preset_output_shown_to_full_precision(tab):
    tab.load_study_notes_preset()
    tab.book_action.trigger()
    assert tab.output_label.isVisible()
    assert "0.3168270764110298" in tab.output_label.text()
    assert "0.6962790898619668" in tab.output_label.text()
    trace = tab.trace_view.toPlainText()
    assert "a1 = x·W1 + b1   (2,)·(2,3) → (3,)" in trace
    assert "z2 = sigmoid(a2)   (2,)" in trace
    assert "[0.3168270764110298, 0.6962790898619668]" in trace
    assert tab.doc.trace().y.tolist() == list(BOOK_OUTPUT)
    assert "2-3-2-2" in tab.description_label.text()


def test_study_notes_preset_computed_correctly(tab):
    tab.notes_action.trigger()
    net = tab.current_network()
    assert tab.doc.x.tolist() == [1.0, 2.0]
    x = np.array([1.0, 2.0])
    z1 = 1 / (1 + np.exp(-(x @ net.weights[0] + net.biases[0])))
    z2 = 1 / (1 + np.exp(-(z1 @ net.weights[1] + net.biases[1])))
    y = z2 @ net.weights[2] + net.biases[2]
    for value in y:
        assert repr(float(value))[:12] in tab.output_label.text()


def test_build_network_by_clicking_the_canvas(tab, qtbot):
    view = tab.view
    assert tab.doc.sizes == [2, 3, 2, 2]
    click_scene(qtbot, view, view.add_neuron_buttons[1].scenePos())
    assert tab.doc.sizes == [2, 4, 2, 2]
    assert (1, 3) in view.neurons
    assert tab.table_models()["W1"].columnCount() == 4
    click_scene(qtbot, view, view.add_layer_buttons[3].scenePos())
    assert tab.doc.sizes == [2, 4, 2, 2, 2]
    # the inserted layer passes values through: the output did not change
    assert "0.3168270764110298" in tab.output_label.text()
    assert len(tab.pages) == 4
    # select a neuron by clicking it and remove it with the Delete key
    neuron = view.neurons[(1, 0)]
    click_scene(qtbot, view, neuron.scenePos())
    assert neuron.isSelected()
    assert tab.remove_neuron_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert tab.doc.sizes == [2, 3, 2, 2, 2]
    # undo and redo walk back and forth
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.doc.sizes == [2, 4, 2, 2, 2]
    tab.undo_action.trigger()
    tab.undo_action.trigger()
    assert tab.doc.sizes == [2, 3, 2, 2]
    assert "0.3168270764110298" in tab.output_label.text()
    tab.redo_action.trigger()
    assert tab.doc.sizes == [2, 4, 2, 2]


def test_added_layer_keeps_the_output_and_can_be_removed(tab, qtbot):
    before = tab.doc.trace().y.copy()
    tab.doc.add_layer(2)
    assert tab.doc.sizes == [2, 3, 3, 2, 2]
    assert tab.doc.network.activations == ["sigmoid", "identity", "sigmoid", "identity"]
    np.testing.assert_allclose(tab.doc.trace().y, before, rtol=1e-15)
    # click the new layer's header, then Delete removes the layer
    view = tab.view
    header = view.headers[2]
    assert "identity" in header.text()
    click_scene(qtbot, view, header.sceneBoundingRect().center())
    assert tab.remove_layer_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert tab.doc.sizes == [2, 3, 2, 2]
    np.testing.assert_allclose(tab.doc.trace().y, before, rtol=1e-15)
    # the input layer cannot be removed: a message, nothing lost
    click_scene(qtbot, view, view.headers[0].sceneBoundingRect().center())
    assert not tab.remove_layer_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert tab.doc.sizes == [2, 3, 2, 2]
    assert "hidden layers" in tab.message_label.text()


def test_toolbar_add_neuron_and_context_menu(tab, qtbot):
    view = tab.view
    click_scene(qtbot, view, view.neurons[(2, 1)].scenePos())
    tab.add_neuron_action.trigger()
    assert tab.doc.sizes == [2, 3, 3, 2]
    menu = tab.build_context_menu(view.neurons[(3, 0)])
    titles = [a.text() for a in menu.actions()]
    assert "Add neuron to this layer" in titles
    activation = next(a for a in menu.actions() if a.menu() is not None).menu()
    softmax = next(a for a in activation.actions() if a.text() == "softmax")
    softmax.trigger()
    assert tab.doc.network.activations[-1] == "softmax"
    assert "softmax" in view.headers[3].text()
    assert abs(sum(tab.doc.trace().y) - 1) < 1e-12


def test_edit_weight_on_canvas_updates_table(tab, qtbot):
    model = tab.table_models()["W1"]
    edit_on_canvas(qtbot, tab, ("W", 0, (0, 2)), "-0.75")
    assert not tab.view.editor.isVisible()
    assert tab.doc.network.weights[0][0, 2] == -0.75
    assert "(edited)" in tab.description_label.text()
    assert model.data(model.index(0, 2)) == "-0.75"
    edge = tab.view.edges[("W", 0, (0, 2))]
    assert "-0.75" in edge.toolTip()
    assert edge.pen().color().red() > edge.pen().color().blue()  # negative: red
    assert "0.3168270764110298" not in tab.output_label.text()
    # a bias edge from the bias node, too
    edit_on_canvas(qtbot, tab, ("b", 1, (0,)), "0.25")
    bias_model = tab.table_models()["b2"]
    assert bias_model.data(bias_model.index(0, 0)) == "0.25"
    tab.undo_action.trigger()
    tab.undo_action.trigger()
    assert "0.3168270764110298" in tab.output_label.text()
    assert "(edited)" not in tab.description_label.text()


def test_double_click_neuron_edits_its_bias(tab, qtbot):
    view = tab.view
    neuron = view.neurons[(2, 1)]
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(neuron.scenePos())
    )
    assert view.editor.isVisible() and view.editor.text() == "0.2"
    view.editor.selectAll()
    qtbot.keyClicks(view.editor, "-1")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    assert tab.doc.network.biases[1][1] == -1.0
    assert "b2[1] = -1.0" in view.edges[("b", 1, (1,))].toolTip()
    # Escape leaves the value alone
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(neuron.scenePos())
    )
    qtbot.keyClicks(view.editor, "5")
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)
    assert not view.editor.isVisible()
    assert tab.doc.network.biases[1][1] == -1.0


def test_edit_table_updates_canvas(tab, qtbot):
    page = tab.pages[1]
    tab.weight_tabs.setCurrentWidget(page)
    index = page.w_model.index(2, 1)
    page.w_view.setCurrentIndex(index)
    page.w_view.edit(index)
    editor = page.w_view.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "-2.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: tab.doc.network.weights[1][2, 1] == -2.5)
    edge = tab.view.edges[("W", 1, (2, 1))]
    assert "-2.5" in edge.toolTip()
    assert edge.pen().widthF() > tab.view.edges[("W", 1, (0, 0))].pen().widthF()
    # the input editor drives the forward pass
    x_index = tab.input_model.index(0, 0)
    assert tab.input_model.setData(x_index, "2")
    assert tab.view.neurons[(0, 0)].value_text.text() == "2"
    assert tab.trace_view.toPlainText().splitlines()[1].startswith("    [2.0, 0.5]")


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "-inf", "1e300", "", "1,2,3"])
def test_bad_cells_are_refused(tab, qtbot, text):
    model = tab.table_models()["W2"]
    index = model.index(1, 0)
    before = tab.doc.network.weights[1].copy()
    assert model.setData(index, text) is False
    np.testing.assert_array_equal(tab.doc.network.weights[1], before)
    assert model.data(index) == "0.2"
    assert tab.message_label.text()
    assert not tab.input_model.setData(tab.input_model.index(0, 0), text)
    assert tab.doc.x.tolist() == [1.0, 0.5]
    assert not tab.doc.undo_stack.canUndo()


def test_bad_canvas_value_is_refused(tab, qtbot):
    edit_on_canvas(qtbot, tab, ("W", 2, (1, 1)), "NaN")
    assert tab.doc.network.weights[2][1, 1] == 0.4
    assert "finite" in tab.message_label.text()
    edit_on_canvas(qtbot, tab, ("W", 2, (1, 1)), "zwei")
    assert "not a number" in tab.message_label.text()
    assert "0.3168270764110298" in tab.output_label.text()


def test_models_pass_qtmodeltester(tab, qtmodeltester):
    tab.doc.add_neuron(0)
    for name, model in tab.table_models().items():
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() > 0, name


def test_xor_preset_batch_is_xor(tab, qtbot):
    tab.xor_action.trigger()
    assert tab.doc.sizes == [2, 2, 1]
    assert tab.left_tabs.currentWidget() is tab.batch_page
    out = tab.batch_output_model
    assert [out.data(out.index(r, 0)) for r in range(4)] == ["0.0", "1.0", "1.0", "0.0"]
    inputs = tab.batch_input_model
    assert inputs.setData(inputs.index(3, 0), "0")  # (0, 1) now
    assert out.data(out.index(3, 0)) == "1.0"
    tab.batch_rows.setText("6")
    tab.batch_rows.editingFinished.emit()
    assert out.rowCount() == 6


def test_random_init_page(tab, qtbot):
    tab.left_tabs.setCurrentWidget(tab.random_page)
    tab.sizes_edit.setText("4, 5, 3")
    tab.method_combo.setCurrentIndex(tab.method_combo.findData("he"))
    qtbot.mouseClick(tab.random_button, Qt.MouseButton.LeftButton)
    assert tab.doc.sizes == [4, 5, 3]
    assert tab.doc.network.activations == ["sigmoid", "softmax"]
    assert np.any(tab.doc.network.weights[0] != 0)
    assert "he, seed 0" in tab.description_label.text()
    tab.sizes_edit.setText("4, zero, 3")
    qtbot.mouseClick(tab.random_button, Qt.MouseButton.LeftButton)
    assert tab.doc.sizes == [4, 5, 3]
    assert "Layer sizes" in tab.message_label.text()


def _sample_weight_file(path, seed=0):
    rng = np.random.default_rng(seed)
    data = {}
    for k, (m, n) in enumerate([(784, 50), (50, 100), (100, 10)], start=1):
        data[f"W{k}"] = rng.normal(0, 0.1, (m, n)).astype(np.float32)
        data[f"b{k}"] = rng.normal(0, 0.1, n).astype(np.float32)
    path.write_bytes(pickle.dumps(data))
    return data


def test_sample_weight_pkl_loads_collapsed_and_responsive(tab, qtbot, tmp_path):
    path = tmp_path / "sample_weight.pkl"
    data = _sample_weight_file(path)
    assert tab.load_weights_file(path)
    assert tab.doc.sizes == [784, 50, 100, 10]
    assert "sample_weight.pkl" in tab.description_label.text()
    view = tab.view
    items = view.scene_item_count()
    assert items < 2000, items
    assert len(view.edges) < 500
    assert 0 in view.bundles and "39,200" in view.bundles[0].toolTip()
    assert any(t.text() == "776 more" for t in view.scene().items() if hasattr(t, "text"))
    # a 784-pixel input runs through the network
    qtbot.mouseClick(tab.random_input_button, Qt.MouseButton.LeftButton)
    y = tab.doc.trace().y
    assert y.shape == (10,) and abs(y.sum() - 1) < 1e-12
    assert "(784,)·(784,50) → (50,)" in tab.trace_view.toPlainText()
    assert tab.output_label.text().count(",") == 9
    # an edit on the canvas round-trips to the table, and costs one edge, not the scene:
    # every drawn item is still the one drawn before (a rebuild recreates all of them)
    model = tab.table_models()["W1"]
    drawn = {**view.edges, **view.neurons}
    edit_on_canvas(qtbot, tab, ("W", 0, (783, 49)), "0.5")
    assert model.data(model.index(783, 49)) == "0.5"
    assert view.scene_item_count() == items
    assert all(view.edges.get(k, view.neurons.get(k)) is item for k, item in drawn.items())
    assert tab.doc.network.weights[0][0, 0] == pytest.approx(float(data["W1"][0, 0]))
    # and a table edit round-trips to the canvas
    assert model.setData(model.index(0, 0), "-0.125")
    assert "-0.125" in view.edges[("W", 0, (0, 0))].toolTip()


def test_npz_and_hostile_files(tab, tmp_path):
    good = tmp_path / "w.npz"
    np.savez(good, W1=np.ones((3, 2)), b1=np.zeros(2))
    assert tab.load_weights_file(good)
    assert tab.doc.sizes == [3, 2]

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    evil = tmp_path / "evil.pkl"
    evil.write_bytes(pickle.dumps({"W1": np.ones((2, 2)), "b1": Evil()}))
    assert not tab.load_weights_file(evil)
    assert "evil.pkl" in tab.message_label.text()
    assert tab.doc.sizes == [3, 2]
    shapes = tmp_path / "bad.npz"
    np.savez(shapes, W1=np.ones((3, 2)), b1=np.zeros(5))
    assert not tab.load_weights_file(shapes)
    assert "b1 has 5 values" in tab.message_label.text()


def test_export_code_prints_the_trace(tab, tmp_path):
    tab.doc.set_weight(1, 0, 1, -0.3)
    tab.doc.set_activation(0, "relu")
    script = tab.export_code()
    file = tmp_path / "net.py"
    file.write_text(script, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(file)], capture_output=True, text=True, timeout=60, check=True
    )
    printed = {}
    for line in proc.stdout.splitlines():
        name, _, values = line.partition(" = ")
        printed[name] = ast.literal_eval(values)
    trace = tab.doc.trace()
    assert printed["a1"] == trace.a[0].tolist()
    assert printed["z1"] == trace.z[0].tolist()
    assert printed["a3"] == trace.a[2].tolist()
    assert printed["y"] == trace.y.tolist()


def test_state_round_trip(tab, qtbot):
    tab.notes_action.trigger()
    tab.doc.set_weight(0, 1, 1, 1.25)
    state = tab.state()
    other = NetworkTab(NetworkModel())
    qtbot.addWidget(other)
    other.set_state(state)
    assert other.doc.sizes == [2, 3, 2, 2]
    assert other.doc.trace().y.tolist() == tab.doc.trace().y.tolist()
    assert other.output_label.text() == tab.output_label.text()
    with pytest.raises(ValueError):
        other.set_state({"weights": [[[1, 2]]], "biases": [[1]], "activations": ["identity"]})
    with pytest.raises(ValueError):
        other.set_state({**state, "input": [1.0]})
    assert other.doc.sizes == [2, 3, 2, 2]


def test_network_sent_from_another_tab(window, qtbot):
    network_tab = window.tab("network")
    window.show_tab("gates")
    window.tab("gates").send_network.emit(xor_network(), "XOR from the Gates tab")
    assert window.tabs.currentWidget() is network_tab
    assert network_tab.doc.sizes == [2, 2, 1]
    assert "XOR from the Gates tab" in network_tab.description_label.text()
    copy = network_tab.current_network()
    copy.weights[0][0, 0] = 99
    assert network_tab.doc.network.weights[0][0, 0] == -0.5
    network_tab.smoke_test()


def test_japanese_labels(window, qtbot):
    window.set_language("ja")  # Qt posts LanguageChange to the widgets
    tab = window.tab("network")
    qtbot.waitUntil(lambda: tab.left_tabs.tabText(0) == "順伝播")
    assert "重み" in tab.weights_title.text()
    assert "入力層" in tab.view.headers[0].text()
    assert "シグモイド関数" in tab.view.headers[1].text()
    assert "0.3168270764110298" in tab.output_label.text()
    window.set_language("en")
    qtbot.waitUntil(lambda: tab.left_tabs.tabText(0) == "Forward pass")


def test_neuron_items_hold_indices_only(tab):
    for item in tab.view.scene().items():
        if isinstance(item, EdgeItem):
            assert item.kind in ("W", "b") and isinstance(item.index, tuple)
        if isinstance(item, NeuronItem):
            assert isinstance(item.layer, int) and isinstance(item.index, int)
    assert QPointF  # imported for helpers


def test_new_neurons_start_silent_and_undo_is_exact(tab):
    before = tab.doc.trace().y.tolist()
    for layer in (1, 2):
        tab.doc.add_neuron(layer)
        assert tab.doc.trace().y.tolist() == before  # zero outgoing weights
    tab.doc.add_neuron(3)
    assert tab.doc.trace().y.tolist()[:2] == before
    tab.doc.remove_neurons(1, [0, 2])
    assert tab.doc.sizes == [2, 2, 3, 3]
    while tab.doc.undo_stack.canUndo():
        tab.doc.undo_stack.undo()
    assert tab.doc.sizes == [2, 3, 2, 2]
    assert tab.doc.trace().y.tolist() == before
    with pytest.raises(ValueError):
        tab.doc.remove_neurons(3, [0, 1])


def test_bias_nodes_can_be_hidden(tab):
    assert ("b", 0, (0,)) in tab.view.edges and tab.view.biases
    tab.bias_action.trigger()
    assert not tab.view.biases
    assert not any(key[0] == "b" for key in tab.view.edges)
    tab.bias_action.trigger()
    assert len(tab.view.biases) == 3


def test_state_is_plain_json(tab):
    import json

    from engine.project import plain

    tab.xor_action.trigger()
    text = json.dumps(plain(tab.state()))
    other_state = json.loads(text)
    other_state["weights"][0][0][0] = float("nan")
    with pytest.raises(ValueError, match="NaN"):
        tab.set_state(other_state)
    assert tab.doc.sizes == [2, 2, 1]


def _shows_whole(view):
    """Every row and column of ``view`` lies inside its viewport (no scrolling needed)."""
    model = view.model()
    rows, columns = model.rowCount(), model.columnCount()
    bottom = view.rowViewportPosition(rows - 1) + view.rowHeight(rows - 1)
    right = view.columnViewportPosition(columns - 1) + view.columnWidth(columns - 1)
    return bottom <= view.viewport().height() and right <= view.viewport().width()


def test_book_weights_show_whole_in_the_default_window(window, qtbot):
    window.resize(1280, 800)
    tab = window.show_tab("network")
    assert tab.lesson.isVisible()
    tab.load_book_preset()
    shapes = []
    for k, page in enumerate(tab.pages):
        tab.weight_tabs.setCurrentIndex(k)
        qtbot.waitUntil(lambda page=page: _shows_whole(page.w_view) and _shows_whole(page.b_view))
        shapes.append((page.w_model.rowCount(), page.w_model.columnCount()))
        # no grey table below the last row: the W view is as tall as its rows
        assert page.w_view.height() < page.w_view.rowHeight(0) * (page.w_model.rowCount() + 3)
    assert shapes == [(2, 3), (3, 2), (2, 2)]


def test_large_weights_scroll_and_cells_are_not_elided(window, qtbot, tmp_path):
    window.resize(1280, 800)
    tab = window.show_tab("network")
    rng = np.random.default_rng(0)
    arrays = {"W1": rng.normal(0, 0.01, (784, 50)), "b1": np.zeros(50)}
    arrays |= {"W2": rng.normal(0, 0.01, (50, 100)), "b2": np.zeros(100)}
    arrays |= {"W3": rng.normal(0, 0.01, (100, 10)), "b3": np.zeros(10)}
    np.savez(tmp_path / "mnist.npz", **arrays)
    assert tab.load_weights_file(tmp_path / "mnist.npz")
    page = tab.pages[0]
    view = page.w_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().isVisible())
    assert view.height() >= view.rowHeight(0) * 4  # several rows, not two
    metrics = view.fontMetrics()
    texts = [view.model().index(r, c).data() for r in range(20) for c in range(5)]
    assert max(metrics.horizontalAdvance(t) for t in texts) < view.columnWidth(0)


def test_batch_outputs_show_whole(window, qtbot):
    window.resize(1280, 800)
    tab = window.show_tab("network")
    tab.load_book_preset()
    tab.left_tabs.setCurrentWidget(tab.batch_page)
    outputs = tab.batch_page.outputs
    qtbot.waitUntil(lambda: _shows_whole(outputs) and _shows_whole(tab.batch_page.inputs))
    metrics = outputs.fontMetrics()
    model = outputs.model()
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            assert metrics.horizontalAdvance(model.index(r, c).data()) < outputs.columnWidth(c)


def test_unreadable_npz_is_explained_without_numpy_jargon(tab, tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip archive")
    assert not tab.load_weights_file(junk)
    message = tab.message_label.text()
    assert "junk.npz" in message and "numpy.savez" in message
    assert "allow_pickle" not in message
    objects = tmp_path / "objects.npz"
    np.savez(objects, W1=np.array([{"a": 1}], dtype=object))
    assert not tab.load_weights_file(objects)
    assert "allow_pickle" not in tab.message_label.text()
