"""The numerical gradient of §4.5, computed many weights at a time.

The book's ``numerical_gradient`` (§4.4) nudges one weight by ±h and runs the whole
network again, twice per weight: 2 × 39,760 forward passes for a 784-50-10 net. Yet
nudging the weight W[i, j] of a layer changes only *one column* of that layer's weighted
sum, ``a[:, j] += δ·z_in[:, i]``; its activation changes in that column alone, and the next
layer's weighted sum by the rank-one term ``Δz[:, j] ⊗ W_next[j, :]``. Only the layers
after that need a full recomputation. This module does exactly that for a chunk of
perturbed weights at once (both signs), so each of those ±h losses is the *same quantity*
the book's loop computes, and so is the central difference (f(w+h) − f(w−h)) / 2h:
the two agree to rounding (≈1e-12), they are not an approximation of each other.

Two more savings, both exact: a (copy, sample) pair whose hidden value did not move (a
ReLU that stays off, an input pixel of 0) adds the same term to L(w + h) and L(w − h), so
only the pairs that moved are computed, as loss *differences*; and when the nudged layer
feeds the softmax directly, its new sum Σ_c exp(a_c + W[j, c]·d) is evaluated as a power
series in the tiny nudge d with precomputed coefficients, summed until the remainder is
below 1e-18 of the sum (far under the rounding of the loop's own loss).

Internally the perturbed copies are laid out as (perturbation, neuron, sample), samples
last, so that reductions over the few output neurons run along long contiguous rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine import functions as F

__all__ = [
    "numerical_gradient_fast",
    "estimated_seconds",
    "work_units",
    "DEFAULT_CHUNK_ELEMENTS",
]

#: The work per chunk, in float64 numbers: large enough that NumPy's per-call overhead is
#: small, small enough that temporaries stay in cache and below the allocator's mmap
#: threshold (a fresh mmap costs a page fault per 4 KiB, every chunk).
DEFAULT_CHUNK_ELEMENTS = 1 << 17

Array = NDArray[np.float64]

_ALL = slice(None)

#: Terms of the power series for the softmax's sum after a nudge (see ``after``) and the
#: largest |W·d| it is used for: the remainder is then below r^9/9!·e^r ≈ 5e-18 of the sum.
SERIES_TERMS = 9
SERIES_RADIUS = 0.05


def _terms_needed(radius: float) -> int:
    """The fewest series terms T whose remainder r^T/T!·e^r stays below 1e-18 (T ≤ 9)."""
    term, t = 1.0, 0
    while t < SERIES_TERMS:
        t += 1
        term *= radius / t
        if term * np.e**radius <= 1e-18:
            break
    return max(t, 2)


def _activation(name: str) -> Callable[[Array], Array]:
    if name == "identity":
        return lambda a: a
    if name == "relu":
        return lambda a: np.maximum(a, 0.0)
    if name == "sigmoid":
        return F.sigmoid
    if name == "tanh":
        return np.tanh
    raise ValueError(f"the {name} activation has no useful gradient")


def numerical_gradient_fast(
    weights: Sequence[ArrayLike],
    biases: Sequence[ArrayLike],
    activations: Sequence[str],
    x: ArrayLike,
    t: ArrayLike,
    h: float = 1e-4,
    chunk_elements: int = DEFAULT_CHUNK_ELEMENTS,
) -> dict[str, NDArray[np.floating]]:
    """∂L/∂W and ∂L/∂b for every layer by central differences, like the loop of §4.5.1.

    Computes, for every weight and bias w, (L(w + h) − L(w − h)) / 2h exactly as the
    book's element-by-element loop does (the loss L being the cross-entropy after a
    softmax output, §4.2.2 with δ = 1e-7, or ½Σ(y − t)² per sample after an identity
    output, §4.2.1; both the mean over the batch), but updates only what a perturbation
    changes and handles many perturbations per NumPy call. Hidden activations may be
    ``sigmoid``, ``relu``, ``tanh`` or ``identity``.

    ``x`` is a batch (one sample per row) or one sample; ``t`` one-hot rows or class labels.
    The work runs in float64 whatever the parameters' dtype (a float32 loss is too coarse
    for a difference quotient); the result has the parameters' dtype, keyed
    ``W1, b1, W2, b2, …``. ``chunk_elements`` bounds the scratch memory per chunk
    (float64 numbers in the widest temporary array).
    """
    n_layers = len(weights)
    if len(biases) != n_layers or len(activations) != n_layers or n_layers == 0:
        raise ValueError("one weight matrix, bias vector and activation per layer are needed")
    out_dtype = np.result_type(*(np.asarray(w).dtype for w in weights), np.float32)
    W = [np.asarray(w, dtype=np.float64) for w in weights]
    B = [np.asarray(b, dtype=np.float64) for b in biases]
    output = activations[-1]
    if output not in ("softmax", "identity"):
        raise ValueError("the numerical gradient needs a softmax or identity output layer")
    hidden = [_activation(name) for name in activations[:-1]]

    xa = np.atleast_2d(np.asarray(x, dtype=np.float64))
    n = xa.shape[0]
    n_out = W[-1].shape[1]
    ta = np.asarray(t)
    if ta.size == n * n_out and (ta.ndim == 2 or (n == 1 and n_out > 1)):
        onehot = ta.reshape(n, n_out).astype(np.float64)
        labels = onehot.argmax(axis=1)
    else:
        labels = F.check_labels(ta, n_out)
        if labels.shape[0] != n:
            raise ValueError(f"{labels.shape[0]} labels for {n} samples")
        onehot = np.zeros((n, n_out))
        onehot[np.arange(n), labels] = 1.0
    target_t = np.ascontiguousarray(onehot.T)  # (out, N)
    sample_index = np.arange(n)

    # Transposed forward pass (neurons × samples): aT[l] = W[l].T @ zT[l-1] + b[l].
    zT: list[Array] = [np.ascontiguousarray(xa.T)]
    aT: list[Array] = []
    for layer in range(n_layers):
        a = W[layer].T @ zT[layer] + B[layer][:, None]
        aT.append(a)
        if layer < n_layers - 1:
            zT.append(np.ascontiguousarray(hidden[layer](a)))

    # for the softmax shortcut in ``after``: the output's weighted sums minus their maximum,
    # one row per sample, and each sample's own loss term
    out_shifted_rows = np.ascontiguousarray((aT[-1] - aT[-1].max(axis=0, keepdims=True)).T)
    W_out = np.ascontiguousarray(W[-1])
    w_out_absmax = np.abs(W_out).max(axis=1)
    ones_out = np.ones(n_out)
    label_offsets = labels.astype(np.intp)
    base_e = np.exp(out_shifted_rows)
    base_sample_loss = -np.log(
        base_e[sample_index, labels] / (base_e @ ones_out) + F.CROSS_ENTROPY_DELTA
    )

    # Σ_c e^{a_c + W[j, c]·d} = Σ_m d^m/m! · Σ_c e^{a_c} W[j, c]^m: the sum of a softmax
    # after a rank-one nudge as a power series in the nudge d, with its coefficients
    # ("moments", one table of samples × hidden units per power) computed once.
    n_hidden = W_out.shape[0]
    powers = np.ones_like(W_out)
    moments = np.empty((SERIES_TERMS, n * n_hidden))
    factorial = 1.0
    for m in range(SERIES_TERMS):
        moments[m] = (base_e @ powers.T).reshape(-1) / factorial
        powers = powers * W_out
        factorial *= m + 1
    label_weight = np.ascontiguousarray(W_out[:, labels].T).reshape(-1)  # W[j, t_n] at n·J + j
    label_e = base_e[sample_index, labels]

    def softmax_losses(shifted: Array, cols: slice | NDArray[np.intp]) -> Array:
        """Cross-entropy per copy from (K, out, S) weighted sums already shifted to ≤ 0.

        The S samples are ``cols`` of the batch; the result is their part of the mean.
        """
        e = np.exp(shifted, out=shifted)
        y_t = e[:, labels[cols], sample_index[: shifted.shape[2]]] / e.sum(axis=1)
        return -np.log(y_t + F.CROSS_ENTROPY_DELTA).sum(axis=1) / n

    def losses(a_out: Array, cols: slice | NDArray[np.intp] = _ALL) -> Array:
        """The loss of each perturbed copy from its (K, out, S) output sums (samples ``cols``)."""
        if output == "softmax":
            return softmax_losses(a_out - a_out.max(axis=1, keepdims=True), cols)
        diff = a_out - target_t[:, cols]
        return 0.5 * np.einsum("kcn,kcn->k", diff, diff) / n

    def after(layer: int, col_j: NDArray[np.intp], new_col: Array) -> Array:
        """Losses when column ``col_j[k]`` of layer ``layer``'s weighted sum is ``new_col[k]``."""
        k = new_col.shape[0]
        if layer == n_layers - 1:
            a_out = np.broadcast_to(aT[layer], (k, *aT[layer].shape)).copy()
            a_out[np.arange(k), col_j, :] = new_col
            return losses(a_out)
        dz = hidden[layer](new_col)
        dz -= np.take(zT[layer + 1], col_j, axis=0)  # (K, N)
        nxt = layer + 1
        if nxt == n_layers - 1 and output == "softmax":
            # The rank-one update feeds the softmax directly. Only the (copy, sample) pairs
            # whose hidden value moved (a ReLU that stays off or an input of 0 moves
            # nothing) change the loss: compute those pairs alone, as loss differences
            # ℓ'(pair) − ℓ(sample). Each column is shifted by the unperturbed maximum plus
            # a bound on how much the update can raise it, so exp never overflows.
            flat = np.flatnonzero(dz)
            if flat.shape[0] == 0:
                return np.zeros(k)
            kk, nn = np.divmod(flat, n)
            d = np.take(dz, flat)
            rows = np.take(col_j, kk)
            rise = np.abs(d)
            rise *= np.take(w_out_absmax, rows)
            largest = float(rise.max())
            if largest <= SERIES_RADIUS:
                # |W[j, c]·d| ≤ 0.05: the series' remainder is below 1e-17 of the sum, far
                # under the rounding of the loop's own loss (see SERIES_RADIUS)
                q = nn * n_hidden
                q += rows
                terms = _terms_needed(largest)
                coeff = scratch[2][: terms * q.shape[0]].reshape(terms, -1)
                np.take(moments[:terms], q, axis=1, out=coeff, mode="clip")  # (terms, pairs)
                total = coeff[-1]
                for m in range(terms - 2, -1, -1):
                    total *= d
                    total += coeff[m]
                y_t = np.take(label_weight, q)
                y_t *= d
                np.exp(y_t, out=y_t)
                y_t *= np.take(label_e, nn)
                y_t /= total
                y_t += F.CROSS_ENTROPY_DELTA
                change = np.log(y_t, out=y_t)
                change += np.take(base_sample_loss, nn)
                return np.bincount(kk, weights=change, minlength=k) / -n
            if largest < 30.0:
                # the two (pairs × outputs) arrays live in buffers reused chunk after chunk:
                # fresh ones of this size would cost a page fault per 4 KiB every time
                m = flat.shape[0]
                a = scratch[0][: m * n_out].reshape(m, n_out)
                np.take(W_out, rows, axis=0, out=a, mode="clip")
                a *= d[:, None]
                shifted = scratch[1][: m * n_out].reshape(m, n_out)
                np.take(out_shifted_rows, nn, axis=0, out=shifted, mode="clip")
                a += shifted  # ≤ rise < 30: exp cannot overflow, nor the sum underflow
                np.exp(a, out=a)
                y_t = np.take(a, np.take(label_offsets, nn) + n_out * np.arange(a.shape[0]))
                y_t /= a @ ones_out
                y_t += F.CROSS_ENTROPY_DELTA
                change = np.log(y_t, out=y_t)
                change += np.take(base_sample_loss, nn)
                return np.bincount(kk, weights=change, minlength=k) / -n
        # A sample whose hidden value did not move adds the same term to L(w + h) and
        # L(w − h): leave it out of both.
        cols: slice | NDArray[np.intp] = _ALL
        moved = np.flatnonzero(dz.any(axis=0))
        if moved.shape[0] == 0:
            return np.zeros(k)
        if moved.shape[0] < 0.8 * n:
            cols = moved
            dz = dz[:, moved]
        # rank-one update of the next layer: Δa = W_next[j, :] ⊗ Δz
        a = aT[nxt][None, :, cols] + W[nxt][col_j][:, :, None] * dz[:, None, :]
        for m in range(nxt, n_layers - 1):
            a = np.matmul(W[m + 1].T, hidden[m](a)) + B[m + 1][:, None]
        return losses(a, cols)

    widest = max([*(w.shape[1] for w in W[1:]), n_out])
    # In the softmax shortcut of ``after`` (the last hidden layer's parameters) the arrays
    # are one number per (copy, sample) pair: ≤ chunk_elements / 3 pairs keeps each below
    # glibc's 128 KiB mmap threshold by default, so that none costs fresh page faults.
    # The bigger ones (series coefficients, pairs × outputs) live in buffers made once.
    shortcut_chunk = max(1, chunk_elements // (6 * n))
    pairs = 2 * shortcut_chunk * n
    scratch = (
        np.empty(pairs * n_out),
        np.empty(pairs * n_out),
        np.empty(pairs * SERIES_TERMS),
    )
    grads: dict[str, NDArray[np.floating]] = {}
    for layer in range(n_layers):
        n_in, n_units = W[layer].shape
        z_in = zT[layer]  # (n_in, N)
        per_perturbation = n * (widest if layer < n_layers - 1 else n_out)
        chunk = max(1, chunk_elements // (8 * per_perturbation))
        if layer == n_layers - 2 and output == "softmax":
            chunk = shortcut_chunk
        for kind in ("W", "b"):
            values = W[layer].reshape(-1) if kind == "W" else B[layer]
            grad = np.zeros(values.shape[0])
            if kind == "W":
                # an input that is 0 for every sample: the loop's two losses are identical
                live_rows = np.flatnonzero(np.any(z_in != 0, axis=1))
                # unit by unit (j-major), so that a chunk's copies move the same samples
                todo = (live_rows[None, :] * n_units + np.arange(n_units)[:, None]).reshape(-1)
            else:
                todo = np.arange(values.shape[0])
            for start in range(0, todo.shape[0], chunk):
                idx = todo[start : start + chunk]
                j = idx % n_units
                w = values[idx]
                # the loop's perturbations: the stored w ± h minus w, rounded as it rounds
                d_plus = (w + h) - w
                d_minus = (w - h) - w
                delta = np.concatenate([d_plus, d_minus])[:, None]
                jj = np.concatenate([j, j])
                base = np.take(aT[layer], jj, axis=0)  # (2P, N)
                if kind == "W":
                    i = idx // n_units
                    new_col = np.take(z_in, np.concatenate([i, i]), axis=0)
                    new_col *= delta
                    new_col += base
                else:
                    new_col = base + delta
                both = after(layer, jj, new_col)
                p = idx.shape[0]
                grad[idx] = (both[:p] - both[p:]) / (2 * h)
            shape = W[layer].shape if kind == "W" else B[layer].shape
            grads[f"{kind}{layer + 1}"] = grad.reshape(shape).astype(out_dtype, copy=False)
    return {
        key: grads[key] for layer in range(n_layers) for key in (f"W{layer + 1}", f"b{layer + 1}")
    }


def work_units(sizes: Sequence[int], activations: Sequence[str], batch: int) -> tuple[float, float]:
    """A machine-independent count of the work ``numerical_gradient_fast`` does.

    Returns (element-wise operations, matrix-product flops), over both nudges of every
    parameter and every sample: a few series terms when the nudged layer feeds a softmax
    directly, else the rank-one update, the later layers and the loss.
    """
    n_layers = len(sizes) - 1
    elementwise = flops = 0.0
    for layer in range(n_layers):
        copies = 2.0 * (sizes[layer] + 1) * sizes[layer + 1] * batch
        if layer == n_layers - 1:
            elementwise += copies * 8.0 * sizes[-1]
        elif layer == n_layers - 2 and activations[-1] == "softmax":
            elementwise += copies * 24.0
        else:
            later = range(layer + 2, n_layers)
            elementwise += copies * (
                3.0 * sizes[layer + 2] + sum(3.0 * sizes[m + 1] for m in later)
            )
            elementwise += copies * 6.0 * sizes[-1]
            flops += copies * sum(2.0 * sizes[m] * sizes[m + 1] for m in later)
    return elementwise, flops


_SECONDS_PER_UNIT: dict[str, float] = {}


def _best_time(sizes: list[int], activations: list[str], batch: int) -> float:
    import time

    rng = np.random.default_rng(0)
    weights = [0.3 * rng.standard_normal((m, k)) for m, k in pairwise(sizes)]
    biases = [np.zeros(k) for k in sizes[1:]]
    x = rng.random((batch, sizes[0]))
    t = rng.integers(0, sizes[-1], batch)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        numerical_gradient_fast(weights, biases, activations, x, t)
        best = min(best, time.perf_counter() - start)
    return best


def estimated_seconds(sizes: Sequence[int], activations: Sequence[str], batch: int) -> float:
    """How long ``Network.numerical_gradient`` (the fast method) takes here, estimated.

    ``work_units`` priced at this machine's speed, measured once (some 20 ms) on two small
    networks. Within a factor of ~2 for the nets of the book; meant for "is this
    affordable?" decisions and ETAs (the book's loop costs 2 × parameters forward passes).
    """
    if not _SECONDS_PER_UNIT:
        shallow, deep = ([200, 30, 10], ["relu", "softmax"]), ([60, 30, 30, 10], ["relu"] * 2)
        deep[1].append("softmax")
        per_element = _best_time(*shallow, 50) / work_units(*shallow, 50)[0]
        elementwise, flops = work_units(*deep, 50)
        rest = _best_time(*deep, 50) - elementwise * per_element
        _SECONDS_PER_UNIT["element"] = per_element
        _SECONDS_PER_UNIT["flop"] = max(rest, 0.0) / flops
    elementwise, flops = work_units(sizes, activations, batch)
    fixed = 2e-4 * (len(sizes) - 1)  # set-up and per-chunk NumPy calls of a tiny net
    return fixed + elementwise * _SECONDS_PER_UNIT["element"] + flops * _SECONDS_PER_UNIT["flop"]
