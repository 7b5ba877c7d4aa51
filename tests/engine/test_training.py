"""engine.training: the mini-batch loop, its records, determinism, divergence, grad check."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from engine import datasets as D
from engine import training as T
from engine.network import Network


@pytest.fixture(scope="module")
def blobs():
    return D.toy_dataset("blobs", 400, noise=0.1, seed=0, n_classes=3)


def losses(records):
    return [r.loss for r in records]


def test_blobs_learn_to_high_accuracy(blobs):
    records = list(T.train(T.TrainConfig(iterations=300, lr=0.1), blobs))
    assert [r.iteration for r in records] == list(range(1, 301))
    assert records[-1].epoch is not None
    assert records[-1].epoch.test_accuracy >= 0.95
    assert np.mean(losses(records[-20:])) < 0.2 * np.mean(losses(records[:5]))


def test_epoch_records_come_once_per_epoch_with_a_region(blobs):
    config = T.TrainConfig(iterations=100, batch_size=30, region_resolution=16)
    epochs = [r.epoch for r in T.train(config, blobs) if r.epoch is not None]
    # 300 training samples, 30 per batch: an epoch every 10 iterations
    assert [e.iteration for e in epochs] == list(range(10, 101, 10))
    assert [e.epoch for e in epochs] == [float(i) for i in range(1, 11)]
    assert epochs[-1].region.shape == (16, 16) and epochs[-1].region.dtype == np.uint8
    assert set(np.unique(epochs[-1].region)) == {0, 1, 2}
    assert epochs[-1].predictions is None


def test_final_iteration_is_evaluated_even_mid_epoch(blobs):
    records = list(T.train(T.TrainConfig(iterations=15, batch_size=30), blobs))
    assert records[9].epoch is not None and records[14].epoch is not None
    assert records[14].epoch.epoch == pytest.approx(1.5)


def test_same_seed_same_numbers_and_other_seed_differs(blobs):
    a = losses(T.train(T.TrainConfig(iterations=50, seed=7), blobs))
    b = losses(T.train(T.TrainConfig(iterations=50, seed=7), blobs))
    c = losses(T.train(T.TrainConfig(iterations=50, seed=8), blobs))
    assert a == b and a != c


def test_lr_change_between_iterations_takes_effect(blobs):
    config = T.TrainConfig(iterations=40, seed=1)
    gen = T.train(config, blobs)
    first = [next(gen).loss for _ in range(20)]
    config.lr = 0.0  # what the GUI does while paused
    rest = [next(gen).loss for _ in range(20)]
    full = losses(T.train(T.TrainConfig(iterations=40, seed=1), blobs))
    assert first == full[:20]
    assert rest != full[20:]


def test_network_given_is_trained_in_place(blobs):
    config = T.TrainConfig(hidden=[5], iterations=20)
    net = T.build_network(config, 2, 3)
    before = net.weights[0].copy()
    list(T.train(config, blobs, net))
    assert not np.array_equal(before, net.weights[0])


def test_mismatched_network_is_refused(blobs):
    with pytest.raises(ValueError, match="inputs"):
        next(T.train(T.TrainConfig(), blobs, Network([3, 3], ["softmax"])))


@pytest.mark.parametrize("name", ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"])
def test_every_optimizer_lowers_the_loss(blobs, name):
    lr = 0.01 if name in ("Adam", "RMSprop", "AdaGrad") else 0.1
    records = list(T.train(T.TrainConfig(optimizer=name, lr=lr, iterations=150), blobs))
    assert np.mean(losses(records[-10:])) < np.mean(losses(records[:3]))


def test_numerical_and_backprop_runs_agree(blobs):
    """The ch. 4 gradient and backprop give (almost) the same training."""
    base = dict(hidden=[4], activation="sigmoid", init="xavier", iterations=10, lr=0.5)
    num = losses(T.train(T.TrainConfig(gradient="numerical", **base), blobs))
    bp = losses(T.train(T.TrainConfig(gradient="backprop", **base), blobs))
    np.testing.assert_allclose(num, bp, rtol=1e-5)


def test_digits_records_carry_predictions():
    d = D.load_digits()
    config = T.TrainConfig(hidden=[20], iterations=60, batch_size=100, preview_count=12)
    epochs = [r.epoch for r in T.train(config, d) if r.epoch is not None]
    assert epochs[-1].predictions.shape == (12,) and epochs[-1].region is None
    assert epochs[-1].test_accuracy > 0.5


def test_divergence_is_a_record_naming_the_iteration(blobs):
    records = list(T.train(T.TrainConfig(lr=1e30, iterations=500), blobs))
    last = records[-1]
    assert isinstance(last, T.Diverged)
    assert last.iteration == len(records) < 500
    assert not np.isfinite(last.loss)
    assert all(isinstance(r, T.IterationRecord) for r in records[:-1])


def test_gradient_check_is_tiny_for_a_correct_backprop(blobs):
    net = T.build_network(T.TrainConfig(hidden=[6, 5], activation="tanh", init="xavier"), 2, 3)
    check = T.gradient_check(net, blobs.x_train[:3], blobs.t_train[:3])
    assert [row[0] for row in check.rows] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [row[1] for row in check.rows][:2] == [(2, 6), (6,)]
    assert all(0 <= row[2] <= row[3] < 1e-6 for row in check.rows)
    (record,) = list(T.gradient_check_run(net, blobs.x_train[:3], blobs.t_train[:3]))
    assert record.rows == check.rows


def best_estimate(net, x, gradient, repeats=7):
    """The smallest of several estimates: a context switch on a loaded machine only ever
    makes one of them larger, so the minimum is the machine's real speed."""
    return min(T.seconds_per_iteration(net, x, gradient) for _ in range(repeats))


def test_eta_estimate_scales_with_parameters(blobs):
    """Compared within this process (same machine, same load), never against a clock
    limit: the numerical gradient costs more than backprop, and a net with ~500× the
    parameters costs many times more than a small one."""
    from engine.fastgrad import estimated_seconds

    net = T.build_network(T.TrainConfig(hidden=[50]), 2, 3)
    x = blobs.x_train[:32]
    numerical = best_estimate(net, x, "numerical")
    # the fast numerical gradient the network really uses, plus one forward pass
    assert numerical >= estimated_seconds(net.sizes, net.activations, 32)
    assert numerical > best_estimate(net, x, "backprop")
    bigger = T.build_network(T.TrainConfig(hidden=[400, 400]), 2, 3)
    ratio = best_estimate(bigger, x, "numerical") / numerical
    assert T.n_parameters(bigger) / T.n_parameters(net) > 500
    # priced from the work counted (engine.fastgrad.work_units) at prices measured once
    # in this process, so load cannot bend the ratio (~500 here); a flat estimate fails
    assert ratio > 50, ratio
    assert T.n_parameters(net) == 2 * 50 + 50 + 50 * 3 + 3


def test_records_are_small(blobs):
    """No weights travel per iteration: an iteration record holds two numbers."""
    record = next(itertools.islice(T.train(T.TrainConfig(iterations=5), blobs), 1, None))
    assert record.epoch is None and isinstance(record.loss, float)


def test_chunked_accuracy_equals_accuracy():
    d = D.load_digits()
    net = T.build_network(T.TrainConfig(hidden=[8]), 64, 10)
    assert T.chunked_accuracy(net, d.x_train, d.t_train, chunk=100) == pytest.approx(
        net.accuracy(d.x_train, d.t_train), abs=1e-12
    )
