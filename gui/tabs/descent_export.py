"""The Descent tab's "export as code": a standalone NumPy script that runs the same race.

The script repeats the engine's arithmetic operation for operation (the book's
``numerical_gradient`` and ``common/optimizer.py`` rules), so it prints the very numbers
the results table shows.
"""

from __future__ import annotations

from engine.surfaces import Surface

__all__ = ["export_script"]

_OPTIMIZER_CODE = {
    "SGD": """
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]
""",
    "Momentum": """
class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
""",
    "Nesterov": """
class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        m = self.momentum
        for key in params:
            params[key] += m * m * self.v[key]
            params[key] -= (1 + m) * self.lr * grads[key]
            self.v[key] *= m
            self.v[key] -= self.lr * grads[key]
""",
    "AdaGrad": """
class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
""",
    "RMSprop": """
class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate, self.h = lr, decay_rate, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
""",
    "Adam": """
class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter, self.m, self.v = 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            g = grads[key]
            self.m[key] += (1 - self.beta1) * (g - self.m[key])
            self.v[key] += (1 - self.beta2) * (g * g - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
""",
}


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
    classes = "".join(_OPTIMIZER_CODE[name] for name in used)
    if analytic and surface.grad_text is not None:
        gradient = f'''
def grad(p):
    """The analytic gradient."""
    x, y = p[0], p[1]
    x0, x1 = x, y
    return np.array([{surface.grad_text[0]}, {surface.grad_text[1]}], dtype=np.float64)
'''
        gradient_note = "analytic"
    else:
        gradient = f'''
def numerical_gradient(f, x, h={h!r}):
    """The book's central-difference gradient (§4.4), element by element."""
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        x[idx] = tmp
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


def grad(p):
    return numerical_gradient(f, p)
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

{gradient}{classes}

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
