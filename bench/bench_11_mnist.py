"""Target 11: real MNIST — a drawn digit's answer within a frame, and the book's training run.

T11a (≤ 5 ms): what the Network tab's image page does for every frame of a drawing — MNIST's
preprocessing of the 224×224 canvas (``engine.images.mnist_preprocess``) and the forward
pass of the book's 784-50-100-10 ``sample_weight.pkl`` network — against a 5 ms budget;
the book's own forward pass (§3.6.2, plain functions on one image) is timed beside it.

T11b (≤ 0.3×): the book's ``train_neuralnet.py`` (§5.7.4; §4.5 the same with sigmoid):
784-50-10, batch 100, lr 0.1, 10,000 iterations, accuracy on the *whole* training and
test sets every epoch. Baseline: the book's way, re-implemented here — a ``TwoLayerNet``
of layer objects (Affine, Relu, Affine, SoftmaxWithLoss) in an ``OrderedDict``, float64
weights, float32 pixels and float64 one-hot labels as its ``load_mnist`` gives them,
``loss`` computed again after the update, ``accuracy`` on all images at
``i % iter_per_epoch == 0``. Measured: ``engine.training.train`` headless with the
Training tab's preset (float32 network on float32 data, whole-set evaluation). Both run
in the same process, one after the other, on Fashion-MNIST (60,000 + 10,000, the size of
MNIST) when installed, else on the bundled 5,000 MNIST digits. Both reach similar test
accuracy (printed).

Run: ``python bench/bench_11_mnist.py [--iterations N] [--repeats N]``
"""

from __future__ import annotations

import argparse
import time
from collections import OrderedDict

import numpy as np
from _common import Result, banner, interleaved_medians, report

import resources
from engine import datasets as D
from engine import training as T
from engine.images import mnist_preprocess
from engine.network import Network, init_weights
from engine.safeio import load_pickle
from engine.weights import load_weights

WEIGHTS = resources.path("data", "sample_weight.pkl")


# -- the book's way, re-implemented (ch. 5's layers, ch. 4's training loop) --------------------
class _Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class _Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class _SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        e = np.exp(x - x.max(axis=1, keepdims=True))
        self.y = e / e.sum(axis=1, keepdims=True)
        return -np.sum(t * np.log(self.y + 1e-7)) / len(x)

    def backward(self):
        return (self.y - self.t) / len(self.t)


class BookTwoLayerNet:
    """The book's §5.7.2 TwoLayerNet: layers in an OrderedDict, walked forwards and back."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=0):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = _Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = _Relu()
        self.layers["Affine2"] = _Affine(self.params["W2"], self.params["b2"])
        self.last = _SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        return float(np.sum(y == np.argmax(t, axis=1))) / x.shape[0]

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last.backward()
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        a1, a2 = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": a1.dW, "b1": a1.db, "W2": a2.dW, "b2": a2.db}


def book_run(data: D.Dataset, iterations: int) -> tuple[float, float]:
    """ch05/train_neuralnet.py's loop; returns (seconds, last test accuracy)."""
    # as the book's load_mnist(normalize=True, one_hot_label=True) gives them: float32
    # pixels, float64 one-hot rows (its weights are float64, so NumPy upcasts each product)
    (x_train, t_train), (x_test, t_test) = D.book_arrays(data, one_hot_label=True)
    t_train, t_test = t_train.astype(np.float64), t_test.astype(np.float64)
    start = time.perf_counter()
    net = BookTwoLayerNet(784, 50, 10)
    rng = np.random.default_rng(0)
    train_size, batch_size, lr = len(x_train), 100, 0.1
    iter_per_epoch = max(train_size / batch_size, 1)
    losses, test_acc = [], 0.0
    for i in range(iterations):
        mask = rng.choice(train_size, batch_size)
        x_batch, t_batch = x_train[mask], t_train[mask]
        grad = net.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            net.params[key] -= lr * grad[key]
        losses.append(net.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            net.accuracy(x_train, t_train)
            test_acc = net.accuracy(x_test, t_test)
    return time.perf_counter() - start, test_acc


def engine_run(data: D.Dataset, iterations: int, dtype: type = np.float32) -> tuple[float, float]:
    """engine.training.train with the Training tab's preset, headless, in ``dtype``."""
    from gui.tabs.training_mnist import BOOK_PRESET  # the preset's numbers (Qt-free dict)

    config = T.TrainConfig(
        hidden=list(BOOK_PRESET["hidden"]),
        activation=BOOK_PRESET["activation"],
        init=BOOK_PRESET["init"],
        init_std=BOOK_PRESET["init_std"],
        lr=BOOK_PRESET["lr"],
        batch_size=BOOK_PRESET["batch_size"],
        iterations=iterations,
        preview_count=0,
    )
    start = time.perf_counter()
    sizes = [784, *config.hidden, 10]
    w, b = init_weights(sizes, config.init, config.init_std, config.seed, dtype)
    net = Network(sizes, [config.activation] * len(config.hidden) + ["softmax"], w, b, dtype)
    test_acc = 0.0
    for record in T.train(config, data, net):
        if record.epoch is not None:
            test_acc = record.epoch.test_accuracy
    return time.perf_counter() - start, test_acc


def book_predict(network, x):
    def sigmoid(a):
        return 1 / (1 + np.exp(-a))

    z1 = sigmoid(np.dot(x, network["W1"]) + network["b1"])
    z2 = sigmoid(np.dot(z1, network["W2"]) + network["b2"])
    a3 = np.dot(z2, network["W3"]) + network["b3"]
    e = np.exp(a3 - a3.max())
    return e / e.sum()


def drawing() -> np.ndarray:
    """A 224×224 canvas with a thick stroke, as the Image page hands it over."""
    d = np.zeros((224, 224))
    t = np.linspace(0, 1, 400)
    for u, v in zip(60 + 100 * t, 40 + 140 * np.sin(np.pi * t) ** 2, strict=True):
        d[max(int(v) - 9, 0) : int(v) + 9, max(int(u) - 9, 0) : int(u) + 9] = 1.0
    return d


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    results = []

    banner("T11a a drawn digit: MNIST preprocessing + 784-50-100-10 forward pass")
    net = load_weights(WEIGHTS)
    raw = load_pickle(WEIGHTS)
    canvas = drawing()
    x = mnist_preprocess(canvas).reshape(-1)
    assert int(np.argmax(net.predict(x))) == int(np.argmax(book_predict(raw, x)))
    med = interleaved_medians(
        {
            "book": lambda: book_predict(raw, x),
            "frame": lambda: net.predict(mnist_preprocess(canvas).reshape(-1)),
        },
        args.repeats,
        20,
    )
    budget = 5e-3
    results.append(
        report(
            Result(
                "T11a",
                "preprocess + predict per frame",
                "budget",
                budget,
                "engine",
                med["frame"],
                "s",
                med["frame"] / budget,
                "≤ 1× of 5 ms",
                med["frame"] <= budget,
                f"the book's forward pass alone {med['book'] * 1e3:.3f} ms",
            )
        )
    )

    files = D.fashion_mnist_files()
    data = D.load_fashion_mnist() if files is not None else D.bundled_mnist()
    banner(
        f"T11b the book's train_neuralnet.py on {data.name} "
        f"({len(data.t_train):,} + {len(data.t_test):,}), {args.iterations:,} iterations"
    )
    book_s, book_acc = book_run(data, args.iterations)
    engine_s, engine_acc = engine_run(data, args.iterations)
    engine64_s, _ = engine_run(data, args.iterations, np.float64)
    ratio = engine_s / book_s
    results.append(
        report(
            Result(
                "T11b",
                "train_neuralnet.py headless",
                "book's way",
                book_s,
                "engine",
                engine_s,
                "s",
                ratio,
                "≤ 0.3×",
                ratio <= 0.3,
                f"test accuracy: book's way {book_acc:.4f}, engine {engine_acc:.4f}; engine in "
                f"float64 (the Training tab today) {engine64_s:.2f} s = "
                f"{engine64_s / book_s:.2f}×; the book "
                f"17 whole-set evaluations, the engine 16 (after each epoch, not before the first)",
            )
        )
    )
    return results


if __name__ == "__main__":
    main()
