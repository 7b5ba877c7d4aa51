"""engine.netgrad: the Network tab's backward pass on the book's §3.4.3 network equals
central differences, one parameter at a time, for both losses and a label or a vector."""

import numpy as np
import pytest

from engine import netgrad as NG
from engine.gradient import numerical_gradient
from engine.network import Network


def book_network(output="identity"):
    return Network(
        [2, 3, 2, 2],
        ["sigmoid", "sigmoid", output],
        [
            [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
            [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]],
            [[0.1, 0.3], [0.2, 0.4]],
        ],
        [[0.1, 0.2, 0.3], [0.1, 0.2], [0.1, 0.2]],
    )


X = np.array([1.0, 0.5])


@pytest.mark.parametrize("kind", ["sse", "ce"])
@pytest.mark.parametrize("t", [1, [0.0, 1.0], [0.3, -0.2]])
@pytest.mark.parametrize("output", ["identity", "sigmoid", "softmax"])
def test_gradients_equal_finite_differences(kind, t, output):
    net = book_network(output)
    if kind == "ce" and np.ndim(t) and min(t) < 0:
        pytest.skip("cross-entropy needs a probability target")
    result = NG.backward(net, X, t, kind)
    assert result.loss == pytest.approx(NG.loss(net, X, t, kind))
    for key, p in net.params.items():
        num = numerical_gradient(lambda _: NG.loss(net, X, t, kind), p)
        np.testing.assert_allclose(result.grads[key], num, atol=1e-6)
    # δ of the last layer: y − t for both pairs softmax/cross-entropy, identity/squares
    if kind == "ce" or output == "identity":
        np.testing.assert_allclose(result.deltas[-1], result.y - result.t, atol=1e-6)
    # ∂L/∂b is δ for one sample
    for i, d in enumerate(result.deltas):
        np.testing.assert_allclose(result.grads[f"b{i + 1}"], d)


def test_book_network_forward_value_and_numerical_entry():
    net = book_network()
    result = NG.backward(net, X, [0.0, 1.0], "sse")
    np.testing.assert_allclose(result.y, [0.3168270764110298, 0.6962790898619668])
    assert result.loss == pytest.approx(0.5 * (0.3168270764110298**2 + 0.3037209101380332**2))
    for key, index in (("W1", (1, 2)), ("b2", (0,)), ("W3", (0, 1))):
        num = NG.numerical(net, X, [0.0, 1.0], "sse", key, index)
        assert num == pytest.approx(result.grads[key][index], abs=1e-9)


def test_sgd_step_lowers_the_loss_and_leaves_the_network():
    net = book_network()
    before = [w.copy() for w in net.weights]
    result = NG.backward(net, X, 0, "ce")
    stepped = NG.sgd_step(net, result.grads, 0.5)
    assert NG.loss(stepped, X, 0, "ce") < result.loss
    for w, b in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, b)


def test_refusals():
    with pytest.raises(ValueError, match="step"):
        NG.backward(Network([2, 2, 2], ["step", "identity"]), X, 0)
    with pytest.raises(ValueError, match="0 to 1"):
        NG.target_vector(2, 2)
    with pytest.raises(ValueError, match="3 values"):
        NG.target_vector([1, 0, 0], 2)
    with pytest.raises(ValueError, match="loss"):
        NG.backward(book_network(), X, 0, "hinge")
