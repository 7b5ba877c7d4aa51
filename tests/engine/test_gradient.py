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
