"""The Techniques tab's File ▸ Export code: a standalone NumPy-only script per page.

* the initial-weight lab: the experiment of §6.2 with the page's activation, scale and
  seed, printing each layer's mean, std, share near 0 and near 1 (the same numbers);
* the other pages: a layered net with Batch Normalization, Dropout and weight decay
  (the engine's layers, copied from its source), trained on the bundled MNIST subset
  with the page's series of runs, printing each run's final accuracies.
"""

from __future__ import annotations

import inspect
import textwrap

from engine import optimizers as O
from engine import regularization as R
from engine.initlab import NEAR
from engine.mnist import BUNDLED_MNIST_PATH

__all__ = ["export_script"]

_INIT = '''\
"""The initial-weight experiment of 「ゼロから作るDeep Learning」 §6.2, exported from
Zerokara Lab's Techniques tab: 1,000 samples of 100 Gaussian inputs through 5 layers of
100 units, activation {activation}, initial weights {scale}. Needs only NumPy."""

import numpy as np

ACTIVATION, SCALE, STD, SEED = {activation!r}, {scale!r}, {std!r}, {seed!r}
NEAR = {near!r}


def activate(a):
    if ACTIVATION == "sigmoid":
        return 1 / (1 + np.exp(-a))
    if ACTIVATION == "relu":
        return np.maximum(0, a)
    return np.tanh(a)


def weight_std(n):
    return {{"1": 1.0, "0.01": 0.01, "xavier": np.sqrt(1.0 / n), "he": np.sqrt(2.0 / n),
             "std": STD}}[SCALE]


np.random.seed(SEED)  # the draws of the book's script, in its order
x = np.random.randn(1000, 100)
low = -1.0 if ACTIVATION == "tanh" else 0.0
for layer in range(5):
    w = np.random.randn(100, 100) * weight_std(100)
    z = activate(x @ w)
    counts, edges = np.histogram(z.ravel(), 30, range=(low, 1.0))
    near0 = np.mean(np.abs(z) < NEAR)
    near1 = np.mean(np.abs(z) > 1 - NEAR)
    print(f"layer {{layer + 1}}: mean {{z.mean():.4g}}, std {{z.std():.4g}}, "
          f"near 0 {{100 * near0:.1f}} %, near ±1 {{100 * near1:.1f}} %")
    print("  histogram:", counts.tolist())
    x = z
'''

_HEADER = '''\
"""{title}, exported from Zerokara Lab's Techniques tab (「ゼロから作るDeep Learning」 ch. 6).

A layered net — Affine, [BatchNormalization], activation, [Dropout] per hidden layer, then
Affine and softmax with cross-entropy; weight decay adds ½λΣW² to the loss — trained with
mini-batches on the bundled real MNIST subset (4,000 training, 1,000 test images).
Needs only NumPy: python {{this file}}
"""

from __future__ import annotations

import numpy as np

MNIST = {path!r}  # the .npz bundled with Zerokara Lab (x_train, t_train, x_test, t_test)
RUNS = {runs!r}
'''

_BODY = '''

class Layer:
    def __init__(self):
        self.params, self.grads, self.train = {}, {}, True


class Affine(Layer):
    def __init__(self, W, b):
        super().__init__()
        self.params = {"W": W, "b": b}

    def forward(self, x):
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        self.grads["W"] = self.x.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T


class Activation(Layer):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def forward(self, x):
        if self.name == "relu":
            self.out = np.maximum(x, 0.0)
        elif self.name == "sigmoid":
            self.out = 1 / (1 + np.exp(-x))
        else:
            self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        z = self.out
        if self.name == "relu":
            return dout * (z > 0)
        if self.name == "sigmoid":
            return dout * z * (1 - z)
        return dout * (1 - z * z)


BN_EPS = @BN_EPS@


@BN@


@DROPOUT@


def init_weights(sizes, method, std, seed):
    rng = np.random.default_rng(seed)
    weights = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        scale = {"std": std, "xavier": 1 / np.sqrt(n_in), "he": np.sqrt(2 / n_in)}[method]
        weights.append(scale * rng.standard_normal((n_in, n_out)))
    return weights


def build(cfg, n_in, n_out):
    sizes = [n_in, *cfg["hidden"], n_out]
    n_hidden = len(cfg["hidden"])
    bn = (list(cfg["batchnorm"]) + [False] * n_hidden)[:n_hidden]
    drop = (list(cfg["dropout"]) + [0.0] * n_hidden)[:n_hidden]
    rng = np.random.default_rng(cfg["seed"] + 1)
    layers, params = [], {}
    counts = {}
    for i, w in enumerate(init_weights(sizes, cfg["init"], cfg["init_std"], cfg["seed"])):
        layers.append(Affine(w, np.zeros(w.shape[1])))
        if i < n_hidden:
            if bn[i]:
                layers.append(BatchNormalization(np.ones(sizes[i + 1]), np.zeros(sizes[i + 1])))
            layers.append(Activation(cfg["activation"]))
            if drop[i] > 0:
                layers.append(Dropout(drop[i], rng))
    for layer in layers:
        for local, array in layer.params.items():
            counts[local] = counts.get(local, 0) + 1
            params[f"{local}{counts[local]}"] = array
    return layers, params


def predict(layers, x, train):
    for layer in layers:
        layer.train = train
        x = layer.forward(x)
    return x


def loss_and_gradient(layers, params, lam, x, t):
    scores = predict(layers, x, True)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    n = len(t)
    loss = -np.log(y[np.arange(n), t] + 1e-7).sum() / n
    loss += 0.5 * lam * sum(np.sum(w**2) for k, w in params.items() if k[0] == "W")
    dout = y.copy()
    dout[np.arange(n), t] -= 1
    dout /= n
    for layer in reversed(layers):
        dout = layer.backward(dout)
    grads = {}
    counts = {}
    for layer in layers:
        for local in layer.params:
            counts[local] = counts.get(local, 0) + 1
            key = f"{local}{counts[local]}"
            grads[key] = layer.grads[local] + (lam * layer.params[local] if local == "W" else 0)
    return loss, grads


def accuracy(layers, x, t):
    return float(np.mean(predict(layers, x, False).argmax(axis=1) == t))


EPSILON = 1e-7
@OPTIMIZERS@

OPTIMIZERS = {"SGD": SGD, "Momentum": Momentum, "AdaGrad": AdaGrad, "Adam": Adam}


def train(cfg, x_train, t_train, x_test, t_test):
    """Mini-batches drawn with replacement; accuracies after every epoch (§4.5.3)."""
    layers, params = build(cfg, x_train.shape[1], 10)
    optimizer = OPTIMIZERS[cfg["optimizer"]](lr=cfg["lr"])
    rng = np.random.default_rng(cfg["seed"])
    n = len(t_train)
    seen = epochs = 0
    curve = []
    for it in range(1, cfg["iterations"] + 1):
        batch = rng.choice(n, min(cfg["batch_size"], n))
        loss, grads = loss_and_gradient(layers, params, cfg["weight_decay"], x_train[batch],
                                        t_train[batch])
        optimizer.update(params, grads)
        seen += len(batch)
        if seen // n > epochs or it == cfg["iterations"]:
            epochs = seen // n
            curve.append((accuracy(layers, x_train, t_train), accuracy(layers, x_test, t_test)))
    return loss, curve


data = np.load(MNIST)
x_train = data["x_train"].reshape(-1, 784).astype(np.float64) / 255
x_test = data["x_test"].reshape(-1, 784).astype(np.float64) / 255
t_train, t_test = data["t_train"].astype(int), data["t_test"].astype(int)
'''

_SERIES_MAIN = """
for label, cfg, n_train in RUNS:
    loss, curve = train(cfg, x_train[:n_train], t_train[:n_train], x_test, t_test)
    train_acc, test_acc = curve[-1]
    print(f"{label}: last loss {loss:.4f}, train acc {train_acc:.3f}, test acc {test_acc:.3f}, "
          f"gap {train_acc - test_acc:.3f}")
"""

_SEARCH_MAIN = """
# §6.5: 20 % of the first {n_train} training images held out for validation (never the test set)
order = np.random.default_rng({seed}).permutation({n_train})
xs, ts = x_train[:{n_train}][order], t_train[:{n_train}][order]
n_val = int({n_train} * 0.2)
x_val, t_val, x_fit, t_fit = xs[:n_val], ts[:n_val], xs[n_val:], ts[n_val:]
rng = np.random.RandomState({trial_seed})  # lambda first, then lr, as the book's loop
results = []
for k in range({trials}):
    wd = 10 ** rng.uniform({wd_low}, {wd_high})
    lr = 10 ** rng.uniform({lr_low}, {lr_high})
    cfg = dict(RUNS[0][1], lr=lr, weight_decay=wd, seed={trial_seed} + k)
    _, curve = train(cfg, x_fit, t_fit, x_val, t_val)
    results.append((curve[-1][1], lr, wd))
    print(f"trial {{k + 1}}: val acc {{curve[-1][1]:.3f}} | lr {{lr:.3e}}, weight decay {{wd:.3e}}")
for rank, (val, lr, wd) in enumerate(sorted(results, reverse=True)[:5]):
    print(f"Best-{{rank + 1}} (val acc {{val:.3f}}) | lr {{lr:.3e}}, weight decay {{wd:.3e}}")
"""


def _source(obj) -> str:
    return textwrap.dedent(inspect.getsource(obj))


def _layer_source(cls) -> str:
    """An engine layer's source, stand-alone (its base class is the script's ``Layer``)."""
    text = _source(cls)
    return text.replace("np.random.Generator | np.random.RandomState | None", "object")


def _cfg(run) -> dict:
    c = run.config
    return {
        "hidden": list(c.hidden),
        "activation": c.activation,
        "init": c.init,
        "init_std": c.init_std,
        "optimizer": c.optimizer,
        "lr": c.lr,
        "batch_size": c.batch_size,
        "iterations": c.iterations,
        "seed": c.seed,
        "batchnorm": list(c.batchnorm),
        "dropout": list(c.dropout),
        "weight_decay": c.weight_decay,
    }


def export_script(page: str, model) -> str:
    """The script for ``page`` of the Techniques tab with ``model``'s settings."""
    if page == "init":
        return _INIT.format(
            activation=model["init_activation"],
            scale=model["init_scale"],
            std=model["init_std"],
            seed=model["init_seed"],
            near=NEAR,
        )
    optimizers = "\n\n".join(
        _source(getattr(O, name)) for name in ("Optimizer", "SGD", "Momentum", "AdaGrad", "Adam")
    )
    body = (
        _BODY.replace("@BN_EPS@", repr(R.BN_EPS))
        .replace("@BN@", _layer_source(R.BatchNormalization))
        .replace("@DROPOUT@", _layer_source(R.Dropout))
        .replace("@OPTIMIZERS@", "\n\n" + optimizers)
    )
    if page == "search":
        space = model.search_space()
        n_train = model["search_train"]
        base = [
            (
                "trial",
                {
                    "hidden": [100] * 6,
                    "activation": "relu",
                    "init": "he",
                    "init_std": 0.01,
                    "optimizer": "SGD",
                    "lr": 0.01,
                    "batch_size": 100,
                    "iterations": -(
                        -model["search_epochs"] * (n_train - int(n_train * 0.2)) // 100
                    ),
                    "seed": 0,
                    "batchnorm": [],
                    "dropout": [],
                    "weight_decay": 0.0,
                },
                n_train,
            )
        ]
        head = _HEADER.format(
            title="Random hyperparameter search (§6.5)", path=str(BUNDLED_MNIST_PATH), runs=base
        )
        return (
            head
            + body
            + _SEARCH_MAIN.format(
                n_train=n_train,
                seed=model["search_seed"],
                trial_seed=model["search_seed"],
                trials=model["search_trials"],
                lr_low=space.lr_low,
                lr_high=space.lr_high,
                wd_low=space.wd_low,
                wd_high=space.wd_high,
            )
        )
    if page == "bn":
        runs = [(r.label, _cfg(r), model["bn_train"]) for r in model.bn_runs()]
        title = "Batch Normalization against weight scales (§6.3.2, Fig. 6-18)"
    elif page == "overfit":
        runs = [(r.label, _cfg(r), model["overfit_train"]) for r in model.overfit_runs()]
        title = "Overfitting, weight decay and dropout (§6.4)"
    else:
        runs = [(r.label, _cfg(r), 4000) for r in model.compare_runs()]
        title = "MNIST comparison (§6.1.8, §6.2.4)"
    return (
        _HEADER.format(title=title, path=str(BUNDLED_MNIST_PATH), runs=runs) + body + _SERIES_MAIN
    )
