"""Weight dictionaries and files → Network, and the presets of ch. 2–3."""

import os
import pickle

import numpy as np
import pytest

from engine.safeio import UnsafeFileError
from engine.weights import (
    BOOK_INPUT,
    BOOK_OUTPUT,
    STUDY_NOTES_INPUT,
    book_network,
    load_weights,
    network_from_arrays,
    network_to_arrays,
    random_network,
    study_notes_network,
    xor_network,
)


def _sample_weight_dict(seed=0):
    rng = np.random.default_rng(seed)
    shapes = [(784, 50), (50, 100), (100, 10)]
    out = {}
    for k, (m, n) in enumerate(shapes, start=1):
        out[f"W{k}"] = rng.normal(0, 0.1, (m, n)).astype(np.float32)
        out[f"b{k}"] = rng.normal(0, 0.1, n).astype(np.float32)
    return out


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def test_book_preset_prints_the_books_output():
    y = book_network().predict(np.array(BOOK_INPUT))
    assert y.tolist() == list(BOOK_OUTPUT)


def test_study_notes_network_computed_correctly():
    net = study_notes_network()
    x = np.array(STUDY_NOTES_INPUT)
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    z1 = sig(x @ net.weights[0] + net.biases[0])
    z2 = sig(z1 @ net.weights[1] + net.biases[1])
    y = z2 @ net.weights[2] + net.biases[2]
    np.testing.assert_allclose(net.predict(x), y, rtol=1e-15)
    # the weighted sum of layer 1 is [0.2, 0.6, 0.9] (b1 added once, not twice)
    np.testing.assert_allclose(net.forward(x).a[0], [0.2, 0.6, 0.9], atol=1e-15)


def test_xor_preset_is_xor():
    net = xor_network()
    x = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=float)
    assert net.predict(x).ravel().tolist() == [0, 1, 1, 0]
    hidden = net.forward(x).z[0]
    assert hidden[:, 0].tolist() == [1, 1, 1, 0]  # NAND
    assert hidden[:, 1].tolist() == [0, 1, 1, 1]  # OR


def test_sample_weight_pickle_round_trip(tmp_path):
    data = _sample_weight_dict()
    path = tmp_path / "sample_weight.pkl"
    path.write_bytes(pickle.dumps(data))
    net = load_weights(path)
    assert net.sizes == [784, 50, 100, 10]
    assert net.activations == ["sigmoid", "sigmoid", "softmax"]
    x = np.random.default_rng(1).random(784)
    y = net.predict(x)
    assert y.shape == (10,) and abs(y.sum() - 1) < 1e-12
    np.testing.assert_array_equal(net.weights[1], data["W2"].astype(np.float64))


def test_npz_round_trip(tmp_path):
    net = book_network()
    path = tmp_path / "w.npz"
    np.savez(path, **network_to_arrays(net))
    back = load_weights(path, output="identity")
    assert back.predict(np.array(BOOK_INPUT)).tolist() == list(BOOK_OUTPUT)


def test_hostile_pickle_refused(tmp_path):
    path = tmp_path / "evil.pkl"
    path.write_bytes(pickle.dumps({"W1": np.ones((2, 2)), "b1": Evil()}))
    with pytest.raises(UnsafeFileError):
        load_weights(path)


@pytest.mark.parametrize(
    "arrays, message",
    [
        ({"W1": np.ones((2, 3))}, "b1 is missing"),
        ({"W1": np.ones((2, 3)), "b1": np.ones(2)}, "b1 has 2 values"),
        (
            {"W1": np.ones((2, 3)), "b1": np.ones(3), "W2": np.ones((4, 2)), "b2": np.ones(2)},
            "W2 has 4 rows but W1 has 3 columns",
        ),
        ({"W1": np.ones(3), "b1": np.ones(3)}, "must be a matrix"),
        ({"W1": np.ones((2, 3)), "b1": np.ones(3), "b2": np.ones(2)}, "b2 has no matching"),
        ({"W1": np.ones((2, 3)), "b1": np.array([1, np.nan, 0])}, "NaN"),
        ({"W1": np.full((2, 3), 1e9), "b1": np.ones(3)}, "larger than"),
        ({"W1": np.array([["a", "b"]]), "b1": np.ones(2)}, "not numbers"),
        ({"x": 1}, "no weight matrices"),
        ([1, 2], "dictionary"),
    ],
)
def test_bad_dictionaries_are_explained(arrays, message):
    with pytest.raises(ValueError, match=message):
        network_from_arrays(arrays)


def test_row_bias_accepted():
    net = network_from_arrays({"W1": np.ones((2, 3)), "b1": np.ones((1, 3))}, output="identity")
    assert net.biases[0].shape == (3,)


@pytest.mark.parametrize("method", ["std", "xavier", "he"])
def test_random_network(method):
    net = random_network([100, 50, 10], "relu", "softmax", method, 0.01, seed=3)
    assert net.sizes == [100, 50, 10] and net.activations == ["relu", "softmax"]
    expected = {"std": 0.01, "xavier": 0.1, "he": np.sqrt(2 / 100)}[method]
    assert abs(net.weights[0].std() - expected) / expected < 0.1
    again = random_network([100, 50, 10], "relu", "softmax", method, 0.01, seed=3)
    np.testing.assert_array_equal(net.weights[0], again.weights[0])
    with pytest.raises(ValueError):
        random_network([3], method=method)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    seed=st.integers(0, 2**16),
)
def test_dictionary_round_trip(sizes, seed):
    net = random_network(sizes, "tanh", "identity", "xavier", seed=seed)
    back = network_from_arrays(network_to_arrays(net), activations=net.activations)
    x = np.random.default_rng(seed).normal(size=(3, sizes[0]))
    assert back.sizes == net.sizes
    np.testing.assert_array_equal(back.predict(x), net.predict(x))
