"""Property tests: random shapes and values never break the engine's promises."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from engine import functions as F
from engine.network import Network, init_weights
from engine.optimizers import OPTIMIZERS

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, width=64)
moderate = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


@given(arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=6), elements=finite))
def test_activations_finite_and_shaped(x):
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        for name in ("step", "sigmoid", "relu", "tanh", "identity"):
            y = F.ACTIVATIONS[name](x)
            assert y.shape == x.shape and np.all(np.isfinite(y)), name
        s = F.sigmoid(x)
        assert np.all((s >= 0) & (s <= 1))
        for name, grad in F.ACTIVATION_GRADS.items():
            assert np.all(np.isfinite(grad(x))), name
    assert np.array_equal(F.relu(x), np.where(x > 0, x, 0))


@given(arrays(np.float64, array_shapes(min_dims=1, max_dims=2, max_side=8), elements=finite))
def test_softmax_is_a_distribution(x):
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        y = F.softmax(x)
    assert y.shape == x.shape
    assert np.all(y >= 0)
    np.testing.assert_allclose(y.sum(axis=-1), 1.0, rtol=1e-12)
    # shift invariance (§3.5.2)
    np.testing.assert_allclose(F.softmax(x - 3.0), y, atol=1e-12)


@given(st.integers(1, 6), st.integers(2, 6), st.data())
def test_cross_entropy_labels_vs_one_hot(batch, classes, data):
    logits = data.draw(arrays(np.float64, (batch, classes), elements=moderate))
    labels = np.array(
        data.draw(st.lists(st.integers(0, classes - 1), min_size=batch, max_size=batch))
    )
    y = F.softmax(logits)
    a = F.cross_entropy_error(y, labels)
    b = F.cross_entropy_error(y, np.eye(classes)[labels])
    # -log(y + δ) dips just below 0 when y rounds to 1: the book's δ, kept on purpose
    assert np.isfinite(a) and a >= -1e-7 and a == pytest.approx(b)
    assert a <= -np.log(1e-7) + 1e-9  # δ bounds the loss


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(list(OPTIMIZERS)),
    st.integers(1, 5),
    arrays(np.float64, (3,), elements=moderate),
    arrays(np.float64, (3,), elements=moderate),
)
def test_optimizers_finite_and_in_place(name, steps, start, grad):
    opt = OPTIMIZERS[name]()
    params = {"x": start.copy()}
    ref = params["x"]
    for _ in range(steps):
        opt.update(params, {"x": grad.copy()})
    assert params["x"] is ref  # updated in place, as the book's optimizers do
    assert np.all(np.isfinite(params["x"]))
    if np.all(grad == 0) and name != "Nesterov":
        np.testing.assert_array_equal(params["x"], start)


layer_sizes = st.lists(st.integers(1, 5), min_size=2, max_size=4)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layer_sizes,
    st.sampled_from(["sigmoid", "relu", "tanh"]),
    st.integers(1, 4),
    st.integers(0, 2**16),
)
def test_backprop_agrees_with_numerical_gradient(sizes, hidden, batch, seed):
    if sizes[-1] < 2:
        sizes = [*sizes[:-1], 2]
    acts = [hidden] * (len(sizes) - 2) + ["softmax"]
    w, b = init_weights(sizes, "xavier", seed=seed)
    net = Network(sizes, acts, w, b)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, sizes[0]))
    t = rng.integers(0, sizes[-1], batch)
    if hidden == "relu":  # keep pre-activations away from the kink at 0
        trace = net.forward(x)
        if any(np.min(np.abs(a)) < 1e-3 for a in trace.a[:-1]):
            return
    # backprop differentiates -log(y); the loss is -log(y + δ): they differ by ~δ/y
    assume(net.predict(x)[np.arange(batch), t].min() > 1e-2)
    num = net.numerical_gradient(x, t)
    loss, grad = net.loss_and_gradient(x, t)
    assert np.isfinite(loss)
    for key in net.params:
        np.testing.assert_allclose(grad[key], num[key], atol=1e-5, rtol=1e-4)


@settings(max_examples=30, deadline=None)
@given(layer_sizes, st.data())
def test_forward_any_finite_input(sizes, data):
    acts = ["sigmoid"] * (len(sizes) - 2) + ["softmax"]
    w, b = init_weights(sizes, "he", seed=0)
    net = Network(sizes, acts, w, b)
    x = data.draw(arrays(np.float64, (3, sizes[0]), elements=finite))
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        y = net.predict(x)
    assert y.shape == (3, sizes[-1]) and np.all(np.isfinite(y))
    np.testing.assert_allclose(y.sum(axis=1), 1.0)
