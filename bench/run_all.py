"""Every benchmark of issue 8, one after the other, then a summary table.

Run from the project root: ``python bench/run_all.py`` (add ``--quick`` for a shorter run
that times the book's numerical-gradient loop on a sample of parameters instead of in
full). Each figure is a ratio against a baseline timed in the same run, from medians.

BLAS note: where OPENBLAS_CORETYPE is forced in the environment (as on this project's
build machines), NumPy runs an older kernel; to measure the kernel a user's machine
would pick, run ``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python bench/run_all.py``
(the header line says which kernel ran).
"""

from __future__ import annotations

import argparse
import sys
import time

import bench_1_numgrad
import bench_2_backprop
import bench_3_live
import bench_4_responsive
import bench_5_plots
import bench_6_startup
import bench_7_memory
import bench_8_layers
import bench_9_convnet
import bench_10_techniques
import bench_11_mnist
import bench_revisions
from _common import Result, banner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    args = parser.parse_args(argv)
    quick = ["--quick"] if args.quick else []
    banner("Zerokara Lab benchmarks")
    start = time.perf_counter()
    results: list[Result] = []
    # the GUI-free ones first, each GUI one after (they share one QApplication)
    results += bench_1_numgrad.main(quick + (["--repeats", "5"] if args.quick else []))
    results += bench_2_backprop.main(["--repeats", "9" if args.quick else "15"])
    results += bench_8_layers.main(["--repeats", "9" if args.quick else "15"])
    results += bench_10_techniques.main(["--repeats", "9" if args.quick else "15"])
    results += bench_7_memory.main([])
    results += bench_9_convnet.main(["--repeats", "5" if args.quick else "9"])
    results += bench_11_mnist.main(["--iterations", "1200"] if args.quick else [])
    results += bench_6_startup.main(["--repeats", "5" if args.quick else "9"])
    results += bench_5_plots.main([])
    results += bench_4_responsive.main(["--seconds", "3" if args.quick else "5"])
    results += bench_revisions.main(["--seconds", "3" if args.quick else "5"])
    results += bench_3_live.main(["--repeats", "3" if args.quick else "5"])
    print()
    print(f"== Summary ({time.perf_counter() - start:.0f} s) ==")
    for r in results:
        print(r.line())
    missed = [r for r in results if not r.passed]
    print(f"targets met: {len(results) - len(missed)} of {len(results)} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
