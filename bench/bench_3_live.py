"""Target 3: live training costs ≤ 15 % of the engine's speed.

Baseline: the engine's headless rate, the same training generator consumed in a plain
loop (no Qt). Measured: the real Training tab, its Start button clicked in a real
``MainWindow``, the generator it hands to its ``WorkerController`` captured on the way
and counted as the worker pulls it, while the tab shows live loss, accuracy and decision
regions (or test digits). Both are iterations per second; live and headless runs alternate
and the medians are compared. Target: live ≥ 0.85 × headless.

Workloads:
* the tab's defaults: blobs, 2-10-3, batch 32 (fast iterations: per-iteration overhead
  and redraw cost show most here), with the decision-region view;
* the bundled 8×8 digits, 64-50-10, batch 100, with the test-image view;
* 784-50-10 on a batch of 100 (BLAS-bound iterations), through the bench's own live view
  (``_gui_harness.LiveView``): no MNIST-sized data set ships with the app.

``--stand-ins`` adds the 2-D toy through that live view (the stand-in used before the
Training tab existed), for comparison.

Run: ``python bench/bench_3_live.py [--seconds S] [--repeats N] [--stand-ins]``
"""

from __future__ import annotations

import argparse
import sys

import _gui_harness as H
from _common import Result, banner, median, report

#: A run longer than the measurement (the default 1,000 iterations end in ~0.1 s).
LONG_RUN = {"iterationsField": 100_000}

#: The real tab's workloads: (description, partial tab state).
REAL_WORKLOADS = [
    ("the Training tab, its defaults (blobs, 2-10-3, batch 32)", {}),
    (
        "the Training tab, digits (64-50-10, batch 100)",
        {"dataset": "digits", "hidden": [50], "batch_size": 100},
    ),
]


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--stand-ins", action="store_true", help="also the 2-D toy through the bench's live view"
    )
    args = parser.parse_args(argv)
    H.app()
    banner("T3 live training rate vs the engine's headless rate")
    results = []
    for name, state in REAL_WORKLOADS:
        results += real_training_tab(name, state, args.seconds, args.repeats)
    workloads = [("784-50-10, batch 100 (bench live view)", H.mnist_sized_training(10**9))]
    if args.stand_ins:
        workloads.append(
            ("2-D toy, batch 32, regions every 100 it (bench live view)", H.toy_training(10**9))
        )
    for name, factory in workloads:
        headless, live, frames = [], [], []
        for _ in range(args.repeats):
            n, s = H.run_headless(factory, args.seconds)
            headless.append(n / s)
            view = H.LiveView()
            n, s = H.run_controller(factory, args.seconds, view)
            live.append(n / s)
            frames.append(view.frames / s)
            view.close()
        h, lv = median(headless), median(live)
        results.append(
            report(
                Result(
                    "T3",
                    f"live training rate, {name}",
                    "headless",
                    h,
                    "live (loss, accuracy, regions)",
                    lv,
                    "it/s",
                    lv / h,
                    "≥ 0.85×",
                    lv / h >= 0.85,
                    f"view redrawn {median(frames):.0f}×/s",
                )
            )
        )
    return results


def real_training_tab(name: str, state: dict, seconds: float, repeats: int) -> list[Result]:
    """The Training tab itself: its Start button vs its own generator run headless."""
    headless, live = [], []
    try:
        for _ in range(repeats):
            run = H.RealTabRun("training", "runButton", LONG_RUN, state=state)
            try:
                n, s = run.run(seconds)
                live.append(n / s)
                assert run.factory is not None
                n, s = H.run_headless(run.factory, seconds)
                headless.append(n / s)
            finally:
                run.close()
    except (LookupError, RuntimeError) as exc:
        print(f"[T3] {name}: skipped ({exc})")
        return []
    h, lv = median(headless), median(live)
    return [
        report(
            Result(
                "T3",
                f"live training rate, {name}",
                "headless (same generator)",
                h,
                "live",
                lv,
                "it/s",
                lv / h,
                "≥ 0.85×",
                lv / h >= 0.85,
            )
        )
    ]


if __name__ == "__main__":
    main(sys.argv[1:])
