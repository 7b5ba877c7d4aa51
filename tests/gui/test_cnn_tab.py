"""The CNN tab (ch. 7), driven through its widgets: the im2col explorer (7×7 input, 3×3
filter, stride 2, pad 1), refusals, convolution by hand, SimpleConvNet training."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from engine.conv_lab import filter_image, pool_map, preset_filter
from engine.images import resize_area
from engine.mnist import fashion_mnist_files
from gui.tabs.cnn_views import MatrixView


@pytest.fixture
def tab(window):
    return window.show_tab("cnn")


def set_field(qtbot, tab, name, text):
    field = tab.findChild(QLineEdit, name)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field


def choose(tab, name, key):
    combo = tab.findChild(QComboBox, name)
    combo.setCurrentIndex(combo.findData(key))


def click_cell(qtbot, view: MatrixView, row, col):
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.cell_center(row, col))


def test_explorer_7x7_3x3_stride_2_pad_1(qtbot, tab):
    assert tab.objectName() == "cnnTab"
    tab.pages.setCurrentIndex(0)
    for name, value in (
        ("cnnN", "1"), ("cnnC", "1"), ("cnnH", "6"), ("cnnW", "6"), ("cnnFH", "3"),
        ("cnnFW", "3"), ("cnnStride", "1"), ("cnnPad", "0"),
    ):  # fmt: skip
        set_field(qtbot, tab, name, value)
    explorer = tab.findChild(type(tab.explorer), "im2colView")
    assert explorer.exploration.out.shape[2:] == (4, 4)  # (6 − 3)/1 + 1
    # now the example: 7×7, 3×3, stride 2, pad 1
    set_field(qtbot, tab, "cnnH", "7")
    set_field(qtbot, tab, "cnnW", "7")
    set_field(qtbot, tab, "cnnStride", "2")
    set_field(qtbot, tab, "cnnPad", "1")
    e = explorer.exploration
    assert e.x.shape == (1, 1, 7, 7) and e.padded.shape == (1, 1, 9, 9)
    assert "OH = (7 + 2·1 − 3) / 2 + 1 = 4" in explorer.formula.text()
    assert "OW = (7 + 2·1 − 3) / 2 + 1 = 4" in explorer.formula.text()
    output = explorer.findChild(MatrixView, "im2colOutput")
    assert output.values.shape == (2 * 4, 4)  # two filters stacked, 4×4 each
    qtbot.waitExposed(explorer)
    click_cell(qtbot, output, 1, 2)  # filter 0, output row 1, column 2
    assert explorer.selected_output == (0, 0, 1, 2)
    # its receptive field: padded rows 2…4, columns 4…6
    field = explorer.input_view.marked("field")
    assert sorted(field) == [(y, x) for y in (2, 3, 4) for x in (4, 5, 6)]
    # its im2col row ((0·4 + 1)·4 + 2 = 6) and the filter column 0
    assert sorted({r for r, _ in explorer.col_view.marked("field")}) == [6]
    assert sorted({c for _, c in explorer.filter_view.marked("filter")}) == [0]
    patch = e.padded[0, 0, 2:5, 4:7]
    value = float(np.sum(patch * e.weights[0, 0]) + e.bias[0])
    assert output.values[1, 2] == value
    assert f"= {int(value)}" in explorer.detail.text() and "row 6" in explorer.detail.text()
    # the second filter's cell of the same position
    click_cell(qtbot, output, 4 + 1, 2)
    assert explorer.selected_output == (0, 1, 1, 2)
    assert sorted({c for _, c in explorer.filter_view.marked("filter")}) == [1]


def test_explorer_input_cell_copies_and_col2im(qtbot, tab):
    explorer = tab.explorer
    qtbot.waitExposed(explorer)
    # default 7×7, 3×3, stride 2, pad 1: input cell (1, 1) is padded (2, 2), 4 patches
    click_cell(qtbot, explorer.input_view, 2, 2)
    assert explorer.selected_input == (0, 0, 2, 2)
    copies = explorer.col_view.marked("copies")
    assert len(copies) == 4 == explorer.exploration.coverage()[1, 1]
    assert explorer.coverage_view.values[1, 1] == 4
    assert "4 times" in explorer.detail.text()
    # a padding cell
    click_cell(qtbot, explorer.input_view, 0, 0)
    assert "Padding" in explorer.detail.text()


def test_explorer_refuses_a_filter_that_does_not_fit(qtbot, tab):
    before = tab.explorer.exploration
    field = set_field(qtbot, tab, "cnnFH", "5")  # fits: 7 + 2 = 9
    assert tab.model["ex_fh"] == 5
    set_field(qtbot, tab, "cnnPad", "0")
    set_field(qtbot, tab, "cnnH", "4")  # 5 > 4 + 0: refused, H stays 7
    assert tab.model["ex_h"] == 7
    assert tab.findChild(QLineEdit, "cnnH").text() == "7"
    message = tab.binders[0].errors["ex_h"]
    assert message.startswith("H (height):") and "smaller than the filter (5)" in message
    assert "OH = (4 − 5) / 2 + 1" in message  # the field the user changed, with its numbers
    set_field(qtbot, tab, "cnnH", "5")
    set_field(qtbot, tab, "cnnFW", "4")  # fits: 7 + 0
    assert tab.model["ex_fw"] == 4
    set_field(qtbot, tab, "cnnW", "3")  # W named, not FH/FW
    assert tab.model["ex_w"] == 7
    assert tab.binders[0].errors["ex_w"].startswith("W (width):")
    set_field(qtbot, tab, "cnnPad", "1")
    set_field(qtbot, tab, "cnnH", "3")  # 5 ≤ 3 + 2
    assert (tab.model["ex_pad"], tab.model["ex_h"]) == (1, 3)
    set_field(qtbot, tab, "cnnPad", "0")  # 5 > 3 + 0: the padding is named
    assert tab.model["ex_pad"] == 1
    assert tab.binders[0].errors["ex_pad"].startswith("P (padding):")
    set_field(qtbot, tab, "cnnFH", "6")  # out of range: FH's own message
    assert "FH (filter height)" in tab.binders[0].errors["ex_fh"]
    set_field(qtbot, tab, "cnnStride", "abc")
    assert tab.model["ex_stride"] == 2
    assert field.text() == "5" and tab.explorer.exploration is not before


def test_convolution_by_hand(qtbot, tab):
    page = tab.hand_page
    tab.pages.setCurrentIndex(1)
    image = page.test_images()[0]
    np.testing.assert_allclose(
        page.feature_map, filter_image(image, preset_filter("vertical", 3)), atol=1e-6
    )
    choose(tab, "cnnPreset", "blur")
    qtbot.waitUntil(
        lambda: np.allclose(page.feature_map, filter_image(image, np.ones((3, 3)) / 9), atol=1e-6)
    )
    km = page.kernel_model
    assert km.data(km.index(1, 1)) == f"{1 / 9:.4g}"
    choose(tab, "cnnKernelSize", "5")
    assert km.rowCount() == 5 and len(tab.model.kernel) == 5
    choose(tab, "cnnPoolMode", "average")
    qtbot.waitUntil(lambda: page.pooled.shape == (14, 14) and np.allclose(
        page.pooled, pool_map(page.feature_map, 2, "average")))  # fmt: skip
    # edit one weight: the preset becomes custom; a bad value is refused, the old one kept
    assert km.setData(km.index(0, 0), "2") is True
    assert tab.model.kernel[0][0] == 2.0 and tab.model["hand_preset"] == "custom"
    assert km.setData(km.index(0, 1), "nan") is False
    assert tab.model.kernel[0][1] == pytest.approx(1 / 25)
    assert km.data(km.index(0, 1)) == f"{1 / 25:.4g}"
    assert "finite" in page.info.text()
    # a drawn image
    page.canvas.set_drawing(np.eye(28))
    choose(tab, "cnnHandSource", "drawing")
    drawn = resize_area(page.canvas.drawing(), 28, 28)
    expected = filter_image(drawn, np.array(tab.model.kernel))
    qtbot.waitUntil(lambda: np.allclose(page.feature_map, expected, atol=1e-6))


def test_training_changes_the_filters_and_shows_maps(qtbot, tab):
    page = tab.train_page
    tab.pages.setCurrentIndex(2)
    set_field(qtbot, tab, "cnnEpochs", "1")
    set_field(qtbot, tab, "cnnBatch", "400")  # 10 iterations of 400 images
    before = page.filter_view.before.copy()
    np.testing.assert_array_equal(before, page.filter_view.now)
    # one step: one iteration, then paused
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page._losses) == 1, timeout=60000)
    qtbot.waitUntil(lambda: page.controller.state == "paused", timeout=10000)
    assert tab.model.run_state == "paused"
    assert not tab.findChild(QLineEdit, "cnnEpochs").isEnabled()
    # a second step: the filters and maps shown are those of exactly this iteration
    # (the records carry filters only every few iterations; stepping shows the net's)
    maps_before = page.maps.conv_view.arrays[0].copy()
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page._losses) == 2, timeout=60000)
    np.testing.assert_array_equal(page.filter_view.now, page.net.params["W1"])
    assert not np.array_equal(page.filter_view.now, before)
    assert not np.array_equal(page.maps.conv_view.arrays[0], maps_before)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)  # resume
    qtbot.waitUntil(lambda: not page.controller.is_active(), timeout=120000)
    assert len(page._losses) == 10
    assert page._epochs and 0.0 <= page._epochs[-1][2] <= 1.0
    now = page.filter_view.now
    assert now.shape == (30, 1, 5, 5) and not np.array_equal(now, before)
    np.testing.assert_array_equal(page.filter_view.before, before)
    assert page.maps.prediction is not None
    assert "predicted" in page.maps.verdict.text()
    assert "Iteration 10 of 10" in page.status.text()


def test_live_redraws_are_throttled(qtbot, tab, monkeypatch):
    """While a run goes, the 30 filter images are redrawn at most FILTER_FPS times a
    second, the accuracy curves only when an epoch was added, the loss plot on fixed
    ranges; at the end the filters shown are the trained ones."""
    import time

    from gui.tabs import cnn_train

    page = tab.train_page
    tab.pages.setCurrentIndex(2)
    set_field(qtbot, tab, "cnnEpochs", "3")  # 120 iterations of 100 images
    filter_draws: list[float] = []
    curve_draws: list[int] = []
    ranges: list[tuple[float, float]] = []
    set_now = page.filter_view.set_now
    set_train = page.train_curve.setData

    def counted_set_now(filters):
        if page.controller.state == "running":
            filter_draws.append(time.monotonic())
            ranges.append(tuple(page.loss_plot.getPlotItem().getViewBox().viewRange()[0]))
        set_now(filters)

    def counted_set_data(*args, **kwargs):
        curve_draws.append(len(page._epochs))
        set_train(*args, **kwargs)

    monkeypatch.setattr(page.filter_view, "set_now", counted_set_now)
    monkeypatch.setattr(page.train_curve, "setData", counted_set_data)
    start = time.monotonic()
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.controller.is_active(), timeout=180000)
    elapsed = time.monotonic() - start
    assert len(page._losses) == 120
    assert len(filter_draws) <= elapsed * cnn_train.FILTER_FPS + 2
    gaps = np.diff(filter_draws)
    assert np.all(gaps >= 1.0 / cnn_train.FILTER_FPS - 0.02)
    # the accuracy curves: drawn when the number of epochs changed, never twice for one
    assert len(curve_draws) == len(set(curve_draws)) <= len(page._epochs) + 1
    # while running the loss plot's x range was the planned run, not re-fitted per frame
    assert all(r == (0.0, 120.0) for r in ranges[1:])
    np.testing.assert_array_equal(page.filter_view.now, page.net.params["W1"])


@pytest.mark.skipif(fashion_mnist_files() is None, reason="Fashion-MNIST not installed")
def test_fashion_mnist_class_names_are_translated(qtbot, tab):
    from gui.i18n import LanguageManager

    page = tab.train_page
    tab.pages.setCurrentIndex(2)
    choose(tab, "cnnDatasetCombo", "fashion")
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page._losses) == 1, timeout=120000)
    qtbot.waitUntil(lambda: page.controller.state == "paused", timeout=10000)
    label = int(page.data.t_test[0])
    english = page.data.class_names
    assert english[9] == "Ankle boot"
    assert page.maps.bars.labels == list(english)
    assert f"label {english[label]}" in page.maps.verdict.text()
    LanguageManager.instance().set_language("ja", save=False)
    ja = ["Tシャツ/トップス", "ズボン", "プルオーバー", "ドレス", "コート", "サンダル", "シャツ",
          "スニーカー", "バッグ", "アンクルブーツ"]  # fmt: skip
    qtbot.waitUntil(lambda: page.maps.bars.labels == ja)
    assert ja[label] in page.maps.verdict.text()
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.controller.is_active(), timeout=20000)


def test_training_stop_and_missing_data(qtbot, tab, monkeypatch):
    page = tab.train_page
    choose(tab, "cnnDatasetCombo", "mnist")  # no MNIST in the sandboxed data folder
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert not page.controller.is_active()
    assert "Full MNIST is not in your data folder" in page.status.text()
    choose(tab, "cnnDatasetCombo", "bundled")
    set_field(qtbot, tab, "cnnEpochs", "20")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page._losses) >= 1, timeout=60000)
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.controller.is_active(), timeout=20000)
    assert len(page._losses) < 800
    assert tab.model.run_state == "idle"


def test_feature_maps_of_a_drawing(qtbot, tab):
    page = tab.train_page
    drawing = np.zeros((28, 28))
    drawing[4:24, 13:15] = 1.0  # a "1"
    tab.hand_page.canvas.set_drawing(drawing)
    choose(tab, "cnnMapSource", "drawing")
    assert "Your drawing" in page.maps.verdict.text()
    assert page.maps.conv_view.arrays and page.maps.conv_view.arrays[0].shape == (24, 24)


def test_state_export_and_smoke(qtbot, tab):
    tab.smoke_test()
    state = tab.state()
    assert state["ex_h"] == 7 and len(state["kernel"]) == 3
    code = tab.export_code()
    namespace: dict = {}
    exec(compile(code, "cnn_export", "exec"), namespace)  # noqa: S102 - our own export
    assert namespace["out"].shape == (1, 2, 4, 4)
    np.testing.assert_allclose(namespace["out"], tab.explorer.exploration.out)
    with pytest.raises(ValueError):
        tab.set_state({**state, "kernel": [[1, 2], [3, 4]]})
    assert tab.model.kernel == state["kernel"]


def test_ctrl_7_shows_the_cnn_tab(qtbot, window):
    window.show_tab("gates")
    qtbot.waitExposed(window)
    action = next(
        a
        for a in window.findChildren(type(window.lesson_action))
        if a.shortcut().toString() == "Ctrl+7"
    )
    action.trigger()
    assert window.tabs.currentWidget().objectName() == "cnnTab"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "CNN"


def test_kernel_table_model(qtmodeltester, tab):
    qtmodeltester.check(tab.hand_page.kernel_model)
