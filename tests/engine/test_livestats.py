"""Live per-layer histograms (engine.livestats) and the ch. 6 net inside engine.training."""

import numpy as np
import pytest

from engine import datasets as D
from engine import training as T
from engine.livestats import layer_histograms
from engine.regnet import RegularizedNet
from engine.regularization import BN_EPS


def _direct_forward(net, x):
    """The training-mode forward pass written out by hand (no dropout in this net)."""
    w1, b1, w2, b2 = (net.params[k] for k in ("W1", "b1", "W2", "b2"))
    a1 = x @ w1 + b1
    z1 = np.maximum(a1, 0)
    a2 = z1 @ w2 + b2
    xn = (a2 - a2.mean(axis=0)) / np.sqrt(a2.var(axis=0) + BN_EPS)
    bn2 = net.params["gamma1"] * xn + net.params["beta1"]
    return z1, bn2, np.maximum(bn2, 0)


def test_histograms_of_a_bn_net_equal_a_direct_computation():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((40, 6))
    t = rng.integers(0, 3, 40)
    net = RegularizedNet([6, 8, 7, 3], "relu", seed=2, batchnorm=[False, True])
    net.params["gamma1"][:] = rng.uniform(0.5, 2.0, 7)  # not the identity transform
    net.params["beta1"][:] = rng.uniform(-1, 1, 7)
    _, grads = net.loss_and_gradient(x, t)
    record = layer_histograms(net, x, grads, iteration=9, bins=30)
    z1, bn2, z2 = _direct_forward(net, x)
    assert record.iteration == 9
    assert [layer for layer, _ in record.batchnorm] == [2]  # only hidden layer 2 has BN
    counts, edges = record.batchnorm[0][1]
    top = np.abs(bn2).max()
    np.testing.assert_allclose(edges[[0, -1]], [-top, top])
    np.testing.assert_array_equal(counts, np.histogram(bn2, 30, range=(-top, top))[0])
    for (counts, edges), z in zip(record.activations, (z1, z2), strict=True):
        assert edges[0] == 0.0 and edges[-1] == pytest.approx(z.max())
        np.testing.assert_array_equal(counts, np.histogram(z, 30, range=(0, z.max()))[0])
    assert len(record.gradients) == 3
    g = grads["W3"]
    np.testing.assert_array_equal(
        record.gradients[2][0], np.histogram(g, 30, range=(-abs(g).max(), abs(g).max()))[0]
    )


def test_a_net_without_bn_has_no_bn_histograms():
    data = D.toy_dataset("blobs", 120, 0.1, 0, 3, 0.25)
    config = T.TrainConfig(hidden=[6, 5], iterations=3, histogram_every=1, dropout=[0.2])
    records = list(T.train(config, data))
    assert all(r.histograms is not None and r.histograms.batchnorm == () for r in records)
    config = T.TrainConfig(hidden=[6, 5], iterations=3, histogram_every=1, batchnorm=[True])
    records = list(T.train(config, data))
    assert [b for b, _ in records[-1].histograms.batchnorm] == [1]


def test_training_uses_the_techniques_of_the_config():
    """λ shrinks the trained weights; BN and dropout change the run; the fused net is
    used only when every technique is off."""
    data = D.toy_dataset("spirals", 300, 0.1, 1, 3, 0.25)
    base = dict(hidden=[20, 20], iterations=300, lr=0.1, batch_size=30, seed=3)

    def run(**options):
        config = T.TrainConfig(**base, **options)
        net = T.build_network(config, data.n_features, data.n_classes)
        records = list(T.train(config, data, net))
        return net, records

    plain, plain_records = run()
    assert not isinstance(plain, RegularizedNet)
    decayed, decayed_records = run(weight_decay=0.05)
    assert isinstance(decayed, RegularizedNet)
    norm = lambda net: sum(float(np.sum(w * w)) for w in net.weights)  # noqa: E731
    assert norm(decayed) < 0.8 * norm(plain)
    # the same start: the first loss differs only by ½λΣW² of the initial weights
    start = T.build_network(T.TrainConfig(**base), data.n_features, data.n_classes)
    assert decayed_records[0].loss == pytest.approx(
        plain_records[0].loss + 0.5 * 0.05 * norm(start), rel=1e-9
    )
    bn, bn_records = run(batchnorm=[True, True])
    assert "gamma2" in bn.params and bn_records[-1].loss != plain_records[-1].loss
    dropped, _ = run(dropout=[0.5, 0.5])
    x = data.x_train[:50]
    test_mode = dropped.predict(x)
    np.testing.assert_array_equal(test_mode, dropped.predict(x))  # test mode: deterministic
    assert not np.allclose(dropped.predict(x, train=True), dropped.predict(x, train=True))


def test_the_numerical_estimate_of_the_layered_net_counts_every_parameter():
    x = np.random.default_rng(0).standard_normal((10, 64))
    net = RegularizedNet([64, 200, 200, 10], "relu", weight_decay=0.01)
    # the smallest of several timings each: load only ever adds to one, so the two are
    # compared at the machine's real speed (the margin below is only 2×)
    per = min(T.seconds_per_iteration(net, x, "numerical") for _ in range(7))
    backprop = min(T.seconds_per_iteration(net, x, "backprop") for _ in range(7))
    # two losses per parameter against about three forward passes
    assert per / backprop > T.n_parameters(net) / 3


def test_a_trained_bn_dropout_net_folds_into_a_fused_network():
    """BN (running statistics) and dropout's × (1 − ratio) are fixed maps at test time:
    the folded Network predicts what the layered net predicts."""
    data = D.toy_dataset("spirals", 300, 0.1, 1, 3, 0.25)
    config = T.TrainConfig(
        hidden=[12, 10, 8],
        batchnorm=[True, False, True],
        dropout=[0.3, 0.0, 0.2],
        weight_decay=0.01,
        iterations=150,
        batch_size=30,
    )
    net = T.build_network(config, 2, 3)
    list(T.train(config, data, net))
    folded = net.to_network()
    x = data.x_test.astype(np.float64)
    scores = net.predict(x)
    expected = np.exp(scores - scores.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(folded.predict(x), expected, rtol=1e-9, atol=1e-12)
    assert folded.sizes == [2, 12, 10, 8, 3] and folded.activations[-1] == "softmax"
    assert T.chunked_accuracy(folded, x, data.t_test) == net.accuracy(x, data.t_test)


def test_histograms_follow_the_interval_and_never_change_the_run():
    data = D.toy_dataset("moons", 200, 0.1, 0, 2, 0.25)
    base = dict(hidden=[8, 6], batchnorm=[True], dropout=[0.3], iterations=40, batch_size=20)
    plain = list(T.train(T.TrainConfig(**base), data))
    every = list(T.train(T.TrainConfig(**base, histogram_every=1), data))
    rare = list(T.train(T.TrainConfig(**base, histogram_every=1, histogram_interval=3600), data))
    assert all(r.histograms is not None for r in every)
    # at most one set per interval: with an hour, only the first iteration's
    assert [r.iteration for r in rare if r.histograms is not None] == [1]
    assert all(r.histograms is None for r in plain)
    # observing changes nothing: the same losses, bit for bit (dropout masks, BN statistics)
    assert [r.loss for r in every] == [r.loss for r in plain] == [r.loss for r in rare]
