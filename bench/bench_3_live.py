"""Target 3: live training costs ≤ 15 % of the engine's speed.

Baseline: the engine's headless rate, its training generator consumed in a plain loop
(no Qt). Measured: the same generator run by ``gui.worker.WorkerController`` while a live
view shows loss, accuracy and decision regions (redrawn ≤ 30×/s; see
``_gui_harness.LiveView``, the stand-in for the Training tab until it lands). Both are
iterations per second; headless and live runs alternate and the medians are compared.
Target: live ≥ 0.85 × headless.

Workloads: the 2-D toy (fast iterations, where per-iteration overhead shows) and the
784-50-10 net on a batch of 100 (BLAS-bound iterations).

Run: ``python bench/bench_3_live.py [--seconds S] [--repeats N]``
"""

from __future__ import annotations

import argparse
import sys

import _gui_harness as H
from _common import Result, banner, median, report

#: A run longer than the measurement (the default 1,000 iterations end in ~0.1 s).
LONG_RUN = {"iterationsField": 100_000}


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stand-ins-only", action="store_true", help="skip the real Training tab")
    args = parser.parse_args(argv)
    H.app()
    banner("T3 live training rate vs the engine's headless rate")
    workloads = [
        ("2-D toy, batch 32, regions every 100 it", H.toy_training(10**9)),
        ("784-50-10, batch 100", H.mnist_sized_training(10**9)),
    ]
    results = []
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
    if not args.stand_ins_only:
        results += real_training_tab(args.seconds, args.repeats)
    return results


def real_training_tab(seconds: float, repeats: int) -> list[Result]:
    """The Training tab itself: its Start button vs its own generator run headless."""
    headless, live = [], []
    try:
        for _ in range(repeats):
            run = H.RealTabRun("training", "runButton", LONG_RUN)
            try:
                n, s = run.run(seconds)
                live.append(n / s)
                assert run.factory is not None
                n, s = H.run_headless(run.factory, seconds)
                headless.append(n / s)
            finally:
                run.close()
    except (LookupError, RuntimeError) as exc:
        print(f"[T3] the real Training tab: skipped ({exc})")
        return []
    h, lv = median(headless), median(live)
    return [
        report(
            Result(
                "T3",
                "live training rate, the real Training tab (its defaults)",
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
