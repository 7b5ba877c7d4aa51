import numpy as np
import pytest

from engine import functions as F


def test_step_and_sigmoid_book_values():
    x = np.array([-1.0, 1.0, 2.0])
    assert F.step_function(x).tolist() == [0, 1, 1]
    # book §3.2.4 prints [0.26894142, 0.73105858, 0.88079708]
    np.testing.assert_allclose(F.sigmoid(x), [0.26894142, 0.73105858, 0.88079708], atol=1e-8)


def test_sigmoid_is_overflow_safe():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = F.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert out.tolist() == [0.0, 0.5, 1.0]


def test_relu_and_grads():
    x = np.array([-2.0, 0.0, 3.0])
    assert F.relu(x).tolist() == [0.0, 0.0, 3.0]
    assert F.relu_grad(x).tolist() == [0.0, 0.0, 1.0]
    np.testing.assert_allclose(F.sigmoid_grad(0.0), 0.25)
    np.testing.assert_allclose(F.tanh_grad(0.0), 1.0)


def test_softmax_book_value_and_overflow():
    # book §3.5.1: a = [0.3, 2.9, 4.0] -> [0.01821127, 0.24519181, 0.73659691]
    np.testing.assert_allclose(
        F.softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691], atol=1e-8
    )
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = F.softmax(np.array([1010.0, 1000.0, 990.0]))
    np.testing.assert_allclose(y, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09], rtol=1e-6)
    batch = F.softmax(np.array([[0.3, 2.9, 4.0], [1010.0, 1000.0, 990.0]]))
    np.testing.assert_allclose(batch.sum(axis=1), [1.0, 1.0])


def test_losses_book_values():
    t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    y_good = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    y_bad = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
    # book §4.2.1 and §4.2.2
    assert F.sum_squared_error(y_good, t) == pytest.approx(0.097500000000000031)
    assert F.sum_squared_error(y_bad, t) == pytest.approx(0.59750000000000003)
    assert F.cross_entropy_error(y_good, t) == pytest.approx(0.51082545709933802)
    assert F.cross_entropy_error(y_bad, t) == pytest.approx(2.3025840929945458)


def test_cross_entropy_labels_equal_one_hot_batch_mean():
    y = F.softmax(np.array([[1.0, 2.0, 3.0], [3.0, 1.0, 0.0]]))
    labels = np.array([2, 0])
    onehot = np.eye(3)[labels]
    expected = -np.mean(np.log(y[[0, 1], [2, 0]] + 1e-7))
    assert F.cross_entropy_error(y, labels) == pytest.approx(expected)
    assert F.cross_entropy_error(y, onehot) == pytest.approx(expected)
    with pytest.raises(ValueError):
        F.cross_entropy_error(y, np.array([1, 2, 0]))
