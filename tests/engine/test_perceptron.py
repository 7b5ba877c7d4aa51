"""engine.perceptron against the book's gates (ch. 2), every 2- and 3-input Boolean table,
the perceptron rule and two-layer composition."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.perceptron import (
    AND,
    GATES,
    NAND,
    NOR,
    OR,
    XOR,
    Perceptron,
    TableError,
    TwoLayerPerceptron,
    compose_two_layer,
    is_linearly_separable,
    learn,
    separating_weights,
    table_inputs,
    truth_table,
)


def all_tables(n):
    inputs = table_inputs(n)
    for bits in itertools.product((0, 1), repeat=2**n):
        yield inputs, np.array(bits)


def test_book_gates():
    # book §2.3.3: AND(0,0)=0 AND(1,0)=0 AND(0,1)=0 AND(1,1)=1, and likewise
    expected = {
        "AND": [0, 0, 0, 1],
        "OR": [0, 1, 1, 1],
        "NAND": [1, 1, 1, 0],
        "NOR": [1, 0, 0, 0],
        "XOR": [0, 1, 1, 0],
        "XNOR": [1, 0, 0, 1],
    }
    for name, fn in GATES.items():
        inputs, outputs = truth_table(fn)
        assert inputs.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
        assert outputs.tolist() == expected[name], name
    assert XOR(1, 1) == AND(NAND(1, 1), OR(1, 1)) == 0


def test_book_weights():
    assert AND.perceptron.w.tolist() == [0.5, 0.5] and AND.perceptron.b == -0.7
    assert NAND.perceptron.w.tolist() == [-0.5, -0.5] and NAND.perceptron.b == 0.7
    assert OR.perceptron.w.tolist() == [0.5, 0.5] and OR.perceptron.b == -0.2
    assert NOR.perceptron.b == 0.2


def test_perceptron_threshold_is_strict():
    # the study notes' OR with b = 0: at (0, 0) w·x + b = 0 and 0 > 0 is false
    p = Perceptron([0.5, 0.5], 0.0)
    assert p(np.array([0, 0])) == 0
    assert truth_table(p)[1].tolist() == [0, 1, 1, 1]
    assert p.weighted_sum([1, 1]) == 1.0
    assert p(table_inputs(2)).tolist() == [0, 1, 1, 1]
    assert repr(p) == "Perceptron(w=[0.5, 0.5], b=0)"


def test_truth_table_three_inputs():
    inputs, outputs = truth_table(lambda a, b, c: a & b & c, 3)
    assert inputs.shape == (8, 3) and outputs.tolist() == [0] * 7 + [1]
    assert inputs[5].tolist() == [1, 0, 1]


@pytest.mark.parametrize("n, count", [(1, 4), (2, 14), (3, 104)])
def test_separable_counts(n, count):
    # OEIS A000609: 4, 14, 104 linearly separable Boolean functions of 1, 2, 3 inputs
    found = sum(is_linearly_separable(x, t) for x, t in all_tables(n))
    assert found == count


def test_xor_xnor_are_the_two_nonseparable_2_input_tables():
    bad = [t.tolist() for x, t in all_tables(2) if not is_linearly_separable(x, t)]
    assert sorted(bad) == [[0, 1, 1, 0], [1, 0, 0, 1]]


@pytest.mark.parametrize("n", [2, 3])
def test_separating_weights_are_witnesses(n):
    for x, t in all_tables(n):
        p = separating_weights(x, t)
        if p is not None:
            assert np.array_equal(p(x), t)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=3, max_size=3),
    st.floats(-5, 5, allow_nan=False),
)
def test_any_real_perceptron_table_is_reported_separable(w, b):
    x = table_inputs(3)
    t = Perceptron(w, b)(x)
    assert is_linearly_separable(x, t)
    assert is_linearly_separable(x[:, :2][::2], Perceptron(w[:2], b)(x[:, :2][::2]))


def test_separability_of_a_subset_of_rows():
    x = table_inputs(2)
    assert is_linearly_separable(x[:3], [0, 1, 1])  # XOR without (1, 1)
    assert not is_linearly_separable(x[[3, 0, 1, 2]], [0, 0, 1, 1])


def test_bad_tables_refused():
    with pytest.raises(TableError):
        is_linearly_separable(table_inputs(2), [0, 1, 2, 0])
    with pytest.raises(TableError):
        is_linearly_separable(table_inputs(4), np.zeros(16))
    with pytest.raises(TableError):
        is_linearly_separable([[0.5, 0]], [1])
    with pytest.raises(TableError):
        truth_table(AND, 0)


def test_learn_and_is_deterministic_and_converges():
    x, t = truth_table(AND)
    records = list(learn(x, t, lr=0.1))
    assert records[0].epoch == 0 and records[0].weights.tolist() == [0, 0]
    assert records[0].bias == 0 and records[0].errors == 1
    last = records[-1]
    assert last.converged and last.errors == 0
    assert last.epoch == 5
    np.testing.assert_allclose(last.weights, [0.2, 0.1])
    assert last.bias == pytest.approx(-0.2)
    assert np.array_equal(Perceptron(last.weights, last.bias)(x), t)
    again = list(learn(x, t, lr=0.1))
    assert [r.weights.tolist() for r in again] == [r.weights.tolist() for r in records]


def test_learn_from_given_start():
    x, t = truth_table(OR)
    records = list(learn(x, t, w0=[0.5, 0.5], b0=-0.2))
    assert len(records) == 1 and records[0].converged


def test_learn_xor_never_converges():
    x, t = truth_table(XOR)
    records = list(learn(x, t, max_epochs=50))
    assert len(records) == 51
    assert all(r.errors > 0 for r in records)


@pytest.mark.parametrize("n", [2, 3])
def test_learn_converges_on_every_separable_table(n):
    for x, t in all_tables(n):
        if is_linearly_separable(x, t):
            last = list(learn(x, t, lr=0.1, max_epochs=200))[-1]
            assert last.converged, t


def test_learn_refuses_bad_arguments():
    x, t = truth_table(AND)
    with pytest.raises(ValueError):
        next(learn(x, t, lr=float("nan")))
    with pytest.raises(ValueError):
        next(learn(x, t, max_epochs=0))
    with pytest.raises(ValueError):
        next(learn(x, t, w0=[1.0]))


def test_compose_three_input_parity_uses_three_hidden_units():
    x = table_inputs(3)
    parity = x.sum(axis=1) % 2
    net = compose_two_layer(x, parity)
    assert len(net.hidden) == 3
    assert np.array_equal(net(x), parity)
    assert np.array_equal(compose_two_layer(x, 1 - parity)(x), 1 - parity)


def test_compose_beyond_three_inputs_uses_row_detectors():
    x = table_inputs(4)
    parity = x.sum(axis=1) % 2
    net = compose_two_layer(x, parity)
    assert len(net.hidden) == 8
    assert np.array_equal(net(x), parity)


def test_compose_xor_is_the_books():
    x, t = truth_table(XOR)
    net = compose_two_layer(x, t)
    assert isinstance(net, TwoLayerPerceptron)
    assert [(h.w.tolist(), h.b) for h in net.hidden] == [([-0.5, -0.5], 0.7), ([0.5, 0.5], -0.2)]
    assert (net.output.w.tolist(), net.output.b) == ([0.5, 0.5], -0.7)
    assert net.hidden_outputs(x).tolist() == [[1, 0], [1, 1], [1, 1], [0, 1]]


@pytest.mark.parametrize("n", [2, 3])
def test_compose_reproduces_every_table(n):
    sizes = {}
    for x, t in all_tables(n):
        net = compose_two_layer(x, t)
        assert np.array_equal(net(x), t), t
        network = net.to_network()
        assert network.sizes == [n, len(net.hidden), 1]
        assert np.array_equal(network.predict(x).ravel(), t)
        sizes[len(net.hidden)] = sizes.get(len(net.hidden), 0) + 1
    if n == 2:
        assert sizes == {1: 14, 2: 2}
    else:  # only the two parity functions need three hidden units
        assert sizes == {1: 104, 2: 150, 3: 2}


@pytest.mark.parametrize("n", [2, 3])
def test_learning_rate_only_scales_weights_from_zero(n):
    # the lesson's claim: from w = 0, b = 0 the outputs see only signs, so lr scales w and b
    for x, t in list(all_tables(n))[:: 7 if n == 3 else 1]:
        slow = list(learn(x, t, lr=0.5, max_epochs=30))
        fast = list(learn(x, t, lr=2.0, max_epochs=30))
        assert [r.errors for r in slow] == [r.errors for r in fast]
        for a, b in zip(slow, fast, strict=True):
            np.testing.assert_allclose(4 * a.weights, b.weights)
            assert 4 * a.bias == pytest.approx(b.bias)
