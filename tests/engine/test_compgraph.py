"""engine.compgraph: the book's graphs give the book's numbers; every derivative matches
central differences; stepping reveals node by node; typed expressions go through the one
safe parser."""

import numpy as np
import pytest

from engine.compgraph import (
    OPS,
    Graph,
    GraphError,
    Stepper,
    check_inputs,
    check_node,
    local_derivatives,
)
from engine.compgraph_presets import PRESETS, from_expression
from engine.surfaces import ExpressionError


def evaluated(key):
    g = PRESETS[key]()
    g.evaluate()
    return g


def grads(g):
    return {name: g.nodes[i].grad for name, i in g.inputs.items()}


def test_buying_apples_fig_5_16():
    g = evaluated("apples")
    assert float(g.output_value()) == pytest.approx(220)
    gr = grads(g)
    assert float(gr["apple"]) == pytest.approx(2.2)
    assert float(gr["apple_num"]) == pytest.approx(110)
    assert float(gr["tax"]) == pytest.approx(200)
    # the edge from the first × node to the second carries 200 forwards and 1.1 back
    edge = next(e for e in g.edges if e.source == g.operations[0])
    assert float(g.edge_value(edge)) == pytest.approx(200)
    assert float(g.edge_grad(edge)) == pytest.approx(1.1)


def test_apples_and_oranges_fig_5_17():
    g = evaluated("apples_oranges")
    assert float(g.output_value()) == pytest.approx(715)
    expected = {"apple": 2.2, "apple_num": 110, "orange": 3.3, "orange_num": 165, "tax": 650}
    for name, value in expected.items():
        assert float(grads(g)[name]) == pytest.approx(value)
    # the + node passes 1.1 on to both branches
    add = next(i for i in g.operations if g.nodes[i].op == "add")
    assert [float(d) for d in g.nodes[add].input_grads] == pytest.approx([1.1, 1.1])


def test_editing_an_input_recomputes_everything():
    g = evaluated("apples_oranges")
    g.set_value("apple", 120.0)
    g.evaluate()
    assert float(g.output_value()) == pytest.approx((120 * 2 + 150 * 3) * 1.1)
    assert float(grads(g)["apple_num"]) == pytest.approx(132)
    assert float(grads(g)["tax"]) == pytest.approx(690)
    with pytest.raises(GraphError) as err:
        g.set_value("apple", float("nan"))
    assert err.value.reason == "not_finite"
    assert float(g.nodes[g.inputs["apple"]].value) == 120


@pytest.mark.parametrize("x", [-2.0, 0.0, 1.0, 3.5])
def test_sigmoid_expanded_and_folded_agree_with_y_1_minus_y(x):
    values = {}
    for key in ("sigmoid_expanded", "sigmoid"):
        g = PRESETS[key]()
        g.set_value("x", x)
        g.evaluate()
        values[key] = (float(g.output_value()), float(grads(g)["x"]))
    y = 1 / (1 + np.exp(-x))
    for v, d in values.values():
        assert v == pytest.approx(y, rel=1e-14)
        assert d == pytest.approx(y * (1 - y), rel=1e-12)
    g = evaluated("sigmoid_expanded")
    assert [g.nodes[i].op for i in g.operations] == ["mul", "exp", "add", "inv"]
    # Fig. 5-19's backward values at x = 1: −y², then ×1, ×exp(−x), ×(−1)
    inv, add, exp, mul = (g.nodes[i] for i in g.operations[::-1])
    y = 1 / (1 + np.e**-1)
    assert float(inv.input_grads[0]) == pytest.approx(-(y**2))
    assert float(add.input_grads[0]) == pytest.approx(-(y**2))
    assert float(exp.input_grads[0]) == pytest.approx(-(y**2) * np.exp(-1))
    assert float(mul.input_grads[0]) == pytest.approx(y**2 * np.exp(-1))
    assert mul.input_grads[1] is None  # the constant −1 gets no derivative


def test_relu_mask_books_example():
    g = evaluated("relu")
    np.testing.assert_array_equal(g.output_value(), [[1.0, 0.0], [0.0, 3.0]])
    np.testing.assert_array_equal(grads(g)["x"], [[1.0, 0.0], [0.0, 1.0]])


def test_affine_matrices_fig_5_27():
    g = evaluated("affine")
    X, W = (g.nodes[g.inputs[k]].value for k in ("X", "W"))
    dY = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    np.testing.assert_allclose(g.output_value(), X @ W + [1, 2, 3])
    np.testing.assert_allclose(grads(g)["X"], dY @ W.T)
    np.testing.assert_allclose(grads(g)["W"], X.T @ dY)
    np.testing.assert_allclose(grads(g)["B"], [5.0, 7.0, 9.0])  # the book's dB
    shapes = {g.edge_value(e).shape for e in g.edges}
    assert shapes == {(2, 2), (2, 3), (3,)}


def test_softmax_with_loss_gives_y_minus_t():
    g = evaluated("softmax_loss")
    a = np.array([0.3, 2.9, 4.0])
    y = np.exp(a) / np.exp(a).sum()
    t = np.array([0.0, 0.0, 1.0])
    assert float(g.output_value()) == pytest.approx(-np.log(y[2]))
    np.testing.assert_allclose(grads(g)["a"], y - t, atol=1e-15)
    assert grads(g)["t"] is None
    ce = g.nodes[g.operations[-1]]
    np.testing.assert_allclose(ce.input_grads[0], -t / y)


def test_folded_affine_and_softmax_loss_ops():
    g = Graph()
    rng = np.random.default_rng(0)
    x, w, b = (
        g.input("x", rng.random((3, 4))),
        g.input("w", rng.random((4, 2))),
        g.input("b", rng.random(2)),
    )
    a = g.apply("affine", x, w, b)
    g.apply("softmax_loss", a, g.input("t", np.eye(2)[[0, 1, 1]], needs_grad=False))
    g.evaluate()
    for check in check_inputs(g):
        assert check.agrees(1e-7), check


@pytest.mark.parametrize("key", list(PRESETS))
def test_every_preset_node_and_input_matches_central_differences(key):
    g = evaluated(key)
    for index in g.operations:
        for check in check_node(g, index):
            assert check.agrees(1e-7), (key, check)
    checks = check_inputs(g)
    assert checks
    for check in checks:
        assert check.agrees(1e-7), (key, check)


def test_local_derivatives_of_the_mul_node_swap_the_inputs():
    g = evaluated("apples")
    first = g.operations[0]
    assert [float(d) for d in local_derivatives(g, first)] == [2.0, 100.0]
    assert local_derivatives(g, g.operations[-1]) is not None
    assert local_derivatives(evaluated("affine"), 3) is None  # the dot node: matrices


def test_stepper_reveals_node_by_node():
    g = evaluated("apples_oranges")
    s = Stepper(g)
    out_edge = g.edges[-1]
    assert not s.value_shown(g.operations[0]) and not s.grad_shown(out_edge)
    assert not s.can_step_backward()
    order = [s.step_forward() for _ in range(4)]
    assert order == g.operations and s.step_forward() is None
    assert s.forward_done and s.grad_shown(out_edge)
    first_back = s.step_backward()
    assert first_back == g.operations[-1] and s.phase == "backward"
    tax_edge = next(e for e in g.edges if e.source == g.inputs["tax"])
    apple_edge = next(e for e in g.edges if e.source == g.inputs["apple"])
    assert s.grad_shown(tax_edge) and not s.grad_shown(apple_edge)
    s.run_all()
    assert s.backward_done and s.grad_shown(apple_edge)
    s.reset()
    assert s.forward_count == 0 and s.current is None


def test_expression_graph_gradients_match_numerical():
    g = from_expression("x*y + exp(-x)/y + sigmoid(x)**2 - log(y) + relu(x - 3)")
    assert set(g.inputs) == {"x", "y"}
    assert float(g.nodes[g.inputs["x"]].value) == 1.0
    assert float(g.nodes[g.inputs["y"]].value) == 2.0
    x, y = 1.0, 2.0
    s = 1 / (1 + np.exp(-x))
    dfdx = y - np.exp(-x) / y + 2 * s * s * (1 - s)
    dfdy = x - np.exp(-x) / y**2 - 1 / y
    assert float(g.nodes[g.inputs["x"]].grad) == pytest.approx(dfdx, rel=1e-13)
    assert float(g.nodes[g.inputs["y"]].grad) == pytest.approx(dfdy, rel=1e-13)
    for check in check_inputs(g):
        assert check.agrees(1e-8)
    for index in g.operations:
        for check in check_node(g, index):
            assert check.agrees(1e-7), check


def test_expression_a_variable_used_twice_is_one_branching_node():
    g = from_expression("x*x", {"x": 3.0})
    assert g.nodes[g.operations[0]].inputs == (0, 0)
    assert float(g.nodes[0].grad) == pytest.approx(6.0)
    assert len([e for e in g.edges if e.source == 0]) == 2


def test_expression_constants_fold_and_many_variables():
    g = from_expression("2*3*a + b/pi", {"a": 100})
    consts = [n for n in g.nodes if n.op == "const"]
    assert sorted(float(c.value) for c in consts) == pytest.approx(sorted([6.0, np.pi]))
    assert float(g.output_value()) == pytest.approx(600 + 2 / np.pi)
    g = from_expression("x")
    assert float(g.output_value()) == 1.0 and float(g.nodes[0].grad) == 1.0


@pytest.mark.parametrize(
    "text, reason",
    [("__import__('os')", "call"), ("x.real", "attribute"), ("foo(x)", "call"), ("x +", "syntax")],
)
def test_expression_refusals_come_from_the_shared_parser(text, reason):
    with pytest.raises(ExpressionError) as err:
        from_expression(text)
    assert err.value.reason == reason


def test_expression_variable_limits():
    with pytest.raises(GraphError) as err:
        from_expression("+".join(f"v{i}" for i in range(9)))
    assert err.value.reason == "too_many"
    for text in ("_secret + 1", "abc", "nan", "inf * x", "x_1"):
        with pytest.raises(GraphError) as err:
            from_expression(text)
        assert err.value.reason == "name", text
    assert set(from_expression("x0*x1 + w12").inputs) == {"x0", "x1", "w12"}


def test_shape_mismatch_is_a_typed_error():
    g = evaluated("affine")
    g.set_value("W", np.ones((3, 3)))
    with pytest.raises(GraphError) as err:
        g.evaluate()
    assert err.value.reason == "shape"


def test_every_op_has_a_symbol_and_matching_arity():
    for op in OPS.values():
        assert op.symbol and op.arity in (1, 2, 3)
