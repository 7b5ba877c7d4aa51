"""Issue 14 item 2: no periodic serialization, the window stays on time with a big network.

The Network tab shows 784-1000-1000-10 (the largest network the app lets a learner build,
~1.8 M weights). Until 07c0310 the project controller serialized every tab every 1.5 s to
find out whether anything changed; now it compares the tabs' revisions.

* Baseline: one tick of the old check — every tab's ``state()`` and ``json.dumps``.
* Measured: one check now (``ProjectController.check_modified``: revisions compared).
  Target: ≤ 0.01× the baseline.
* A 10 ms GUI-thread QTimer for ``--seconds`` with the big network shown. Baseline: the
  same window with the old 1.5 s serializing tick added back; measured: the window as it
  is (its checks run only after a change). Target: no tick more than 50 ms late.

Run: ``python bench/bench_revisions.py [--seconds S]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import _gui_harness as H
from _common import Result, banner, median, report

LATE_MS = 50.0


def _lateness(seconds: float, tick=None) -> float:
    """The worst lateness (ms) of a 10 ms timer over ``seconds``, with ``tick`` every 1.5 s."""
    from PySide6.QtCore import QEventLoop, QTimer

    probe = H.LatenessProbe()
    old = QTimer()
    old.setInterval(1500)
    if tick is not None:
        old.timeout.connect(tick)
    probe.start()
    old.start()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    old.stop()
    probe.stop()
    return max(probe.lateness_ms) if probe.lateness_ms else float("nan")


def _settle(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    banner("Issue 14.2: change checks by revision, 784-1000-1000-10 on the Network tab")
    H.app()
    from engine import project
    from engine.weights import random_network
    from gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    net_tab = window.show_tab("network")
    net_tab.show_network(random_network([784, 1000, 1000, 10], "relu", seed=0), "big")
    _settle(1.0)  # first paints of the big network
    controller = window.project

    def old_tick() -> None:  # what the 1.5 s timer did until 07c0310
        json.dumps(project.plain(controller.collect_tabs()), sort_keys=True, default=repr)

    old, new = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        old_tick()
        old.append(time.perf_counter() - start)
        start = time.perf_counter()
        controller.check_modified()
        new.append(time.perf_counter() - start)
    old_s, new_s = median(old), median(new)
    results = [
        report(
            Result(
                "I14.2",
                "one 'anything changed?' check with 784-1000-1000-10 shown",
                "serialize every tab (the old 1.5 s tick)",
                old_s,
                "compare revisions",
                new_s,
                "s",
                new_s / old_s,
                "≤ 0.01×",
                new_s / old_s <= 0.01,
            )
        )
    ]
    before = _lateness(args.seconds, old_tick)
    now = _lateness(args.seconds)
    results.append(
        report(
            Result(
                "I14.2",
                "worst lateness of a 10 ms GUI timer, 784-1000-1000-10 shown",
                "with the old 1.5 s tick",
                before / 1000,
                "as the app runs now",
                now / 1000,
                "s",
                now / max(before, 1e-3),
                f"≤ {LATE_MS:.0f} ms",
                now <= LATE_MS,
            )
        )
    )
    window.project.confirm_unsaved = False
    window.close()
    return results


if __name__ == "__main__":
    results = main(sys.argv[1:])
    sys.exit(0 if all(r.passed for r in results) else 1)
