"""The Descent model without Qt: surfaces and expressions, racers refused instead of
clamped or dropped, race plans that reproduce the study notes, project states."""

import json
import math

import numpy as np
import pytest

from engine.gradient import DescentStep, race
from engine.optimizers import Adam, Momentum
from engine.surfaces import SURFACES
from gui.models.descent import CUSTOM, MAX_RACERS, PRESETS, DescentModel, RacerModel
from gui.models.settings import SettingError


def test_defaults_are_the_study_notes():
    m = DescentModel()
    assert m["surface"] == "sphere" and m.start() == (3.0, 4.0) and m["steps"] == 100
    assert [r.state()["params"] for r in m.racers] == [{"lr": 0.1}]
    assert m.revision == 0


def test_the_notes_race_gives_the_printed_numbers():
    """x0² + x1² from (3, 4) with lr 0.1, 100 steps: the notes print [6.111e-10, 8.148e-10]
    for (−3, 4); from (3, 4) the signs follow the start: 0.8¹⁰⁰·(3, 4)."""
    m = DescentModel()
    plan = m.race_plan()
    last = list(race(plan.surface, plan.start, plan.optimizers, plan.steps, None, h=plan.h))[-1]
    entry = last.entries[0]
    assert isinstance(entry, DescentStep) and entry.step == 100
    np.testing.assert_allclose(entry.x, 0.8**100 * np.array([3.0, 4.0]), rtol=1e-6)


def test_choosing_a_surface_brings_its_formula_and_start():
    m = DescentModel()
    m.set("surface", "rosenbrock")
    assert m["expression"] == SURFACES["rosenbrock"].text
    assert m.start() == SURFACES["rosenbrock"].start and m.surface() is SURFACES["rosenbrock"]
    m.set("gradient", "analytic")
    assert m.race_plan().analytic


def test_a_typed_expression_is_a_custom_surface_with_a_numerical_gradient():
    m = DescentModel()
    m.set("gradient", "analytic")
    m.set_start(1.0, 2.0)
    m.set_text("expression", "x**2 + 3*y**2")
    assert m["surface"] == CUSTOM and m["gradient"] == "numerical"
    assert m.start() == (1.0, 2.0)  # the start point stays
    assert m.surface().value(np.array([1.0, 2.0])) == 13.0 and not m.surface().has_gradient
    with pytest.raises(SettingError) as caught:
        m.set("gradient", "analytic")
    assert caught.value.key == "gradient"


@pytest.mark.parametrize(
    "text, column, detail",
    [("x.__class__", 1, "__class__"), ("2 +", 4, "invalid syntax"), ("foo(x)", 1, "foo")],
)
def test_a_refused_expression_names_the_field_and_where(text, column, detail):
    m = DescentModel()
    with pytest.raises(SettingError) as caught:
        m.set_text("expression", text)
    error = caught.value
    assert error.key == "expression" and error.args[0] == str(column)
    assert detail in error.args[1] or detail == error.args[1]
    assert m["expression"] == SURFACES["sphere"].text and m["surface"] == "sphere"


def test_racers_refuse_what_the_engine_would_not_take_instead_of_clamping():
    m = DescentModel()
    before = m.state()
    for racers, key in (
        ([{"optimizer": "Momentum", "params": {"lr": 0.1, "momentum": 1.0}}], "momentum"),
        ([{"optimizer": "Adam", "params": {"beta2": 0.9999995}}], "beta2"),
        ([{"optimizer": "RMSprop", "params": {"decay_rate": -0.1}}], "decay_rate"),
        ([{"optimizer": "SGD", "params": {"lr": 0}}], "lr"),
        ([{"optimizer": "SGD", "params": {"lr": math.inf}}], "lr"),
        ([{"optimizer": "SGD", "params": {"momentum": 0.5}}], "momentum"),
        ([{"optimizer": "Bogus"}], "optimizer"),
        ([{"optimizer": "SGD", "colour": "red"}], "colour"),
        ([{"optimizer": "SGD"}] * (MAX_RACERS + 1), "racers"),
        ([], "racers"),
    ):
        with pytest.raises(SettingError) as caught:
            m.set_state({**before, "racers": racers})
        assert caught.value.key == key, racers
        assert m.state() == before
    # the largest allowed values are kept exactly, all eight racers
    eight = [{"optimizer": "Adam", "params": {"beta1": 0.999999, "beta2": 0.999999}}] * MAX_RACERS
    m.set_state({**before, "racers": eight})
    assert [r.params()["beta2"] for r in m.racers] == [0.999999] * MAX_RACERS


def test_racer_models_follow_the_engines_optimizers():
    r = RacerModel("Momentum", {"lr": 0.05})
    assert r.params() == {"lr": 0.05, "momentum": 0.9}
    assert not r.is_enabled("beta1") and r.is_enabled("momentum")
    opt = r.make_optimizer()
    assert isinstance(opt, Momentum) and (opt.lr, opt.momentum) == (0.05, 0.9)
    r.set("optimizer", "Adam")  # another optimizer: the book's defaults
    assert r.params() == {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}
    assert isinstance(r.make_optimizer(), Adam)
    assert r.label() == "Adam (lr=0.001, beta1=0.9, beta2=0.999)"


def test_adding_and_removing_racers_keeps_their_models():
    m = DescentModel()
    first = m.racers[0]
    added = [m.add_racer() for _ in range(MAX_RACERS - 1)]
    assert m.add_racer() is None and len(m.racers) == MAX_RACERS
    assert len({r["colour"] for r in m.racers}) == MAX_RACERS
    assert m.remove_racer(added[0]) and added[0] not in m.racers
    again = m.add_racer("Adam")
    assert again is added[0] and again.name == "Adam"  # the same model, new values
    for r in list(m.racers[1:]):
        m.remove_racer(r)
    assert m.racers == [first] and not m.remove_racer(first)
    revision = m.revision
    first.set("lr", 0.2)
    assert m.revision > revision  # a racer's edit is a change of the tab


def test_presets_and_plans():
    m = DescentModel()
    m.apply_preset("chapter6")
    plan = m.race_plan()
    assert plan.surface is SURFACES["elongated"] and plan.start == (-7.0, 2.0)
    assert plan.steps == 30 and plan.analytic
    assert [type(o).__name__ for o in plan.optimizers] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert plan.labels[0] == "SGD (lr=0.95)"
    for racer in m.racers:
        racer.set("enabled", False)
    with pytest.raises(ValueError):
        m.race_plan()
    assert set(PRESETS) == {"notes", "learning_rates", "chapter6"}


def test_state_round_trip_and_the_old_format():
    m = DescentModel()
    m.apply_preset("learning_rates")
    m.set_text("expression", "x**2 + sin(y)")
    m.set("speed", 300)
    state = m.state()
    assert json.loads(json.dumps(state)) == state
    assert state["start"] == [-3.0, 4.0] and "start_x" not in state
    other = DescentModel()
    other.set_state(state)
    assert other.state() == state and other.surface().text == "x**2 + sin(y)"
    old = {  # written by 07c0310
        "surface": "elongated",
        "expression": "x**2/20 + y**2",
        "start": [-7.0, 2.0],
        "gradient": "analytic",
        "h": 0.0001,
        "steps": 30,
        "bound": 1000000.0,
        "speed": 30,
        "arrows": True,
        "racers": [
            {"optimizer": "SGD", "enabled": True, "colour": "#d55e00", "params": {"lr": 0.95}},
            {
                "optimizer": "Adam",
                "enabled": False,
                "colour": "#0072b2",
                "params": {"lr": 0.3, "beta1": 0.9, "beta2": 0.999},
            },
        ],
    }
    other.set_state(old)
    assert other.state() == old


@pytest.mark.parametrize(
    "bad, key",
    [
        ({"surface": "nope"}, "surface"),
        ({"surface": CUSTOM, "expression": "x.__class__"}, "expression"),
        ({"start": [math.nan, 0]}, "start_x"),
        ({"start": [0]}, "start"),
        ({"steps": 0}, "steps"),
        ({"steps": 10001}, "steps"),
        ({"h": 2.0}, "h"),
        ({"speed": 7}, "speed"),
        ({"arrows": "yes"}, "arrows"),
    ],
)
def test_bad_states_are_refused_naming_the_field(bad, key):
    m = DescentModel()
    m.set_text("expression", "x**2 + sin(y)")
    before = m.state()
    with pytest.raises(SettingError) as caught:
        m.set_state(bad)
    assert caught.value.key == key
    assert m.state() == before


def test_export_reads_the_model(tmp_path):
    import subprocess
    import sys

    m = DescentModel()
    path = tmp_path / "race.py"
    path.write_text(m.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    x = 0.8**100 * 3.0
    assert "SGD (lr=0.1)" in out or "SGD" in out
    assert f"{x:.6e}"[:5] in f"{float(out.split('x = ')[1].split(',')[0]):.6e}"
