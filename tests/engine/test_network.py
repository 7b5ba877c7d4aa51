import numpy as np
import pytest

from engine.network import Network, TwoLayerNet, init_weights

BOOK_W = [
    [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
    [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]],
    [[0.1, 0.3], [0.2, 0.4]],
]
BOOK_B = [[0.1, 0.2, 0.3], [0.1, 0.2], [0.1, 0.2]]


def book_network():
    return Network([2, 3, 2, 2], ["sigmoid", "sigmoid", "identity"], BOOK_W, BOOK_B)


def test_book_three_layer_forward():
    net = book_network()
    y = net.predict([1.0, 0.5])
    assert y.tolist() == [0.3168270764110298, 0.6962790898619668]
    trace = net.forward(np.array([1.0, 0.5]))
    # book §3.4.2: A1 = [0.3, 0.7, 1.1], Z1 = [0.57444252, 0.66818777, 0.75026011]
    np.testing.assert_allclose(trace.a[0], [0.3, 0.7, 1.1])
    np.testing.assert_allclose(trace.z[0], [0.57444252, 0.66818777, 0.75026011], atol=1e-8)
    assert len(trace.a) == 3 and len(trace.z) == 2
    # batch gives the same rows
    batch = net.predict(np.array([[1.0, 0.5], [1.0, 0.5]]))
    assert batch.shape == (2, 2)
    np.testing.assert_array_equal(batch[1], y)


def test_study_notes_network_is_computed_right():
    # 2-3-2-2 from the study notes with x = [1.0, 2.0]
    W = [
        [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
        [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]],
        [[0.1, 0.5], [0.6, 0.8]],
    ]
    b = [[-0.3, -0.5, -0.8], [0.2, 0.6], [-0.3, -0.2]]
    net = Network([2, 3, 2, 2], ["sigmoid", "sigmoid", "identity"], W, b)
    x = np.array([1.0, 2.0])
    z1 = 1 / (1 + np.exp(-(x @ np.array(W[0]) + b[0])))
    z2 = 1 / (1 + np.exp(-(z1 @ np.array(W[1]) + b[1])))
    y = z2 @ np.array(W[2]) + b[2]
    np.testing.assert_allclose(net.predict(x), y, rtol=1e-15)


def test_shape_errors():
    with pytest.raises(ValueError, match="W1"):
        Network([2, 3], ["identity"], [np.zeros((3, 2))])
    with pytest.raises(ValueError, match="activations"):
        Network([2, 3, 1], ["relu"])
    with pytest.raises(ValueError, match="input"):
        book_network().predict([1.0, 2.0, 3.0])
    with pytest.raises(ValueError):
        Network([2, 2], ["relu_typo"])


def test_params_share_memory():
    net = book_network()
    net.params["W1"][0, 0] = 9.0
    assert net.weights[0][0, 0] == 9.0


@pytest.mark.parametrize(
    "acts", [["relu", "softmax"], ["sigmoid", "softmax"], ["tanh", "identity"]]
)
def test_backprop_matches_numerical_gradient(acts):
    rng = np.random.default_rng(0)
    w, b = init_weights([4, 5, 3], "xavier", seed=1)
    b = [rng.standard_normal(bb.shape) * 0.1 for bb in b]
    net = Network([4, 5, 3], acts, w, b)
    x = rng.standard_normal((6, 4))
    t = rng.integers(0, 3, 6)
    num = net.numerical_gradient(x, t)
    loss, grad = net.loss_and_gradient(x, t)
    assert loss == pytest.approx(net.loss(x, t))
    for key in net.params:
        assert np.max(np.abs(num[key] - grad[key])) < 1e-6, key


def test_two_layer_net_book_shapes_and_gradient_check():
    net = TwoLayerNet(784, 100, 10, seed=0)
    assert {k: v.shape for k, v in net.params.items()} == {
        "W1": (784, 100),
        "b1": (100,),
        "W2": (100, 10),
        "b2": (10,),
    }
    small = TwoLayerNet(6, 4, 3, weight_init_std=0.5, seed=3)
    rng = np.random.default_rng(3)
    x = rng.random((5, 6))
    t = np.eye(3)[rng.integers(0, 3, 5)]
    num = small.numerical_gradient(x, t)
    bp = small.gradient(x, t)
    for key in small.params:
        # the δ = 1e-7 inside log() makes the two differ by ~δ/y
        assert np.mean(np.abs(num[key] - bp[key])) < 1e-6
    # untrained net: loss ~ log(10)
    big_x = rng.random((20, 784))
    assert net.loss(big_x, rng.integers(0, 10, 20)) == pytest.approx(np.log(10), abs=0.05)
    # accuracy is the share of rows whose largest output is the target (§4.5.2): read each
    # row's class one sample at a time, then pick targets of which exactly 7 of 20 agree
    predicted = np.array([int(np.argmax(net.predict(row))) for row in big_x])
    targets = (predicted + 1 + np.arange(20) % 9) % 10
    targets[:7] = predicted[:7]
    assert net.accuracy(big_x, targets) == 7 / 20
    assert net.accuracy(big_x, np.eye(10)[targets]) == 7 / 20  # one-hot targets
    assert net.accuracy(big_x, predicted) == 1.0
    assert net.accuracy(big_x, (predicted + 1) % 10) == 0.0


def test_training_with_sgd_learns_xor():
    from engine.optimizers import SGD

    w, b = init_weights([2, 8, 2], "he", seed=0)
    net = Network([2, 8, 2], ["relu", "softmax"], w, b)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    t = np.array([0, 1, 1, 0])
    opt = SGD(lr=0.5)
    for _ in range(2000):
        opt.update(net.params, net.gradient(x, t))
    assert net.accuracy(x, t) == 1.0
