"""Batch Normalization, Dropout and weight decay (§6.3–6.4) against the book's layers,
closed-form formulas and finite differences."""

import numpy as np
import pytest

from engine.gradient import numerical_gradient
from engine.network import Network, init_weights
from engine.regnet import RegularizedNet
from engine.regularization import (
    BatchNormalization,
    Dropout,
    add_weight_decay,
    weight_decay_loss,
)

# The book's common/layers.py BatchNormalization on x = RandomState(3).randn(4, 3)·2 + 1,
# dout = the next randn(4, 3), γ = [1, .5, 2], β = [0, .1, −.3] (values printed by it).
X = np.array(
    [
        [4.577256946860637, 1.8730197010239789, 1.1929949361440173],
        [-2.7269854067289816, 0.4452235949712019, 0.2904820414620265],
        [0.8345170370350805, -0.2540013536476946, 0.9123636620481436],
        [0.04556393928099467, -1.6277295067253643, 2.769244760999169],
    ]
)
DOUT = np.array(
    [
        [0.8813180422075299, 1.7095730636529485, 0.05003364217686021],
        [-0.40467741460089085, -0.5453599476195304, -1.5464773155829683],
        [0.9823674342581601, -1.1010676301114757, -1.1850465270201729],
        [-0.20564989942254108, 1.4861483550745902, 0.23671626722691233],
    ]
)
GAMMA, BETA = np.array([1.0, 0.5, 2.0]), np.array([0.0, 0.1, -0.3])
BOOK_Y = [
    [1.4929193311081637, 0.7987249170151213, -0.515123032102806],
    [-1.3069707543025677, 0.23313646465560303, -2.4906866742367053],
    [0.05823796944145062, -0.043845350089524976, -1.1294133599378124],
    [-0.24418654624704647, -0.5880160315811994, 2.935223066277324],
]
BOOK_DX = [
    [-0.06155831016628435, 0.4524228078600594, 1.5982564724559263],
    [-0.03074010196685567, -0.3830572773621876, -0.5110540164468425],
    [0.24555984572093523, -0.5749018474758132, -0.6745052130589506],
    [-0.15326143358779523, 0.5055363169779413, -0.4126972429501332],
]
BOOK_DGAMMA = [1.9520663111688066, 0.5156071335352914, 2.5629036039993696]
BOOK_DBETA = [1.253358162442258, 1.5492938409965327, -2.4447739331993685]
BOOK_RUNNING = (
    [0.06825881291119325, 0.010912810890553046, 0.12912713501633388],
    [0.6805629776935821, 0.15932027770122761, 0.08348034833034616],
)
BOOK_RUNNING2 = (
    [0.03479145292266417, 0.002084408254458908, 0.03451461505845761],
    [0.6559441845330916, 0.28405267940669693, 0.2044750211802423],
)
BOOK_Y_TEST = [
    [5.6086438471448545, 1.8552078890017434, 4.823862462582263],
    [-3.410003402721226, 0.5157286462321607, 0.832122716218475],
    [0.987432041635158, -0.14024548111779814, 3.582653591792749],
    [0.013300935232800971, -1.4290011644084188, 11.795484821828786],
]


def test_batchnorm_matches_the_books_layer():
    bn = BatchNormalization(GAMMA.copy(), BETA.copy())
    np.testing.assert_allclose(bn.forward(X, train=True), BOOK_Y, rtol=1e-13)
    np.testing.assert_allclose(bn.backward(DOUT), BOOK_DX, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(bn.grads["gamma"], BOOK_DGAMMA, rtol=1e-13)
    np.testing.assert_allclose(bn.grads["beta"], BOOK_DBETA, rtol=1e-13)
    np.testing.assert_allclose(bn.running_mean, BOOK_RUNNING[0], rtol=1e-13)
    np.testing.assert_allclose(bn.running_var, BOOK_RUNNING[1], rtol=1e-13)
    rs = np.random.RandomState(3)
    np.testing.assert_array_equal(rs.randn(4, 3) * 2 + 1, X)
    np.testing.assert_array_equal(rs.randn(4, 3), DOUT)
    bn.forward(rs.randn(4, 3), train=True)  # a second batch moves the running statistics
    np.testing.assert_allclose(bn.running_mean, BOOK_RUNNING2[0], rtol=1e-12)
    np.testing.assert_allclose(bn.running_var, BOOK_RUNNING2[1], rtol=1e-12)
    np.testing.assert_allclose(bn.forward(X, train=False), BOOK_Y_TEST, rtol=1e-12)


def test_batchnorm_normalises_and_its_backward_has_the_closed_form():
    bn = BatchNormalization(np.ones(3), np.zeros(3))
    y = bn.forward(X)
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=0), X.var(axis=0) / (X.var(axis=0) + 1e-6), rtol=1e-12)
    bn = BatchNormalization(GAMMA.copy(), BETA.copy())
    bn.forward(X)
    dx = bn.backward(DOUT)
    n = len(X)
    std = np.sqrt(X.var(axis=0) + 1e-6)
    xn = (X - X.mean(axis=0)) / std
    closed = GAMMA / (n * std) * (n * DOUT - DOUT.sum(0) - xn * (DOUT * xn).sum(0))
    np.testing.assert_allclose(dx, closed, rtol=1e-10, atol=1e-14)


def test_batchnorm_running_statistics_use_momentum_0_9():
    bn = BatchNormalization(np.ones(3), np.zeros(3))
    x2 = X[::-1] * 0.5 + 3
    bn.forward(X)
    bn.forward(x2)
    expected_mean = 0.9 * (0.1 * X.mean(0)) + 0.1 * x2.mean(0)
    expected_var = 0.9 * (0.1 * X.var(0)) + 0.1 * x2.var(0)
    np.testing.assert_allclose(bn.running_mean, expected_mean, rtol=1e-13)
    np.testing.assert_allclose(bn.running_var, expected_var, rtol=1e-13)


def test_batchnorm_gradient_check_on_its_own():
    bn = BatchNormalization(GAMMA.copy(), BETA.copy())
    x = X.copy()
    loss = lambda _p: float(np.sum(bn.forward(x) * DOUT))  # noqa: E731
    bn.forward(x)
    dx = bn.backward(DOUT)
    np.testing.assert_allclose(numerical_gradient(loss, x), dx, atol=1e-7)
    for key in ("gamma", "beta"):
        np.testing.assert_allclose(
            numerical_gradient(loss, bn.params[key]), bn.grads[key], atol=1e-7
        )


def test_dropout_is_the_books_form():
    x = np.arange(1.0, 13.0).reshape(3, 4)
    layer = Dropout(0.3, np.random.RandomState(42))
    np.random.seed(42)
    book_mask = np.random.rand(3, 4) > 0.3  # what the book's layer draws after seed(42)
    np.testing.assert_array_equal(layer.forward(x, train=True), x * book_mask)
    np.testing.assert_array_equal(layer.backward(np.ones_like(x)), book_mask.astype(float))
    np.testing.assert_allclose(layer.forward(x, train=False), x * 0.7)
    with pytest.raises(ValueError):
        Dropout(1.0)


def test_dropout_erases_about_ratio_of_the_units():
    layer = Dropout(0.2, np.random.default_rng(0))
    kept = layer.forward(np.ones((1000, 100)), train=True)
    assert kept.mean() == pytest.approx(0.8, abs=0.01)


def test_weight_decay_acts_on_weights_only():
    params = {
        "W1": np.array([[1.0, -2.0]]),
        "b1": np.array([5.0, 5.0]),
        "W2": np.array([[3.0], [0.5]]),
        "gamma1": np.array([4.0, 4.0]),
    }
    assert weight_decay_loss(params, 0.1) == pytest.approx(0.5 * 0.1 * (1 + 4 + 9 + 0.25))
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    before = grads["W1"]
    add_weight_decay(grads, params, 0.1)
    np.testing.assert_allclose(grads["W1"], 0.1 * params["W1"])
    np.testing.assert_allclose(grads["W2"], 0.1 * params["W2"])
    assert not grads["b1"].any() and not grads["gamma1"].any()
    assert not before.any()  # the caller's array is untouched


def test_a_plain_regularized_net_computes_what_the_fused_network_computes():
    sizes = [6, 5, 4, 3]
    w, b = init_weights(sizes, "he", seed=3)
    rng = np.random.default_rng(1)
    x, t = rng.standard_normal((8, 6)), rng.integers(0, 3, 8)
    fused = Network(sizes, ["relu", "relu", "softmax"], w, b)
    layered = RegularizedNet(sizes, "relu", weights=w, biases=b)
    loss_a, grads_a = fused.loss_and_gradient(x, t)
    loss_b, grads_b = layered.loss_and_gradient(x, t)
    assert loss_b == pytest.approx(loss_a, rel=1e-12)
    for key in grads_a:
        np.testing.assert_allclose(grads_b[key], grads_a[key], rtol=1e-10, atol=1e-14)
    # and weight decay adds exactly ½λΣW² and λW
    decayed = RegularizedNet(sizes, "relu", weights=w, biases=b, weight_decay=0.3)
    loss_c, grads_c = decayed.loss_and_gradient(x, t)
    assert loss_c == pytest.approx(loss_a + 0.15 * sum(np.sum(m**2) for m in w), rel=1e-12)
    np.testing.assert_allclose(grads_c["W2"], grads_a["W2"] + 0.3 * w[1], rtol=1e-10)
    np.testing.assert_allclose(grads_c["b2"], grads_a["b2"], rtol=1e-10)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize(
    "options",
    [
        dict(batchnorm=True),
        dict(weight_decay=0.1),
        dict(dropout=0.3),
        dict(batchnorm=[True, False], dropout=[0.0, 0.5], weight_decay=0.05),
    ],
    ids=["bn", "decay", "dropout", "all"],
)
def test_gradient_check_numerical_equals_backprop(activation, options):
    rng = np.random.default_rng(2)
    x, t = rng.standard_normal((6, 5)), rng.integers(0, 3, 6)
    net = RegularizedNet([5, 4, 4, 3], activation, init="xavier", seed=4, **options)
    numerical, backprop = net.gradient_check_pair(x, t)
    assert set(numerical) == set(backprop) == set(net.params)
    if net.batchnorm[0]:
        assert "gamma1" in net.params and "beta1" in net.params
    for key in backprop:
        np.testing.assert_allclose(numerical[key], backprop[key], atol=1e-6, rtol=1e-4, err_msg=key)


def test_the_book_multilayer_net_extend_loss_on_a_seeded_example():
    """The book's MultiLayerNetExtend (use_batchnorm, weight_decay_lambda=0.1) after
    np.random.seed(0) gives this loss and these gradients for this batch (printed by it)."""
    np.random.seed(0)
    sizes = [4, 3, 2]
    w = [
        np.sqrt(2.0 / sizes[0]) * np.random.randn(4, 3),
        np.sqrt(2.0 / sizes[1]) * np.random.randn(3, 2),
    ]
    b = [np.zeros(3), np.zeros(2)]
    x = np.random.randn(5, 4)
    t = np.array([0, 1, 1, 0, 1])
    net = RegularizedNet(sizes, "relu", batchnorm=True, weight_decay=0.1, weights=w, biases=b)
    loss, grads = net.loss_and_gradient(x, t)
    assert loss == pytest.approx(BOOK_EXTEND_LOSS, rel=1e-12)
    np.testing.assert_allclose(grads["W1"], BOOK_EXTEND_GW1, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(grads["gamma1"], BOOK_EXTEND_GGAMMA, rtol=1e-10, atol=1e-14)


BOOK_EXTEND_LOSS = 1.5011688692471488
BOOK_EXTEND_GW1 = [
    [0.11934967113928131, 0.011720081440037493, -0.02078815574717864],
    [0.14178033678716556, 0.1338541808962249, 0.05777708089787348],
    [0.07943370278994075, 0.061703511728264694, 0.4458926441798022],
    [0.11483474741219672, 0.10900445893178434, 0.2808308192774216],
]
BOOK_EXTEND_GGAMMA = [0.16242885801550383, -0.00029160740260337527, 0.22792525207570702]
