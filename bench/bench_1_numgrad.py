"""Target 1: the numerical gradient of ``TwoLayerNet(784, 50, 10)`` on a batch of 100.

Baseline: the book's element-by-element loop (``net.numerical_gradient(x, t,
method="loop")``: 2 × 39,760 full forward passes). Measured: the default vectorised
method (``engine.fastgrad``). Target: ≥ 100× faster with the same values (max |difference|
≤ 1e-9 against the loop).

The loop takes tens of seconds, so by default it runs once, in full, and the fast method
is the median of several repeats. ``--quick`` times the loop on a random sample of
parameters instead (every loop step is one full forward pass, so the time per parameter
is uniform) and scales it to all 39,760; values are then compared on that sample.

Two inputs: dense uniform pixels (the worst case for the fast method) and MNIST-like
sparse ones (80 % zeros), where the fast method skips what cannot change.

Run: ``python bench/bench_1_numgrad.py [--quick] [--repeats N]``
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from _common import Result, banner, median, report

from engine.gradient import numerical_gradient as loop_gradient
from engine.network import TwoLayerNet

SIZES = (784, 50, 10)
BATCH = 100


def make_batch(sparse: bool, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.random((BATCH, SIZES[0]))
    if sparse:
        x *= rng.random(x.shape) < 0.2
    return x, rng.integers(0, SIZES[2], BATCH)


def sampled_loop(net, x, t, n_samples, seed=0):
    """The loop on ``n_samples`` random parameters: (seconds per parameter, {key: (idx, g)})."""
    rng = np.random.default_rng(seed)
    params = net.params
    sizes = {k: v.size for k, v in params.items()}
    total = sum(sizes.values())
    picked = {}
    elapsed = 0.0
    for key, p in params.items():
        k = max(1, round(n_samples * sizes[key] / total))
        flat_idx = rng.choice(p.size, size=min(k, p.size), replace=False)
        values = np.empty(flat_idx.size)
        flat = p.reshape(-1)  # a view: the loop perturbs it in place, like the book
        start = time.perf_counter()
        for n, i in enumerate(flat_idx):
            view = flat[i : i + 1]
            values[n] = loop_gradient(lambda _v: net.loss(x, t), view)[0]
        elapsed += time.perf_counter() - start
        picked[key] = (flat_idx, values)
    count = sum(len(v[0]) for v in picked.values())
    return elapsed / count, picked


def run_case(sparse: bool, quick: bool, repeats: int, n_samples: int) -> Result:
    net = TwoLayerNet(*SIZES, seed=0)
    x, t = make_batch(sparse)
    n_params = sum(p.size for p in net.params.values())
    fast_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fast = net.numerical_gradient(x, t)
        fast_times.append(time.perf_counter() - start)
    fast_time = median(fast_times)
    if quick:
        per_param, picked = sampled_loop(net, x, t, n_samples)
        loop_time = per_param * n_params
        worst = max(
            float(np.max(np.abs(fast[k].reshape(-1)[idx] - vals)))
            for k, (idx, vals) in picked.items()
        )
        how = f"loop timed on {sum(len(v[0]) for v in picked.values())} sampled parameters"
    else:
        start = time.perf_counter()
        loop = net.numerical_gradient(x, t, method="loop")
        loop_time = time.perf_counter() - start
        worst = max(float(np.max(np.abs(fast[k] - loop[k]))) for k in loop)
        how = "full loop, once"
    ratio = loop_time / fast_time
    return report(
        Result(
            "T1",
            f"numerical gradient, {'sparse' if sparse else 'dense'} batch",
            "book loop",
            loop_time,
            f"fast (median of {repeats})",
            fast_time,
            "s",
            ratio,
            "≥ 100×, |Δ| ≤ 1e-9",
            ratio >= 100 and worst <= 1e-9,
            f"max |fast − loop| = {worst:.1e}; {how}",
        )
    )


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="time the loop on a sample")
    parser.add_argument("--samples", type=int, default=2000, help="parameters sampled (--quick)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--dense-only", action="store_true")
    args = parser.parse_args(argv)
    banner("T1 numerical gradient, TwoLayerNet 784-50-10, batch 100")
    results = [run_case(False, args.quick, args.repeats, args.samples)]
    if not args.dense_only:
        results.append(run_case(True, True, args.repeats, args.samples))
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
