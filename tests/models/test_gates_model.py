"""The Gates model without Qt: presets, the table, weights in one range, learning plans,
undo snapshots and project states (book ch. 2)."""

import json
import math

import numpy as np
import pytest

from engine.perceptron import learn, table_inputs
from gui.models.gates import WEIGHT_LIMIT, Core, GatesModel
from gui.models.gates_export import export_script
from gui.models.settings import SettingError


def test_defaults_are_the_books_and():
    m = GatesModel()
    assert m.preset == "and" and m.n_inputs == 2
    assert m.w() == (0.5, 0.5) and m["b"] == -0.7
    # AND: only (1, 1) has w·x + b > 0 (book §2.3.1)
    np.testing.assert_allclose(m.sums(), [-0.7, -0.2, -0.2, 0.3])
    assert m.outputs().tolist() == m.targets().tolist() == [0, 0, 0, 1]
    assert m.separable and m.two_layer() is None and m.revision == 0


@pytest.mark.parametrize(
    "preset, w, b, targets",
    [
        ("nand", (-0.5, -0.5), 0.7, [1, 1, 1, 0]),
        ("or", (0.5, 0.5), -0.2, [0, 1, 1, 1]),
        ("or_notes", (0.5, 0.5), 0.0, [0, 1, 1, 1]),
        ("xor", (0.5, 0.5), -0.2, [0, 1, 1, 0]),
    ],
)
def test_presets_bring_their_table_and_weights(preset, w, b, targets):
    m = GatesModel()
    m.choose_preset(preset)
    assert (m.preset, m.w(), m["b"], m.targets().tolist()) == (preset, w, b, targets)
    # outputs by hand: step(w·x + b) row by row
    expected = [int(w[0] * x1 + w[1] * x2 + b > 0) for x1, x2 in ((0, 0), (0, 1), (1, 0), (1, 1))]
    assert m.outputs().tolist() == expected


def test_xor_is_not_separable_and_gets_a_two_layer_solution():
    m = GatesModel()
    m.choose_preset("xor")
    assert not m.separable
    net = m.two_layer()
    assert net(table_inputs(2)).tolist() == [0, 1, 1, 0]
    m.choose_inputs(3)  # 3-input XOR is odd parity
    assert m.targets().tolist() == [0, 1, 1, 0, 1, 0, 0, 1]
    assert len(m.two_layer().hidden) == 3


def test_editing_a_target_makes_the_table_custom_and_back():
    m = GatesModel()
    seen = []
    m.subscribe(seen.append)
    m.toggle_target(0)
    assert m.preset == "custom" and m.targets().tolist() == [1, 0, 0, 1]
    assert seen == [{"targets", "preset"}] and m.revision == 1
    m.set_target(0, 0)  # the table is AND again, but stays a custom table
    assert m.targets().tolist() == [0, 0, 0, 1] and m.preset == "custom"
    with pytest.raises(ValueError):
        m.set_target(0, 2)
    with pytest.raises(ValueError):
        m.set_target(9, 1)
    assert m.revision == 2


def test_inputs_two_to_three_and_back():
    m = GatesModel()
    m.toggle_target(0)  # custom [1, 0, 0, 1]
    m.set("w1", 0.25)
    m.choose_inputs(3)  # a custom table ignores x3: each row twice
    assert m.targets().tolist() == [1, 1, 0, 0, 0, 0, 1, 1] and m.w() == (0.25, 0.5, 0.0)
    m.set("w3", 2.0)
    m.choose_inputs(2)  # keeps the slice x3 = 0
    assert m.targets().tolist() == [1, 0, 0, 1] and m.w() == (0.25, 0.5)
    m.choose_preset("and")
    m.choose_inputs(3)
    assert m.w() == (0.5, 0.5, 0.5) and m["b"] == -1.2 and m.targets().sum() == 1


def test_weights_share_one_range_for_fields_files_and_drags():
    m = GatesModel()
    m.set_text("w1", "5000")  # what a project may hold, a field shows (the old spin box: 1000)
    assert m["w1"] == 5000.0 and m.perceptron().w.tolist() == [5000.0, 0.5]
    for bad in ("1e7", "nan", "inf", "abc", "1,5"):
        with pytest.raises(SettingError) as caught:
            m.set_text("w1", bad)
        assert caught.value.key == "w1"
    assert m["w1"] == 5000.0
    m.set_line((3e6, -3e6), 9e9)  # a drag stops at the range's ends
    assert m.w() == (WEIGHT_LIMIT, -WEIGHT_LIMIT) and m["b"] == WEIGHT_LIMIT


def test_a_drag_in_a_three_input_slice_moves_b_not_w3():
    m = GatesModel()
    m.choose_inputs(3)
    m.set("slice", 1)
    m.set_line((0.5, 0.5), -0.45)  # the line of the slice x3 = 1: b + w3·1 = −0.45
    assert m.w() == (0.5, 0.5, 0.5) and m["b"] == pytest.approx(-0.95)


def test_core_snapshots_restore_exactly():
    m = GatesModel()
    before = m.core()
    m.choose_preset("xor")
    m.choose_inputs(3)
    m.set("b", 1.5)
    after = m.core()
    m.apply_core(before)
    assert m.core() == before == Core("and", (0, 0, 0, 1), (0.5, 0.5), -0.7)
    m.apply_core(after)
    assert m.core() == after and m.n_inputs == 3 and m["b"] == 1.5


def test_learn_plan_runs_the_perceptron_rule():
    m = GatesModel()
    m.update({"learning_rate": 0.1, "speed": 3})
    plan = m.learn_plan()
    assert plan.w0 is None and plan.b0 == 0.0 and plan.delay == 0.0 and plan.separable
    records = list(plan.records(lambda: False))
    expected = list(learn(table_inputs(2), np.array([0, 0, 0, 1]), 0.1, 100))
    assert [r.epoch for r in records] == [r.epoch for r in expected] == [0, 1, 2, 3, 4, 5]
    last = records[-1]
    assert (
        last.converged
        and np.allclose(last.weights, [0.2, 0.1])
        and last.bias == pytest.approx(-0.2)
    )
    m.set("start_from_current", True)
    assert m.learn_plan().w0 == [0.5, 0.5] and m.learn_plan().b0 == -0.7
    # a stop request ends a paced run between epochs
    m.set("speed", 0)
    assert len(list(m.learn_plan().records(lambda: True))) == 1


def test_state_keeps_the_file_format_and_round_trips():
    m = GatesModel()
    m.choose_preset("xnor")
    m.choose_inputs(3)
    m.set("w2", -2.5)
    state = m.state()
    assert json.loads(json.dumps(state)) == state
    assert state["w"] == [0.5, -2.5, 0.5] and "w1" not in state and state["n_inputs"] == 3
    assert state["preset"] == "custom" or state["preset"] == "xnor"
    other = GatesModel()
    other.set_state(state)
    assert other.state() == state and other.core() == m.core()
    # a file written before the models (07c0310) opens unchanged
    old = {
        "preset": "xor",
        "n_inputs": 2,
        "targets": [0, 1, 1, 0],
        "w": [0.5, 0.5],
        "b": -0.2,
        "learning_rate": 0.1,
        "max_epochs": 100,
        "speed": 1,
        "start_from_current": False,
        "slice": 0,
    }
    other.set_state(old)
    assert other.state() == old


def test_a_project_with_w1_5000_opens_and_shows_5000():
    m = GatesModel()
    m.set_state({"targets": [0, 0, 0, 1], "w": [5000, 0.5], "b": -0.7})
    assert m["w1"] == 5000.0 and m.perceptron().w[0] == 5000.0


@pytest.mark.parametrize(
    "bad, key",
    [
        ({"n_inputs": 4, "targets": [0] * 16, "w": [0] * 4, "b": 0}, "n_inputs"),
        ({"targets": [0, 1, 2, 0], "w": [0, 0], "b": 0}, "targets"),
        ({"targets": [0, 1, 1], "w": [0, 0], "b": 0}, "targets"),
        ({"targets": [0, 1, 1, 0], "w": [math.nan, 0], "b": 0}, "w1"),
        ({"targets": [0, 1, 1, 0], "w": [0, 0], "b": 2e6}, "b"),
        ({"targets": [0, 1, 1, 0], "w": [0, 0, 0], "b": 0}, "w"),
        ({"w": "0, 0"}, "w"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"speed": 9}, "speed"),
        ({"preset": "nope"}, "preset"),
        ({"targets": [True, False, False, True]}, "targets"),
    ],
)
def test_bad_states_are_refused_naming_the_field_and_change_nothing(bad, key):
    m = GatesModel()
    m.choose_preset("or")
    before, revision = m.state(), m.revision
    with pytest.raises(SettingError) as caught:
        m.set_state(bad)
    assert caught.value.key == key
    assert m.state() == before and m.revision == revision


def test_not_a_mapping_is_refused():
    with pytest.raises(ValueError):
        GatesModel().set_state("nonsense")


def test_three_input_settings_are_enabled_only_with_three_inputs():
    m = GatesModel()
    assert not m.is_enabled("w3") and not m.is_enabled("slice") and m.is_enabled("w1")
    m.choose_inputs(3)
    assert m.is_enabled("w3") and m.is_enabled("slice")


def test_export_prints_the_models_table(tmp_path):
    import subprocess
    import sys

    m = GatesModel()
    m.choose_preset("xor")
    path = tmp_path / "gates.py"
    path.write_text(export_script(m.core(), m.two_layer()), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    assert [line.split(" | ")[3] for line in out[1:5]] == [str(v) for v in m.outputs()]
    assert all(line.endswith("ok") for line in out[6:10])
