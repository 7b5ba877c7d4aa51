"""Regression driver: a finished run's queued signals must not be taken for a new run's.

Run N times: start a run that ends at once, let its ``done`` signal queue up without
processing events, stop (join and free the worker), start a paused run, then process
events. The stale ``done`` used to be matched to the new worker by ``sender()`` (a freed
worker's address reused by the new one), so the controller waited forever for a paused
thread. Prints ``OK <n>`` when every round ends with the new run still paused.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402

from gui.worker import WorkerController  # noqa: E402


def empty():
    return iter(())


def endless():
    n = 0
    while True:
        yield n
        n += 1


def main(rounds: int) -> int:
    app = QCoreApplication([])
    controller = WorkerController()
    for i in range(rounds):
        controller.start(empty)
        time.sleep(0.02)  # the run ends; its done signal waits in the queue
        controller.stop()
        controller.start(endless, paused=True)
        for _ in range(5):
            app.processEvents()
        if controller.state != "paused" or not controller.is_active():
            print(f"round {i}: state {controller.state}", flush=True)
            return 1
        controller.stop()
        app.processEvents()
    print(f"OK {rounds}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
