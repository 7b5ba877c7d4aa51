"""Shared helpers for the benchmarks: timing medians, BLAS facts and the result lines.

Every figure is a ratio against a baseline timed in the same run (the machine is shared,
so absolute times drift); baseline and candidate are interleaved repeat by repeat and
the median of each is reported.
"""

from __future__ import annotations

import ctypes
import glob
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Result:
    """One benchmark figure: a measured value against a baseline and a target ratio."""

    target: str  # "T1" … "T7"
    what: str
    baseline_name: str
    baseline: float
    measured_name: str
    measured: float
    unit: str
    ratio: float
    goal: str  # e.g. "≥ 100×" or "≤ 0.85×"
    passed: bool
    note: str = ""

    def line(self) -> str:
        verdict = "PASS" if self.passed else "MISS"
        text = (
            f"[{self.target}] {self.what}: {self.baseline_name} {fmt(self.baseline, self.unit)}"
            f" | {self.measured_name} {fmt(self.measured, self.unit)}"
            f" | ratio {self.ratio:.3g} (target {self.goal}) {verdict}"
        )
        return text + (f"  [{self.note}]" if self.note else "")


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value >= 1:
            return f"{value:.2f} s"
        if value >= 1e-3:
            return f"{value * 1e3:.2f} ms"
        return f"{value * 1e6:.1f} µs"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3g} {unit}".strip()


def report(result: Result) -> Result:
    print(result.line(), flush=True)
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def time_per_call(fn: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def interleaved_medians(
    candidates: dict[str, Callable[[], object]], repeats: int, number: int, warmup: int = 2
) -> dict[str, float]:
    """Median seconds per call of each function, timed in turns (A B C A B C …)."""
    for fn in candidates.values():
        for _ in range(warmup):
            fn()
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(repeats):
        for name, fn in candidates.items():
            samples[name].append(time_per_call(fn, number))
    return {name: median(s) for name, s in samples.items()}


def _openblas() -> ctypes.CDLL | None:
    import numpy

    base = Path(numpy.__file__).parent.parent / "numpy.libs"
    for path in glob.glob(str(base / "libscipy_openblas*.so")):
        try:
            return ctypes.CDLL(path)
        except OSError:
            pass
    return None


def _symbol(lib: ctypes.CDLL, *names: str):
    for name in names:
        fn = getattr(lib, name, None)
        if fn is not None:
            return fn
    return None


def blas_description() -> str:
    """Which OpenBLAS kernel and how many threads NumPy uses (and the env overrides)."""
    lib = _openblas()
    if lib is None:
        return "BLAS: not OpenBLAS (unknown kernel)"
    corename = _symbol(lib, "scipy_openblas_get_corename64_", "openblas_get_corename")
    threads = _symbol(lib, "scipy_openblas_get_num_threads64_", "openblas_get_num_threads")
    core = "?"
    if corename is not None:
        corename.restype = ctypes.c_char_p
        core = corename().decode()
    n = threads() if threads is not None else "?"
    env = os.environ.get("OPENBLAS_CORETYPE")
    forced = f", OPENBLAS_CORETYPE={env} forced by the environment" if env else ""
    return f"BLAS: OpenBLAS kernel {core}, {n} threads{forced}"


def set_blas_threads(n: int) -> bool:
    """Set OpenBLAS's thread count for this process; False if that is not possible."""
    lib = _openblas()
    fn = (
        None
        if lib is None
        else _symbol(lib, "scipy_openblas_set_num_threads64_", "openblas_set_num_threads")
    )
    if fn is None:
        return False
    fn(ctypes.c_int(n))
    return True


def mirror_app_blas_threads() -> None:
    """Use as many BLAS threads as the app does: OPENBLAS_NUM_THREADS, else 1 (gui/app.py)."""
    set_blas_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))


_PRIORITY = {"raised": None}


def raise_priority() -> bool:
    """Nice −10 for this process (and its children), where allowed; once per process.

    On a machine shared with other users' jobs, their load otherwise decides the figures
    (a 10 ms GUI timer idling in an empty process was seen 22 ms late at p99). Baseline and
    candidate always run at the same priority. ZEROKARA_BENCH_NO_NICE=1 turns this off.
    """
    if _PRIORITY["raised"] is None:
        ok = False
        if not os.environ.get("ZEROKARA_BENCH_NO_NICE"):
            try:
                os.nice(-10)
                ok = True
            except (OSError, AttributeError):
                ok = False
        _PRIORITY["raised"] = ok
    return bool(_PRIORITY["raised"])


def banner(title: str) -> None:
    """Print the title with what moves the numbers: BLAS kernel and threads, priority, load."""
    mirror_app_blas_threads()
    nice = "nice −10" if raise_priority() else f"nice {os.nice(0)}"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"== {title} ==  ({blas_description()}; {os.cpu_count()} CPUs; {nice}; "
        f"load average {load})",
        flush=True,
    )


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
