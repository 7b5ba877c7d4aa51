"""Exported scripts carry the engine's own code (gui/engine_source.py), not copies kept in
gui/: what they define is the engine's source, verbatim, and it runs on its own."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest

from engine import gradient, optimizers
from gui.engine_source import EngineSourceError, engine_code

ROOT = Path(__file__).resolve().parent.parent


def run(code: str) -> dict:
    namespace: dict = {"__name__": "exported"}
    exec(compile(code, "exported.py", "exec"), namespace)
    return namespace


def test_definitions_are_the_engines_source_with_what_they_need():
    code = engine_code((optimizers, ["Adam", "Nesterov"]))
    for cls in (optimizers.Adam, optimizers.Nesterov, optimizers.Momentum, optimizers.Optimizer):
        assert inspect.getsource(cls) in code  # verbatim, bases included
    assert "EPSILON = 1e-7" in code and "Params = " in code
    assert "class SGD" not in code and "OPTIMIZERS" not in code  # only what is needed
    assert code.startswith("from __future__ import annotations\n")


@pytest.mark.parametrize("name", list(optimizers.OPTIMIZERS))
def test_exported_optimizers_compute_what_the_engine_computes(name):
    exported = run(engine_code((optimizers, [name])))[name]
    rng = np.random.default_rng(1)
    grads = [{"W": rng.normal(size=(3, 2))} for _ in range(20)]
    ours = {"W": np.ones((3, 2))}
    theirs = {"W": np.ones((3, 2))}
    engine_opt = optimizers.OPTIMIZERS[name](lr=0.05)
    exported_opt = exported(lr=0.05)
    for g in grads:
        engine_opt.update(ours, {"W": g["W"].copy()})
        exported_opt.update(theirs, {"W": g["W"].copy()})
    np.testing.assert_array_equal(theirs["W"], ours["W"])
    assert not np.array_equal(ours["W"], np.ones((3, 2)))


def test_numerical_gradient_is_exported_with_its_imports():
    code = engine_code((gradient, ["numerical_gradient"]))
    assert inspect.getsource(gradient.numerical_gradient) in code
    assert "import numpy as np" in code
    fn = run(code)["numerical_gradient"]
    p = np.array([3.0, 4.0])
    np.testing.assert_array_equal(
        fn(lambda v: v[0] ** 2 + v[1] ** 2, p.copy()),
        gradient.numerical_gradient(lambda v: v[0] ** 2 + v[1] ** 2, p.copy()),
    )


def test_definitions_needing_another_engine_module_are_refused():
    # descent_path takes an engine.optimizers.Optimizer: not standalone
    with pytest.raises(EngineSourceError, match="engine.optimizers"):
        engine_code((gradient, ["descent_path"]))
    with pytest.raises(EngineSourceError, match="defines no"):
        engine_code((optimizers, ["Adagrad"]))


def test_gui_keeps_no_copy_of_the_optimizers():
    """No gui module repeats a line of an optimizer's update rule."""
    rule_lines = set()
    for cls in optimizers.OPTIMIZERS.values():
        for line in inspect.getsource(cls.update).splitlines():
            line = line.strip()
            if "params[key]" in line or "self.v[key]" in line or "self.h[key]" in line:
                rule_lines.add(line.replace("EPSILON", "1e-7"))
    assert len(rule_lines) > 8
    for path in (ROOT / "gui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        copied = [line for line in rule_lines if line in text]
        assert not copied, f"{path.relative_to(ROOT)} copies {copied[0]!r}"
