import numpy as np
import pytest

from engine.optimizers import OPTIMIZERS, SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop


def grad_of(p):
    # f(x, y) = x**2 / 20 + y**2, the book's §6.1 test function
    return {"x": np.array([p["x"][0] / 10.0, 2.0 * p["x"][1]])}


def run(opt, steps=3, start=(-7.0, 2.0)):
    params = {"x": np.array(start)}
    path = [params["x"].copy()]
    for _ in range(steps):
        opt.update(params, grad_of(params))
        path.append(params["x"].copy())
    return path


def test_registry_order():
    assert list(OPTIMIZERS) == ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"]


def test_sgd_by_hand():
    path = run(SGD(lr=0.95), steps=1)
    np.testing.assert_allclose(path[1], [-7.0 + 0.95 * 0.7, 2.0 - 0.95 * 4.0])


def test_momentum_by_hand():
    lr, m = 0.1, 0.9
    x = np.array([-7.0, 2.0])
    v = np.zeros(2)
    expected = []
    for _ in range(3):
        g = grad_of({"x": x})["x"]
        v = m * v - lr * g
        x = x + v
        expected.append(x.copy())
    np.testing.assert_allclose(run(Momentum(lr, m))[1:], expected)


def test_nesterov_by_hand():
    lr, m = 0.1, 0.9
    x = np.array([-7.0, 2.0])
    v = np.zeros(2)
    expected = []
    for _ in range(3):
        g = grad_of({"x": x})["x"]
        x = x + m * m * v - (1 + m) * lr * g
        v = m * v - lr * g
        expected.append(x.copy())
    np.testing.assert_allclose(run(Nesterov(lr, m))[1:], expected)


@pytest.mark.parametrize("cls,rho", [(AdaGrad, None), (RMSprop, 0.99)])
def test_adaptive_by_hand(cls, rho):
    lr = 1.5
    x = np.array([-7.0, 2.0])
    h = np.zeros(2)
    expected = []
    for _ in range(3):
        g = grad_of({"x": x})["x"]
        h = h + g * g if rho is None else rho * h + (1 - rho) * g * g
        x = x - lr * g / (np.sqrt(h) + 1e-7)
        expected.append(x.copy())
    np.testing.assert_allclose(run(cls(lr=lr))[1:], expected)


def test_adam_by_hand():
    lr, b1, b2 = 0.3, 0.9, 0.999
    x = np.array([-7.0, 2.0])
    m = np.zeros(2)
    v = np.zeros(2)
    expected = []
    for t in range(1, 4):
        g = grad_of({"x": x})["x"]
        lr_t = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
        m = m + (1 - b1) * (g - m)
        v = v + (1 - b2) * (g * g - v)
        x = x - lr_t * m / (np.sqrt(v) + 1e-7)
        expected.append(x.copy())
    np.testing.assert_allclose(run(Adam(lr, b1, b2))[1:], expected)
    # first Adam step moves each coordinate by about lr (bias correction)
    np.testing.assert_allclose(np.abs(expected[0] - [-7.0, 2.0]), [0.3, 0.3], rtol=1e-5)


def test_all_reach_minimum_region():
    # the book's Fig. 6-8 learning rates: each optimizer gets close to (0, 0)
    lrs = {
        "SGD": 0.95,
        "Momentum": 0.1,
        "Nesterov": 0.1,
        "AdaGrad": 1.5,
        "RMSprop": 0.1,
        "Adam": 0.3,
    }
    for name, cls in OPTIMIZERS.items():
        path = run(cls(lr=lrs[name]), steps=300)
        assert np.linalg.norm(path[-1]) < np.linalg.norm(path[0]) / 5, name
    assert repr(Adam()) == "Adam(lr=0.001, beta1=0.9, beta2=0.999)"
