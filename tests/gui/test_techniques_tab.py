"""The Techniques tab (ch. 6) driven through its widgets: the initial-weight lab, the
overfitting lab, the search board, the BN comparison, the MNIST comparisons, export."""

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from gui.registry import make_model, view_class


@pytest.fixture
def tab(qtbot):
    view = view_class("techniques")(make_model("techniques"))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    yield view
    view.shutdown()


def _type(qtbot, tab, key, text):
    field = tab.setting_widget(key)
    assert isinstance(field, QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _choose(tab, key, value):
    combo = tab.setting_widget(key)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def _direct_stats(activation, sigma, seed):
    """The book's experiment written out with the global np.random state."""
    np.random.seed(seed)
    x = np.random.randn(1000, 100)
    rows = []
    for layer in range(5):
        w = np.random.randn(100, 100) * sigma
        a = x @ w
        z = {
            "sigmoid": lambda a: 1 / (1 + np.exp(-a)),
            "relu": lambda a: np.maximum(0, a),
            "tanh": np.tanh,
        }[activation](a)
        rows.append(
            (layer + 1, z.mean(), z.std(), np.mean(np.abs(z) < 0.05), np.mean(np.abs(z) > 0.95))
        )
        x = z
    return rows


def test_the_init_lab_shows_the_books_numbers_and_redraws_on_every_choice(tab, qtbot):
    page = tab.show_page("init")
    assert page.objectName() == "initLab"
    np.testing.assert_allclose(page.rows(), _direct_stats("sigmoid", 1.0, 0), rtol=1e-12)
    assert page.table.item(0, 1).text() == f"{page.rows()[0][1]:.4g}"
    heights = page.bars[0].opts["height"]
    assert int(np.sum(heights)) == 100_000  # every activation of layer 1 lies in [0, 1]
    _choose(tab, "init_activation", "relu")
    _choose(tab, "init_scale", "he")
    np.testing.assert_allclose(page.rows(), _direct_stats("relu", np.sqrt(2 / 100), 0), rtol=1e-12)
    _type(qtbot, tab, "init_seed", "7")
    np.testing.assert_allclose(page.rows(), _direct_stats("relu", np.sqrt(2 / 100), 7), rtol=1e-12)
    _choose(tab, "init_activation", "tanh")
    _choose(tab, "init_scale", "std")
    assert tab.setting_widget("init_std").isEnabled()
    _type(qtbot, tab, "init_std", "0.3")
    np.testing.assert_allclose(page.rows(), _direct_stats("tanh", 0.3, 7), rtol=1e-12)
    assert page.result.layers[0].edges[0] == -1.0  # a symmetric range for tanh


def test_a_bad_std_is_refused_and_the_drawing_stays(tab, qtbot):
    page = tab.show_page("init")
    _choose(tab, "init_scale", "std")
    before = page.rows()
    _type(qtbot, tab, "init_std", "-1")
    assert tab.model["init_std"] == 0.05
    assert page.rows() == before
    assert tab.setting_widget("init_std").property("invalid")


def test_a_shortened_overfitting_preset_shows_the_gap_narrow_with_decay_and_dropout(tab, qtbot):
    page = tab.show_page("overfit")
    for key, text in (
        ("overfit_train", "100"),
        ("overfit_epochs", "60"),
        ("overfit_dropout_epochs", "60"),
        ("overfit_lr", "0.1"),
    ):
        _type(qtbot, tab, key, text)
    qtbot.mouseClick(page.run_bar.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_running(), timeout=180_000)
    gaps = dict(page.gaps())
    assert list(gaps) == ["plain", "λ = 0.1", "dropout 0.2"]
    assert gaps["plain"] > 0.25  # 100 images learnt by heart: train 1.0, test far lower
    assert gaps["λ = 0.1"] < gaps["plain"] - 0.03
    assert gaps["dropout 0.2"] < gaps["plain"] - 0.03
    assert len(page.plot.getPlotItem().listDataItems()) == 6  # train and test per run, overlaid
    assert "gap" in page.note.text()


def test_the_search_board_runs_eight_trials_into_the_scatter_and_the_table(tab, qtbot, tmp_path):
    board = tab.show_page("search")
    assert board.objectName() == "searchBoard"
    for key, text in (("search_trials", "8"), ("search_epochs", "3"), ("search_train", "200")):
        _type(qtbot, tab, key, text)
    qtbot.mouseClick(board.run_bar.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not board.controller.is_active(), timeout=120_000)
    assert len(board.trials) == 8
    assert len(board.scatter.data) == 8
    xs, ys = board.scatter.getData()
    np.testing.assert_allclose(sorted(xs), sorted(np.log10(t.lr) for t in board.trials))
    np.testing.assert_allclose(sorted(ys), sorted(np.log10(t.weight_decay) for t in board.trials))
    assert all(
        -6 <= np.log10(t.lr) <= -2 and -8 <= np.log10(t.weight_decay) <= -4 for t in board.trials
    )
    assert board.proxy.rowCount() == 8
    # sorted by validation accuracy, best first
    shown = [float(board.proxy.index(r, 3).data()) for r in range(8)]
    assert shown == sorted(shown, reverse=True)
    board.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    lrs = [float(board.proxy.index(r, 1).data()) for r in range(8)]
    assert lrs == sorted(lrs)
    out = tmp_path / "trials.csv"
    board.export_csv(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9 and lines[0].startswith("trial,lr,weight_decay")
    # narrow the ranges to a region of the scatter and search again
    board.region.setPos((-4, -7))
    board.region.setSize((1, 2))
    qtbot.mouseClick(board.narrow_button, Qt.MouseButton.LeftButton)
    assert (tab.model["lr_low"], tab.model["lr_high"]) == (-4, -3)
    assert (tab.model["wd_low"], tab.model["wd_high"]) == (-7, -5)
    qtbot.mouseClick(board.run_bar.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not board.controller.is_active(), timeout=120_000)
    assert len(board.trials) == 16 and board.proxy.rowCount() == 16
    assert all(-4 <= np.log10(t.lr) <= -3 for t in board.trials[8:])
    assert len({t.index for t in board.trials}) == 16


def test_the_bn_comparison_draws_each_scale_with_and_without_bn(tab, qtbot):
    page = tab.show_page("bn")
    for key, text in (("bn_scales", "2"), ("bn_epochs", "2"), ("bn_train", "200")):
        _type(qtbot, tab, key, text)
    qtbot.mouseClick(page.run_bar.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_running(), timeout=120_000)
    assert [r.label for r in page.results] == ["W=1 BN", "W=1", "W=0.0001 BN", "W=0.0001"]
    assert len(page.cells) == 2
    assert all(len(c.listDataItems()) == 2 for c in page.cells.values())
    assert "with BN" in page.note.text()


def test_the_optimizer_comparison_overlays_four_losses(tab, qtbot):
    page = tab.show_page("compare")
    _type(qtbot, tab, "compare_iterations", "20")
    qtbot.mouseClick(page.run_bar.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_running(), timeout=120_000)
    assert [r.label for r in page.results] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert len(page.plot.getPlotItem().listDataItems()) == 4


def test_cancel_stops_a_long_series_and_keeps_the_window_usable(tab, qtbot):
    page = tab.show_page("overfit")
    qtbot.mouseClick(page.run_bar.run_button, Qt.MouseButton.LeftButton)
    assert page.is_running()
    assert not tab.setting_widget("overfit_epochs").isEnabled()
    assert tab.setting_widget("init_activation").isEnabled()  # the init lab stays live
    qtbot.mouseClick(page.run_bar.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.is_running()
    assert tab.setting_widget("overfit_epochs").isEnabled()
    assert page.run_bar.run_button.isEnabled()


def test_exported_init_lab_code_prints_the_pages_numbers(tab, tmp_path):
    tab.show_page("init")
    tab.model.set("init_activation", "tanh")
    tab.model.set("init_scale", "xavier")
    script = tmp_path / "init.py"
    script.write_text(tab.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    means = [
        float(line.split("mean ")[1].split(",")[0])
        for line in out.splitlines()
        if line.startswith("layer")
    ]
    np.testing.assert_allclose(means, [r[1] for r in tab.init_lab.rows()], rtol=1e-3, atol=1e-6)


@pytest.mark.parametrize("page", ["overfit", "bn", "compare", "search"])
def test_exported_training_code_compiles(tab, page):
    tab.show_page(page)
    compile(tab.export_code(), f"{page}.py", "exec")


def test_exported_overfit_code_runs_and_learns(tab, tmp_path):
    tab.show_page("overfit")
    for key, value in (
        ("overfit_train", 100),
        ("overfit_epochs", 5),
        ("overfit_dropout_epochs", 5),
        ("overfit_lr", 0.1),
    ):
        tab.model.set(key, value)
    script = tmp_path / "overfit.py"
    script.write_text(tab.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=True
    ).stdout
    assert [line.split(":")[0] for line in out.splitlines()] == ["plain", "λ=0.1", "dropout 0.2"]


def test_japanese_page_titles(tab, qtbot):
    from gui.i18n import LanguageManager

    LanguageManager.instance().set_language("ja", save=False)
    qtbot.waitUntil(lambda: tab.pages.tabText(0).startswith("重みの初期値"))
    assert tab.overfit_page.run_bar.run_button.text() == "実行"
    assert tab.overfit_page.clear_button.text() == "消去"  # a SeriesPage string, in a subclass
    assert (
        tab.search_board.table_model.headerData(3, Qt.Orientation.Horizontal)
        == "検証データの認識精度"
    )
    assert tab.init_lab.table.horizontalHeaderItem(1).text() == "平均"


def test_hammering_every_pages_run_and_cancel(tab, qtbot, qtlog):
    """200 clicks in a seeded random order on every page's Run and Cancel (and page
    switches); every worker is idle afterwards, one more run starts, shutdown joins it."""
    import random

    from PySide6.QtWidgets import QApplication

    bars = [
        tab.bn_page.run_bar,
        tab.overfit_page.run_bar,
        tab.search_board.run_bar,
        tab.compare_page.run_bar,
    ]
    buttons = [b for bar in bars for b in (bar.run_button, bar.cancel_button)]
    rng = random.Random("abuse-techniques")
    clicked = 0
    for i in range(200):
        if i % 17 == 0:
            tab.pages.setCurrentIndex(rng.randrange(tab.pages.count()))
        button = rng.choice(buttons)
        if button.isEnabled():
            button.click()
            clicked += 1
        if i % 3 == 0:
            QApplication.processEvents()
    assert clicked >= 200 // 3
    for bar in bars:
        bar.controller.stop()
    assert not tab.any_running()
    assert all(c.state == "idle" for c in tab._controllers)
    assert all(bar.run_button.isEnabled() for bar in bars)
    tab.overfit_page.run_bar.run_button.click()
    assert tab.any_running()
    tab.shutdown()
    assert not tab.any_running()
    assert not [r.message for r in qtlog.records if "thread" in r.message.lower()]


def test_ctrl_6_shows_the_techniques_tab(window):
    action = next(a for a in window.tab_actions if a.shortcut().toString() == "Ctrl+6")
    action.trigger()
    assert window.tabs.currentWidget().objectName() == "techniquesTab"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Techniques"
