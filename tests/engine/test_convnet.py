"""SimpleConvNet (book §7.5): the fused pass equals the layers, the gradient check, training."""

import numpy as np
import pytest

from engine.conv import Convolution, ConvShapeError, Pooling
from engine.convnet import LAYER_NAMES, SimpleConvNet
from engine.datasets import Dataset
from engine.functions import softmax
from engine.optimizers import Adam
from engine.training import TrainConfig, gradient_check, train


def layered_loss_and_gradient(net, x, t):
    """The book's layers one by one, forward then backward (an independent reference)."""
    p = net.params
    x = x.reshape(-1, *net.input_dim)
    conv = Convolution(p["W1"], p["b1"], net.stride, net.pad)
    pool = Pooling(2, 2, 2)
    a = conv.forward(x)
    r = np.maximum(a, 0)
    z = pool.forward(r)
    flat = z.reshape(len(z), -1)
    h = flat @ p["W2"] + p["b2"]
    hr = np.maximum(h, 0)
    y = softmax(hr @ p["W3"] + p["b3"])
    n = len(t)
    loss = -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
    dy = y.copy()
    dy[np.arange(n), t] -= 1
    dy /= n
    grads = {"W3": hr.T @ dy, "b3": dy.sum(0)}
    dh = (dy @ p["W3"].T) * (h > 0)
    grads.update(W2=flat.T @ dh, b2=dh.sum(0))
    dz = (dh @ p["W2"].T).reshape(z.shape)
    dr = pool.backward(dz)
    conv.backward(dr * (a > 0))
    grads.update(W1=conv.dW, b1=conv.db)
    return loss, grads


def big_net(dtype=np.float64, seed=0):
    net = SimpleConvNet(seed=seed, dtype=dtype, weight_init_std=0.1)
    return net


def test_shapes_are_the_books():
    net = SimpleConvNet()
    shapes = {k: v.shape for k, v in net.params.items()}
    assert shapes == {
        "W1": (30, 1, 5, 5),
        "b1": (30,),
        "W2": (4320, 100),
        "b2": (100,),
        "W3": (100, 10),
        "b3": (10,),
    }
    assert net.sizes == [784, 4320, 100, 10]
    assert all(v.dtype == np.float32 for v in net.params.values())
    with pytest.raises(ConvShapeError):
        SimpleConvNet(input_dim=(1, 27, 27))  # 23×23 cannot be pooled 2×2


def test_fused_pass_equals_the_layers():
    rng = np.random.default_rng(0)
    net = big_net()
    net.params["b1"][:] = rng.standard_normal(30) * 0.1
    x = rng.random((12, 784))
    x[:, :200] = 0  # blank rows: many pooling windows of equal values (ties)
    t = rng.integers(0, 10, 12)
    loss, grads = net.loss_and_gradient(x, t)
    ref_loss, ref = layered_loss_and_gradient(net, x, t)
    assert loss == pytest.approx(ref_loss, abs=1e-12)
    for key in net.params:
        np.testing.assert_allclose(grads[key], ref[key], atol=1e-12, err_msg=key)
    outs = net.layer_outputs(x)
    assert tuple(outs) == LAYER_NAMES
    np.testing.assert_allclose(outs["Affine2"], net.predict(x), atol=1e-12)
    assert outs["Conv1"].shape == (12, 30, 24, 24) and outs["Pool1"].shape == (12, 30, 12, 12)


def test_gradient_check_books_small_net():
    # ch07/gradient_check.py: input 1×10×10, 10 filters of 3×3, hidden 10, one image
    net = SimpleConvNet(
        input_dim=(1, 10, 10),
        filter_num=10,
        filter_size=3,
        hidden_size=10,
        output_size=10,
        weight_init_std=0.01,
        seed=3,
        dtype=np.float64,
    )
    x = np.random.default_rng(1).random(100).reshape(1, 1, 10, 10)
    t = np.array([1])
    num = net.numerical_gradient(x, t)
    back = net.gradient(x, t)
    # the book's script prints mean differences of 1e-11 … 1e-6 (its loss has the 1e-7 of
    # the log and ReLU kinks; the gradients themselves are about 1e-2)
    for key in net.params:
        assert np.abs(num[key] - back[key]).mean() < 1e-6, key
        assert np.abs(back[key]).max() > 1e-4, key  # not trivially zero
    # and with larger weights, where the gradients are not tiny: relative agreement
    net = SimpleConvNet(
        input_dim=(1, 10, 10), filter_num=4, filter_size=3, hidden_size=6,
        weight_init_std=0.5, seed=4, dtype=np.float64,
    )  # fmt: skip
    x = np.random.default_rng(2).random((3, 1, 10, 10))
    t = np.array([1, 5, 7])
    record = gradient_check(net, x, t)  # engine.training's check works on this net too
    back = net.gradient(x, t)
    num = net.numerical_gradient(x, t)
    for key, _shape, mean, _worst in record.rows:
        scale = float(np.abs(back[key]).mean())
        assert scale > 1e-3 and mean < 1e-5 * scale, key
        rel = np.linalg.norm(num[key] - back[key]) / np.linalg.norm(num[key] + back[key])
        assert rel < 1e-5, key


def test_float32_stays_float32_and_agrees():
    rng = np.random.default_rng(5)
    net64 = big_net()
    net32 = net64.astype(np.float32)
    x = rng.random((20, 784)).astype(np.float32)
    t = rng.integers(0, 10, 20)
    l64, g64 = net64.loss_and_gradient(x, t)
    l32, g32 = net32.loss_and_gradient(x, t)
    assert isinstance(l32, float) and l32 == pytest.approx(l64, rel=1e-5)
    for key in g64:
        assert g32[key].dtype == np.float32
        scale = float(np.abs(g64[key]).max())
        np.testing.assert_allclose(g32[key], g64[key], atol=1e-4 * scale)
    adam = Adam()
    adam.update(net32.params, g32)
    assert all(v.dtype == np.float32 for v in net32.params.values())


def test_predict_in_chunks_and_inputs():
    rng = np.random.default_rng(6)
    net = big_net(np.float32)
    x = rng.random((1100, 784)).astype(np.float32)
    y = net.predict(x)
    np.testing.assert_allclose(y[1000:], net.predict(x[1000:]), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(net.predict(x[:3].reshape(3, 1, 28, 28)), y[:3], atol=1e-5)
    np.testing.assert_allclose(net.predict(x[0].reshape(28, 28)[None]), y[:1], atol=1e-5)
    with pytest.raises(ValueError):
        net.predict(np.zeros((2, 100)))
    with pytest.raises(ValueError):
        net.loss_and_gradient(x[:2], [1, 2, 3])


def tiny_images(n=300, seed=0):
    # two classes of 8×8 images: a vertical or a horizontal bar, plus noise
    rng = np.random.default_rng(seed)
    t = rng.integers(0, 2, n)
    x = rng.random((n, 8, 8)).astype(np.float32) * 0.3
    pos = rng.integers(1, 7, n)
    for i in range(n):
        if t[i]:
            x[i, :, pos[i]] += 1
        else:
            x[i, pos[i], :] += 1
    x = x.reshape(n, 64)
    return Dataset("bars", x[:240], t[:240], x[240:], t[240:], 2, (8, 8))


def test_trained_by_the_training_loop():
    data = tiny_images()

    def run():
        net = SimpleConvNet(
            input_dim=(1, 8, 8), filter_num=4, filter_size=3, hidden_size=8, output_size=2,
            weight_init_std=0.1, seed=0,
        )  # fmt: skip
        config = TrainConfig(optimizer="Adam", lr=0.01, batch_size=20, iterations=120, seed=0)
        records = list(train(config, data, net))
        return net, records

    net, records = run()
    losses = [r.loss for r in records]
    assert np.mean(losses[-10:]) < 0.5 * np.mean(losses[:10])
    assert records[-1].epoch is not None and records[-1].epoch.test_accuracy > 0.9
    net2, records2 = run()  # deterministic
    assert [r.loss for r in records2] == losses
    np.testing.assert_array_equal(net2.params["W1"], net.params["W1"])


def test_eval_samples_limits_the_training_accuracy_sample():
    # the book's Trainer measures training accuracy on evaluate_sample_num_per_epoch images
    data = tiny_images()
    net = SimpleConvNet(
        input_dim=(1, 8, 8), filter_num=2, filter_size=3, hidden_size=4, output_size=2, seed=1
    )
    config = TrainConfig(optimizer="Adam", lr=0.01, batch_size=20, iterations=12, seed=0)
    config.eval_samples = 7
    epoch = [r.epoch for r in train(config, data, net) if r.epoch is not None][-1]
    assert epoch.train_accuracy == pytest.approx(net.accuracy(data.x_train[:7], data.t_train[:7]))
    assert round(epoch.train_accuracy * 7, 9) == int(round(epoch.train_accuracy * 7))
    assert epoch.test_accuracy == pytest.approx(net.accuracy(data.x_test, data.t_test))


def test_engine_layers_net_of_the_books_layers_agrees():
    # engine.layers re-exports Convolution and Pooling; a LayerNet of the book's layers
    # (Conv, Relu, Pool, Affine, Relu, Affine, SoftmaxWithLoss) walked backwards gives the
    # fused pass's loss and gradients, under the same keys W1 … b3
    from engine import layers as L

    rng = np.random.default_rng(8)
    net = big_net()
    x = rng.random((6, 784))
    x[:, 300:] = 0
    t = rng.integers(0, 10, 6)
    p = net.params
    layered = L.LayerNet(
        [
            L.Convolution(p["W1"], p["b1"]),
            L.Relu(),
            L.Pooling(2, 2, 2),
            L.Affine(p["W2"], p["b2"]),
            L.Relu(),
            L.Affine(p["W3"], p["b3"]),
        ],
        L.SoftmaxWithLoss(),
    )
    assert list(layered.params) == list(p)
    loss, grads = layered.loss_and_gradient(x.reshape(6, 1, 28, 28), t)
    fused_loss, fused = net.loss_and_gradient(x, t)
    assert loss == pytest.approx(fused_loss, abs=1e-12)
    for key in p:
        np.testing.assert_allclose(fused[key], grads[key], atol=1e-12, err_msg=key)
    assert L.im2col is not None and L.col2im is not None
