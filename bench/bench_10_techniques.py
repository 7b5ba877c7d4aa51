"""Target 10: what the ch. 6 techniques cost per training iteration, 784-100×6-10, batch 100.

Baseline: the fused ``engine.network.Network`` (the path the training loop takes when BN,
dropout and weight decay are off). Measured: ``engine.regnet.RegularizedNet`` — the book's
``MultiLayerNetExtend`` walked layer by layer — plain, with weight decay λ = 0.1, with
dropout 0.2 and with BN on every hidden layer. The plain layered net gives the fused
net's gradients (checked to 1e-10 first). Targets: plain layered ≤ 1.5× the fused path
(weight decay 1.6×, dropout 2×),
BN (the most work) ≤ 2.5×, so a learner's overfitting preset (603 iterations) stays a
matter of seconds. And the Training tab's live layer histograms, at most 5 sets a second
(``TrainConfig.histogram_interval``), cost ≤ 5 % of the training time (one set bins 19
arrays, ∂L/∂W1's 78,400 values the largest).

Run: ``python bench/bench_10_techniques.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from _common import Result, banner, interleaved_medians, report

from engine.livestats import layer_histograms
from engine.network import Network, init_weights
from engine.optimizers import SGD
from engine.regnet import RegularizedNet

SIZES = [784, *[100] * 6, 10]
BATCH = 100


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--number", type=int, default=10, help="iterations per timing")
    args = parser.parse_args(argv)
    banner("T10 ch. 6 techniques per iteration, 784-100×6-10, batch 100")

    rng = np.random.default_rng(0)
    x = rng.random((BATCH, SIZES[0]))
    t = rng.integers(0, SIZES[-1], BATCH)
    w, b = init_weights(SIZES, "he", seed=1)
    nets = {
        "fused": Network(SIZES, ["relu"] * 6 + ["softmax"], w, b),
        "layered": RegularizedNet(SIZES, weights=w, biases=b),
        "decay": RegularizedNet(SIZES, weights=w, biases=b, weight_decay=0.1),
        "dropout": RegularizedNet(SIZES, weights=w, biases=b, dropout=0.2),
        "bn": RegularizedNet(SIZES, weights=w, biases=b, batchnorm=True),
    }
    _, g_f = nets["fused"].loss_and_gradient(x, t)
    _, g_l = nets["layered"].loss_and_gradient(x, t)
    worst = max(float(np.max(np.abs(g_f[k] - g_l[k]))) for k in g_f)
    assert worst < 1e-10, worst

    def iteration(net):
        sgd = SGD(1e-9)  # a tiny step: the nets stay comparable over the repeats

        def run():
            _, grads = net.loss_and_gradient(x, t)
            sgd.update(net.params, grads)

        return run

    runs = {k: iteration(n) for k, n in nets.items()}
    bn_net = RegularizedNet(SIZES, weights=w, biases=b, batchnorm=True)
    _, bn_grads = bn_net.loss_and_gradient(x, t)
    runs["hist"] = lambda: layer_histograms(bn_net, x, bn_grads, 1)
    med = interleaved_medians(runs, args.repeats, args.number)
    results = []
    for key, label, target in (
        ("layered", "plain layered net", 1.5),
        ("decay", "weight decay λ = 0.1", 1.6),
        ("dropout", "dropout 0.2", 2.0),
        ("bn", "BN on every hidden layer", 2.5),
    ):
        ratio = med[key] / med["fused"]
        results.append(
            report(
                Result(
                    "T10",
                    "float64 iteration",
                    "fused engine.network",
                    med["fused"],
                    f"RegularizedNet, {label}",
                    med[key],
                    "s",
                    ratio,
                    f"≤ {target}×",
                    ratio <= target,
                    note=f"plain gradients equal to {worst:.1e}",
                )
            )
        )
    # the engine bins at most 5 sets a second (TrainConfig.histogram_interval = 0.2 s)
    ratio = 1.0 + 5 * med["hist"]
    results.append(
        report(
            Result(
                "T10",
                "one second of training",
                "without histograms",
                1.0,
                "with live layer histograms (5 sets a second)",
                ratio,
                "s",
                ratio,
                "≤ 1.05×",
                ratio <= 1.05,
                note=f"one set of 19 histograms (BN net) {1e3 * med['hist']:.2f} ms",
            )
        )
    )
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
