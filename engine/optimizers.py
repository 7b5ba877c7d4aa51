"""The book's optimizers (§6.1), each with ``update(params, grads)`` updating in place.

``params`` and ``grads`` are dicts of arrays with the same keys (``{"W1": …, "b1": …}``,
or ``{"x": point}`` for a descent on a surface). The rules are those of the book's
``common/optimizer.py`` with ε = 1e-7.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam", "OPTIMIZERS", "EPSILON"]

EPSILON = 1e-7

Params = dict[str, NDArray[np.floating]]


class Optimizer:
    """Common base: holds the learning rate and a ``name`` for display."""

    name = "optimizer"

    def __init__(self, lr: float) -> None:
        self.lr = lr

    def update(self, params: Params, grads: Params) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def hyperparameters(self) -> dict[str, float]:
        """The constructor's arguments and their values, e.g. ``{"lr": 0.01}``."""
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters().items())
        return f"{type(self).__name__}({args})"


class SGD(Optimizer):
    """Stochastic gradient descent: W ← W − η ∂L/∂W (book §6.1.2)."""

    name = "SGD"

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)

    def update(self, params: Params, grads: Params) -> None:
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum(Optimizer):
    """Momentum: v ← αv − η ∂L/∂W; W ← W + v (book §6.1.4)."""

    name = "Momentum"

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        self.momentum = momentum
        self.v: Params | None = None

    def hyperparameters(self) -> dict[str, float]:
        return {"lr": self.lr, "momentum": self.momentum}

    def update(self, params: Params, grads: Params) -> None:
        if self.v is None:
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Nesterov(Momentum):
    """Nesterov's accelerated gradient, in the book's reformulation (book §6.1, optimizer.py).

    W ← W + α²v; W ← W − (1+α)η g; v ← αv − η g (W is moved with the old v first).
    """

    name = "Nesterov"

    def update(self, params: Params, grads: Params) -> None:
        if self.v is None:
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        m = self.momentum
        for key in params:
            params[key] += m * m * self.v[key]
            params[key] -= (1 + m) * self.lr * grads[key]
            self.v[key] *= m
            self.v[key] -= self.lr * grads[key]


class AdaGrad(Optimizer):
    """AdaGrad: h ← h + g²; W ← W − η g / (√h + ε) (book §6.1.5)."""

    name = "AdaGrad"

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)
        self.h: Params | None = None

    def update(self, params: Params, grads: Params) -> None:
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + EPSILON)


class RMSprop(Optimizer):
    """RMSprop: h ← ρh + (1−ρ)g²; W ← W − η g / (√h + ε), ρ = 0.99 (book §6.1.5 note)."""

    name = "RMSprop"

    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99) -> None:
        super().__init__(lr)
        self.decay_rate = decay_rate
        self.h: Params | None = None

    def hyperparameters(self) -> dict[str, float]:
        return {"lr": self.lr, "decay_rate": self.decay_rate}

    def update(self, params: Params, grads: Params) -> None:
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + EPSILON)


class Adam(Optimizer):
    """Adam, as in the book's optimizer.py (book §6.1.6).

    t ← t+1; ηₜ = η √(1−β₂ᵗ) / (1−β₁ᵗ); m ← m + (1−β₁)(g − m); v ← v + (1−β₂)(g² − v);
    W ← W − ηₜ m / (√v + ε).
    """

    name = "Adam"

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999) -> None:
        super().__init__(lr)
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m: Params | None = None
        self.v: Params | None = None

    def hyperparameters(self) -> dict[str, float]:
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2}

    def update(self, params: Params, grads: Params) -> None:
        if self.m is None or self.v is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            # the book's expressions, evaluated in the same order into two scratch arrays,
            # in the parameter's dtype (a float32 network stays float32)
            p, g, m, v = params[key], grads[key], self.m[key], self.v[key]
            c = p.dtype.type if p.dtype.kind == "f" else float
            tmp = np.subtract(g, m, dtype=m.dtype)
            tmp *= c(1 - self.beta1)
            m += tmp
            np.multiply(g, g, out=tmp)
            tmp -= v
            tmp *= c(1 - self.beta2)
            v += tmp
            np.sqrt(v, out=tmp)
            tmp += c(EPSILON)
            step = np.multiply(m, c(lr_t))
            step /= tmp
            p -= step


#: Optimizer classes by display name, in the book's order.
OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)
}
