"""The Descent tab's "export as code": a standalone NumPy script that runs the same race.

The script carries the engine's own ``numerical_gradient`` and optimizer classes, copied
out of ``engine/`` when it is written (``gui.engine_source``), so it prints the very
numbers the results table shows and can never drift from the engine.
"""

from __future__ import annotations

from engine import gradient, optimizers
from engine.surfaces import Surface
from gui.engine_source import engine_code

__all__ = ["export_script"]


def export_script(
    surface: Surface,
    start: tuple[float, float],
    racers: list[tuple[str, dict[str, float]]],
    steps: int,
    analytic: bool,
    h: float,
    bound: float,
) -> str:
    """The text of a NumPy-only script racing ``racers`` (name, hyperparameters) on
    ``surface`` from ``start`` and printing each final point with ``repr``."""
    used = []
    for name, _ in racers:
        if name not in used:
            used.append(name)
    if analytic and surface.grad_text is not None:
        engine = engine_code((optimizers, used))
        gradient_code = f'''
def grad(p):
    """The analytic gradient."""
    x, y = p[0], p[1]
    x0, x1 = x, y
    return np.array([{surface.grad_text[0]}, {surface.grad_text[1]}], dtype=np.float64)
'''
        gradient_note = "analytic"
    else:
        engine = engine_code((gradient, ["numerical_gradient"]), (optimizers, used))
        gradient_code = f'''
def grad(p):
    """The engine's central-difference gradient (book §4.4) with h = {h!r}."""
    return numerical_gradient(f, p, h={h!r})
'''
        gradient_note = f"numerical, h = {h!r}"
    racer_lines = ",\n".join(
        f"    ({name!r}, {name}({', '.join(f'{k}={v!r}' for k, v in params.items())}))"
        for name, params in racers
    )
    return f'''"""Zerokara Lab, Descent tab: a race of optimizers on f(x, y) = {surface.text}
from ({start[0]!r}, {start[1]!r}), {steps} steps, gradient {gradient_note}.

Needs only NumPy. Prints each optimizer's final point, f there and the step count.
"""

{engine}

import numpy as np
from numpy import abs, cos, e, exp, log, pi, sin, sqrt, tan, tanh  # noqa: F401

START = ({start[0]!r}, {start[1]!r})
STEPS = {steps}
BOUND = {bound!r}  # a point with some |x_i| beyond this counts as diverged


def f_xy(x, y):
    x0, x1 = x, y
    return {surface.text}


def f(p):
    return float(f_xy(p[0], p[1]))

{gradient_code}

RACERS = [
{racer_lines},
]


def descend(optimizer):
    """Returns (last finite point, f there, steps done, step of divergence or None)."""
    x = np.array(START, dtype=np.float64)
    params = {{"x": x}}
    last = None
    for step in range(STEPS + 1):
        with np.errstate(all="ignore"):
            if not np.all(np.isfinite(x)) or float(np.max(np.abs(x))) > BOUND:
                return last, step
            value = f(x)
            g = np.asarray(grad(x), dtype=np.float64)
            if not (np.isfinite(value) and np.all(np.isfinite(g))):
                return last, step
            last = (x.copy(), value, step)
            if step < STEPS:
                optimizer.update(params, {{"x": g.copy()}})
                x = params["x"]
    return last, None


for name, optimizer in RACERS:
    last, diverged = descend(optimizer)
    if last is None:
        print(f"{{name}}: diverged at the start point")
        continue
    point, value, done = last
    status = "finished" if diverged is None else f"diverged at step {{diverged}}"
    print(f"{{name}}: x = {{float(point[0])!r}}, y = {{float(point[1])!r}}, "
          f"f = {{value!r}}, steps = {{done}}, {{status}}")
'''
