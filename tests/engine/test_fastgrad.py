"""The vectorised numerical gradient gives the book's loop's numbers (engine.fastgrad)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.fastgrad import numerical_gradient_fast
from engine.network import Network, TwoLayerNet, init_weights

HIDDEN = ["sigmoid", "relu", "tanh", "identity"]


def random_net(sizes, acts, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    w, _ = init_weights(sizes, "xavier", seed=seed)
    b = [0.3 * rng.standard_normal(n) for n in sizes[1:]]
    return Network(sizes, acts, w, b, dtype=dtype)


def targets(net, rng, n, one_hot):
    if net.activations[-1] == "identity":
        return rng.standard_normal((n, net.sizes[-1]))  # regression targets
    labels = rng.integers(0, net.sizes[-1], n)
    return np.eye(net.sizes[-1])[labels] if one_hot else labels


def assert_same_as_loop(net, x, t, tol=1e-9):
    loop = net.numerical_gradient(x, t, method="loop")
    fast = net.numerical_gradient(x, t)
    assert list(fast) == list(loop)
    for key in loop:
        assert fast[key].shape == loop[key].shape
        assert fast[key].dtype == loop[key].dtype
        assert np.max(np.abs(fast[key] - loop[key])) <= tol, key


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output", ["softmax", "identity"])
def test_every_activation_matches_the_loop(hidden, output):
    net = random_net([4, 5, 3], [hidden, output], seed=1)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((6, 4))
    assert_same_as_loop(net, x, targets(net, rng, 6, one_hot=False), tol=1e-10)


@pytest.mark.parametrize("acts", [["relu", "sigmoid", "softmax"], ["tanh", "identity", "identity"]])
def test_deeper_nets_match_the_loop(acts):
    net = random_net([3, 4, 5, 2], acts, seed=3)
    rng = np.random.default_rng(4)
    x = rng.standard_normal((5, 3))
    assert_same_as_loop(net, x, targets(net, rng, 5, one_hot=True), tol=1e-10)


def test_four_weight_layers_and_one_sample():
    net = random_net([2, 3, 3, 3, 2], ["sigmoid", "relu", "tanh", "softmax"], seed=5)
    assert_same_as_loop(net, np.array([1.0, 2.0]), np.array([0.0, 1.0]), tol=1e-10)
    assert_same_as_loop(net, np.array([1.0, 2.0]), 1, tol=1e-10)


def test_book_two_layer_net_on_a_sparse_batch():
    # MNIST-like input: most pixels are 0 (those rows of the gradient are exactly 0)
    net = TwoLayerNet(30, 8, 4, weight_init_std=0.5, seed=0)
    rng = np.random.default_rng(0)
    x = rng.random((10, 30)) * (rng.random((10, 30)) < 0.3)
    x[:, :5] = 0.0
    t = rng.integers(0, 4, 10)
    assert_same_as_loop(net, x, t)
    assert np.all(net.numerical_gradient(x, t)["W1"][:5] == 0.0)


def test_backprop_agrees_and_large_activations_do_not_overflow():
    net = random_net([3, 4, 3], ["relu", "softmax"], seed=6)
    net.weights[1] *= 200.0  # output sums in the hundreds: softmax must not overflow
    rng = np.random.default_rng(6)
    x = rng.standard_normal((4, 3))
    t = rng.integers(0, 3, 4)
    with np.errstate(all="raise"):
        fast = net.numerical_gradient(x, t)
    loop = net.numerical_gradient(x, t, method="loop")
    for key in loop:
        assert np.max(np.abs(fast[key] - loop[key])) <= 1e-8 * max(1.0, np.abs(loop[key]).max())


def test_float32_net_gets_float32_gradients_close_to_backprop():
    net = random_net([5, 6, 3], ["tanh", "softmax"], seed=7, dtype=np.float32)
    rng = np.random.default_rng(7)
    x = rng.standard_normal((8, 5)).astype(np.float32)
    t = rng.integers(0, 3, 8)
    fast = net.numerical_gradient(x, t)
    bp = net.gradient(x, t)
    for key in bp:
        assert fast[key].dtype == np.float32
        np.testing.assert_allclose(fast[key], bp[key], atol=2e-5)


def test_chunking_does_not_change_the_result():
    net = random_net([6, 7, 3], ["sigmoid", "softmax"], seed=8)
    rng = np.random.default_rng(8)
    x = rng.standard_normal((9, 6))
    t = rng.integers(0, 3, 9)
    args = (net.weights, net.biases, net.activations, x, t)
    whole = numerical_gradient_fast(*args, chunk_elements=1 << 20)
    tiny = numerical_gradient_fast(*args, chunk_elements=1)
    for key in whole:
        np.testing.assert_array_equal(whole[key], tiny[key])


def test_the_parameters_are_left_untouched_and_errors_are_typed():
    net = random_net([3, 2, 2], ["relu", "softmax"], seed=9)
    before = [w.copy() for w in net.weights] + [b.copy() for b in net.biases]
    net.numerical_gradient(np.ones((2, 3)), [0, 1])
    for old, new in zip(before, net.weights + net.biases, strict=True):
        np.testing.assert_array_equal(old, new)
    with pytest.raises(ValueError, match="method"):
        net.numerical_gradient(np.ones((2, 3)), [0, 1], method="magic")
    with pytest.raises(ValueError, match="labels"):
        net.numerical_gradient(np.ones((2, 3)), [0, 1, 1])
    with pytest.raises(ValueError):
        Network([2, 2], ["sigmoid"]).numerical_gradient(np.ones((1, 2)), [0])


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4),
    batch=st.integers(1, 6),
    seed=st.integers(0, 2**16),
    data=st.data(),
)
def test_any_shape_matches_the_loop(sizes, batch, seed, data):
    hidden = data.draw(
        st.lists(st.sampled_from(HIDDEN), min_size=len(sizes) - 2, max_size=len(sizes) - 2)
    )
    output = data.draw(st.sampled_from(["softmax", "identity"]))
    net = random_net(sizes, [*hidden, output], seed=seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, sizes[0]))
    t = targets(net, rng, batch, one_hot=data.draw(st.booleans()))
    assert_same_as_loop(net, x, t)


# -- backprop (Network.loss_and_gradient): the lean pass gives the book's numbers ----------
def reference_backprop(net, x, t):
    """The book's layer-by-layer backward pass, float64, written plainly."""
    from engine import functions as F

    trace = net.forward(np.asarray(x, dtype=np.float64))
    y = np.atleast_2d(trace.y)
    n = y.shape[0]
    ta = np.asarray(t)
    T = ta.reshape(n, -1).astype(float) if ta.ndim == 2 else np.eye(y.shape[1])[ta.reshape(-1)]
    delta = (y - T) / n
    grads = {}
    for i in range(net.n_layers - 1, -1, -1):
        z_prev = np.atleast_2d(trace.x if i == 0 else trace.z[i - 1])
        grads[f"W{i + 1}"] = z_prev.T @ delta
        grads[f"b{i + 1}"] = delta.sum(axis=0)
        if i > 0:
            delta = delta @ net.weights[i].T
            name = net.activations[i - 1]
            if name != "identity":
                delta = delta * F.ACTIVATION_GRADS[name](np.atleast_2d(trace.a[i - 1]))
    return grads


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output", ["softmax", "identity"])
def test_backprop_equals_the_plain_layer_by_layer_pass(hidden, output):
    net = random_net([4, 6, 5, 3], [hidden, hidden, output], seed=10)
    rng = np.random.default_rng(10)
    x = 3 * rng.standard_normal((7, 4))  # large enough for the sigmoid's negative side
    t = targets(net, rng, 7, one_hot=False)
    loss, grads = net.loss_and_gradient(x, t)
    assert loss == pytest.approx(net.loss(x, t), rel=1e-14)
    ref = reference_backprop(net, x, t)
    assert list(grads) == list(net.params)
    for key in ref:
        np.testing.assert_allclose(grads[key], ref[key], rtol=1e-12, atol=1e-15)


def test_backprop_accepts_one_sample_and_one_hot_targets():
    net = random_net([3, 4, 2], ["sigmoid", "softmax"], seed=11)
    x = np.array([0.5, -1.0, 2.0])
    by_label = net.loss_and_gradient(x, [1])
    by_one_hot = net.loss_and_gradient(x, np.array([0.0, 1.0]))
    assert by_label[0] == pytest.approx(by_one_hot[0])
    for key in by_label[1]:
        np.testing.assert_allclose(by_label[1][key], by_one_hot[1][key])
    with pytest.raises(ValueError, match="labels"):
        net.loss_and_gradient(np.ones((2, 3)), [0, 1, 1])


@pytest.mark.parametrize("hidden", HIDDEN)
def test_float32_mode_stays_float32_end_to_end(hidden):
    from engine.optimizers import SGD

    net = random_net([5, 6, 3], [hidden, "softmax"], seed=12, dtype=np.float32)
    ref = random_net([5, 6, 3], [hidden, "softmax"], seed=12)
    rng = np.random.default_rng(12)
    x = rng.standard_normal((8, 5)).astype(np.float32)
    t = rng.integers(0, 3, 8)
    loss, grads = net.loss_and_gradient(x, t)
    assert isinstance(loss, float)
    assert all(g.dtype == np.float32 for g in grads.values())
    SGD(0.1).update(net.params, grads)
    assert all(p.dtype == np.float32 for p in net.params.values())
    _, grads64 = ref.loss_and_gradient(x.astype(np.float64), t)
    _, grads32 = random_net(
        [5, 6, 3], [hidden, "softmax"], seed=12, dtype=np.float32
    ).loss_and_gradient(x, t)
    for key in grads64:
        np.testing.assert_allclose(grads32[key], grads64[key], rtol=1e-4, atol=1e-6)


def test_backprop_does_not_modify_the_callers_input():
    net = random_net([3, 4, 2], ["relu", "identity"], seed=13)
    x = np.array([[1.0, -2.0, 3.0]])
    t = np.array([[0.5, -0.5]])
    x0, t0 = x.copy(), t.copy()
    net.loss_and_gradient(x, t)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(t, t0)


def test_work_units_count_what_the_method_does():
    from engine.fastgrad import estimated_seconds, work_units

    # one softmax layer: only the output layer's own copies, 8 passes over its outputs
    assert work_units([3, 2], ["softmax"], 5) == (2 * 4 * 2 * 5 * 8 * 2, 0.0)
    shallow = work_units([784, 50, 10], ["relu", "softmax"], 100)
    deep = work_units([784, 50, 50, 10], ["relu", "relu", "softmax"], 100)
    assert shallow[1] == 0.0 and deep[1] > 0.0
    assert work_units([784, 50, 10], ["relu", "softmax"], 200)[0] == 2 * shallow[0]
    small = estimated_seconds([784, 50, 10], ["relu", "softmax"], 10)
    large = estimated_seconds([784, 50, 10], ["relu", "softmax"], 100)
    assert 0.0 < small < large
