"""Projects as a user meets them: File ▸ New/Open/Save/Recent, the modified marker, bad
files refused with the work kept, the autosaved session, Show code and Export.

The tabs on main may still return ``{}`` from ``state()``; the ``fake_states`` fixture gives
every tab class a real, distinct state so the plumbing is proven either way.
"""

import copy
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMessageBox

from engine import project as engine_project
from gui import registry
from gui.main_window import MainWindow
from gui.project import CodeDialog, autosave_path
from gui.registry import tab_keys

ROOT = Path(__file__).resolve().parents[2]


def _compared_revision(tab):
    """A revision found by comparing the (stand-in) state, whether or not the tab has a
    model: the stand-ins never touch the model."""
    try:
        text = json.dumps(tab.state(), sort_keys=True, default=repr)
    except Exception:  # as LabTab.revision: a failing state counts as a change
        text = repr(object())
    if text != getattr(tab, "_fake_seen", None):
        tab._fake_seen = text
        tab._fake_revision = getattr(tab, "_fake_revision", 0) + 1
    return tab._fake_revision


@pytest.fixture
def fake_states(monkeypatch):
    """Every tab class keeps a JSON state; set_state refuses {"bad": ...} with ValueError."""

    def make(key):
        def state(self):
            return copy.deepcopy(getattr(self, "_fake_state", {"tab": key, "value": 0.0}))

        def set_state(self, new):
            if "bad" in new:
                raise ValueError(f"cannot use {new['bad']}")
            self._fake_state = copy.deepcopy(new)

        return state, set_state

    for key in tab_keys():
        cls = registry.view_class(key)
        state, set_state = make(key)
        monkeypatch.setattr(cls, "state", state)
        monkeypatch.setattr(cls, "set_state", set_state)
        # the stand-in state is compared, as for any tab without a model
        monkeypatch.setattr(cls, "revision", _compared_revision)


def edit_every_tab(win, stamp):
    """Stand-in for a learner's edits: distinct nested values on every tab."""
    for i, key in enumerate(tab_keys()):
        win.tab(key).set_state(
            {
                "tab": key,
                "value": stamp + i / 10,
                "weights": [[0.1 * i, -0.2], [1e-300, 12345.678]],
                "label": f"重み {stamp}",
                "seed": 2**40 + i,
                "on": bool(i % 2),
            }
        )


def states(win):
    """Every tab's state in its stored form (arrays packed or listed, as a file holds them)."""
    return engine_project.plain({key: win.tab(key).state() for key in tab_keys()})


def new_window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def message_boxes(win):
    return [b for b in win.findChildren(QMessageBox, "projectMessage") if b.isVisible()]


# -- save, close, reopen --------------------------------------------------------------------
def test_save_close_reopen_all_four_tabs_identical(qtbot, tmp_path, fake_states, monkeypatch):
    first = new_window(qtbot)
    edit_every_tab(first, 7)
    first.show_tab("descent")
    assert first.project.check_modified() and first.isWindowModified()
    target = tmp_path / "lesson"
    monkeypatch.setattr(first.project, "ask_save_path", lambda: str(target))
    first.project.save_action.trigger()
    saved = tmp_path / "lesson.zkl.json"
    assert saved.is_file()
    assert not first.isWindowModified()
    assert first.windowTitle() == "lesson.zkl.json[*] — Zerokara Lab"
    before = states(first)
    first.close()

    second = new_window(qtbot)
    assert states(second) != before
    monkeypatch.setattr(second.project, "ask_open_path", lambda: str(saved))
    second.project.open_action.trigger()
    assert states(second) == before
    assert second.tabs.currentWidget() is second.tab("descent")
    assert not second.isWindowModified()
    assert "lesson.zkl.json" in second.windowTitle()
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and set(doc["tabs"]) == set(tab_keys())
    second.close()


def test_round_trip_with_the_real_tabs(qtbot, tmp_path):
    """No fakes: whatever the real tabs hold survives a save and a fresh window."""
    first = new_window(qtbot)
    path = tmp_path / "real.zkl.json"
    assert first.project.save_to(path)
    before = states(first)
    first.close()
    second = new_window(qtbot)
    assert second.project.open_path(path)
    assert states(second) == before
    second.close()


def test_modified_marker_and_save_clears_it(fake_states, window, tmp_path):
    window.project.new_project()
    assert window.windowTitle() == "Untitled[*] — Zerokara Lab"
    assert not window.project.check_modified()
    window.tab("gates").set_state({"tab": "gates", "value": 3.0})
    assert window.project.check_modified()
    assert window.isWindowModified()
    assert window.project.save_to(tmp_path / "m.zkl.json")
    assert not window.isWindowModified()


# -- bad files: refused, current work kept --------------------------------------------------
def test_truncated_project_refused_and_work_kept(fake_states, window, tmp_path):
    edit_every_tab(window, 1)
    good = tmp_path / "good.zkl.json"
    assert window.project.save_to(good)
    edit_every_tab(window, 2)  # unsaved work
    work = states(window)
    data = good.read_bytes()
    cut = tmp_path / "cut.zkl.json"
    cut.write_bytes(data[: len(data) // 2])
    assert not window.project.open_path(cut)
    assert states(window) == work
    assert window.project.path == good  # still the same project
    assert window.isWindowModified()
    boxes = message_boxes(window)
    assert boxes and "cut.zkl.json" in boxes[-1].text()
    assert "ends too early" in boxes[-1].informativeText()
    assert "current work is unchanged" in boxes[-1].informativeText()
    assert cut.read_bytes() == data[: len(data) // 2]  # nothing written to the bad file


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"{nonsense", "not valid JSON"),
        (b'{"app": "zerokara-lab", "schema_version": 9, "tabs": {}}', "newer version"),
        (b'{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"x": NaN}}}', "NaN"),
        (b'{"app": "other"}', "not a Zerokara Lab project"),
    ],
)
def test_bad_files_explained(fake_states, window, tmp_path, content, words):
    edit_every_tab(window, 5)
    work = states(window)
    path = tmp_path / "bad.zkl.json"
    path.write_bytes(content)
    assert not window.project.open_path(path)
    assert states(window) == work
    assert words in window.project.last_message


def test_one_tab_refusing_its_state_leaves_the_rest_loaded(fake_states, window, tmp_path):
    doc = engine_project.new_document(
        {
            "gates": {"tab": "gates", "value": 11.0},
            "network": {"bad": "a 3-D weight"},
            "descent": {"tab": "descent", "value": 12.0},
        }
    )
    path = tmp_path / "partly.zkl.json"
    engine_project.save(path, doc)
    network_before = window.tab("network").state()
    assert window.project.open_path(path)
    assert window.tab("gates").state()["value"] == 11.0
    assert window.tab("descent").state()["value"] == 12.0
    assert engine_project.plain(window.tab("network").state()) == engine_project.plain(
        network_before
    )
    assert "Network tab: cannot use a 3-D weight" in window.project.last_message


def test_failed_save_keeps_old_file_and_says_so(fake_states, window, tmp_path, monkeypatch):
    path = tmp_path / "p.zkl.json"
    assert window.project.save_to(path)
    before = path.read_bytes()
    edit_every_tab(window, 9)

    def full(*args):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(engine_project.os, "fsync", full)
        assert not window.project.save()
    assert path.read_bytes() == before
    assert "No space left" in window.project.last_message
    assert window.isWindowModified()


def test_nan_in_a_tab_state_refused_on_save(fake_states, window, tmp_path):
    path = tmp_path / "p.zkl.json"
    assert window.project.save_to(path)
    before = path.read_bytes()
    window.tab("descent").set_state({"path": [1.0, float("nan")]})
    assert not window.project.save()
    assert path.read_bytes() == before
    assert "cannot store (NaN or infinity)" in window.project.last_message
    assert "tabs.descent.path[1]" in window.project.last_message


# -- unsaved-changes prompt -----------------------------------------------------------------
def test_unsaved_prompt_cancel_discard_save(fake_states, window, tmp_path, monkeypatch):
    controller = window.project
    controller.confirm_unsaved = True
    asked = []

    def answer(button):
        def ask():
            asked.append(button)
            return button

        return ask

    # clean: no question at all
    monkeypatch.setattr(controller, "ask_unsaved", answer(QMessageBox.StandardButton.Cancel))
    assert controller.new_project() and asked == []
    edit_every_tab(window, 3)
    work = states(window)
    assert not controller.new_project()
    assert states(window) == work and len(asked) == 1
    monkeypatch.setattr(controller, "ask_unsaved", answer(QMessageBox.StandardButton.Save))
    monkeypatch.setattr(controller, "ask_save_path", lambda: str(tmp_path / "kept.zkl.json"))
    assert controller.new_project()
    assert engine_project.load(tmp_path / "kept.zkl.json")["tabs"] == work
    edit_every_tab(window, 4)
    monkeypatch.setattr(controller, "ask_unsaved", answer(QMessageBox.StandardButton.Discard))
    assert controller.new_project()
    assert window.tab("gates").state() == {"tab": "gates", "value": 0.0}
    # Cancel on quit keeps the window open
    edit_every_tab(window, 6)
    monkeypatch.setattr(controller, "ask_unsaved", answer(QMessageBox.StandardButton.Cancel))
    window.close()
    assert window.isVisible()
    controller.confirm_unsaved = False


# -- recent files ---------------------------------------------------------------------------
def test_recent_files_order_limit_and_pruning(fake_states, window, tmp_path):
    controller = window.project
    paths = [tmp_path / f"p{i}.zkl.json" for i in range(10)]
    for p in paths:
        assert controller.save_to(p)
    recent = controller.recent_files()
    assert recent == [str(p) for p in reversed(paths)][:8]
    paths[9].unlink()
    controller.rebuild_recent_menu()
    assert "Removed 1 missing" in controller.last_message
    assert controller.recent_files() == [str(p) for p in reversed(paths[2:9])]
    actions = [a for a in controller.recent_menu.actions() if a.data()]
    assert actions[0].text() == "&1 p8.zkl.json"
    edit_every_tab(window, 8)
    window.tab("gates").set_state({"tab": "gates", "value": 99.0})
    actions[3].trigger()  # p5
    assert controller.path == paths[5]
    assert controller.recent_files()[0] == str(paths[5])


def test_recent_file_deleted_before_opening(fake_states, window, tmp_path):
    path = tmp_path / "gone.zkl.json"
    assert window.project.save_to(path)
    path.unlink()
    assert not window.project.open_path(path)
    assert "does not exist" in window.project.last_message
    assert str(path) not in window.project.recent_files()


# -- the autosaved session ------------------------------------------------------------------
def test_autosave_on_close_and_restore_at_start(qtbot, tmp_path, fake_states):
    assert str(autosave_path()).startswith(str(tmp_path))  # sandboxed by conftest
    first = new_window(qtbot)
    first.project.enable_session(restore=False)
    edit_every_tab(first, 21)
    first.show_tab("training")
    before = states(first)
    first.close()
    assert autosave_path().is_file()

    second = new_window(qtbot)
    second.project.enable_session()
    assert states(second) == before
    assert second.tabs.currentWidget() is second.tab("training")
    assert second.isWindowModified()  # unsaved work came back as unsaved
    assert "Restored" in second.project.last_message
    second.close()


def test_restored_session_of_saved_project_is_clean(qtbot, tmp_path, fake_states):
    first = new_window(qtbot)
    first.project.enable_session(restore=False)
    edit_every_tab(first, 4)
    path = tmp_path / "saved.zkl.json"
    assert first.project.save_to(path)
    first.close()
    second = new_window(qtbot)
    second.project.enable_session()
    assert second.project.path == path
    assert not second.isWindowModified()
    assert second.windowTitle().startswith("saved.zkl.json")
    second.close()


def test_autosave_timer_writes(fake_states, window, qtbot):
    window.project.session_enabled = True
    edit_every_tab(window, 1)
    window.project.autosave_timer.timeout.emit()  # written in a worker thread
    worker = window.project._save_worker()
    qtbot.waitUntil(lambda: not worker.is_active(), timeout=30_000)
    assert engine_project.load(autosave_path())["tabs"]["gates"]["value"] == 1.0
    window.project.session_enabled = False


def test_corrupt_autosave_set_aside(qtbot, fake_states):
    target = autosave_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b'{"app": "zerokara-lab", "schema_ver')
    win = new_window(qtbot)
    win.project.enable_session()
    assert not target.exists()
    assert target.with_name(target.name + ".corrupt").is_file()
    assert "set aside" in win.project.last_message
    assert "set aside" in win.statusBar().currentMessage()
    assert win.tab("gates").state() == {"tab": "gates", "value": 0.0}
    win.close()
    assert engine_project.load(target)  # a fresh, good autosave replaces it


def _run_main(tmp_path, *args):
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bad_project_on_command_line_still_starts(tmp_path):
    bad = tmp_path / "broken.zkl.json"
    bad.write_text('{"app": "zerokara-lab", "sch', encoding="utf-8")
    proc = _run_main(tmp_path, "--smoke-test", str(bad))
    assert proc.returncode == 0, proc.stderr
    assert "smoke test passed" in proc.stdout
    assert not (tmp_path / "data").exists()  # smoke runs write no autosave


def test_good_project_on_command_line_opens(tmp_path):
    good = tmp_path / "good.zkl.json"
    engine_project.save(good, engine_project.new_document(current_tab="descent"))
    shots = tmp_path / "shots"
    proc = _run_main(tmp_path, "--screenshot", str(shots), str(good))
    assert proc.returncode == 0, proc.stderr
    assert (shots / "gates.png").is_file()


# -- Show code ------------------------------------------------------------------------------
SCRIPT = "import numpy as np\nprint(np.array([1.5, 2.5]).sum())\n"


def test_show_code_disabled_when_tab_has_none(window, monkeypatch):
    monkeypatch.setattr(window.tab("gates"), "has_code", lambda: False)
    monkeypatch.setattr(window.tab("gates"), "export_code", lambda: "")
    window.show_tab("gates")
    window.project._update_show_code()
    assert not window.project.show_code_action.isEnabled()
    assert "cannot export code" in window.project.show_code_action.toolTip()
    assert window.project.show_code() is None
    # the tab gains code (say after a run): the action follows without changing tabs
    monkeypatch.setattr(window.tab("gates"), "has_code", lambda: True)
    monkeypatch.setattr(window.tab("gates"), "export_code", lambda: SCRIPT)
    window.project.check_timer.timeout.emit()
    assert window.project.show_code_action.isEnabled()


def test_the_periodic_check_never_makes_the_code(window, monkeypatch):
    """Making the code can take seconds (the Network tab inlines every weight: ~9 s for
    784-1000×5): the modification check and the menu only ask ``has_code``."""
    made = []
    tab = window.show_tab("network")
    monkeypatch.setattr(tab, "export_code", lambda: made.append(1) or SCRIPT)
    tab.doc.set_weight(0, 0, 0, 0.5)
    window.project.check_timer.timeout.emit()
    window.project._update_show_code()
    assert window.project.show_code_action.isEnabled()
    assert made == []
    window.project.show_code_action.trigger()  # asked for: made once
    assert made == [1]


def test_show_code_dialog_copy_and_save(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(window.tab("descent"), "export_code", lambda: SCRIPT)
    window.show_tab("descent")
    assert window.project.show_code_action.isEnabled()
    window.project.show_code_action.trigger()
    dialog = window.project.code_dialog
    assert isinstance(dialog, CodeDialog) and dialog.isVisible()
    assert dialog.editor.toPlainText() == SCRIPT
    assert dialog.editor.isReadOnly()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == SCRIPT
    monkeypatch.setattr(dialog, "ask_path", lambda: str(tmp_path / "descent"))
    dialog.save_button.click()
    saved = tmp_path / "descent.py"
    assert saved.read_text(encoding="utf-8") == SCRIPT
    out = subprocess.run(
        [sys.executable, str(saved)], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "4.0"
    dialog.close()


# -- Export ---------------------------------------------------------------------------------
@pytest.fixture
def dummy_exports(window, qtbot, monkeypatch):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    x = np.linspace(0, 1, 5)
    plot.plot(x, x**2, pen="b")
    model = QStandardItemModel(2, 2)
    model.setHorizontalHeaderLabels(["w", "b"])
    for r, row in enumerate([[0.1, -0.7], [1 / 3, 2.0]]):
        for c, value in enumerate(row):
            item = QStandardItem()
            item.setData(value, 2)  # EditRole: full precision
            model.setItem(r, c, item)
    tab = window.show_tab("descent")
    monkeypatch.setattr(tab, "plot_widgets", lambda: {"Trajectory": plot})
    monkeypatch.setattr(tab, "table_models", lambda: {"Weights": model})
    return plot, model


def test_export_menu_lists_current_tab(window, dummy_exports, monkeypatch):
    window.project.rebuild_export_menu()
    texts = [a.text() for a in window.project.export_menu.actions() if a.text()]
    assert texts == [
        "Trajectory as PNG image…",
        "Trajectory as SVG drawing…",
        "Trajectory data as CSV…",
        "Weights as CSV…",
    ]
    tab = window.show_tab("gates")
    monkeypatch.setattr(tab, "plot_widgets", dict)
    monkeypatch.setattr(tab, "table_models", dict)
    window.project.rebuild_export_menu()
    only = window.project.export_menu.actions()
    assert len(only) == 1 and not only[0].isEnabled()


@pytest.mark.parametrize("fmt", ["png", "svg", "csv"])
def test_export_plot_writes_real_files(window, dummy_exports, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"plot.{fmt}"
    monkeypatch.setattr(window.project, "ask_export_path", lambda *a: str(target))
    window.project.rebuild_export_menu()
    label = {"png": "PNG", "svg": "SVG", "csv": "data as CSV"}[fmt]
    action = next(a for a in window.project.export_menu.actions() if label in a.text())
    action.trigger()
    assert target.is_file(), window.project.last_message
    data = target.read_bytes()
    assert len(data) > 50
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
        from PySide6.QtGui import QImage

        assert QImage(str(target)).width() >= 400
    elif fmt == "svg":
        assert b"<svg" in data
    else:
        rows = [r.split(",") for r in data.decode().strip().splitlines()]
        assert rows[0] == ["x0000", "y0000"]
        assert [[float(v) for v in r] for r in rows[1:]] == [
            [x, x * x] for x in np.linspace(0, 1, 5)
        ]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp files left


def test_export_table_csv_full_precision(window, dummy_exports, tmp_path):
    path = window.project.export("table", "Weights", "csv", str(tmp_path / "w"))
    assert path == tmp_path / "w.csv"
    assert path.read_text(encoding="utf-8").splitlines() == [
        ",w,b",
        "1,0.1,-0.7",
        "2,0.3333333333333333,2.0",
    ]


def test_export_into_missing_folder_says_so(window, dummy_exports, tmp_path):
    assert window.project.export("plot", "Trajectory", "png", str(tmp_path / "no" / "x")) is None
    assert "Could not export" in window.project.last_message


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_export_a_plain_qt_view_and_a_plot_grid(window, qtbot, tmp_path, monkeypatch, fmt):
    """Tabs may offer a plain QGraphicsView (the network canvas) or a plot grid."""
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    scene = QGraphicsScene()
    scene.addEllipse(0, 0, 40, 40)
    view = QGraphicsView(scene)
    grid = pg.GraphicsLayoutWidget()
    grid.addPlot().plot([0, 1, 2], [2, 1, 0])
    grid.addPlot().plot([0, 1], [0, 1])
    for w in (view, grid):
        qtbot.addWidget(w)
        w.resize(300, 200)
        w.show()
    tab = window.show_tab("network")
    monkeypatch.setattr(tab, "plot_widgets", lambda: {"Canvas": view, "Grid": grid})
    window.project.rebuild_export_menu()
    enabled = {a.text(): a.isEnabled() for a in window.project.export_menu.actions() if a.text()}
    assert enabled["Canvas data as CSV…"] is False and enabled["Grid data as CSV…"] is False
    assert enabled["Canvas as PNG image…"] and enabled["Grid as SVG drawing…"]
    for name in ("Canvas", "Grid"):
        path = window.project.export("plot", name, fmt, str(tmp_path / f"{name}.{fmt}"))
        assert path is not None, window.project.last_message
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in data
    assert window.project.export("plot", "Canvas", "csv", str(tmp_path / "c.csv")) is None
    assert "Could not export" in window.project.last_message


# -- language -------------------------------------------------------------------------------
def test_file_menu_in_japanese(window):
    window.set_language("ja")
    assert window.project.new_action.text() == "新規(&N)"
    assert window.project.save_as_action.text() == "名前を付けて保存(&A)…"
    assert window.windowTitle() == "無題[*] — Zerokara Lab"
    window.set_language("en")
    assert window.project.new_action.text() == "&New"


def test_tabs_keeping_references_cannot_corrupt_defaults(fake_states, window, monkeypatch):
    """A tab that stores and later edits the very dict it was given (or returned)."""
    tab = window.tab("gates")

    def set_state(new):
        tab._fake_state = new  # no copy

    def state():
        return tab._fake_state  # the live dict

    monkeypatch.setattr(tab, "set_state", set_state)
    monkeypatch.setattr(tab, "state", state)
    window.project.new_project()
    tab._fake_state["value"] = 42.0  # edited in place
    assert window.project.check_modified()
    window.project.new_project()
    assert tab.state() == {"tab": "gates", "value": 0.0}


def test_drop_a_project_file_on_the_window(fake_states, window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    edit_every_tab(window, 31)
    path = tmp_path / "dropped.zkl.json"
    assert window.project.save_to(path)
    expected = states(window)
    window.project.new_project()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window says it takes the file
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.project.path == path)
    assert states(window) == expected


def test_exports_paint_cached_axes_afresh(window, tmp_path):
    """On screen the axes paint from a pixmap cache; an SVG export still gets their text."""
    from PySide6.QtWidgets import QGraphicsItem

    from gui.export import export_plot

    tab = window.show_tab("descent")
    plot = tab.findChild(pg.PlotWidget, "valuePlot")
    axis = plot.getPlotItem().getAxis("left")
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    svg = export_plot(plot, tmp_path / "values.svg").read_text(encoding="utf-8")
    # tick labels and axis titles as SVG text, not as a bitmap of the cached axis
    assert svg.count("<text") >= 6
    assert "<image" not in svg
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache  # restored
