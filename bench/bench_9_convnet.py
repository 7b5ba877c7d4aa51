"""Target 9: a SimpleConvNet training iteration (book §7.5), batch 100 of 1×28×28, Adam.

An iteration is the loss and gradient by backpropagation plus one Adam step (lr 0.001).
Baselines, timed in the same run, interleaved repeat by repeat:

* ``book``: the book's way, float64 — im2col with Python loops over the filter's rows and
  columns, Convolution and Pooling through im2col (pooling's backward through col2im), the
  ch. 5 layers and the book's Adam, written out below as a learner types them from §7.4;
* ``torch``: PyTorch's CPU eager mode, float32, on one thread like the engine's BLAS
  (when torch is installed; the app never needs it): Conv2d, ReLU, MaxPool2d, Linear,
  ReLU, Linear, cross-entropy, ``torch.optim.Adam``.

Measured: ``engine.convnet.SimpleConvNet`` (float32) ``loss_and_gradient`` +
``engine.optimizers.Adam.update``. Targets: ≤ 0.25× the book's way, ≤ 1.0× torch.
Then one epoch of full-MNIST size (600 iterations of 100 out of 60,000 images) through
``engine.training.train``, in a subprocess that reports its time and its peak memory
(``VmHWM``): < 30 s and < 1 GB. The epoch is configured as the CNN tab does it (its
evaluation: training accuracy on 1,000 images, test accuracy on all 10,000) and runs on
real Fashion-MNIST when Debian's ``dataset-fashion-mnist`` is installed, else on the
bundled real MNIST digits tiled to 60,000.

BLAS note: where OPENBLAS_CORETYPE is forced in the environment, run it also as
``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python bench/bench_9_convnet.py``; the
header says which kernel ran.

Run: ``python bench/bench_9_convnet.py [--repeats N] [--no-epoch]``
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import time

import numpy as np
from _common import ROOT, Result, banner, interleaved_medians, report

from engine.convnet import SimpleConvNet
from engine.optimizers import Adam

BATCH = 100
LR = 0.001
FASHION_DIR = "/usr/share/datasets/fashion-mnist"


# -- the book's way (§7.4, common/util.py and common/layers.py), float64 ------------------
def loop_im2col(x, fh, fw, stride=1, pad=0):
    n, c, h, w = x.shape
    oh = (h + 2 * pad - fh) // stride + 1
    ow = (w + 2 * pad - fw) // stride + 1
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((n, c, fh, fw, oh, ow))
    for y in range(fh):
        for xx in range(fw):
            col[:, :, y, xx, :, :] = img[
                :, :, y : y + stride * oh : stride, xx : xx + stride * ow : stride
            ]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def loop_col2im(col, shape, fh, fw, stride=1, pad=0):
    n, c, h, w = shape
    oh = (h + 2 * pad - fh) // stride + 1
    ow = (w + 2 * pad - fw) // stride + 1
    col = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1))
    for y in range(fh):
        for xx in range(fw):
            img[:, :, y : y + stride * oh : stride, xx : xx + stride * ow : stride] += col[
                :, :, y, xx, :, :
            ]
    return img[:, :, pad : h + pad, pad : w + pad]


class BookConv:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        fn, c, fh, fw = self.W.shape
        n, c, h, w = x.shape
        oh, ow = h - fh + 1, w - fw + 1
        self.x = x
        self.col = loop_im2col(x, fh, fw)
        self.col_W = self.W.reshape(fn, -1).T
        out = np.dot(self.col, self.col_W) + self.b
        return out.reshape(n, oh, ow, -1).transpose(0, 3, 1, 2)

    def backward(self, dout):
        fn, c, fh, fw = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
        self.db = np.sum(dout, axis=0)
        self.dW = np.dot(self.col.T, dout).transpose(1, 0).reshape(fn, c, fh, fw)
        dcol = np.dot(dout, self.col_W.T)
        return loop_col2im(dcol, self.x.shape, fh, fw)


class BookPool:
    def __init__(self, size=2, stride=2):
        self.size, self.stride = size, stride

    def forward(self, x):
        n, c, h, w = x.shape
        oh = (h - self.size) // self.stride + 1
        ow = (w - self.size) // self.stride + 1
        col = loop_im2col(x, self.size, self.size, self.stride).reshape(-1, self.size**2)
        self.x = x
        self.arg_max = np.argmax(col, axis=1)
        return np.max(col, axis=1).reshape(n, oh, ow, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)
        dmax = np.zeros((dout.size, self.size**2))
        dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()
        dcol = dmax.reshape(dout.shape[0] * dout.shape[1] * dout.shape[2], -1)
        return loop_col2im(dcol, self.x.shape, self.size, self.size, self.stride)


class BookRelu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class BookAffine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.shape)


class BookSoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        x = x - x.max(axis=1, keepdims=True)
        self.y = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)
        n = len(t)
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self):
        n = len(self.t)
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n


class BookConvNet:
    def __init__(self, params):
        self.params = params
        p = params
        self.layers = [
            BookConv(p["W1"], p["b1"]),
            BookRelu(),
            BookPool(),
            BookAffine(p["W2"], p["b2"]),
            BookRelu(),
            BookAffine(p["W3"], p["b3"]),
        ]
        self.last = BookSoftmaxWithLoss()

    def gradient(self, x, t):
        for layer in self.layers:
            x = layer.forward(x)
        loss = self.last.forward(x, t)
        d = self.last.backward()
        for layer in reversed(self.layers):
            d = layer.backward(d)
        conv, aff1, aff2 = self.layers[0], self.layers[3], self.layers[5]
        grads = {"W1": conv.dW, "b1": conv.db, "W2": aff1.dW, "b2": aff1.db}
        grads.update(W3=aff2.dW, b3=aff2.db)
        return loss, grads


class BookAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter = lr, beta1, beta2, 0
        self.m = self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


# -- PyTorch, the same network ------------------------------------------------------------
def torch_iteration(params: dict[str, np.ndarray], x: np.ndarray, t: np.ndarray):
    """A PyTorch CPU eager iteration of the same net (same weights), or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))
    conv = torch.nn.Conv2d(1, 30, 5)
    fc1, fc2 = torch.nn.Linear(4320, 100), torch.nn.Linear(100, 10)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(params["W1"]))
        conv.bias.copy_(torch.from_numpy(params["b1"]))
        fc1.weight.copy_(torch.from_numpy(params["W2"].T.copy()))
        fc1.bias.copy_(torch.from_numpy(params["b2"]))
        fc2.weight.copy_(torch.from_numpy(params["W3"].T.copy()))
        fc2.bias.copy_(torch.from_numpy(params["b3"]))
    model = torch.nn.Sequential(
        conv,
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2, 2),
        torch.nn.Flatten(),
        fc1,
        torch.nn.ReLU(),
        fc2,
    )
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt = torch.from_numpy(x.reshape(-1, 1, 28, 28).copy())
    tt = torch.from_numpy(t.astype(np.int64))
    with torch.no_grad():
        loss0 = float(loss_fn(model(xt), tt))

    def iteration():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xt), tt)
        loss.backward()
        opt.step()

    iteration.loss0 = loss0  # type: ignore[attr-defined]
    iteration.version = torch.__version__  # type: ignore[attr-defined]
    iteration.threads = torch.get_num_threads()  # type: ignore[attr-defined]
    return iteration


# -- one epoch of full-MNIST size, in a child process ---------------------------------------
def epoch_child() -> dict:
    """600 iterations (and the epoch's evaluation) of engine.training.train; time and peak.

    The run is configured as the CNN tab configures it (``CnnModel.run_config``: Adam, lr
    0.001, batch 100, one epoch, training accuracy on 1,000 images, test accuracy on the
    whole test set). The data: real Fashion-MNIST (60,000/10,000) when installed, else the
    bundled 4,000 real MNIST training digits tiled to 60,000 (test: their 1,000, tiled to
    10,000)."""
    sys.path.insert(0, str(ROOT))
    from _common import mirror_app_blas_threads

    from engine import mnist
    from engine.datasets import Dataset, load_mnist
    from engine.training import train
    from gui.models.cnn import CnnModel

    mirror_app_blas_threads()
    fashion = sorted(glob.glob(f"{FASHION_DIR}/*-ubyte.gz"))
    if len(fashion) == 4:
        data, what = load_mnist(fashion), "Fashion-MNIST (real, 60,000/10,000)"
    else:
        small = mnist.bundled_mnist()
        data = Dataset(
            "mnist-5k tiled",
            np.tile(small.x_train, (15, 1)),
            np.tile(small.t_train, 15),
            np.tile(small.x_test, (10, 1)),
            np.tile(small.t_test, 10),
            10,
            (28, 28),
        )
        what = "bundled MNIST tiled to 60,000/10,000"
    model = CnnModel()
    model.update({"tr_epochs": 1, "tr_batch": BATCH, "tr_optimizer": "Adam", "tr_lr": LR})
    config = model.run_config(len(data.t_train))
    assert config.iterations == 600, config.iterations
    net = SimpleConvNet(seed=0, dtype=np.float32)
    start = time.perf_counter()
    train_time = 0.0
    record = None
    for record in train(config, data, net):
        if record.epoch is None:
            train_time = time.perf_counter() - start
    total = time.perf_counter() - start
    return {
        "data": what,
        "train_s": train_time,
        "total_s": total,
        "eval_train": config.eval_samples or len(data.t_train),
        "eval_test": len(data.t_test),
        "test_accuracy": record.epoch.test_accuracy if record and record.epoch else None,
        "peak_mb": _peak_mb(),
    }


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--number", type=int, default=5, help="iterations per timing")
    parser.add_argument("--no-epoch", action="store_true", help="skip the epoch subprocess")
    parser.add_argument("--no-live", action="store_true", help="skip the live-tab comparison")
    parser.add_argument("--live-seconds", type=float, default=6.0)
    parser.add_argument("--epoch-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.epoch_child:
        print(json.dumps(epoch_child()))
        return []
    banner("T9 SimpleConvNet training iteration, batch 100 × 1×28×28, Adam")

    rng = np.random.default_rng(0)
    x32 = rng.random((BATCH, 784), dtype=np.float32)
    t = rng.integers(0, 10, BATCH)
    net32 = SimpleConvNet(seed=1, dtype=np.float32, weight_init_std=0.05)
    book = BookConvNet({k: v.astype(np.float64) for k, v in net32.params.items()})
    x64 = x32.astype(np.float64).reshape(BATCH, 1, 28, 28)
    # the same numbers: the engine's loss and gradient equal the book's way (float32 rounding)
    loss_b, grads_b = book.gradient(x64, t)
    loss_e, grads_e = net32.astype(np.float64).loss_and_gradient(x64, t)
    worst = max(float(np.max(np.abs(grads_b[k] - grads_e[k]))) for k in grads_b)
    assert abs(loss_b - loss_e) < 1e-10 and worst < 1e-10, (loss_b, loss_e, worst)
    loss_32, grads_32 = net32.loss_and_gradient(x32, t)
    assert all(g.dtype == np.float32 for g in grads_32.values()), "float32 mode upcasts"
    torch_fn = torch_iteration(net32.params, x32, t)
    if torch_fn is not None:
        assert abs(torch_fn.loss0 - loss_b) < 1e-4, (torch_fn.loss0, loss_b)

    adam_book, adam32 = BookAdam(LR), Adam(LR)

    def book_iteration():
        _, grads = book.gradient(x64, t)
        adam_book.update(book.params, grads)

    def engine_iteration():
        _, grads = net32.loss_and_gradient(x32, t)
        adam32.update(net32.params, grads)

    candidates = {"book": book_iteration, "engine32": engine_iteration}
    if torch_fn is not None:
        candidates["torch32"] = torch_fn
    med = interleaved_medians(candidates, args.repeats, args.number)
    ratio = med["engine32"] / med["book"]
    results = [
        report(
            Result(
                "T9",
                "SimpleConvNet iteration",
                "book's way float64",
                med["book"],
                "engine float32",
                med["engine32"],
                "s",
                ratio,
                "≤ 0.25×",
                ratio <= 0.25,
            )
        )
    ]
    if torch_fn is not None:
        ratio = med["engine32"] / med["torch32"]
        results.append(
            report(
                Result(
                    "T9",
                    "SimpleConvNet vs PyTorch eager",
                    f"torch {torch_fn.version} float32",
                    med["torch32"],
                    "engine float32",
                    med["engine32"],
                    "s",
                    ratio,
                    "≤ 1.0×",
                    ratio <= 1.0,
                    f"torch on {torch_fn.threads} thread(s) like the engine's BLAS",
                )
            )
        )
    else:
        print("[T9] PyTorch not installed: the torch comparison is skipped (optional)")
    if not args.no_epoch:
        results += _epoch_results(med["engine32"])
    if not args.no_live:
        results += live_results(args.live_seconds, repeats=3)
    return results


def live_results(seconds: float, repeats: int) -> list[Result]:
    """The CNN tab's Run button (training page shown, live loss, accuracy, filters) vs the
    same generator consumed headless: iterations per second, medians of alternate runs."""
    import _gui_harness as H
    from _common import median

    headless, live = [], []
    for _ in range(repeats):
        run = H.RealTabRun("cnn", "runButton", state={"tr_epochs": 20}, settle=0.5)
        try:
            run.tab.pages.setCurrentIndex(2)
            n, s = run.run(seconds)
            live.append(n / s)
            assert run.factory is not None
            n, s = H.run_headless(run.factory, seconds)
            headless.append(n / s)
        finally:
            run.close()
    h, lv = median(headless), median(live)
    return [
        report(
            Result(
                "T9",
                "live CNN tab training rate",
                "headless (same generator)",
                h,
                "live",
                lv,
                "it/s",
                lv / h,
                "≥ 0.85×",
                lv / h >= 0.85,
                "bundled MNIST, batch 100, the training page shown",
            )
        )
    ]


def _epoch_results(iteration_s: float) -> list[Result]:
    out = subprocess.run(
        [sys.executable, __file__, "--epoch-child"],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(ROOT),
    )
    info = json.loads(out.stdout.strip().splitlines()[-1])
    note = (
        f"{info['data']}; 600 iterations {info['train_s']:.1f} s, with the epoch's "
        f"evaluation as the CNN tab does it ({info['eval_train']:,} training + "
        f"{info['eval_test']:,} test images) {info['total_s']:.1f} s"
    )
    if info.get("test_accuracy") is not None:
        note += f"; test accuracy {info['test_accuracy']:.4f}"
    return [
        report(
            Result(
                "T9",
                "one full-MNIST epoch (600 iterations)",
                "600 × the timed iteration",
                600 * iteration_s,
                "engine.training.train",
                info["total_s"],
                "s",
                info["total_s"] / 30.0,
                "< 30 s (ratio to 30 s)",
                info["total_s"] < 30.0,
                note,
            )
        ),
        report(
            Result(
                "T9",
                "peak memory of that epoch",
                "limit",
                1024.0,
                "VmHWM",
                info["peak_mb"],
                "MB",
                info["peak_mb"] / 1024.0,
                "< 1 GB",
                info["peak_mb"] < 1024.0,
            )
        ),
    ]


if __name__ == "__main__":
    main(sys.argv[1:])
