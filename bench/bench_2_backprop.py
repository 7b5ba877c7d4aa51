"""Target 2: one backprop training iteration of 784-50-10 on a batch of 100.

An iteration is the gradient (loss from the same forward pass) plus an SGD step.
Baseline: a straightforward NumPy implementation of the book's layers (Affine, Relu,
SoftmaxWithLoss of §5.6–5.7, written below as the book writes them), float64.
Measured: ``engine.network.TwoLayerNet.loss_and_gradient`` + ``SGD.update`` in float64
(target ≤ 0.85× the baseline) and in float32 (≤ 0.5× the baseline, and ≤ 2× the time of
its own five matrix products, the floor). PyTorch's CPU eager mode is compared when
torch is installed (it is optional and never required).

Run: ``python bench/bench_2_backprop.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import OrderedDict

import numpy as np
from _common import Result, banner, interleaved_medians, report

from engine.network import TwoLayerNet
from engine.optimizers import SGD

SIZES = (784, 50, 10)
BATCH = 100
LR = 0.1


# -- the book's layers (common/layers.py, common/functions.py), as a learner writes them --
def book_softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def book_cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = self.y = self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = book_softmax(x)
        self.loss = book_cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            return (self.y - self.t) / batch_size
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx / batch_size


class BookTwoLayerNet:
    """ch05/two_layer_net.py with the loss taken from the gradient's own forward pass."""

    def __init__(self, W1, b1, W2, b2):
        self.params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def gradient(self, x, t):
        loss = self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {
            "W1": self.layers["Affine1"].dW,
            "b1": self.layers["Affine1"].db,
            "W2": self.layers["Affine2"].dW,
            "b2": self.layers["Affine2"].db,
        }
        return loss, grads


def make_data(dtype, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((BATCH, SIZES[0])).astype(dtype)
    t = rng.integers(0, SIZES[2], BATCH)
    return x, t


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--number", type=int, default=40, help="iterations per timing")
    args = parser.parse_args(argv)
    banner("T2 backprop training iteration, 784-50-10, batch 100")

    x64, t = make_data(np.float64)
    x32 = x64.astype(np.float32)
    net64 = TwoLayerNet(*SIZES, seed=1)
    net32 = TwoLayerNet(*SIZES, seed=1, dtype=np.float32)
    book = BookTwoLayerNet(*(p.copy() for p in net64.params.values()))
    # the same numbers: loss and gradient of the engine equal the book's layers'
    loss_b, grads_b = book.gradient(x64, t)
    loss_e, grads_e = net64.loss_and_gradient(x64, t)
    worst = max(float(np.max(np.abs(grads_b[k] - grads_e[k]))) for k in grads_b)
    assert abs(loss_b - loss_e) < 1e-12 and worst < 1e-12, (loss_b, loss_e, worst)
    loss_32, grads_32 = net32.loss_and_gradient(x32, t)
    assert all(g.dtype == np.float32 for g in grads_32.values()), "float32 mode upcasts"
    assert isinstance(loss_32, float)

    sgd_book, sgd64, sgd32 = SGD(LR), SGD(LR), SGD(LR)

    def book_iteration():
        _, grads = book.gradient(x64, t)
        for key in book.params:
            book.params[key] -= LR * grads[key]

    def engine64_iteration():
        _, grads = net64.loss_and_gradient(x64, t)
        sgd64.update(net64.params, grads)

    def engine32_iteration():
        _, grads = net32.loss_and_gradient(x32, t)
        sgd32.update(net32.params, grads)

    # the floor: the float32 iteration's five matrix products alone, same shapes
    W1, W2 = net32.weights
    z1 = np.maximum(x32 @ W1, 0)
    d2 = np.ones((BATCH, SIZES[2]), np.float32) / BATCH
    d1 = np.ones((BATCH, SIZES[1]), np.float32)

    def matmuls32():
        x32 @ W1  # forward, layer 1
        z1 @ W2  # forward, layer 2
        z1.T @ d2  # dW2
        d2 @ W2.T  # back to the hidden layer
        x32.T @ d1  # dW1

    candidates = {
        "book": book_iteration,
        "engine64": engine64_iteration,
        "engine32": engine32_iteration,
        "matmul32": matmuls32,
    }
    torch_fn = _torch_iteration()
    if torch_fn is not None:
        candidates["torch32"] = torch_fn
    med = interleaved_medians(candidates, args.repeats, args.number)
    del sgd_book

    results = [
        report(
            Result(
                "T2",
                "float64 iteration",
                "book layers (NumPy)",
                med["book"],
                "engine float64",
                med["engine64"],
                "s",
                med["engine64"] / med["book"],
                "≤ 0.85×",
                med["engine64"] / med["book"] <= 0.85,
            )
        ),
        report(
            Result(
                "T2",
                "float32 iteration",
                "book layers float64",
                med["book"],
                "engine float32",
                med["engine32"],
                "s",
                med["engine32"] / med["book"],
                "≤ 0.5×",
                med["engine32"] / med["book"] <= 0.5,
            )
        ),
        report(
            Result(
                "T2",
                "float32 vs its matmul floor",
                "5 matmuls alone",
                med["matmul32"],
                "engine float32",
                med["engine32"],
                "s",
                med["engine32"] / med["matmul32"],
                "≤ 2×",
                med["engine32"] / med["matmul32"] <= 2.0,
            )
        ),
    ]
    if torch_fn is not None:
        import torch

        ratio = med["engine32"] / med["torch32"]
        results.append(
            report(
                Result(
                    "T2",
                    "float32 vs PyTorch eager",
                    f"torch {torch.__version__} float32",
                    med["torch32"],
                    "engine float32",
                    med["engine32"],
                    "s",
                    ratio,
                    "≤ 0.5×",
                    ratio <= 0.5,
                    f"torch on {torch.get_num_threads()} thread(s) like the engine's BLAS; "
                    f"the matmul floor alone is {med['matmul32'] / med['torch32']:.2f}× torch",
                )
            )
        )
    else:
        print("[T2] PyTorch not installed: the torch comparison is skipped (optional)")
    return results


def _torch_iteration():
    """A PyTorch CPU eager iteration of the same net, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    # one thread, as the engine's BLAS has in the app (gui/app.py): the same resources
    torch.set_num_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))
    torch.manual_seed(0)
    x = torch.rand(BATCH, SIZES[0])
    t = torch.randint(0, SIZES[2], (BATCH,))
    model = torch.nn.Sequential(
        torch.nn.Linear(SIZES[0], SIZES[1]), torch.nn.ReLU(), torch.nn.Linear(SIZES[1], SIZES[2])
    )
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()

    def iteration():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), t)
        loss.backward()
        opt.step()

    return iteration


if __name__ == "__main__":
    results = main(sys.argv[1:])
    sys.exit(0)
