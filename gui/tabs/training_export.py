"""The Training tab's File ▸ Export code: a standalone NumPy-only script.

The script repeats the tab's run — the same data (generated from the same seed, or read
from the same files), network (with Batch Normalization, Dropout and weight decay when
they are on: gui/tabs/training_export_ch6.py), initial weights, optimizer, mini-batches
and iterations —
and prints the final loss and accuracies. For toy data its numbers match the engine's.
The toy generators and optimizer classes are copied from the engine's own source, so the
two cannot drift apart.
"""

from __future__ import annotations

import inspect
import textwrap

from engine import datasets as D
from engine import gradient as G
from engine import optimizers as O
from engine import training as T
from gui.tabs.training_export_ch6 import LAYERED_NETWORK, LAYERED_NUMERICAL

__all__ = ["export_script"]

_HEADER = '''\
"""Mini-batch training exported from Zerokara Lab's Training tab.

The algorithm of 「ゼロから作るDeep Learning」 §4.5: (1) pick a random mini-batch,
(2) compute the gradient of its loss ({gradient_name}), (3) let the optimizer
({optimizer}) update the parameters, (4) repeat. Needs only NumPy: python {{this file}}
"""

from __future__ import annotations

import gzip
import pickle
import struct

import numpy as np

CONFIG = {config!r}
'''

_NETWORK = '''

# ---- the network (book §3.4 forward pass, §5.6-5.7 backprop) -------------------------
def sigmoid(x):
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def softmax(a):
    shifted = a - np.max(a, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


ACTIVATIONS = {
    "relu": lambda a: np.maximum(0, a),
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "identity": lambda a: a.copy(),
    "softmax": softmax,
}
ACTIVATION_GRADS = {
    "relu": lambda a: (a > 0).astype(a.dtype),
    "sigmoid": lambda a: sigmoid(a) * (1.0 - sigmoid(a)),
    "tanh": lambda a: 1.0 - np.tanh(a) * np.tanh(a),
}


def init_weights(sizes, method, std, seed):
    """Gaussian weights: std (the book's weight_init_std), Xavier 1/sqrt(n) or He sqrt(2/n)."""
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        scale = {"std": std, "xavier": 1.0 / np.sqrt(n_in), "he": np.sqrt(2.0 / n_in)}[method]
        weights.append((scale * rng.standard_normal((n_in, n_out))).astype(np.float64))
        biases.append(np.zeros(n_out, dtype=np.float64))
    return weights, biases


SIZES = [N_FEATURES, *CONFIG["hidden"], N_CLASSES]
LAYER_ACTIVATIONS = [CONFIG["activation"]] * len(CONFIG["hidden"]) + ["softmax"]
weights, biases = init_weights(SIZES, CONFIG["init"], CONFIG["init_std"], CONFIG["seed"])
params = {}
for i, (w, b) in enumerate(zip(weights, biases)):
    params[f"W{i + 1}"], params[f"b{i + 1}"] = w, b  # the same arrays: updates act in place


def forward(x):
    z = np.asarray(x, dtype=np.float64)
    xs, activations_in, zs = z.copy(), [], []
    for i, (w, b) in enumerate(zip(weights, biases)):
        a = z @ w + b
        activations_in.append(a)
        z = np.asarray(ACTIVATIONS[LAYER_ACTIVATIONS[i]](a), dtype=np.float64)
        if i < len(weights) - 1:
            zs.append(z)
    return xs, activations_in, zs, z


def cross_entropy_error(y, t):
    batch = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(batch), t] + 1e-7)) / batch)


def loss(x, t):
    return cross_entropy_error(forward(x)[3], t)


def loss_and_gradient(x, t):
    """The loss and its gradient by backpropagation, from one forward pass (§5.7)."""
    xs, a_list, zs, y = forward(x)
    batch = y.shape[0]
    one_hot = np.zeros_like(y)
    one_hot[np.arange(batch), t] = 1
    delta = (y - one_hot) / batch  # softmax + cross-entropy (§5.6.3)
    grads = {}
    for i in range(len(weights) - 1, -1, -1):
        z_prev = xs if i == 0 else zs[i - 1]
        grads[f"W{i + 1}"] = z_prev.T @ delta
        grads[f"b{i + 1}"] = delta.sum(axis=0)
        if i > 0:
            delta = delta @ weights[i].T
            delta = delta * ACTIVATION_GRADS[LAYER_ACTIVATIONS[i - 1]](a_list[i - 1])
    return cross_entropy_error(y, t), {k: grads[k] for k in params}


def accuracy(x, t):
    return float(np.mean(forward(x)[3].argmax(axis=1) == t))
'''

_NUMERICAL = """

# ---- the numerical gradient (book §4.4-4.5): two forward passes per parameter ---------
{numerical_gradient}

def numerical_loss_and_gradient(x, t):
    grads = {{key: numerical_gradient(lambda _p: loss(x, t), params[key]) for key in params}}
    return loss(x, t), grads
"""

_OPTIMIZER = """

# ---- the optimizer (book §6.1, common/optimizer.py) ------------------------------------
EPSILON = {epsilon!r}
Params = dict


class Optimizer:
    def __init__(self, lr):
        self.lr = lr

    def hyperparameters(self):
        return {{"lr": self.lr}}


{source}
optimizer = {name}(lr=CONFIG["lr"])
"""

_LOOP = """

# ---- mini-batch learning (book §4.5.2-4.5.3) -----------------------------------------
rng = np.random.default_rng(CONFIG["seed"])
n_train = len(t_train)
seen, epochs_done, last_loss = 0, 0, float("nan")
for iteration in range(1, CONFIG["iterations"] + 1):
    batch = rng.choice(n_train, min(CONFIG["batch_size"], n_train))  # (1) a random mini-batch
    x_batch, t_batch = x_train[batch], t_train[batch]
    with np.errstate(all="ignore"):
        last_loss, grads = {gradient_call}(x_batch, t_batch)  # (2) the gradient
    if not np.isfinite(last_loss) or not all(np.all(np.isfinite(g)) for g in grads.values()):
        print(f"diverged at iteration {{iteration}}: loss {{last_loss}}")
        break
    with np.errstate(all="ignore"):
        optimizer.update(params, grads)  # (3) step the parameters
    seen += len(batch)
    if seen // n_train > epochs_done or iteration == CONFIG["iterations"]:
        epochs_done = seen // n_train
        train_acc, test_acc = accuracy(x_train, t_train), accuracy(x_test, t_test)
        print(
            f"epoch {{seen / n_train:.2f}}  iteration {{iteration}}  loss {{last_loss:.6f}}  "
            f"train acc {{train_acc:.4f}}  test acc {{test_acc:.4f}}"
        )

print("final_loss =", repr(last_loss))
print("train_accuracy =", repr(accuracy(x_train, t_train)))
print("test_accuracy =", repr(accuracy(x_test, t_test)))
"""

_DIGITS = """

# ---- data: the 8x8 handwritten digits (UCI, CC BY 4.0), pixels 0-16 scaled to 0-1 ----
DIGITS_FILE = {path!r}
with gzip.open(DIGITS_FILE, "rt", encoding="ascii") as handle:
    table = np.loadtxt(handle, delimiter=",", dtype=np.float32, ndmin=2)
x, t = table[:, :64] / 16.0, table[:, 64].astype(np.int64)
{split}
x_train, t_train, x_test, t_test = split(x, t, {test_fraction!r}, {seed!r})
x_train, x_test = x_train.astype(np.float32), x_test.astype(np.float32)
N_FEATURES, N_CLASSES = 64, 10
"""

_MNIST = """

# ---- data: MNIST from your files ({names}) ----
# Edit the paths if the files moved. Only open files you trust with pickle.
FILES = {paths!r}


def read_idx(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\\x1f\\x8b":
        raw = gzip.decompress(raw)
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4 : 4 + 4 * ndim])
    dtype = {{8: np.uint8, 9: np.int8, 11: ">i2", 12: ">i4", 13: ">f4", 14: ">f8"}}[raw[2]]
    return np.frombuffer(raw[4 + 4 * ndim :], dtype=dtype).reshape(dims)


def images(a):
    a = np.asarray(a).reshape(len(a), -1)
    top = 255.0 if a.max() > 1 else 1.0
    return a.astype(np.float32) / np.float32(top)


def labels(a):
    a = np.asarray(a)
    return (a.argmax(axis=1) if a.ndim == 2 and a.shape[1] > 1 else a.reshape(-1)).astype(np.int64)


if len(FILES) == 4:
    roles = {{}}
    for f in FILES:
        name = f.lower().rsplit("/", 1)[-1]
        part = "test" if ("t10k" in name or "test" in name) else "train"
        kind = "label" if ("label" in name or "idx1" in name) else "img"
        roles[f"{{part}}_{{kind}}"] = read_idx(f)
    arrays = [roles[k] for k in ("train_img", "train_label", "test_img", "test_label")]
elif FILES[0].endswith(".npz"):
    with np.load(FILES[0], allow_pickle=False) as data:
        keys = ("train_img", "train_label", "test_img", "test_label")
        if not all(k in data for k in keys):
            y = "y" if "y_train" in data else "t"  # Keras' names, or the bundled subset's
            keys = ("x_train", f"{{y}}_train", "x_test", f"{{y}}_test")
        arrays = [data[k] for k in keys]
else:
    with open(FILES[0], "rb") as handle:
        data = pickle.load(handle)
    arrays = [data[k] for k in ("train_img", "train_label", "test_img", "test_label")]
x_train, t_train = images(arrays[0]), labels(arrays[1])
x_test, t_test = images(arrays[2]), labels(arrays[3])
N_FEATURES, N_CLASSES = x_train.shape[1], 10
"""


def _source(obj) -> str:
    return textwrap.dedent(inspect.getsource(obj))


def export_script(
    config: T.TrainConfig, data_key: tuple, mnist_paths: list[str] | None = None
) -> str:
    """The script for ``config`` on the data described by the tab's ``data_key``."""
    kind = data_key[0]
    config_dict = config.as_dict()
    for unused in (
        "region_resolution",
        "preview_count",
        "histogram_every",
        "histogram_interval",
    ):
        config_dict.pop(unused, None)
    gradient_name = (
        "numerical differentiation, ch. 4" if config.gradient == "numerical" else "backprop, ch. 5"
    )
    parts = [
        _HEADER.format(gradient_name=gradient_name, optimizer=config.optimizer, config=config_dict)
    ]
    split_src = _source(D.split)
    if kind in D.TOY_KINDS:
        _, n, noise, seed, classes, fraction = data_key
        n_classes = 2 if kind in ("xor", "circles", "moons") else classes
        parts.append(
            "\n\n# ---- data: a 2-D toy set made from a seed (engine.datasets) ----\n"
            f"TOY_KINDS = {D.TOY_KINDS!r}\n\n\n"
            + _source(D.make_toy)
            + "\n\n"
            + split_src
            + f"\n\nx, t = make_toy({kind!r}, {n!r}, {noise!r}, {seed!r}, {classes!r})\n"
            f"x_train, t_train, x_test, t_test = split(x, t, {fraction!r}, {seed!r})\n"
            "x_train, x_test = x_train.astype(np.float32), x_test.astype(np.float32)\n"
            f"N_FEATURES, N_CLASSES = 2, {n_classes}\n"
        )
    elif kind == "digits":
        _, seed, fraction = data_key
        parts.append(
            _DIGITS.format(
                path=str(D.DIGITS_PATH), split=split_src, test_fraction=fraction, seed=seed
            )
        )
    else:
        paths = [str(p) for p in (mnist_paths or [])]
        names = ", ".join(p.replace("\\", "/").rsplit("/", 1)[-1] for p in paths) or "?"
        parts.append(_MNIST.format(names=names, paths=paths))
    parts.append(LAYERED_NETWORK if config.regularized else _NETWORK)
    if config.gradient == "numerical":
        numerical = LAYERED_NUMERICAL if config.regularized else _NUMERICAL
        parts.append(numerical.format(numerical_gradient=_source(G.numerical_gradient)))
    opt_cls = O.OPTIMIZERS[config.optimizer]
    parts.append(
        _OPTIMIZER.format(epsilon=O.EPSILON, source=_source(opt_cls), name=opt_cls.__name__)
    )
    call = "numerical_loss_and_gradient" if config.gradient == "numerical" else "loss_and_gradient"
    parts.append(_LOOP.format(gradient_call=call))
    return "".join(parts)
