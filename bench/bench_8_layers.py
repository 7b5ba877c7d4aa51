"""Target 8: the book's layered net (engine.layers) against the fused backprop, 784-50-10.

One training iteration (loss and gradient from one forward pass, then an SGD step) on a
batch of 100, float64. Baseline: ``engine.layers.TwoLayerNet`` — the book's §5.7 net,
Affine → Relu → Affine → SoftmaxWithLoss walked backwards layer by layer (the teaching
path, used by the Backprop and Network tabs). Measured: ``engine.network.TwoLayerNet``'s
fused ``loss_and_gradient`` (the path training uses). Both give the same numbers (checked
to 1e-12 first); the fused path must be no slower (target ≤ 1×).

Run: ``python bench/bench_8_layers.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from _common import Result, banner, interleaved_medians, report

from engine import layers as L
from engine.network import TwoLayerNet
from engine.optimizers import SGD

SIZES = (784, 50, 10)
BATCH = 100


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--number", type=int, default=40, help="iterations per timing")
    args = parser.parse_args(argv)
    banner("T8 layered (engine.layers) vs fused backprop, 784-50-10, batch 100")

    rng = np.random.default_rng(0)
    x = rng.random((BATCH, SIZES[0]))
    t = rng.integers(0, SIZES[2], BATCH)
    fused = TwoLayerNet(*SIZES, seed=1)
    layered = L.TwoLayerNet(*SIZES, seed=1)
    loss_f, g_f = fused.loss_and_gradient(x, t)
    loss_l, g_l = layered.loss_and_gradient(x, t)
    worst = max(float(np.max(np.abs(g_f[k] - g_l[k]))) for k in g_f)
    assert abs(loss_f - loss_l) < 1e-12 and worst < 1e-12, (loss_f, loss_l, worst)

    sgd_f, sgd_l = SGD(0.1), SGD(0.1)

    def layered_iteration():
        _, grads = layered.loss_and_gradient(x, t)
        sgd_l.update(layered.params, grads)

    def fused_iteration():
        _, grads = fused.loss_and_gradient(x, t)
        sgd_f.update(fused.params, grads)

    med = interleaved_medians(
        {"layered": layered_iteration, "fused": fused_iteration}, args.repeats, args.number
    )
    ratio = med["fused"] / med["layered"]
    return [
        report(
            Result(
                "T8",
                "float64 iteration",
                "engine.layers (book's layers)",
                med["layered"],
                "fused engine.network",
                med["fused"],
                "s",
                ratio,
                "≤ 1×",
                ratio <= 1.0,
                note=f"same gradients to {worst:.1e}",
            )
        )
    ]


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
