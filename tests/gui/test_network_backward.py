"""The Network tab's Backward page: the book's §3.4.3 network with a target shows gradients
equal to finite differences (1e-6) on the canvas, in the tables and in the check; one SGD
step lowers the loss."""

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton

from engine.gradient import numerical_gradient
from gui.models.network import NetworkModel
from gui.tabs.network import NetworkTab


@pytest.fixture
def tab(qtbot):
    widget = NetworkTab(NetworkModel())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load_book_preset()
    widget.left_tabs.setCurrentWidget(widget.backward_page)
    return widget


def set_text(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def finite_differences(net, x, t, kind):
    """∂L/∂p by central differences of the loss written out here, not the engine's."""

    def loss(_):
        z = np.asarray(x, dtype=float)
        for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            a = z @ w + b
            last = i == len(net.weights) - 1
            z = a if last else 1 / (1 + np.exp(-a))
        if kind == "ce":
            y = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
            return -np.sum(t * np.log(y + 1e-7))
        return 0.5 * np.sum((z - t) ** 2)

    return {key: numerical_gradient(loss, p) for key, p in net.params.items()}


@pytest.mark.parametrize("kind, target", [("sse", "0, 1"), ("ce", "1")])
def test_book_network_gradients_equal_finite_differences(tab, qtbot, kind, target):
    page = tab.backward_page
    set_text(qtbot, page.findChild(QLineEdit, "targetEdit"), target)
    combo = page.findChild(QComboBox, "lossCombo")
    combo.setCurrentIndex(combo.findData(kind))
    qtbot.mouseClick(page.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert page.result is not None
    t = np.array([0.0, 1.0])
    expected = finite_differences(tab.doc.network, tab.doc.x, t, kind)
    for key, g in expected.items():
        np.testing.assert_allclose(page.result.grads[key], g, atol=1e-6)
    # on the canvas: every edge carries its ∂L/∂W, width by size, the number on hover
    for edge in tab.view.edges.values():
        want = expected[f"{edge.kind}{edge.layer + 1}"][edge.index]
        assert edge.value == pytest.approx(want, abs=1e-6)
        assert "∂L/∂" in edge.toolTip()
    widths = {e.pen().widthF() for e in tab.view.edges.values()}
    assert len(widths) > 1
    # δ at every neuron, which is ∂L/∂b for one sample
    for (layer, idx), item in tab.view.neurons.items():
        if layer:
            assert item.sum_text.text().startswith("δ=")
            assert page.result.deltas[layer - 1][idx] == pytest.approx(
                expected[f"b{layer}"][idx], abs=1e-6
            )
    # the W table shows the gradients, read-only
    model = tab.pages[0].w_model
    assert float(model.data(model.index(1, 2), Qt.ItemDataRole.EditRole)) == pytest.approx(
        expected["W1"][1, 2], abs=1e-6
    )
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    # and switch back to the values
    page.findChild(QCheckBox, "showGradientsCheck").setChecked(False)
    assert model.data(model.index(0, 0)) == "0.1"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert "click to edit" in tab.view.edges[next(iter(tab.view.edges))].toolTip()
    for edge in tab.view.edges.values():  # every edge shows its weight again
        assert edge.value == tab.doc.array(edge.kind, edge.layer)[edge.index]
        assert "∂L/∂" not in edge.toolTip()


def test_an_edit_restyles_only_the_edge_it_changed(tab, qtbot, monkeypatch):
    from gui.tabs.network_items import EdgeItem

    calls = []
    original = EdgeItem.set_value

    def counting(self, value, scale):
        calls.append((self.kind, self.layer, self.index))
        original(self, value, scale)

    monkeypatch.setattr(EdgeItem, "set_value", counting)
    tab.doc.set_weight(0, 0, 0, 0.15)  # within the current largest |w|: the scale is kept
    assert calls == [("W", 0, (0, 0))]
    assert tab.view.edges[("W", 0, (0, 0))].value == 0.15


def test_numerical_beside_backprop_for_a_chosen_weight(tab, qtbot):
    page = tab.backward_page
    qtbot.mouseClick(page.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    combo = page.findChild(QComboBox, "checkParamCombo")
    combo.setCurrentIndex(combo.findData("W2"))
    set_text(qtbot, page.findChild(QLineEdit, "checkIndexEdit"), "2, 1")
    qtbot.mouseClick(page.findChild(QPushButton, "numericalCheckButton"), Qt.MouseButton.LeftButton)
    text = page.check_label.text()
    assert "W2[2, 1]" in text
    found = re.search(r"backprop (\S+), numerical (\S+), difference (\S+)", text)
    backprop, numerical, diff = (float(v) for v in found.groups())
    assert backprop == pytest.approx(numerical, abs=1e-9) and diff < 1e-8
    independent = finite_differences(tab.doc.network, tab.doc.x, np.array([0.0, 1.0]), "sse")
    assert backprop == pytest.approx(independent["W2"][2, 1], abs=1e-9)


def test_one_sgd_step_lowers_the_loss_and_can_be_undone(tab, qtbot):
    page = tab.backward_page
    set_text(qtbot, page.findChild(QLineEdit, "targetEdit"), "0")
    before = tab.doc.network.weights[0].copy()
    qtbot.mouseClick(page.findChild(QPushButton, "sgdStepButton"), Qt.MouseButton.LeftButton)
    first, second = (float(v) for v in page.sgd_label.text().split(":")[1].split("→"))
    assert second < first
    assert not np.array_equal(tab.doc.network.weights[0], before)
    # the gradients shown are those of the new weights
    assert page.result.loss == pytest.approx(second, rel=1e-5)
    tab.doc.undo_stack.undo()
    np.testing.assert_array_equal(tab.doc.network.weights[0], before)


def test_editing_a_weight_recomputes_the_gradients(tab, qtbot):
    page = tab.backward_page
    qtbot.mouseClick(page.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    old = page.result.grads["W3"].copy()
    tab.doc.set_weight(2, 0, 0, 0.9)
    qtbot.waitUntil(lambda: not np.allclose(page.result.grads["W3"], old))


def test_bad_target_and_step_activation_are_refused(tab, qtbot):
    page = tab.backward_page
    field = page.findChild(QLineEdit, "targetEdit")
    set_text(qtbot, field, "7")
    assert "Target t" in tab.message_label.text()
    assert field.text() == "1"  # the old value kept
    tab.message_label.setText("")
    field.setText("0, 1, 2")  # three numbers for two outputs
    page.run_backward()
    assert page.result is None and field.text() == "1"
    assert "Target t" in tab.message_label.text()
    tab.load_xor_preset()
    set_text(qtbot, page.findChild(QLineEdit, "targetEdit"), "1")
    qtbot.mouseClick(page.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert page.result is None
    assert "step" in tab.message_label.text()
