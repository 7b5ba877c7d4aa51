"""The Descent tab as a learner uses it: surfaces, start point, racing optimizers, readouts."""

import re
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QTableView

from gui.tabs.descent import DescentTab

MAX_SPEED = 0  # steps per second: 0 is as fast as possible


@pytest.fixture
def tab(qtbot):
    widget = DescentTab()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def table_text(tab):
    model = tab.findChild(QTableView, "resultsTable").model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def plotted(item):
    return 0 if item.xData is None else len(item.xData)


def wait_idle(qtbot, tab, timeout=20000):
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=timeout)
    qtbot.wait(50)


def type_into(qtbot, field, text):
    """Select all, type ``text`` and press Enter, as a user would."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def choose(combo, data):
    """Pick the item whose data is ``data``, as a user would."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def click_on_plot(qtbot, tab, x, y):
    plot = tab.findChild(object, "trajectoryPlot")
    view = plot.getPlotItem().getViewBox()
    scene_pos = view.mapViewToScene(QPointF(x, y))
    pos = plot.mapFromScene(scene_pos)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_pick_surface_click_start_race_two_live_and_stop(window, qtbot):
    tab = window.show_tab("descent")
    combo = tab.findChild(QComboBox, "functionCombo")
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    assert tab.surface.key == "rosenbrock"
    assert tab.findChild(QLineEdit, "expressionEdit").text().startswith("(1 - x)**2")

    click_on_plot(qtbot, tab, -1.0, 1.5)
    assert tab.model["start_x"] == pytest.approx(-1.0, abs=0.05)
    assert tab.model["start_y"] == pytest.approx(1.5, abs=0.05)
    assert tab.findChild(QLineEdit, "startX").text() == str(tab.model["start_x"])
    start = tab.start_point()

    tab.model.set_racers(
        [
            {"optimizer": "SGD", "params": {"lr": 0.001}},
            {"optimizer": "Momentum", "params": {"lr": 0.0005, "momentum": 0.9}},
        ]
    )
    steps = tab.findChild(QLineEdit, "stepsField")
    type_into(qtbot, steps, "100000")  # beyond the maximum: refused, the old value kept
    assert tab.model["steps"] == 100 and steps.text() == "100"
    type_into(qtbot, steps, "10000")  # the maximum: a 33 s race at 300 steps/s
    assert tab.model["steps"] == 10000
    choose(tab.findChild(QComboBox, "speedCombo"), 300)
    qtbot.mouseClick(tab.findChild(QPushButton, "runButton"), Qt.MouseButton.LeftButton)
    assert tab.controller.state == "running"

    def both_grow(n):
        return len(tab.tracks) == 2 and all(len(t.xs) > n for t in tab.tracks)

    qtbot.waitUntil(lambda: both_grow(5), timeout=10000)
    qtbot.waitUntil(lambda: all(plotted(item) > 0 for item in tab.ui.path_items[:2]))
    first = [plotted(item) for item in tab.ui.path_items[:2]]
    assert all(n > 0 for n in first)
    # the UI keeps answering: toggle arrows and change the pace while the race runs; the
    # settings the race was started with are locked until it ends
    tab.findChild(QCheckBox, "arrowsCheck").setChecked(True)
    assert tab.model["arrows"] is True
    choose(tab.findChild(QComboBox, "speedCombo"), 1000)
    assert tab.pace.delay == pytest.approx(0.001)
    assert not tab.findChild(QLineEdit, "hField").isEnabled()
    qtbot.waitUntil(
        lambda: all(
            plotted(item) > n + 5 for item, n in zip(tab.ui.path_items[:2], first, strict=True)
        ),
        timeout=10000,
    )
    assert [t.xs[0] for t in tab.tracks] == [start[0], start[0]]

    qtbot.mouseClick(tab.findChild(QPushButton, "stopButton"), Qt.MouseButton.LeftButton)
    assert not tab.controller.is_active()
    qtbot.wait(50)
    rows = table_text(tab)
    assert [r[1] for r in rows] == ["stopped", "stopped"]
    # each row counts the steps its racer really took before Stop: what its path shows
    taken = [int(r[2]) for r in rows]
    assert taken == [len(t.xs) - 1 for t in tab.tracks]
    assert all(5 < n < 10000 for n in taken), taken
    assert rows[0][0].startswith("SGD") and rows[1][0].startswith("Momentum")


def test_book_numbers_and_learning_rate_comparison(tab, qtbot):
    tab.model.set("speed", MAX_SPEED)
    qtbot.mouseClick(tab.findChild(QPushButton, "presetNotesButton"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    rows = table_text(tab)
    assert rows[0][1] == "finished" and rows[0][2] == "100"
    # the study notes print [6.11110793e-10 8.14814391e-10]
    assert rows[0][3] == "6.111107928998789e-10"
    assert rows[0][4] == "8.148143905314271e-10"
    assert float(rows[0][3]) == pytest.approx(6.11110793e-10)

    qtbot.mouseClick(
        tab.findChild(QPushButton, "learningRatePresetButton"), Qt.MouseButton.LeftButton
    )
    wait_idle(qtbot, tab)
    rows = table_text(tab)
    assert len(rows) == 3
    assert rows[0][1] == "diverged at step 5"
    message = tab.findChild(QLabel, "messageLabel").text()
    assert "SGD (lr=10) diverged at step 5" in message and "too large" in message
    assert (rows[1][3], rows[1][4]) == ("-6.111107928998789e-10", "8.148143905314271e-10")
    assert float(rows[2][3]) == pytest.approx(-2.99999994) and "barely moved" in rows[2][1]
    assert sum(item.isVisible() for item in tab.ui.path_items) == 3
    assert plotted(tab.ui.path_items[0]) == 5


def test_bad_expression_is_refused_with_column_then_a_good_one_races(tab, qtbot):
    edit = tab.findChild(QLineEdit, "expressionEdit")
    edit.clear()
    qtbot.keyClicks(edit, "x**2 + y.real")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    error = tab.findChild(QLabel, "expressionError")
    assert error.isVisible()
    assert "column 8" in error.text() and ".real" in error.text()
    assert tab.surface.key == "sphere"
    for bad, words in (
        ("__import__('os')", "not an allowed function"),
        ("9**9**9", "too large"),
        ("x +", "Syntax error"),
    ):
        edit.setText(bad)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert words in error.text()
    edit.setText("x**2 + 3*y**2")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not error.isVisible()
    combo = tab.findChild(QComboBox, "functionCombo")
    assert tab.surface.key == "custom" and combo.currentData() == "custom"
    gradient = tab.findChild(QComboBox, "gradientCombo")
    assert gradient.currentData() == "numerical" and not gradient.isEnabled()  # typed: numerical
    tab.model.set("speed", MAX_SPEED)
    tab.set_start(1.0, 1.0)
    tab.model.set_racers([{"optimizer": "SGD", "params": {"lr": 0.1}}])
    tab.run()
    wait_idle(qtbot, tab)
    rows = table_text(tab)
    assert rows[0][1] == "finished"
    assert abs(float(rows[0][3])) < 1e-8 and abs(float(rows[0][4])) < 1e-8


def test_keys_pause_step_resume_give_the_uninterrupted_numbers(tab, qtbot):
    tab.apply_preset("notes", run=False)
    tab.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: tab.tracks and len(tab.tracks[0].xs) == 2)
    assert tab.controller.state == "paused"
    qtbot.keyClick(tab, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: len(tab.tracks[0].xs) == 3)
    assert tab.tracks[0].xs[:3] == pytest.approx([3.0, 2.4, 1.92])
    tab.model.set("speed", MAX_SPEED)  # the pace may change while paused
    qtbot.keyClick(tab, Qt.Key.Key_Space)
    wait_idle(qtbot, tab)
    assert table_text(tab)[0][3] == "6.111107928998789e-10"
    # Escape stops a run started with R
    tab.model.update({"steps": 10000, "speed": 100})
    qtbot.keyClick(tab, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: len(tab.tracks[0].xs) > 2)
    qtbot.keyClick(tab, Qt.Key.Key_Escape)
    assert not tab.controller.is_active()


def test_export_code_reproduces_the_table(tab, qtbot, tmp_path):
    tab.apply_preset("chapter6", run=False)
    tab.model.add_racer("Nesterov").set("lr", 0.05)
    tab.model.add_racer("RMSprop").set("lr", 0.2)
    tab.model.update({"gradient": "numerical", "speed": MAX_SPEED})
    tab.run()
    wait_idle(qtbot, tab)
    rows = table_text(tab)
    script = tmp_path / "race.py"
    script.write_text(tab.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True
    ).stdout.splitlines()
    assert len(out) == len(rows) == 6
    for line, row in zip(out, rows, strict=True):
        found = re.search(r"x = (\S+), y = (\S+), f = (\S+), steps = (\d+)", line)
        assert found.groups() == (row[3] + "", row[4], row[5], row[2]), line


class _NoToolTip:
    """Stands in for QToolTip: Qt's tooltip label keeps a raw pointer to the widget it
    was shown for, and deleting that widget at teardown crashes the test process."""

    shown: list[str] = []

    @classmethod
    def showText(cls, _pos, text, *args):
        cls.shown.append(text)


def test_lr_field_refuses_nan_and_state_round_trip(tab, qtbot, monkeypatch):
    import gui.binder

    monkeypatch.setattr(gui.binder, "QToolTip", _NoToolTip)
    row = tab.racers.rows[0]
    lr = row.findChild(QLineEdit, "racerLr")
    lr.setText("nan")
    lr.editingFinished.emit()
    assert row.racer["lr"] == 0.1 and lr.text() == "0.1"
    lr.setText("1e400")
    lr.editingFinished.emit()
    assert row.racer["lr"] == 0.1 and lr.text() == "0.1"
    assert lr.toolTip().startswith("lr:") and "from 1e-300 to 1000000" in _NoToolTip.shown[-1]
    tab.apply_preset("learning_rates", run=False)
    state = tab.state()
    tab.reset()
    tab.apply_preset("chapter6", run=False)
    assert tab.state() != state
    other = tab
    other.set_state(state)
    assert other.state() == state
    custom = dict(state, surface="custom", expression="x**2 + sin(y)")
    other.set_state(custom)
    assert other.surface.text == "x**2 + sin(y)"
    for bad in (
        {"surface": "nope"},
        dict(state, surface="custom", expression="x.__class__"),
        dict(state, start=[float("nan"), 0]),
        dict(state, racers=[{"optimizer": "Bogus"}]),
        dict(state, racers=[{"optimizer": "SGD", "params": {"lr": -1}}]),
        dict(state, racers=[{"optimizer": "Momentum", "params": {"momentum": 1.5}}]),
        dict(state, racers=[{"optimizer": "SGD"}] * 9),
        dict(state, steps=0),
        "not a dict",
    ):
        with pytest.raises(ValueError):
            other.set_state(bad)
    assert other.surface.text == "x**2 + sin(y)"  # a refused state changes nothing


def test_results_model_is_a_valid_qt_model(tab, qtbot, qtmodeltester):
    tab.model.set("speed", MAX_SPEED)
    tab.apply_preset("chapter6")
    wait_idle(qtbot, tab)
    qtmodeltester.check(tab.ui.results)


def test_export_menu_is_translated(window):
    """File ▸ Export names the Descent tab's plots and table in the UI's language, never by
    internal keys such as "gradient_norms"."""
    tab = window.show_tab("descent")
    lab = tab.ui.derivative_lab
    menu = window.project.export_menu

    def menu_texts():
        window.project.rebuild_export_menu()
        return [a.text() for a in menu.actions() if not a.isSeparator()]

    english = menu_texts()
    assert tab.plot_widgets() == {
        "Trajectories": tab.ui.trajectory_plot,
        "f per step": tab.ui.value_plot,
        "Gradient norm per step": tab.ui.grad_plot,
        "Tangent line": lab.tangent_plot,
        "Errors of the difference quotient": lab.error_plot,
    }
    assert tab.table_models() == {"Results": tab.ui.results}
    assert "Gradient norm per step as PNG image…" in english
    assert english[-1] == "Results as CSV…"
    window.set_language("ja")
    japanese = menu_texts()
    assert tab.plot_widgets() == {
        "軌跡": tab.ui.trajectory_plot,
        "ステップごとの f": tab.ui.value_plot,
        "ステップごとの勾配ノルム": tab.ui.grad_plot,
        "接線": lab.tangent_plot,
        "差分商の誤差": lab.error_plot,
    }
    assert tab.table_models() == {"結果": tab.ui.results}
    assert len(japanese) == len(english) == 5 * 3 + 1
    for text in english + japanese:
        assert not re.search(r"[a-z]+_[a-z]+|^(trajectories|values|tangent|results)\b", text)
    assert not set(english) & set(japanese)


def test_derivative_lab(tab):
    lab = tab.ui.derivative_lab
    assert "numerical_diff(f, 5.0) = 0.1999999999990898" in lab.readout.text()
    assert "float64 gives 0.0" in lab.readout.text() and "float32 gives nan" in lab.readout.text()
    lab.x_field.setValue(10.0, emit=True)
    assert "0.2999999999986347" in lab.readout.text()
    _, errors = lab.error_curves["f64_central"].getOriginalDataset()
    assert np.nanmin(errors) < 1e-12  # the book's quadratic: central differences are exact
    # for sin(x) the central difference's error has its valley near the book's h = 1e-4
    lab.function_combo.setCurrentIndex(lab.function_combo.findData("sin"))
    hs, errors = lab.error_curves["f64_central"].getOriginalDataset()
    best = hs[np.nanargmin(errors)]
    assert 1e-7 < best < 1e-3
    fwd_hs, fwd = lab.error_curves["f64_forward"].getOriginalDataset()
    assert 1e-10 < fwd_hs[np.nanargmin(fwd)] < 1e-6  # forward: near √ε ≈ 1e-8


def test_saddle_and_all_surfaces_run_without_crash(tab, qtbot):
    tab.model.set("speed", MAX_SPEED)
    tab.model.set_racers(
        [
            {"optimizer": name, "params": {"lr": 0.5}}
            for name in ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam")
        ]
    )
    tab.model.set("steps", 300)
    for key in ("elongated", "rosenbrock", "himmelblau", "beale", "saddle"):
        tab.select_surface(key)
        tab.model.set("gradient", "analytic")
        tab.run()
        wait_idle(qtbot, tab)
        assert len(table_text(tab)) == 6
    assert any(t.status == "diverged" for t in tab.tracks)  # the saddle has no minimum


def test_japanese_labels(window, qtbot):
    window.set_language("ja")
    tab = window.tab("descent")
    run = tab.findChild(QPushButton, "runButton")
    qtbot.waitUntil(lambda: run.text() == "実行")  # LanguageChange events are posted
    assert tab.ui.results.headers[0] == "オプティマイザ"
    assert tab.ui.derivative_lab.error_caption.text().startswith("h に対する")
    assert window.tabs.tabText(2) == "勾配降下"


def _fully_shown(table, column):
    """The column is at least as wide as its widest text and lies inside the viewport."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    model = table.model()
    widest = max(
        metrics.horizontalAdvance(model.index(r, column).data()) for r in range(model.rowCount())
    )
    left = header.sectionViewportPosition(column)
    right = left + header.sectionSize(column)
    return header.sectionSize(column) >= widest and left >= 0 and right <= table.viewport().width()


@pytest.mark.parametrize("preset", ["notes", "learning_rates", "chapter6"])
def test_final_point_reads_without_scrolling_in_the_default_window(window, qtbot, preset):
    window.resize(1280, 800)
    tab = window.show_tab("descent")
    tab.model.set("speed", MAX_SPEED)
    tab.apply_preset(preset)
    wait_idle(qtbot, tab)
    table = tab.findChild(QTableView, "resultsTable")
    qtbot.waitUntil(lambda: _fully_shown(table, 3) and _fully_shown(table, 4))
    assert table.horizontalHeader().sectionSize(6) < table.viewport().width() / 3
    # the optimizer labels are not squeezed to nothing, and the whole label is the tooltip
    assert table.horizontalHeader().sectionSize(0) >= 90
    label = table.model().index(0, 0)
    assert label.data(Qt.ItemDataRole.ToolTipRole) == label.data()


def test_status_is_short_and_explained(tab, qtbot):
    tab.model.set("speed", MAX_SPEED)
    tab.apply_preset("learning_rates")
    wait_idle(qtbot, tab)
    status = tab.ui.results.index(2, 1)
    assert status.data() == "barely moved"
    assert "learning rate too small" in status.data(Qt.ItemDataRole.ToolTipRole)
    message = tab.findChild(QLabel, "messageLabel").text()
    assert "SGD (lr=1e-10) barely moved in 100 steps" in message


def test_empty_readouts_show_decades_not_minor_ticks(tab, qtbot):
    hint = tab.findChild(QLabel, "messageLabel")
    assert "Press Run (R)" in hint.text()
    for plot in (tab.ui.value_plot, tab.ui.grad_plot):
        (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
        assert y0 < -3 and y1 > 0  # 0.001 … 1 on the log axis: decades
        assert x0 <= 0 and x1 >= 100  # the default 100 steps
    type_into(qtbot, tab.findChild(QLineEdit, "stepsField"), "30")
    assert tab.model["steps"] == 30
    (x0, x1), _ = tab.ui.value_plot.getPlotItem().getViewBox().viewRange()
    assert x1 < 40
    tab.model.set("speed", MAX_SPEED)
    tab.apply_preset("notes")
    wait_idle(qtbot, tab)
    tab.race.throttle.flush()
    _, (y0, y1) = tab.ui.value_plot.getPlotItem().getViewBox().viewRange()
    assert y0 < -15  # the run autoranges: f falls to ~1e-18
    qtbot.mouseClick(tab.findChild(QPushButton, "resetButton"), Qt.MouseButton.LeftButton)
    _, (y0, y1) = tab.ui.value_plot.getPlotItem().getViewBox().viewRange()
    assert y0 > -5
    assert "Press Run (R)" in hint.text()


def test_derivative_lab_function_names_are_whole(window, qtbot):
    window.resize(1280, 800)
    tab = window.show_tab("descent")
    tab.ui.views.setCurrentWidget(tab.ui.derivative_lab)
    combo = tab.findChild(QComboBox, "errorFunctionCombo")
    qtbot.waitUntil(combo.isVisible)
    widest = max(
        combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())
    )
    assert combo.width() > widest


def test_packed_race_matches_the_engine_and_long_paths_are_thinned(window, qtbot):
    from engine.gradient import race
    from engine.optimizers import SGD, Momentum
    from engine.surfaces import SURFACES
    from gui.tabs.descent_race import PATH_POINTS_SHOWN, pack_race

    surface = next(iter(SURFACES.values()))
    records = list(race(surface, [3.0, 4.0], [SGD(0.01), Momentum(0.01)], 50))
    packed = pack_race(records)
    assert len(packed) == 2
    for i, (points, last, gone) in enumerate(packed):
        steps = [r.entries[i] for r in records if r.entries[i] is not None]
        assert points.shape == (len(steps), 4) and last == steps[-1].step and gone is None
        assert points[:, 0].tolist() == [float(s.x[0]) for s in steps]
        assert points[:, 2].tolist() == [s.value for s in steps]

    tab = window.show_tab("descent")
    tab.model.update({"steps": 10000, "speed": MAX_SPEED})
    tab.run()
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=60000)
    track = tab.tracks[0]
    assert track.n == 10001
    shown_x, _ = tab.ui.path_items[0].getData()
    assert len(shown_x) == PATH_POINTS_SHOWN and shown_x[-1] == track.xs[-1]


def test_log_readouts_tick_whole_decades_only(window):
    """Over many decades the f and ‖∇f‖ axes show decades only (pyqtgraph would add the
    2…9 minor ticks of each, hundreds of labels and grid lines); a short span keeps them."""
    tab = window.show_tab("descent")
    axis = tab.ui.value_plot.getAxis("left")
    assert axis.logMode
    wide = axis.tickValues(-43.7, 4.9, 180)
    assert [spacing for spacing, _ in wide] and all(s is not None and s >= 1 for s, _ in wide)
    assert sum(len(values) for _, values in wide) <= 10
    narrow = axis.tickValues(-1.2, 0.8, 180)
    assert any(spacing is None for spacing, _ in narrow)  # 2…9 × 10ⁿ kept


def test_the_divergence_messages_speak_japanese(tab, qtbot):
    """The race's explanations above the table are translated (they were built through a
    helper lupdate could not see, so they stayed English in the Japanese UI)."""
    from gui.i18n import LanguageManager

    LanguageManager.instance().set_language("ja", save=False)
    tab.model.set("speed", MAX_SPEED)
    qtbot.mouseClick(
        tab.findChild(QPushButton, "learningRatePresetButton"), Qt.MouseButton.LeftButton
    )
    wait_idle(qtbot, tab)
    message = tab.findChild(QLabel, "messageLabel").text()
    assert "ステップ" in message and "学習率" in message, message
    assert "diverged" not in message and "barely moved" not in message, message
