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


# -- wrong shapes and bad labels: ValueError, never IndexError or a silent wrap -----------
@settings(max_examples=40, deadline=None)
@given(layer_sizes, st.integers(1, 4), st.integers(1, 7), st.data())
def test_wrong_input_width_raises_value_error(sizes, batch, width, data):
    assume(width != sizes[0])
    acts = ["sigmoid"] * (len(sizes) - 2) + ["softmax"]
    net = Network(sizes, acts, *init_weights(sizes, "he", seed=0))
    x = data.draw(arrays(np.float64, (batch, width), elements=moderate))
    for call in (net.predict, net.forward):
        with pytest.raises(ValueError, match="values, the network takes"):
            call(x)
    with pytest.raises(ValueError):
        net.predict(1.0)  # one number is not an input vector


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=3),
    st.integers(2, 5),
    st.integers(1, 5),
    st.sampled_from(["softmax", "identity"]),
    st.data(),
)
def test_bad_labels_raise_value_error(hidden, classes, batch, output, data):
    sizes = [2, *hidden, classes]
    acts = ["relu"] * len(hidden) + [output]
    net = Network(sizes, acts, *init_weights(sizes, "he", seed=1))
    x = np.ones((batch, 2))
    bad = data.draw(
        st.one_of(
            st.integers(classes, 10**6),  # past the last class
            st.integers(-(10**6), -1),  # negative: would wrap to the last classes
            st.floats(0.01, classes - 0.01).filter(lambda v: v != int(v)),  # not whole
            st.sampled_from([float("nan"), float("inf")]),
        )
    )
    labels = np.zeros(batch)
    labels[data.draw(st.integers(0, batch - 1))] = bad
    for call in (net.loss, net.gradient, net.loss_and_gradient, net.numerical_gradient):
        with pytest.raises(ValueError, match="labels"):
            call(x, labels)
    with pytest.raises(ValueError, match="labels"):
        F.cross_entropy_error(F.softmax(np.ones((batch, classes))), labels)
    wrong_count = np.zeros(batch + 1, dtype=int)
    if wrong_count.size != batch * classes:  # that many would read as one-hot rows
        with pytest.raises(ValueError, match="labels for"):
            net.loss(x, wrong_count)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=4), st.data())
def test_weights_of_the_wrong_shape_raise_value_error(sizes, data):
    acts = ["sigmoid"] * (len(sizes) - 2) + ["identity"]
    w, b = init_weights(sizes, "std", seed=2)
    k = data.draw(st.integers(0, len(w) - 1))
    grow = data.draw(st.sampled_from(["W-rows", "W-cols", "b", "drop"]))
    if grow == "W-rows":
        w[k] = np.ones((w[k].shape[0] + 1, w[k].shape[1]))
    elif grow == "W-cols":
        w[k] = np.ones((w[k].shape[0], w[k].shape[1] + 1))
    elif grow == "b":
        b[k] = np.ones(b[k].shape[0] + 1)
    else:
        w.pop(k)
    with pytest.raises(ValueError):
        Network(sizes, acts, w, b)


# -- float32 networks: finite, float32 all the way, and the same gradient as float64 --------
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer_sizes, st.sampled_from(["sigmoid", "relu", "tanh"]), st.integers(0, 2**16))
def test_float32_network_matches_float64(sizes, hidden, seed):
    if sizes[-1] < 2:
        sizes = [*sizes[:-1], 2]
    acts = [hidden] * (len(sizes) - 2) + ["softmax"]
    w, b = init_weights(sizes, "xavier", seed=seed)
    net64 = Network(sizes, acts, w, b)
    net32 = Network(sizes, acts, w, b, dtype=np.float32)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((4, sizes[0]))
    t = rng.integers(0, sizes[-1], 4)
    y32 = net32.predict(x)
    assert y32.dtype == np.float32 and np.all(np.isfinite(y32))
    np.testing.assert_allclose(y32.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(y32, net64.predict(x), atol=1e-5)
    loss32, grad32 = net32.loss_and_gradient(x, t)
    loss64, grad64 = net64.loss_and_gradient(x, t)
    assert np.isfinite(loss32) and loss32 == pytest.approx(loss64, rel=1e-4, abs=1e-5)
    for key in net64.params:
        assert grad32[key].dtype == np.float32, key
        np.testing.assert_allclose(grad32[key], grad64[key], atol=1e-4, rtol=1e-3)


@settings(max_examples=30, deadline=None)
@given(layer_sizes, st.data())
def test_float32_forward_survives_any_finite_input(sizes, data):
    acts = ["tanh"] * (len(sizes) - 2) + ["softmax"]
    net = Network(sizes, acts, *init_weights(sizes, "he", seed=3), dtype=np.float32)
    x = data.draw(arrays(np.float64, (2, sizes[0]), elements=finite))  # up to 1e6
    with np.errstate(over="ignore", under="ignore"):
        y = net.predict(x)
    assert y.dtype == np.float32 and np.all(np.isfinite(y))
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-5)


big = st.floats(-1e150, 1e150, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(list(OPTIMIZERS)),
    st.integers(1, 6),
    arrays(np.float64, array_shapes(min_dims=1, max_dims=2, max_side=4), elements=finite),
    st.data(),
)
def test_optimizers_stay_finite_for_huge_finite_gradients(name, steps, start, data):
    """Gradients up to 1e150 (g² still fits a float64): no NaN or inf in the parameters.

    Beyond ~1e154, g² overflows: Adam's v becomes inf, then inf − inf = NaN on the next
    step (the book's formula in float64); the Descent and Training tabs stop on NaN.
    """
    opt = OPTIMIZERS[name]()
    params = {"W": start.copy()}
    for _ in range(steps):
        grad = data.draw(arrays(np.float64, start.shape, elements=big))
        opt.update(params, {"W": grad})
    assert params["W"].shape == start.shape
    assert np.all(np.isfinite(params["W"])), params["W"]
