"""Target 7: peak memory while training on MNIST-sized data (60,000 × 784).

Each variant runs in its own subprocess, which reports its peak resident set size
(``VmHWM``, the high-water mark of its own memory) after: making the data set, 1,000
mini-batch iterations of a 784-100-10 net (backprop + SGD, batch 100, batches drawn by
index), and the book's per-epoch accuracy on the whole training set.

* ``bare``: the interpreter with NumPy and the engine imported, nothing else (the floor).
* ``float64``: the straightforward way: float64 storage, float64 network, ``x[idx]``.
* ``float32``: what the engine is built for: float32 storage, a float32 network, each
  batch gathered into one reused buffer (``np.take(..., out=)``), accuracy in slices.

Target: the float32 run's peak < 1 GB (the float64 one is printed for comparison).

Run: ``python bench/bench_7_memory.py``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from _common import Result, banner, report

N_TRAIN, N_PIXELS, N_CLASSES = 60_000, 784, 10
HIDDEN, BATCH, ITERATIONS = 100, 100, 1000


def child(variant: str) -> dict:
    import resource

    import numpy as np

    from engine.network import TwoLayerNet
    from engine.optimizers import SGD

    rng = np.random.default_rng(0)
    if variant == "bare":
        pass
    elif variant == "float64":
        x = rng.random((N_TRAIN, N_PIXELS))  # float64, as np.random gives it
        t = rng.integers(0, N_CLASSES, N_TRAIN)
        net = TwoLayerNet(N_PIXELS, HIDDEN, N_CLASSES, seed=0)
        opt = SGD(0.1)
        for _ in range(ITERATIONS):
            idx = rng.choice(N_TRAIN, BATCH)
            _, grads = net.loss_and_gradient(x[idx], t[idx])
            opt.update(net.params, grads)
        net.accuracy(x, t)
    elif variant == "float32":
        x = rng.random((N_TRAIN, N_PIXELS), dtype=np.float32)  # never a float64 copy
        t = rng.integers(0, N_CLASSES, N_TRAIN).astype(np.uint8)
        net = TwoLayerNet(N_PIXELS, HIDDEN, N_CLASSES, seed=0, dtype=np.float32)
        opt = SGD(0.1)
        x_batch = np.empty((BATCH, N_PIXELS), dtype=np.float32)
        for _ in range(ITERATIONS):
            idx = rng.choice(N_TRAIN, BATCH)
            np.take(x, idx, axis=0, out=x_batch)
            _, grads = net.loss_and_gradient(x_batch, t[idx])
            opt.update(net.params, grads)
        correct = 0
        for start in range(0, N_TRAIN, 10_000):
            y = net.predict(x[start : start + 10_000])
            correct += int(np.sum(y.argmax(axis=1) == t[start : start + 10_000]))
        assert x.dtype == np.float32 and net.weights[0].dtype == np.float32
    else:
        raise ValueError(variant)
    return {"variant": variant, "peak_mb": _peak_rss_mb(resource)}


def _peak_rss_mb(resource) -> float:
    """This process's own peak resident set size, in MB.

    ``VmHWM`` from /proc where there is one: ``ru_maxrss`` also counts the parent's memory
    at the fork that started this process (Linux keeps it across exec), so after a big
    benchmark in the parent (torch, say) it reported the parent's peak, not the child's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def measure(variant: str) -> float:
    out = subprocess.run(
        [sys.executable, str(Path(__file__)), "--child", variant],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(json.loads(out.strip().splitlines()[-1])["peak_mb"])


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return []
    banner("T7 peak memory, training on 60,000 × 784")
    bare = measure("bare")
    naive = measure("float64")
    lean = measure("float32")
    print(f"[T7] peak RSS: bare interpreter + NumPy + engine {bare:.0f} MB")
    return [
        report(
            Result(
                "T7",
                "peak memory while training",
                "float64 storage",
                naive,
                "float32 storage + index batches",
                lean,
                "MB",
                lean / 1024.0,
                "< 1 GB (ratio to 1024 MB < 1)",
                lean < 1024.0,
                f"data alone: {N_TRAIN * N_PIXELS * 4 / 2**20:.0f} MB float32, "
                f"{N_TRAIN * N_PIXELS * 8 / 2**20:.0f} MB float64",
            )
        )
    ]


if __name__ == "__main__":
    main(sys.argv[1:])
