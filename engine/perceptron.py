"""Perceptrons and logic gates (book ch. 2), their learning rule, and why XOR needs two layers.

A perceptron outputs y = 1 if w·x + b > 0, else 0 (book §2.3.1). The book sets the
weights of AND, NAND and OR by hand (§2.3); XOR is not linearly separable (§2.4) and is
built from them in two layers (§2.5): XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)).

Beyond the book this module has the perceptron learning rule (Rosenblatt's rule, which
the book does not cover: it sets weights by hand), an exact linear-separability test for
Boolean tables of up to three inputs, and ``compose_two_layer``, which builds a two-layer
perceptron for any Boolean table.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Perceptron",
    "TwoLayerPerceptron",
    "LearnRecord",
    "TableError",
    "AND",
    "OR",
    "NAND",
    "NOR",
    "XOR",
    "XNOR",
    "GATES",
    "truth_table",
    "table_inputs",
    "learn",
    "is_linearly_separable",
    "separating_weights",
    "compose_two_layer",
    "MAX_EXACT_INPUTS",
]

#: The separability test is exact for tables of up to this many inputs.
MAX_EXACT_INPUTS = 3


class TableError(ValueError):
    """A truth table the functions here cannot use (wrong shape, non-binary, too many inputs)."""


class Perceptron:
    """A perceptron y = 1 if w·x + b > 0 else 0 (book §2.3.1, with the bias of §2.3.2).

    Called on one input vector it returns 0 or 1; on a batch (one row per sample) an
    integer array. ``weighted_sum`` gives w·x + b itself.
    """

    def __init__(self, w: ArrayLike, b: float) -> None:
        self.w = np.array(w, dtype=np.float64).reshape(-1)
        self.b = float(b)

    @property
    def n_inputs(self) -> int:
        return int(self.w.size)

    def weighted_sum(self, x: ArrayLike) -> float | NDArray[np.float64]:
        """w·x + b for one input (a float) or a batch (an array)."""
        xa = np.asarray(x, dtype=np.float64)
        s = xa @ self.w + self.b
        return float(s) if xa.ndim == 1 else s

    def __call__(self, x: ArrayLike) -> int | NDArray[np.int64]:
        xa = np.asarray(x, dtype=np.float64)
        s = xa @ self.w + self.b
        if xa.ndim == 1:
            return int(s > 0)
        return (s > 0).astype(np.int64)

    def __repr__(self) -> str:
        w = ", ".join(f"{v:g}" for v in self.w)
        return f"Perceptron(w=[{w}], b={self.b:g})"


def _gate(w1: float, w2: float, b: float) -> Callable[[float, float], int]:
    p = Perceptron([w1, w2], b)

    def gate(x1: float, x2: float) -> int:
        return p(np.array([x1, x2]))

    gate.perceptron = p  # type: ignore[attr-defined]
    return gate


#: The book's gates (§2.3.3): AND 0.5, 0.5, −0.7; NAND −0.5, −0.5, 0.7; OR 0.5, 0.5, −0.2.
AND = _gate(0.5, 0.5, -0.7)
NAND = _gate(-0.5, -0.5, 0.7)
OR = _gate(0.5, 0.5, -0.2)
#: NOR is OR with every sign flipped (not in the book; the same idea as NAND from AND).
NOR = _gate(-0.5, -0.5, 0.2)
AND.__doc__ = "AND(x1, x2) with the book's weights w = (0.5, 0.5), b = −0.7 (§2.3.3)."
NAND.__doc__ = "NAND(x1, x2) with the book's weights w = (−0.5, −0.5), b = 0.7 (§2.3.3)."
OR.__doc__ = "OR(x1, x2) with the book's weights w = (0.5, 0.5), b = −0.2 (§2.3.3)."
NOR.__doc__ = "NOR(x1, x2) = NOT OR: w = (−0.5, −0.5), b = 0.2."


def XOR(x1: float, x2: float) -> int:
    """XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)): the book's two-layer perceptron (§2.5.2)."""
    return AND(NAND(x1, x2), OR(x1, x2))


def XNOR(x1: float, x2: float) -> int:
    """XNOR(x1, x2) = NAND(NAND(x1, x2), OR(x1, x2)): XOR with the output unit negated."""
    return NAND(NAND(x1, x2), OR(x1, x2))


#: The six gates by name.
GATES: dict[str, Callable[[float, float], int]] = {
    "AND": AND,
    "OR": OR,
    "NAND": NAND,
    "NOR": NOR,
    "XOR": XOR,
    "XNOR": XNOR,
}


def table_inputs(n_inputs: int = 2) -> NDArray[np.int64]:
    """Every 0/1 input of ``n_inputs`` inputs, in the book's row order (00, 01, 10, 11)."""
    if not 1 <= n_inputs <= 16:
        raise TableError(f"a truth table needs 1 to 16 inputs, not {n_inputs}")
    return np.array(list(itertools.product((0, 1), repeat=n_inputs)), dtype=np.int64)


def truth_table(
    fn: Callable[..., int], n_inputs: int = 2
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The truth table of ``fn``: ``(inputs (2ⁿ, n), outputs (2ⁿ,))`` (book §2.2's tables).

    ``fn`` is a gate taking n numbers (``AND(x1, x2)``) or a ``Perceptron`` /
    ``TwoLayerPerceptron`` taking one input vector.
    """
    inputs = table_inputs(n_inputs)
    vector = isinstance(fn, (Perceptron, TwoLayerPerceptron))
    outputs = [int(fn(row) if vector else fn(*row)) for row in inputs]
    return inputs, np.array(outputs, dtype=np.int64)


def _check_table(inputs: ArrayLike, targets: ArrayLike) -> tuple[NDArray, NDArray]:
    x = np.asarray(inputs, dtype=np.float64)
    t = np.asarray(targets)
    if x.ndim != 2 or x.shape[0] == 0:
        raise TableError("inputs must be a non-empty 2-D array, one row per input")
    if t.shape != (x.shape[0],):
        raise TableError(f"{x.shape[0]} input rows need {x.shape[0]} targets, got {t.shape}")
    if not np.all(np.isfinite(x)):
        raise TableError("inputs must be finite")
    if not np.all((t == 0) | (t == 1)):
        raise TableError("targets must be 0 or 1")
    return x, t.astype(np.int64)


# -- learning ------------------------------------------------------------------------
@dataclass(frozen=True)
class LearnRecord:
    """One epoch of the perceptron rule.

    ``weights`` and ``bias`` are the values after the epoch (epoch 0: the start),
    ``outputs`` the perceptron's outputs for every row with them, ``errors`` how many
    rows are still wrong, ``updates`` how many rows changed the weights in this epoch,
    and ``converged`` is True when every row is right.
    """

    epoch: int
    weights: NDArray[np.float64]
    bias: float
    outputs: NDArray[np.int64]
    errors: int
    updates: int
    converged: bool


def learn(
    inputs: ArrayLike,
    targets: ArrayLike,
    lr: float = 0.1,
    max_epochs: int = 100,
    w0: ArrayLike | None = None,
    b0: float = 0.0,
) -> Iterator[LearnRecord]:
    """The perceptron learning rule, one record per epoch (Rosenblatt; not in the book).

    Starts from ``w0`` (default all zeros) and ``b0`` (default 0) and yields that start as
    epoch 0. Each epoch visits the rows in order; for a row x with target t and output
    y = [w·x + b > 0] it sets w ← w + lr·(t − y)·x and b ← b + lr·(t − y). It stops after
    the first epoch that leaves every row right, or after ``max_epochs`` epochs. For a
    linearly separable table it always stops (the perceptron convergence theorem);
    deterministic: the same arguments give the same records.
    """
    x, t = _check_table(inputs, targets)
    lr = float(lr)
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError("the learning rate must be a positive finite number")
    max_epochs = int(max_epochs)
    if max_epochs < 1:
        raise ValueError("max_epochs must be at least 1")
    w = np.zeros(x.shape[1]) if w0 is None else np.array(w0, dtype=np.float64).reshape(-1)
    if w.shape != (x.shape[1],) or not np.all(np.isfinite(w)) or not np.isfinite(b0):
        raise ValueError(f"w0 must hold {x.shape[1]} finite numbers and b0 be finite")
    b = float(b0)

    def record(epoch: int, updates: int) -> LearnRecord:
        y = (x @ w + b > 0).astype(np.int64)
        errors = int(np.count_nonzero(y != t))
        return LearnRecord(epoch, w.copy(), float(b), y, errors, updates, errors == 0)

    rec = record(0, 0)
    yield rec
    for epoch in range(1, max_epochs + 1):
        if rec.converged:
            return
        updates = 0
        for xi, ti in zip(x, t, strict=True):
            delta = ti - int(xi @ w + b > 0)
            if delta:
                w = w + lr * delta * xi
                b = b + lr * delta
                updates += 1
        rec = record(epoch, updates)
        yield rec


# -- exact separability --------------------------------------------------------------
@cache
def _candidates(n: int) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    """Integer weights in [−3, 3] and half-integer biases in [−9.5, 9.5], with the 2ⁿ-row
    output table of each (w·x + b is never 0 there, so no case is on the line).

    Every threshold function of n ≤ 3 inputs has such weights: the tests check that the
    distinct tables found are 4, 14 and 104, the known number of linearly separable
    Boolean functions of 1, 2 and 3 inputs (OEIS A000609).
    """
    grid = np.arange(-3, 4, dtype=np.float64)
    weights = np.array(list(itertools.product(grid, repeat=n)), dtype=np.float64)
    biases = np.arange(-9.5, 10.0, 1.0)
    w = np.repeat(weights, biases.size, axis=0)
    b = np.tile(biases, weights.shape[0])
    # prefer small weights, then small biases: the witness shown to a learner is simple
    order = np.lexsort((np.abs(b), np.abs(w).sum(axis=1)))
    w, b = w[order], b[order]
    outputs = (table_inputs(n) @ w.T + b > 0).astype(np.int64).T  # (candidates, 2ⁿ)
    for a in (w, b, outputs):
        a.flags.writeable = False  # cached: shared by every caller
    return w, b, outputs


def _binary_rows(inputs: ArrayLike) -> NDArray[np.int64]:
    x = np.asarray(inputs, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 1:
        raise TableError("inputs must be a 2-D array, one row per input")
    if x.shape[1] > MAX_EXACT_INPUTS:
        raise TableError(f"the exact test handles up to {MAX_EXACT_INPUTS} inputs")
    if not np.all((x == 0) | (x == 1)):
        raise TableError("the exact test needs 0/1 inputs")
    return (x.astype(np.int64) @ (1 << np.arange(x.shape[1] - 1, -1, -1))).astype(np.int64)


def separating_weights(inputs: ArrayLike, targets: ArrayLike) -> Perceptron | None:
    """A perceptron with small integer weights that gets every row right, or None if none
    exists (exact for 0/1 inputs of up to three columns; rows may be a subset, in any order).
    """
    x, t = _check_table(inputs, targets)
    rows = _binary_rows(x)
    w, b, outputs = _candidates(x.shape[1])
    ok = np.all(outputs[:, rows] == t, axis=1)
    hits = np.flatnonzero(ok)
    if hits.size == 0:
        return None
    return Perceptron(w[hits[0]], b[hits[0]])


def is_linearly_separable(inputs: ArrayLike, targets: ArrayLike) -> bool:
    """True if one perceptron (one line, plane) can produce ``targets`` (book §2.4).

    Exact for 0/1 inputs of up to three columns: it decides by enumeration whether any
    (w, b) gets every row right, not whether learning happened to converge.
    """
    return separating_weights(inputs, targets) is not None


# -- two layers ----------------------------------------------------------------------
class TwoLayerPerceptron:
    """Hidden perceptrons feeding one output perceptron (book §2.5's multi-layer perceptron).

    ``hidden`` is the list of first-layer perceptrons, ``output`` the second layer's.
    """

    def __init__(self, hidden: Sequence[Perceptron], output: Perceptron) -> None:
        self.hidden = list(hidden)
        self.output = output
        if output.n_inputs != len(self.hidden):
            raise ValueError("the output unit needs one weight per hidden unit")

    @property
    def n_inputs(self) -> int:
        return self.hidden[0].n_inputs

    def hidden_outputs(self, x: ArrayLike) -> NDArray[np.int64]:
        """The hidden layer's 0/1 outputs s for one input (1-D) or a batch (rows)."""
        xa = np.asarray(x, dtype=np.float64)
        return np.stack([np.asarray(h(xa)) for h in self.hidden], axis=-1).astype(np.int64)

    def __call__(self, x: ArrayLike) -> int | NDArray[np.int64]:
        return self.output(self.hidden_outputs(x))

    def to_network(self):
        """The same function as an ``engine.network.Network`` with step activations."""
        from engine.network import Network

        w1 = np.stack([h.w for h in self.hidden], axis=1)
        b1 = np.array([h.b for h in self.hidden])
        w2 = self.output.w.reshape(-1, 1)
        b2 = np.array([self.output.b])
        return Network([self.n_inputs, len(self.hidden), 1], ["step", "step"], [w1, w2], [b1, b2])

    def __repr__(self) -> str:
        return f"TwoLayerPerceptron(hidden={self.hidden!r}, output={self.output!r})"


def _book_units(n: int) -> list[Perceptron]:
    """The book's NAND, OR and AND (and NOR) extended to n inputs: preferred hidden units."""
    return [
        Perceptron([-0.5] * n, 0.7 if n == 2 else 0.5 * n - 0.3),
        Perceptron([0.5] * n, -0.2),
        Perceptron([0.5] * n, -0.7 if n == 2 else -(0.5 * n - 0.3)),
        Perceptron([-0.5] * n, 0.2),
    ]


def _output_unit(codes: NDArray[np.int64], t: NDArray[np.int64]) -> Perceptron | None:
    """An output perceptron for hidden codes → targets, the book's gates first."""
    k = codes.shape[1]
    if k >= 2:
        for p in _book_units(k):
            if np.array_equal(p(codes), t):
                return p
    if k > MAX_EXACT_INPUTS:
        return None
    return separating_weights(codes, t)


def compose_two_layer(inputs: ArrayLike, targets: ArrayLike) -> TwoLayerPerceptron:
    """A two-layer perceptron that reproduces the table ``inputs`` → ``targets``.

    For tables of up to three inputs it tries one hidden unit (a separable table), then
    two, then three, drawn from the book's gates and every threshold function, so the
    hidden layer is as small as possible (XOR comes out as AND(NAND, OR), §2.5.2; 3-input
    parity needs three). Beyond that: one hidden unit per row of the rarer target (each
    fires on exactly its row) joined by OR, or by NOR when the rarer target is 0.
    """
    x, t = _check_table(inputs, targets)
    n = x.shape[1]
    if not np.all((x == 0) | (x == 1)):
        raise TableError("a two-layer composition needs 0/1 inputs")
    if n <= MAX_EXACT_INPUTS:
        single = separating_weights(x, t)
        if single is not None:
            return TwoLayerPerceptron([single], Perceptron([1.0], -0.5))
        w, b, _ = _candidates(n)
        units = _book_units(n) if n >= 2 else []
        seen: set[bytes] = set()
        pool: list[Perceptron] = []
        for p in units + [Perceptron(wi, bi) for wi, bi in zip(w, b, strict=True)]:
            key = np.asarray(p(x)).tobytes()
            out = np.asarray(p(x))
            if key in seen or out.min() == out.max():
                continue
            seen.add(key)
            pool.append(p)
        outs = [np.asarray(p(x)) for p in pool]
        for i, j in itertools.combinations(range(len(pool)), 2):
            codes = np.stack([outs[i], outs[j]], axis=1)
            code_id = codes[:, 0] * 2 + codes[:, 1]
            # one hidden code must not need two different outputs
            if any(len(set(t[code_id == c])) > 1 for c in set(code_id.tolist())):
                continue
            out_unit = _output_unit(codes, t)
            if out_unit is not None:
                return TwoLayerPerceptron([pool[i], pool[j]], out_unit)
        three = _three_hidden(t, pool, outs)
        if three is not None:
            return three
    # one detector per row of the rarer target value
    rare = 1 if np.count_nonzero(t == 1) <= np.count_nonzero(t == 0) else 0
    rows = x[t == rare]
    if rows.shape[0] == 0:  # a constant table: one unit that never fires
        return TwoLayerPerceptron(
            [Perceptron(np.zeros(n), -1.0)], Perceptron([1.0], -0.5 if rare == 1 else 0.5)
        )
    hidden = _row_detectors(rows)
    k = len(hidden)
    output = Perceptron(np.ones(k), -0.5) if rare == 1 else Perceptron(-np.ones(k), 0.5)
    return TwoLayerPerceptron(hidden, output)


@cache
def _separable_masks3() -> NDArray[np.bool_]:
    """``table[pos, neg]``: is some threshold function of 3 inputs 1 on every row in the
    bit mask ``pos`` and 0 on every row in ``neg`` (row r is bit r of table_inputs(3))?"""
    outputs = _candidates(3)[2]
    functions = np.unique(outputs @ (1 << np.arange(8)))
    pos = np.arange(256)[:, None]
    neg = np.arange(256)[None, :]
    table = np.zeros((256, 256), dtype=bool)
    for f in functions:
        table |= ((pos & ~f) == 0) & ((neg & f) == 0)
    table.flags.writeable = False
    return table


def _three_hidden(
    t: NDArray[np.int64], pool: list[Perceptron], outs: list[NDArray]
) -> TwoLayerPerceptron | None:
    """The first triple of ``pool`` units whose hidden codes one output unit separates."""
    if len(pool) < 3:
        return None
    o = np.array(outs, dtype=np.int64)
    tri = np.array(list(itertools.combinations(range(len(pool)), 3)), dtype=np.int64)
    codes = o[tri[:, 0]] * 4 + o[tri[:, 1]] * 2 + o[tri[:, 2]]
    bits = np.left_shift(1, codes)
    pos = np.bitwise_or.reduce(np.where(t == 1, bits, 0), axis=1)
    neg = np.bitwise_or.reduce(np.where(t == 0, bits, 0), axis=1)
    ok = ((pos & neg) == 0) & _separable_masks3()[pos, neg]
    hits = np.flatnonzero(ok)
    if hits.size == 0:
        return None
    hidden = [pool[int(i)] for i in tri[hits[0]]]
    s = np.stack([outs[int(i)] for i in tri[hits[0]]], axis=1)
    output = _output_unit(s, t)
    if output is None:  # cannot happen: the table above says a separating unit exists
        return None
    return TwoLayerPerceptron(hidden, output)


def _row_detectors(rows: NDArray) -> list[Perceptron]:
    """For each 0/1 row r, the perceptron w = 2r − 1, b = 0.5 − Σr: it fires on r only.

    w·x counts the ones x shares with r minus the ones it has outside r, which reaches
    Σr only at x = r.
    """
    return [Perceptron(2.0 * r - 1.0, 0.5 - float(r.sum())) for r in rows]
