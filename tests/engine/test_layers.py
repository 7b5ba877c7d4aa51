"""engine.layers against the book's printed numbers, its code run on seeded inputs (values
written down here), finite differences and the fused backprop of engine.network."""

import numpy as np
import pytest

from engine import layers as L
from engine.gradient import numerical_gradient
from engine.network import Network
from engine.network import TwoLayerNet as FusedTwoLayerNet

# the book's common/layers.py run on these inputs (its ch. 5 code, numbers written down)
X = np.array([[-0.8, -1.32, -0.25], [0.42, 1.14, 0.11]])
W = np.array([[-0.55, -0.78], [0.75, 1.63], [0.27, -1.23]])
B = np.array([0.1, -0.2])
D = np.arange(6, dtype=float).reshape(2, 3)


def test_buying_apples_fig_5_16_and_5_17():
    # ch05/buy_apple.py: price 220, dApple 2.2, dApple_num 110, dTax 200
    mul_apple, mul_tax = L.MulLayer(), L.MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    assert price == pytest.approx(220)
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dnum = mul_apple.backward(dapple_price)
    assert (dapple, dnum, dtax) == pytest.approx((2.2, 110, 200))
    assert dapple_price == pytest.approx(1.1)


def test_apples_and_oranges_fig_5_17():
    # ch05/buy_apple_orange.py: 715; 2.2, 110, 3.3, 165, 650
    ma, mo, add, mt = L.MulLayer(), L.MulLayer(), L.AddLayer(), L.MulLayer()
    price = mt.forward(add.forward(ma.forward(100, 2), mo.forward(150, 3)), 1.1)
    assert price == pytest.approx(715)
    dall, dtax = mt.backward(1)
    da, do = add.backward(dall)
    dapple, dapple_num = ma.backward(da)
    dorange, dorange_num = mo.backward(do)
    assert (dapple, dapple_num, dorange, dorange_num, dtax) == pytest.approx(
        (2.2, 110, 3.3, 165, 650)
    )


def test_relu_book_values_and_no_mutation():
    relu = L.Relu()
    x = X.copy()
    out = relu.forward(x)
    np.testing.assert_array_equal(out, [[0, 0, 0], [0.42, 1.14, 0.11]])
    d = D.copy()
    dx = relu.backward(d)
    np.testing.assert_array_equal(dx, [[0, 0, 0], [3, 4, 5]])
    # the book's Relu.backward writes the zeros into dout; ours leaves it as it was
    np.testing.assert_array_equal(d, D)
    np.testing.assert_array_equal(x, X)


def test_relu_gradient_at_zero_is_zero_the_books_relu_grad_says_one():
    relu = L.Relu()
    relu.forward(np.array([-1.0, 0.0, 1.0]))
    np.testing.assert_array_equal(relu.backward(np.ones(3)), [0, 0, 1])
    # the book's common.functions.relu_grad([-1, 0, 1]) gives [0, 1, 1] (x >= 0): the
    # quirk documented in engine.layers; the layer's 0 at 0 is the book's layer's value


def test_sigmoid_book_values():
    s = L.Sigmoid()
    out = s.forward(X)
    np.testing.assert_allclose(
        out,
        [
            [0.31002551887238755, 0.21081829347774714, 0.43782349911420193],
            [0.6034832498647263, 0.7576796390037048, 0.5274723043445937],
        ],
        rtol=1e-15,
    )
    np.testing.assert_allclose(
        s.backward(D),
        [
            [0.0, 0.1663739406128776, 0.4922681654751967],
            [0.7178736509923039, 0.7344048145716815, 1.2462263624699903],
        ],
        rtol=1e-14,
    )


def test_affine_book_values():
    a = L.Affine(W, B)
    out = a.forward(X)
    np.testing.assert_allclose(out, [[-0.5175, -1.4201], [0.7537, 1.1953]], rtol=1e-13)
    dx = a.backward(np.array([[1.0, 2.0], [3.0, -1.0]]))
    np.testing.assert_allclose(dx, [[-2.11, 4.01, -2.19], [-0.87, 0.62, 2.04]], rtol=1e-13)
    np.testing.assert_allclose(a.dW, [[0.46, -2.02], [2.1, -3.78], [0.08, -0.61]], rtol=1e-13)
    np.testing.assert_allclose(a.db, [4.0, 1.0])
    assert a.grads["W"] is a.dW and a.params["W"] is a.W


def test_affine_flattens_any_rank_and_restores_the_shape():
    x4 = np.arange(24, dtype=float).reshape(2, 3, 2, 2) / 10
    w4 = (np.arange(24, dtype=float).reshape(12, 2) - 12) / 20
    a = L.Affine(w4, B)
    np.testing.assert_allclose(a.forward(x4), [[1.2, 1.23], [0.48, 1.23]], atol=1e-13)
    dx = a.backward(np.array([[1.0, 2.0], [3.0, -1.0]]))
    assert dx.shape == (2, 3, 2, 2)
    np.testing.assert_allclose(dx[1, 2], [[0.35, 0.55], [0.75, 0.95]], atol=1e-13)
    np.testing.assert_allclose(a.dW[5], [5.6, -0.7], atol=1e-13)


def test_affine_one_sample_fig_5_24():
    a = L.Affine(W, B)
    x = X[1]
    out = a.forward(x)
    assert out.shape == (2,)
    dx = a.backward(np.array([1.0, -2.0]))
    assert dx.shape == (3,) and a.dW.shape == W.shape and a.db.shape == (2,)
    np.testing.assert_allclose(dx, W @ [1.0, -2.0])
    np.testing.assert_allclose(a.dW, np.outer(x, [1.0, -2.0]))


def test_softmax_with_loss_book_values_one_hot_and_labels():
    t_onehot = np.array([[0, 0, 1.0], [0, 1.0, 0]])
    expected = [
        [0.15025060753319364, 0.08932707352348888, -0.23957768105668253],
        [0.13199995194499525, -0.22881491492080452, 0.09681496297580923],
    ]
    for t in (t_onehot, np.array([2, 1])):
        layer = L.SoftmaxWithLoss()
        assert layer.forward(X, t) == pytest.approx(0.6320548225250652, rel=1e-14)
        np.testing.assert_allclose(layer.backward(), expected, rtol=1e-13)


def test_softmax_with_loss_one_sample_divides_by_the_class_count_as_the_book():
    layer = L.SoftmaxWithLoss()
    x = np.array([0.3, 2.9, 4.0])
    assert layer.forward(x, np.array([0, 0, 1.0])) == pytest.approx(0.3057143290530003)
    dx = layer.backward()
    np.testing.assert_allclose(
        dx, [0.00607042443184918, 0.08173060431169131, -0.08780102874354045], rtol=1e-13
    )
    # that is (y − t)/3, not y − t: the book's t.shape[0] is the class count here
    np.testing.assert_allclose(dx * 3, layer.y - layer.t)
    # a batch of one row gives y − t (Appendix A)
    layer2 = L.SoftmaxWithLoss()
    layer2.forward(x[None, :], np.array([2]))
    np.testing.assert_allclose(layer2.backward(), (layer.y - layer.t)[None, :])


def test_softmax_with_loss_uses_dout_the_book_ignores_it():
    layer = L.SoftmaxWithLoss()
    layer.forward(X, np.array([2, 1]))
    np.testing.assert_allclose(layer.backward(2.0), 2 * layer.backward(1.0))


def _check_layer_by_finite_differences(layer, x, seed=0):
    rng = np.random.default_rng(seed)
    r = rng.standard_normal(layer.forward(x.copy()).shape)

    def f(_):
        return float(np.sum(layer.forward(x) * r))

    f(None)
    dx = layer.backward(r)
    np.testing.assert_allclose(dx, numerical_gradient(f, x), atol=1e-8)
    for key, p in layer.params.items():
        f(None)
        layer.backward(r)
        analytic = layer.grads[key].copy()
        np.testing.assert_allclose(analytic, numerical_gradient(f, p), atol=1e-8)


@pytest.mark.parametrize("make", [L.Relu, L.Sigmoid, L.Tanh])
def test_activation_layers_match_finite_differences(make):
    x = np.random.default_rng(1).standard_normal((4, 5))
    x[np.abs(x) < 1e-3] = 0.5  # ReLU's kink is not differentiable
    _check_layer_by_finite_differences(make(), x)


def test_affine_matches_finite_differences_rank_4():
    rng = np.random.default_rng(2)
    layer = L.Affine(rng.standard_normal((12, 3)), rng.standard_normal(3))
    _check_layer_by_finite_differences(layer, rng.standard_normal((2, 3, 2, 2)))


@pytest.mark.parametrize("last", [L.SoftmaxWithLoss, L.IdentityWithLoss])
def test_loss_layers_match_finite_differences(last):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 3))
    t = np.eye(3)[[0, 2, 1, 1]]
    layer = last()
    layer.forward(x, t)
    dx = layer.backward()
    # y − t ignores the δ = 1e-7 inside the log: a difference of order δ/y remains
    np.testing.assert_allclose(dx, numerical_gradient(lambda _: layer.forward(x, t), x), atol=2e-6)


def _book_two_layer_net():
    net = L.TwoLayerNet(4, 5, 3)
    rng = np.random.default_rng(7)
    net.params["W1"][...] = rng.standard_normal((4, 5)) * 0.5
    net.params["b1"][...] = rng.standard_normal(5) * 0.1
    net.params["W2"][...] = rng.standard_normal((5, 3)) * 0.5
    net.params["b2"][...] = rng.standard_normal(3) * 0.1
    return net, rng.standard_normal((6, 4)), rng.integers(0, 3, 6)


def test_two_layer_net_book_values():
    # the book's ch05/two_layer_net.py with these parameters and data
    net, x, t = _book_two_layer_net()
    np.testing.assert_array_equal(t, [1, 2, 2, 0, 0, 2])
    assert list(net.params) == ["W1", "b1", "W2", "b2"]
    assert list(net.layers) == ["Affine1", "Relu1", "Affine2"]
    assert net.loss(x, t) == pytest.approx(1.0480808899261997, rel=1e-14)
    g = net.gradient(x, t)
    book = {
        "W1": ([-0.00204246817343331, -0.112278867934117, 0.00259813091512488,
                0.01211704453753277], -0.1336647322453886),
        "b1": ([-0.10052757674687868, 0.09362120147782863, 0.01013449403924808,
                -0.04119747194468095], -0.0653244305998836),
        "W2": ([0.04618785531840675, 0.06092197682648975, -0.10710983214489649,
                0.00243173449415692], 0.0),
        "b2": ([0.09944268460509952, 0.0855592633870382, -0.18500194799213776], 0.0),
    }  # fmt: skip
    for key, (first, total) in book.items():
        np.testing.assert_allclose(g[key].ravel()[: len(first)], first, rtol=1e-12)
        assert g[key].sum() == pytest.approx(total, abs=1e-15)


def test_multi_layer_net_sigmoid_weight_decay_book_values():
    # the book's common/multi_layer_net.py, sigmoid, weight_decay_lambda = 0.1
    net = L.MultiLayerNet(4, [5, 4], 3, activation="sigmoid", weight_decay_lambda=0.1)
    rng = np.random.default_rng(8)
    for p in net.params.values():
        p[...] = rng.standard_normal(p.shape) * 0.5
    x, t = rng.standard_normal((6, 4)), rng.integers(0, 3, 6)
    assert net.loss(x, t) == pytest.approx(2.0878979742674613, rel=1e-14)
    g = net.gradient(x, t)
    book = {
        "W1": [-0.08168380495441332, -0.07969790705650599, -0.06720007683527383],
        "b1": [0.00308009804595233, -0.01552746166385028, 0.00548324202194672],
        "W2": [-0.00799116654155714, 0.01640045221042041, 0.03453425327859758],
        "b3": [-0.170264162642378, -0.03307868160035826, 0.2033428442427363],
        "W3": [-0.0886609676868325, -0.06995477708434904, 0.09767561111018465],
    }
    for key, first in book.items():
        np.testing.assert_allclose(g[key].ravel()[:3], first, rtol=1e-12)
    num = net.numerical_gradient(x, t)
    for key in g:  # up to the δ = 1e-7 inside the log, which y − t leaves out
        np.testing.assert_allclose(g[key], num[key], atol=1e-6)


@pytest.mark.parametrize("hidden", [[10], [8, 6]])
def test_layered_equals_fused_backprop_to_1e_12(hidden):
    rng = np.random.default_rng(4)
    x = rng.standard_normal((20, 7))
    t = rng.integers(0, 4, 20)
    layered = L.MultiLayerNet(7, hidden, 4, weight_init_std=0.5, seed=11)
    sizes = [7, *hidden, 4]
    fused = Network(sizes, ["relu"] * len(hidden) + ["softmax"], *zip(*[
        (layered.params[f"W{i}"], layered.params[f"b{i}"]) for i in range(1, len(sizes))
    ], strict=True))  # fmt: skip
    loss_l, g_l = layered.loss_and_gradient(x, t)
    loss_f, g_f = fused.loss_and_gradient(x, t)
    assert loss_l == pytest.approx(loss_f, abs=1e-12)
    assert list(g_l) == list(g_f)
    for key in g_f:
        np.testing.assert_allclose(g_l[key], g_f[key], rtol=0, atol=1e-12)


def test_two_layer_net_same_seed_same_weights_as_engine_network():
    a = L.TwoLayerNet(6, 5, 3, weight_init_std=0.3, seed=9)
    b = FusedTwoLayerNet(6, 5, 3, weight_init_std=0.3, seed=9)
    x = np.random.default_rng(0).standard_normal((5, 6))
    t = np.eye(3)[[0, 1, 2, 1, 0]]
    for key in b.params:
        np.testing.assert_array_equal(a.params[key], b.params[key])
    ga, gb = a.gradient(x, t), b.gradient(x, t)
    for key in gb:
        np.testing.assert_allclose(ga[key], gb[key], rtol=0, atol=1e-12)


def test_from_network_shares_arrays_and_matches_finite_differences():
    # the book's §3.4.3 network, with a target, identity output and ½Σ(y − t)²
    W1 = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]
    W2 = [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]
    W3 = [[0.1, 0.3], [0.2, 0.4]]
    net = Network(
        [2, 3, 2, 2],
        ["sigmoid", "sigmoid", "identity"],
        [W1, W2, W3],
        [[0.1, 0.2, 0.3], [0.1, 0.2], [0.1, 0.2]],
    )
    layered = L.from_network(net)
    x, t = np.array([1.0, 0.5]), np.array([0.0, 1.0])
    np.testing.assert_allclose(layered.predict(x), [0.3168270764110298, 0.6962790898619668])
    loss, g = layered.loss_and_gradient(x, t)
    assert loss == pytest.approx(net.loss(x, t))
    fused = net.gradient(x, t)
    for key, p in net.params.items():
        assert layered.params[key] is p
        num = numerical_gradient(lambda _: net.loss(x, t), p)
        np.testing.assert_allclose(g[key], num, atol=1e-9)
        np.testing.assert_allclose(g[key], fused[key], atol=1e-12)
    assert set(layered.douts) == {"Affine1", "Sigmoid1", "Affine2", "Sigmoid2", "Affine3"}
    np.testing.assert_allclose(layered.douts["Affine3"], layered.predict(x) - t)


def test_from_network_refuses_step():
    net = Network([2, 2, 1], ["step", "identity"])
    with pytest.raises(ValueError, match="step"):
        L.from_network(net)


def test_train_flag_reaches_every_layer():
    seen = []

    class Spy(L.Layer):
        def forward(self, x):
            seen.append(self.train)
            return x

        def backward(self, dout):
            return dout

    net = L.LayerNet([L.Affine(np.eye(2), np.zeros(2)), Spy()], L.SoftmaxWithLoss())
    net.predict(np.ones((1, 2)))
    net.gradient(np.ones((1, 2)), np.array([1]))
    assert seen == [False, True]
    assert list(net.layers) == ["Affine1", "Spy1"]


def test_param_keys_count_each_local_name():
    class Norm(L.Layer):
        def __init__(self):
            super().__init__()
            self.params = {"gamma": np.ones(2), "beta": np.zeros(2)}

    net = L.LayerNet(
        [L.Affine(np.eye(2), np.zeros(2)), Norm(), L.Relu(), L.Affine(np.eye(2), np.zeros(2))],
        L.SoftmaxWithLoss(),
    )
    assert list(net.params) == ["W1", "b1", "gamma1", "beta1", "W2", "b2"]


def test_sgd_on_params_updates_the_layers():
    from engine.optimizers import SGD

    net, x, t = _book_two_layer_net()
    before = net.loss(x, t)
    SGD(lr=0.5).update(net.params, net.gradient(x, t))
    assert net.loss(x, t) < before
