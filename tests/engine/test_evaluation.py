"""engine.evaluation: §3.6.2–3.6.3 accuracy in batches, against the book's one-by-one loop."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import resources
from engine import datasets as D
from engine import evaluation as E
from engine.weights import load_weights


def book_one_by_one(network, x, t):
    """ch03/neuralnet_mnist.py: predict each image, count argmax == label."""

    def sigmoid(a):
        return 1 / (1 + np.exp(-a))

    def softmax(a):
        e = np.exp(a - np.max(a))
        return e / np.sum(e)

    count, predicted = 0, []
    for i in range(len(x)):
        z1 = sigmoid(np.dot(x[i], network["W1"]) + network["b1"])
        z2 = sigmoid(np.dot(z1, network["W2"]) + network["b2"])
        y = softmax(np.dot(z2, network["W3"]) + network["b3"])
        p = np.argmax(y)
        predicted.append(p)
        count += int(p == t[i])
    return count / len(x), np.array(predicted)


def test_sample_weight_accuracy_equals_the_books_loop_on_the_bundled_test_set():
    path = resources.path("data", "sample_weight.pkl")
    with open(path, "rb") as f:
        network = pickle.load(f)
    _, (x, t) = D.load_bundled_mnist()
    expected, expected_p = book_one_by_one(network, x, t)
    net = load_weights(path)
    result = E.evaluate(net.predict, x, t, batch_size=100, n_classes=10)
    assert result.accuracy == expected and result.total == 1000
    np.testing.assert_array_equal(result.predicted, expected_p)
    assert result.accuracy == 0.945  # the figure the ch. 3 lesson quotes


@pytest.mark.parametrize("batch", [1, 7, 100, 1000, 5000])
def test_the_batch_size_does_not_change_the_numbers(batch):
    rng = np.random.default_rng(0)
    w = rng.standard_normal((5, 3))
    x = rng.standard_normal((250, 5))
    t = rng.integers(0, 3, 250)
    calls = []

    def predict(xb):
        calls.append(len(xb))
        return xb @ w

    steps = list(E.accuracy_steps(predict, x, t, batch))
    result = steps[-1]
    assert isinstance(result, E.AccuracyResult)
    direct = np.argmax(x @ w, axis=1)
    np.testing.assert_array_equal(result.predicted, direct)
    assert result.correct == int(np.sum(direct == t))
    assert len(steps) - 1 == len(calls) == -(-250 // batch)
    assert max(calls) == min(batch, 250)
    assert [s.done for s in steps[:-1]][-1] == 250
    np.testing.assert_array_equal(result.wrong, np.flatnonzero(direct != t))


def test_confusion_matrix_against_a_loop():
    rng = np.random.default_rng(3)
    t, y = rng.integers(0, 4, 300), rng.integers(0, 4, 300)
    m = E.confusion_matrix(t, y, 4)
    loop = np.zeros((4, 4), int)
    for a, b in zip(t, y, strict=True):
        loop[a, b] += 1
    np.testing.assert_array_equal(m, loop)
    assert m.sum() == 300 and np.trace(m) == int(np.sum(t == y))
    with pytest.raises(ValueError):
        E.confusion_matrix([0, 5], [0, 1], 4)


def test_one_hot_labels_and_bad_arguments():
    x = np.eye(3)
    result = E.evaluate(lambda xb: xb, x, np.eye(3))
    assert result.accuracy == 1.0 and result.confusion.shape == (3, 3)
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError):
            list(E.accuracy_steps(lambda xb: xb, x, [0, 1, 2], bad))
    with pytest.raises(ValueError):
        list(E.accuracy_steps(lambda xb: xb, x, [0, 1]))


def test_training_epochs_carry_every_test_prediction():
    from engine import training as T

    d = D.bundled_mnist()
    config = T.TrainConfig(hidden=[20], iterations=45, batch_size=100, preview_count=8)
    epochs = [r.epoch for r in T.train(config, d) if r.epoch is not None]
    for e in epochs:
        assert e.test_predictions.shape == (1000,)
        assert np.mean(e.test_predictions == d.t_test) == e.test_accuracy
        np.testing.assert_array_equal(e.test_predictions[:8], e.predictions)
    toy = D.toy_dataset("blobs")
    last = [r.epoch for r in T.train(T.TrainConfig(iterations=20), toy) if r.epoch][-1]
    assert last.test_predictions is None
