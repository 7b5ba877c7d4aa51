"""Issue 14 item 1 (engine side): long work yields often enough to be stopped.

``train(..., yield_points=True)`` yields ``None`` between the layers of a big iteration
and between evaluation slices of about ``CHUNK_SECONDS``; the records are the same."""

from __future__ import annotations

import time

import numpy as np

from engine import datasets as D
from engine import training as T
from engine.network import Network, init_weights


def _big_data(n_train: int, n_test: int) -> D.Dataset:
    rng = np.random.default_rng(0)
    x = rng.random((n_train + n_test, 784), dtype=np.float32)
    t = rng.integers(0, 10, n_train + n_test)
    return D.Dataset("big", x[:n_train], t[:n_train], x[n_train:], t[n_train:], 10, (28, 28))


def test_records_are_the_same_with_yield_points(monkeypatch):
    monkeypatch.setattr(T, "SMALL_WORK", 0)  # yield points even in a toy net
    blobs = D.toy_dataset("blobs", 200, 0.3, 0, 3, 0.25)
    config = T.TrainConfig(hidden=[8, 6], iterations=40, batch_size=16)
    plain = list(T.train(config, blobs))
    steps = list(T.train(config, blobs, yield_points=True))
    assert None not in plain
    records = [r for r in steps if r is not None]
    assert [r.loss for r in records] == [r.loss for r in plain]

    def epochs(rs):
        return [
            (e.epoch, e.train_accuracy, e.test_accuracy, e.region.tobytes())
            for e in (r.epoch for r in rs if r.epoch is not None)
        ]

    assert epochs(records) == epochs(plain) and len(epochs(plain)) >= 2
    # between the layers: 3 forward (2 hidden + output are counted per hidden layer)
    # and 3 backward steps per iteration at least
    assert steps.count(None) >= 40 * 5


def test_loss_and_gradient_steps_match_one_call():
    sizes = [5, 7, 6, 3]
    weights, biases = init_weights(sizes, "he", 0.01, 3)
    net = Network(sizes, ["relu", "tanh", "softmax"], weights, biases)
    x = np.random.default_rng(1).random((9, 5))
    t = np.arange(9) % 3
    loss, grads = net.loss_and_gradient(x, t)
    steps = net.loss_and_gradient_steps(x, t)
    n_yields = 0
    while True:
        try:
            assert next(steps) is None
            n_yields += 1
        except StopIteration as done:
            loss2, grads2 = done.value
            break
    assert n_yields == 2 + 3  # after each hidden layer forward, after each layer backward
    assert loss2 == loss
    assert all(np.array_equal(grads[k], grads2[k]) for k in grads)


def _max_gap(steps) -> tuple[float, list]:
    records = []
    gap = 0.0
    last = time.perf_counter()
    for record in steps:
        now = time.perf_counter()
        gap = max(gap, now - last)
        last = now
        if record is not None:
            records.append(record)
    return gap, records


def test_evaluation_of_many_images_yields_in_short_slices(monkeypatch):
    """70,000 MNIST images through 784-1000×5 were one record of ~15 s; now the
    evaluation yields after slices of about ``CHUNK_SECONDS`` (0.1 s), sized from the
    time the slices before took. A fake clock makes the timing exact: each image costs
    1 ms (so ~100 images a slice)."""
    clock = {"now": 0.0}

    class FakeTime:
        @staticmethod
        def perf_counter() -> float:
            return clock["now"]

    monkeypatch.setattr(T, "time", FakeTime)
    data = _big_data(6_000, 1_000)
    config = T.TrainConfig(hidden=[3], iterations=1, batch_size=20)
    net = T.build_network(config, 784, 10)
    predict_classes = T._predict_classes
    slices: list[int] = []

    def costly_predict_classes(model, x):
        slices.append(len(x))
        clock["now"] += 1e-3 * len(x)
        return predict_classes(model, x)

    monkeypatch.setattr(T, "_predict_classes", costly_predict_classes)
    steps = []
    for record in T.train(config, data, net, yield_points=True):
        steps.append((record, len(slices)))
    records = [r for r, _ in steps if r is not None]
    assert len(records) == 1 and records[0].epoch is not None
    assert sum(slices) == 7_000
    assert max(slices) * 1e-3 <= 2 * T.CHUNK_SECONDS  # no slice over ~0.2 s
    assert len(slices) >= 7_000 * 1e-3 / (2 * T.CHUNK_SECONDS)
    # a yield point after every slice: never two slices between two yields
    counts = [n for _, n in steps]
    assert all(b - a <= 1 for a, b in zip(counts, counts[1:], strict=False))
    trained = net.copy()  # the same weights, its own predict
    assert records[0].epoch.test_accuracy == trained.accuracy(data.x_test, data.t_test)
    assert records[0].epoch.train_accuracy == trained.accuracy(data.x_train, data.t_train)
