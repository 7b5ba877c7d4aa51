import numpy as np
import pytest

from engine.gradient import descent_path, gradient_descent, numerical_diff, numerical_gradient


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def test_numerical_diff_book_values():
    # book §4.3.2 prints 0.1999999999990898 and 0.2999999999986347
    assert numerical_diff(function_1, 5) == pytest.approx(0.1999999999990898, abs=1e-12)
    assert numerical_diff(function_1, 10) == pytest.approx(0.2999999999986347, abs=1e-12)


def test_numerical_gradient_book_values_and_restores():
    # book §4.4: [6, 8], [0, 4], [6, 0]
    for point, expected in [([3.0, 4.0], [6, 8]), ([0.0, 2.0], [0, 4]), ([3.0, 0.0], [6, 0])]:
        x = np.array(point)
        before = x.copy()
        np.testing.assert_allclose(numerical_gradient(function_2, x), expected, atol=1e-6)
        assert np.array_equal(x, before)


def test_numerical_gradient_any_shape_book_idiom():
    W = np.arange(6, dtype=float).reshape(2, 3)
    g = numerical_gradient(lambda _w: float(np.sum(W**2)), W)
    np.testing.assert_allclose(g, 2 * W, atol=1e-6)
    with pytest.raises(TypeError):
        numerical_gradient(function_2, np.array([1, 2]))


def test_gradient_descent_book_value_leaves_init_untouched():
    init = np.array([-3.0, 4.0])
    x = gradient_descent(function_2, init, lr=0.1, step_num=100)
    np.testing.assert_allclose(x, [-6.11110793e-10, 8.14814391e-10], rtol=1e-6)
    np.testing.assert_allclose(x, 0.8**100 * np.array([-3.0, 4.0]), rtol=1e-6)
    assert init.tolist() == [-3.0, 4.0]
    # the study notes' run from (3, 4): [6.11110793e-10 8.14814391e-10]
    np.testing.assert_allclose(
        gradient_descent(function_2, [3.0, 4.0], lr=0.1),
        [6.11110793e-10, 8.14814391e-10],
        rtol=1e-6,
    )


def test_descent_path_matches_gradient_descent():
    path = list(descent_path(function_2, [3.0, 4.0], lr=0.1, step_num=100))
    assert len(path) == 101
    assert path[0].step == 0 and path[0].x.tolist() == [3.0, 4.0] and path[0].value == 25.0
    np.testing.assert_allclose(path[-1].x, [6.11110793e-10, 8.14814391e-10], rtol=1e-6)
    np.testing.assert_allclose(path[-1].x, gradient_descent(function_2, [3.0, 4.0], 0.1, 100))


# -- descent_path with optimizers, divergence, races, difference errors -------------------

from engine.gradient import (  # noqa: E402
    DescentStep,
    Diverged,
    difference_errors,
    forward_diff,
    race,
)
from engine.optimizers import SGD, AdaGrad, Adam, Momentum  # noqa: E402
from engine.surfaces import SURFACES  # noqa: E402


def test_descent_path_with_sgd_optimizer_is_bitwise_plain_descent():
    plain = list(descent_path(function_2, [-3.0, 4.0], lr=0.1, step_num=100))
    sgd = list(descent_path(function_2, [-3.0, 4.0], step_num=100, optimizer=SGD(0.1)))
    assert [r.x.tolist() for r in plain] == [r.x.tolist() for r in sgd]
    assert sgd[-1].x.tolist() == gradient_descent(function_2, [-3.0, 4.0], 0.1, 100).tolist()


def test_book_learning_rates():
    # book §4.4.1: lr = 10 runs away, lr = 1e-10 barely moves: [-2.99999994, 3.99999992]
    small = list(descent_path(function_2, [-3.0, 4.0], lr=1e-10, step_num=100))
    np.testing.assert_allclose(small[-1].x, [-2.99999994, 3.99999992], rtol=1e-8)
    # without a bound the book's numerical-gradient run ends at [-2.58983747e+13, -1.29524862e+12]
    big = list(descent_path(function_2, [-3.0, 4.0], lr=10.0, step_num=100))
    np.testing.assert_allclose(big[-1].x, [-2.58983747e13, -1.29524862e12], rtol=1e-8)
    # with a bound it is reported as divergence, as the last record, without raising
    bounded = list(descent_path(function_2, [-3.0, 4.0], lr=10.0, step_num=100, bound=1e6))
    assert isinstance(bounded[-1], Diverged)
    assert bounded[-1].reason == "bound" and bounded[-1].step == 5
    assert all(isinstance(r, DescentStep) for r in bounded[:-1])
    assert [r.step for r in bounded] == list(range(6))


def test_divergence_to_nan_is_a_record():
    sphere = SURFACES["sphere"]
    path = list(descent_path(sphere, [-3.0, 4.0], lr=10.0, step_num=1000, grad=sphere.gradient))
    last = path[-1]
    assert isinstance(last, Diverged) and last.reason == "nan"
    assert 100 < last.step < 1000
    log = list(descent_path(lambda p: float(np.log(p[0])), [0.5, 0.0], lr=1.0, step_num=10))
    assert isinstance(log[-1], Diverged) and log[-1].reason == "nan"


def test_race_advances_every_optimizer_one_step_per_record():
    sphere = SURFACES["sphere"]
    records = list(
        race(sphere, [-3.0, 4.0], [SGD(10.0), SGD(0.1), SGD(1e-10)], step_num=100, bound=1e6)
    )
    assert len(records) == 101
    assert [r.step for r in records] == list(range(101))
    assert isinstance(records[5].entries[0], Diverged)
    assert records[6].entries[0] is None
    np.testing.assert_allclose(records[-1].entries[1].x, [-6.11110793e-10, 8.14814391e-10])
    np.testing.assert_allclose(records[-1].entries[2].x, [-2.99999994, 3.99999992])


def test_race_matches_separate_runs_and_book_chapter6_setup():
    surface = SURFACES["elongated"]

    def make():
        return [SGD(0.95), Momentum(0.1), AdaGrad(1.5), Adam(0.3)]

    records = list(race(surface, [-7.0, 2.0], make(), step_num=30, grad=surface.gradient))
    for i, opt in enumerate(make()):
        alone = list(
            descent_path(surface, [-7.0, 2.0], step_num=30, grad=surface.gradient, optimizer=opt)
        )
        assert records[-1].entries[i].x.tolist() == alone[-1].x.tolist()
    # every optimizer of the book's comparison ends near the minimum (0, 0)
    for entry in records[-1].entries:
        assert np.linalg.norm(entry.x) < 1.5


def test_race_ends_when_every_racer_diverged():
    records = list(race(function_2, [-3.0, 4.0], [SGD(10.0), SGD(20.0)], 100, bound=1e6))
    assert len(records) < 10
    assert all(e is None or isinstance(e, Diverged) for e in records[-1].entries)


def test_forward_and_central_difference_errors():
    def f(x):
        return 0.01 * x**2 + 0.1 * x

    assert forward_diff(f, 5.0) == pytest.approx(0.2, abs=2e-6)
    hs = [1e-1, 1e-4, 1e-50]
    fwd, cen = difference_errors(f, 0.2, 5.0, hs)
    assert fwd[0] == pytest.approx(1e-3, rel=1e-6)  # forward error = 0.01·h
    assert cen[0] < 1e-12  # central: exact for a quadratic up to rounding
    assert cen[1] < 1e-10 and fwd[1] == pytest.approx(1e-6, rel=1e-3)
    assert fwd[2] == pytest.approx(0.2) and cen[2] == pytest.approx(0.2)  # x + h == x
    fwd32, cen32 = difference_errors(f, 0.2, 5.0, hs, np.float32)
    assert np.isnan(fwd32[2]) and np.isnan(cen32[2])  # h rounds to 0 in float32: 0/0
    assert cen32[1] > 1e3 * cen[1]  # float32 rounding error dominates at h = 1e-4
