"""The application entry point: ``zerokara-lab`` / ``python main.py``.

Command line::

    zerokara-lab [--lang ja|en] [--smoke-test] [--screenshot DIR] [PROJECT.zkl.json]
    zerokara-lab --install-desktop | --uninstall-desktop

Without a project path the last session is restored (File ▸ Restore last session at
start); ``--smoke-test`` and ``--screenshot`` runs neither restore nor autosave.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

# Before NumPy is first imported: one BLAS thread. The app runs a GUI thread and a worker on
# what may be a 2-core machine; OpenBLAS's second thread spins on the GUI's core, and when
# the other core is busy it slowed a 784-50-10 training step ~25× (bench/bench_4_*.py).
# A variable the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import resources
from gui import __version__, registry
from gui.collector import GuiThreadCollector
from gui.i18n import LanguageManager
from gui.main_window import MainWindow

__all__ = ["main", "application_icon", "configure_application", "parse_args", "__version__"]

ORGANIZATION = "Zerokara Lab"
SCREENSHOT_SIZE = (1280, 800)
APPLICATION = "Zerokara Lab"


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``zerokara-lab`` (the README's "Command line" section)."""
    parser = argparse.ArgumentParser(
        prog="zerokara-lab",
        description="Zerokara Lab: learn neural networks hands-on, the way "
        "'Deep Learning from Scratch' teaches them.",
    )
    parser.add_argument("--lang", choices=["ja", "en"], help="user-interface language")
    parser.add_argument(
        "--smoke-test", action="store_true", help="start, exercise every tab, quit (exit 0 = fine)"
    )
    parser.add_argument("--screenshot", metavar="DIR", type=Path, help="save one PNG per tab, quit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Zerokara Lab to the desktop menu and open *.zkl.json projects with it",
    )
    desktop.add_argument("--uninstall-desktop", action="store_true", help="undo --install-desktop")
    parser.add_argument("project", nargs="?", type=Path, help="a project file (*.zkl.json) to open")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line (``build_parser``)."""
    return build_parser().parse_args(list(argv))


def application_icon() -> QIcon:
    """The app's icon: the committed PNG sizes, plus the SVG where Qt can draw it."""
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = resources.path("icons", f"zerokara-lab-{size}.png")
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    svg = resources.path("icons", "zerokara-lab.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon


#: How long (seconds) a thread waiting for the GIL lets its holder keep it. The GUI thread
#: takes the GIL again after every call into Qt, so while a pure-Python worker runs at
#: full speed (a descent race, perceptron learning) one frame waits this long dozens of
#: times: with Python's 5 ms, or even 1 ms, a frame took 20–30 ms and the timers came
#: ~100 ms late (bench/bench_4_responsive.py). 0.1 ms brought that under ~15 ms, and with
#: ``WorkerController.hold`` (the worker waits while a frame is painted) under ~7 ms. The
#: worker only switches while the GUI thread wants the GIL: live training kept ≥ 0.9 of
#: its headless rate (bench/bench_3_live.py).
GIL_SWITCH_INTERVAL = 0.0001


def tune_runtime() -> None:
    """Process-wide settings for a responsive GUI beside a busy worker thread."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


def configure_application(app: QCoreApplication) -> None:
    """Names (for QSettings), icon and the collector; safe to call twice.

    pyqtgraph's global options are set where pyqtgraph is first imported (gui/plotting.py),
    after the first paint: the tab shown first draws without it.
    """
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    if isinstance(app, QApplication):
        app.setApplicationDisplayName("Zerokara Lab")
        app.setDesktopFileName("zerokara-lab")
        app.setWindowIcon(application_icon())
    GuiThreadCollector.install(app)


def _screenshots(window, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    window.resize(SCREENSHOT_SIZE[0], SCREENSHOT_SIZE[1])  # the same pictures on every machine
    saved = []
    for key in registry.tab_keys():
        window.show_tab(key)
        for _ in range(5):
            QApplication.processEvents()
        target = directory / f"{key}.png"
        if not window.grab().save(str(target)):
            raise OSError(f"could not write {target}")
        saved.append(target)
    return saved


def _smoke_test(window) -> None:
    for key in registry.tab_keys():
        tab = window.show_tab(key)
        QApplication.processEvents()
        tab.smoke_test()
        QApplication.processEvents()


def main(argv: Sequence[str] | None = None) -> int:
    """Start Zerokara Lab; returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.install_desktop or args.uninstall_desktop:
        from gui import desktop

        return desktop.main(["install" if args.install_desktop else "uninstall"])
    tune_runtime()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_application(app)

    from gui import errors
    from gui.closing import join_workers

    languages = LanguageManager.instance()
    languages.set_language(args.lang or languages.saved_language(), save=args.lang is None)
    # The shown tab is built before the first paint, the others right after it (start-up).
    window = MainWindow(defer_hidden_tabs=True)
    checking = args.screenshot is not None or args.smoke_test
    # unexpected exceptions: a dialog, the status bar, a log (checks write no files)
    errors.install(window, log=not checking)

    def open_session() -> None:
        if checking:
            window.project.confirm_unsaved = False  # nobody is there to answer
        else:
            window.project.enable_session(restore=args.project is None)
        if args.project is not None:
            window.project.open_path(args.project, ask=False)  # a bad file: message, app starts

    window.when_ready(open_session)
    window.show()

    if checking:
        status = {"code": 0}

        def run_checks() -> None:
            try:
                if args.smoke_test:
                    _smoke_test(window)
                if args.screenshot is not None:
                    for path in _screenshots(window, args.screenshot):
                        print(path)
                if args.smoke_test:
                    print("smoke test passed")
            except Exception:
                traceback.print_exc()
                status["code"] = 1
            window.close()
            app.quit()

        window.when_ready(lambda: QTimer.singleShot(0, run_checks))
        app.exec()
        join_workers(window)
        return status["code"]
    code = app.exec()
    join_workers(window)  # never leave a running QThread to the interpreter's exit
    return code
