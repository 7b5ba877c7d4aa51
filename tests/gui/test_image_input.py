"""Images as input on the Network tab (§3.6): draw a digit, pick a test image, and the
§3.6.3 accuracy button, each checked against an independent computation."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

import resources
from engine import datasets as D
from engine.images import mnist_preprocess
from engine.weights import load_weights
from gui.image_widgets import DigitCanvas
from gui.models.network import NetworkModel
from gui.tabs.network import NetworkTab

WEIGHTS = resources.path("data", "sample_weight.pkl")


def book_predict(x):
    """ch03/neuralnet_mnist.py's predict on the book's own pickle, written out here."""
    with open(WEIGHTS, "rb") as f:
        network = pickle.load(f)

    def sigmoid(a):
        return 1 / (1 + np.exp(-a))

    z1 = sigmoid(np.dot(x, network["W1"]) + network["b1"])
    z2 = sigmoid(np.dot(z1, network["W2"]) + network["b2"])
    a3 = np.dot(z2, network["W3"]) + network["b3"]
    return np.argmax(a3, axis=-1)


@pytest.fixture
def tab(qtbot):
    widget = NetworkTab(NetworkModel())
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def canvas_point(canvas: DigitCanvas, u: float, v: float) -> QPoint:
    """Widget coordinates of (u, v) in 0…1 across the square drawing field."""
    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    return QPoint(int(x0 + u * side), int(y0 + v * side))


def move(canvas, pos: QPoint) -> None:
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(canvas.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, event)


def draw(qtbot, canvas, points) -> None:
    """One stroke with the mouse through ``points`` (u, v in 0…1)."""
    first = canvas_point(canvas, *points[0])
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=first)
    for u, v in points[1:]:
        move(canvas, canvas_point(canvas, u, v))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, *points[-1]))


def ellipse(cx, cy, rx, ry, n=40):
    t = np.linspace(0, 2 * np.pi, n)
    return list(zip(cx + rx * np.sin(t), cy - ry * np.cos(t), strict=True))


def test_the_book_mnist_preset_shows_the_image_pages(tab):
    tab.load_mnist_preset()
    pages = tab.image_pages
    assert tab.doc.sizes == [784, 50, 100, 10]
    assert tab.left_tabs.isTabVisible(pages.image_index)
    assert tab.left_tabs.currentWidget() is pages.panel
    assert tab.findChild(DigitCanvas, "digitCanvas") is pages.panel.canvas
    tab.load_book_preset()  # 2 inputs: no image pages
    assert not tab.left_tabs.isTabVisible(pages.image_index)
    assert not tab.left_tabs.isTabVisible(pages.accuracy_index)


@pytest.mark.parametrize(
    ("stroke", "digit"),
    [
        ([(0.5, 0.15), (0.5, 0.5), (0.5, 0.85)], 1),
        (ellipse(0.5, 0.5, 0.22, 0.33), 0),
    ],
)
def test_drawing_a_digit_with_the_mouse_shows_the_networks_answer(qtbot, tab, stroke, digit):
    tab.load_mnist_preset()
    panel = tab.image_pages.panel
    canvas = panel.canvas
    panel.clear_drawing()
    draw(qtbot, canvas, stroke)
    qtbot.waitUntil(lambda: panel.mode == "drawing" and panel.predicted() is not None)
    # what the network was given: MNIST's preprocessing of what the mouse drew
    x = mnist_preprocess(canvas.drawing()).reshape(-1)
    np.testing.assert_allclose(tab.doc.x, x, atol=1e-6)
    assert book_predict(x) == digit  # the book's network, independently
    assert panel.predicted() == digit
    assert panel.prediction_label.text().startswith(f"Answer: {digit} (")
    assert "drawing" in panel.label_label.text()
    view = panel.processed_view._image  # the processed 28×28 image is shown
    assert (view.width(), view.height()) == (28, 28)


def test_the_answer_follows_the_drawing_live(qtbot, tab):
    tab.load_mnist_preset()
    panel = tab.image_pages.panel
    canvas = panel.canvas
    panel.clear_drawing()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, 0.5, 0.15))
    seen = []
    for v in np.linspace(0.2, 0.85, 12):
        move(canvas, canvas_point(canvas, 0.5, float(v)))
        qtbot.wait(40)  # longer than a frame: the throttle lets an update through
        seen.append(tab.doc.x.copy())
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, 0.5, 0.85))
    distinct = {a.tobytes() for a in seen}
    assert len(distinct) >= 3  # updated while the stroke was still being drawn


def test_eraser_and_clear(qtbot, tab):
    tab.load_mnist_preset()
    panel = tab.image_pages.panel
    canvas = panel.canvas
    panel.clear_drawing()
    assert canvas.is_empty()
    draw(qtbot, canvas, [(0.2, 0.5), (0.8, 0.5)])
    ink = canvas.drawing().sum()
    qtbot.mouseClick(panel.eraser_button, Qt.MouseButton.LeftButton)
    draw(qtbot, canvas, [(0.2, 0.5), (0.5, 0.5)])
    assert 0 < canvas.drawing().sum() < 0.7 * ink
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.doc.x.any())
    assert canvas.is_empty()


def test_picking_a_bundled_image_shows_its_label_and_the_networks_class(qtbot, tab):
    tab.load_mnist_preset()
    panel = tab.image_pages.panel
    assert panel.source.key == "mnist-5k"
    _, (x, t) = D.load_bundled_mnist()
    for _ in range(3):
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    i = panel.index
    assert i == 3
    np.testing.assert_array_equal(tab.doc.x, x[i].astype(np.float64))
    assert panel.label_label.text() == f"Label: {t[i]}"
    expected = int(book_predict(x[i]))
    assert panel.predicted() == expected
    assert panel.prediction_label.text().startswith(f"Answer: {expected} (")
    qtbot.mouseClick(panel.prev_button, Qt.MouseButton.LeftButton)
    assert panel.index == 2
    panel.index_spin.setValue(999)
    assert panel.label_label.text() == f"Label: {t[999]}"
    qtbot.mouseClick(panel.random_button, Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(tab.doc.x, x[panel.index].astype(np.float64))


def test_accuracy_button_equals_the_books_loop(qtbot, tab, tmp_path):
    """A network of sample_weight.pkl's shapes (loaded from the user's copy of the file)."""
    copy = tmp_path / "sample_weight.pkl"
    copy.write_bytes(WEIGHTS.read_bytes())
    assert tab.load_weights_file(copy)
    assert tab.doc.sizes == [784, 50, 100, 10]
    acc = tab.image_pages.accuracy
    tab.left_tabs.setCurrentWidget(acc)
    button = tab.findChild(type(acc.button), "accuracyButton")
    assert acc.model["accuracy_batch"] == 100 and acc.batch_field.text() == "100"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: acc.result is not None and not acc.controller.is_active(), timeout=20000
    )
    _, (x, t) = D.load_bundled_mnist()
    predicted = np.array([book_predict(x[i]) for i in range(len(x))])  # one by one, §3.6.2
    expected = float(np.mean(predicted == t))
    assert acc.result.accuracy == expected
    assert acc.result_label.text().startswith(f"Accuracy: {expected:.4f} (")
    assert acc.progress.value() == acc.progress.maximum() == 1000
    # the confusion matrix, and the misclassified images
    confusion = acc.confusion.matrix
    assert confusion.sum() == 1000 and np.trace(confusion) == int(np.sum(predicted == t))
    wrong = np.flatnonzero(predicted != t)
    assert acc.wrong_list.count() == len(wrong)
    # a click on a misclassified image makes it the input
    item = acc.wrong_list.item(0)
    rect = acc.wrong_list.visualItemRect(item)
    qtbot.mouseClick(acc.wrong_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.left_tabs.currentWidget() is tab.image_pages.panel
    np.testing.assert_array_equal(tab.doc.x, x[wrong[0]].astype(np.float64))
    # a click on an off-diagonal cell lists those images
    i, j = int(t[wrong[0]]), int(predicted[wrong[0]])
    tab.left_tabs.setCurrentWidget(acc)
    pos = acc.confusion.cell_center(i, j).toPoint()
    qtbot.mouseClick(acc.confusion, Qt.MouseButton.LeftButton, pos=pos)
    cell = np.flatnonzero((t == i) & (predicted == j))
    assert acc.wrong_list.indices == cell.tolist()


def test_accuracy_batch_size_is_editable_and_does_not_change_the_result(qtbot, tab):
    tab.load_mnist_preset()
    acc = tab.image_pages.accuracy
    results = []
    for batch in ("100", "7"):
        acc.batch_field.setText(batch)
        acc.batch_field.editingFinished.emit()
        assert acc.start()
        qtbot.waitUntil(lambda: not acc.controller.is_active(), timeout=20000)
        results.append(acc.result.accuracy)
        assert f"batches of {batch}" in acc.result_label.text()
    assert results[0] == results[1]
    for bad in ("0", "nan", "1e400", "seven", "2.5"):
        acc.batch_field.setText(bad)
        acc.batch_field.editingFinished.emit()
        assert acc.model["accuracy_batch"] == 7, bad  # refused, old value kept
        assert acc.batch_field.text() == "7" and "accuracy_batch" in acc.binder.errors


def test_accuracy_can_be_stopped_and_leaves_no_thread(qtbot, tab):
    tab.load_mnist_preset()
    acc = tab.image_pages.accuracy
    acc.batch_field.setText("1")
    acc.batch_field.editingFinished.emit()
    assert acc.start()
    acc.toggle()  # Stop
    assert not acc.controller.is_active()


def test_a_64_input_network_takes_8x8_digits(qtbot, tab):
    net = load_weights(WEIGHTS)
    assert net.sizes[0] == 784
    tab.random_init([64, 20, 10], "sigmoid", "softmax", "std", 0.01, 0)
    panel = tab.image_pages.panel
    assert panel.source.key == "digits" and panel.source.shape == (8, 8)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert tab.doc.x.shape == (64,)
    panel.clear_drawing()
    draw(qtbot, panel.canvas, [(0.5, 0.2), (0.5, 0.8)])
    qtbot.waitUntil(lambda: panel.mode == "drawing" and tab.doc.x.any())
    assert tab.doc.x.reshape(8, 8)[:, 3:5].sum() > tab.doc.x.reshape(8, 8)[:, :2].sum()


@pytest.mark.skipif(D.fashion_mnist_files() is None, reason="Fashion-MNIST not installed")
def test_fashion_mnist_images_show_their_class_names(qtbot, tab):
    tab.load_mnist_preset()
    panel = tab.image_pages.panel
    assert panel.select_source("fashion")
    names = D.FASHION_CLASSES
    panel.index_spin.setValue(0)
    label = int(panel.source.labels[0])
    assert panel.label_label.text() == f"Label: {label} {names[label]}"
    assert panel.bars.names[9] == "9 Ankle boot"
    from gui.i18n import LanguageManager

    LanguageManager.instance().set_language("ja", save=False)
    qtbot.waitUntil(lambda: panel.bars.names[9] == "9 アンクルブーツ")
    assert panel.label_label.text().startswith("正解ラベル: ")
