"""Target 6: start-up, from process start to the first painted window.

Baseline: a bare PySide6 + pyqtgraph window with one plot, started in a fresh process.
Measured: Zerokara Lab's ``main.py`` (its ``gui.app.main``), started the same way.
Each run is a fresh interpreter; the parent takes the time from just before it spawns
the child to the moment the child reports that its window has painted (the event loop
is idle again after the first paint event). Runs alternate (bare, app, bare, app…);
medians are compared. Target: app ≤ 1.2× bare.

The platform is offscreen unless QT_QPA_PLATFORM says otherwise (under Xvfb, say
``QT_QPA_PLATFORM=xcb`` to include the X server's round trips).

Run: ``python bench/bench_6_startup.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, Result, banner, median, report

HERE = Path(__file__).resolve()


def child(kind: str) -> None:
    """Runs in the subprocess: build the window, print 'painted' once it has painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication([sys.argv[0]])

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if not self.seen and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            sys.stdout.write("painted\n")
            sys.stdout.flush()
            os._exit(0)  # the start-up is what is measured, not the tear-down

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    if kind == "bare":
        import pyqtgraph as pg
        from PySide6.QtWidgets import QMainWindow

        window = QMainWindow()
        plot = pg.PlotWidget()
        plot.plot([0, 1, 2, 3], [0, 1, 4, 9])
        window.setCentralWidget(plot)
        window.resize(1280, 800)
        window.show()
        app.exec()
    else:
        sys.path.insert(0, str(ROOT))
        from gui.app import main

        main([])


def time_once(kind: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(HERE), "--child", kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=30)
    if line.strip() != "painted":
        raise RuntimeError(f"the {kind} child did not paint (exit code {proc.returncode})")
    return elapsed


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return []
    banner("T6 start-up to the first painted window")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a throw-away home: no saved session to restore, the user's settings untouched
    home = tempfile.mkdtemp(prefix="zerokara-bench-")
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = home
    for kind in ("bare", "app"):  # warm the file cache
        time_once(kind, env)
    bare, app = [], []
    for _ in range(args.repeats):
        bare.append(time_once("bare", env))
        app.append(time_once("app", env))
    b, a = median(bare), median(app)
    return [
        report(
            Result(
                "T6",
                f"start-up to first paint ({env['QT_QPA_PLATFORM']})",
                "bare PySide6 + pyqtgraph window",
                b,
                "main.py",
                a,
                "s",
                a / b,
                "≤ 1.2×",
                a / b <= 1.2,
                f"medians of {args.repeats}",
            )
        )
    ]


if __name__ == "__main__":
    main(sys.argv[1:])
