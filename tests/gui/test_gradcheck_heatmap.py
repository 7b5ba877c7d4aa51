"""The gradient check as a heat map: a weight that disagrees is located (its cell red, the
others white), on the widget alone and on the Training tab after a real check."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from engine import training as T
from engine.network import Network
from gui.tabs.gradcheck_heatmap import RED_AT, GradientHeatmap, colour_of


@pytest.fixture
def heatmap(qtbot):
    widget = GradientHeatmap()
    qtbot.addWidget(widget)
    widget.resize(600, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_colours_run_from_white_to_red():
    assert colour_of(0.0).name() == "#ffffff"
    assert colour_of(1e-13).name() == "#ffffff"
    assert colour_of(RED_AT).name() == "#ff0000"
    assert colour_of(1.0).name() == "#ff0000"
    middle = colour_of(1e-9)
    assert middle.red() == 255 and middle.green() > 200 and middle.blue() < 30


def test_the_one_bad_weight_is_the_red_cell(heatmap):
    w1 = np.full((4, 5), 1e-13)
    w1[2, 3] = 3e-5  # the weight whose backprop is wrong
    heatmap.set_differences({"W1": w1, "b1": np.full(5, 1e-12), "W2": np.zeros((5, 2))})
    heatmap.grab()  # paints, laying the cells out
    assert heatmap.worst() == ("W1", (2, 3), pytest.approx(3e-5))
    red = [(key, index) for rect, key, index, value in heatmap._cells if value >= RED_AT]
    assert red == [("W1", (2, 3))]
    rect = next(r for r, key, index, _ in heatmap._cells if (key, index) == ("W1", (2, 3)))
    assert heatmap.cell_at(rect.center())[:2] == ("W1", (2, 3))
    image = heatmap.grab().toImage()
    assert image.pixelColor(rect.center().toPoint()).name() == "#ff0000"
    white = next(r for r, key, index, _ in heatmap._cells if (key, index) == ("W1", (0, 0)))
    assert image.pixelColor(white.center().toPoint()).name() == "#ffffff"
    assert heatmap.cell_at(QPointF(-5, -5)) is None


def test_big_matrices_are_drawn_in_blocks_keeping_the_largest(heatmap):
    w = np.zeros((784, 50))
    w[700, 49] = 1e-3
    heatmap.set_differences({"W1": w})
    heatmap.grab()
    assert len(heatmap._cells) <= 40 * 40
    worst_cell = max(heatmap._cells, key=lambda c: c[3])
    assert worst_cell[3] == pytest.approx(1e-3)
    row, col = worst_cell[2]
    assert row <= 700 < row + 20 and col <= 49


def test_gradient_check_record_carries_every_difference():
    rng = np.random.default_rng(0)
    net = Network(
        [3, 4, 2], ["sigmoid", "softmax"], [rng.normal(size=(3, 4)), rng.normal(size=(4, 2))]
    )
    x, t = rng.normal(size=(5, 3)), rng.integers(0, 2, 5)
    record = T.gradient_check(net, x, t)
    assert list(record.differences) == ["W1", "b1", "W2", "b2"]
    num, bp = net.numerical_gradient(x, t), net.gradient(x, t)
    for key, diff in record.differences.items():
        np.testing.assert_allclose(diff, np.abs(num[key] - bp[key]))
    for key, shape, mean, largest in record.rows:
        assert largest == pytest.approx(float(record.differences[key].max()))


def test_training_tab_check_fills_the_heat_map(window, qtbot):
    tab = window.show_tab("training")
    qtbot.mouseClick(tab.ui.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(tab.ui.check_heatmap.differences), timeout=20000)
    qtbot.waitUntil(lambda: not tab.check_controller.is_active())
    assert list(tab.ui.check_heatmap.differences) == ["W1", "b1", "W2", "b2"]
    assert tab.ui.check_heatmap.worst()[2] < 1e-6
