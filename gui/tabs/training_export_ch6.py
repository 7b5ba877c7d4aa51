"""The exported script's network when ch. 6's techniques are on (Training tab).

The book's ``MultiLayerNetExtend`` written out with NumPy alone: for every hidden layer
``Affine → [BatchNorm] → activation → [Dropout]``, then ``Affine → Softmax-with-Loss``,
the loss plus ½λΣW² (weights only) and each weight's gradient plus λW. The arithmetic,
the dropout masks' random stream and the order of parameters are the engine's
(:class:`engine.regnet.RegularizedNet`), so the script's numbers match the tab's run.
"""

from __future__ import annotations

from engine.regularization import BN_EPS

__all__ = ["LAYERED_NETWORK", "LAYERED_NUMERICAL"]

LAYERED_NETWORK = (
    """

# ---- the network with ch. 6's techniques: Batch Normalization (§6.3), weight decay
# (§6.4.2) and Dropout (§6.4.3), the layers of the book's common/layers.py -------------
BN_EPS = """
    + repr(BN_EPS)
    + '''


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


def init_weights(sizes, method, std, seed):
    """Gaussian weights: std (the book's weight_init_std), Xavier 1/sqrt(n) or He sqrt(2/n)."""
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        scale = {"std": std, "xavier": 1.0 / np.sqrt(n_in), "he": np.sqrt(2.0 / n_in)}[method]
        weights.append((scale * rng.standard_normal((n_in, n_out))).astype(np.float64))
        biases.append(np.zeros(n_out, dtype=np.float64))
    return weights, biases


class Affine:
    def __init__(self, W, b):
        self.params = {"W": W, "b": b}

    def forward(self, x, train):
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        self.grads = {"W": self.x.T @ dout, "b": dout.sum(axis=0)}
        return dout @ self.params["W"].T


class Relu:
    params = {}

    def forward(self, x, train):
        self.mask = x <= 0
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)


class Sigmoid:
    params = {}

    def forward(self, x, train):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class Tanh:
    params = {}

    def forward(self, x, train):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out * self.out)


class BatchNormalization:
    """Normalise each feature over the mini-batch, then y = gamma * xn + beta (§6.3.1)."""

    def __init__(self, n, momentum=0.9):
        self.params = {"gamma": np.ones(n), "beta": np.zeros(n)}
        self.momentum = momentum
        self.running_mean, self.running_var = np.zeros(n), np.zeros(n)

    def forward(self, x, train):
        if train:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc**2, axis=0)
            std = np.sqrt(var + BN_EPS)
            xn = xc / std
            self.xc, self.xn, self.std = xc, xn, std
            m = self.momentum
            self.running_mean = m * self.running_mean + (1 - m) * mu
            self.running_var = m * self.running_var + (1 - m) * var
        else:
            xn = (x - self.running_mean) / np.sqrt(self.running_var + BN_EPS)
        return self.params["gamma"] * xn + self.params["beta"]

    def backward(self, dout):
        n = dout.shape[0]
        self.grads = {"gamma": np.sum(self.xn * dout, axis=0), "beta": dout.sum(axis=0)}
        dxn = self.params["gamma"] * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc = dxc + (2.0 / n) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        return dxc - dmu / n


class Dropout:
    """Erase a share `ratio` of the units while training; x * (1 - ratio) at test time."""

    params = {}

    def __init__(self, ratio, rng):
        self.ratio, self.rng, self.frozen, self.mask = ratio, rng, False, None

    def forward(self, x, train):
        if train:
            if not (self.frozen and self.mask is not None and self.mask.shape == x.shape):
                self.mask = self.rng.random(x.shape) > self.ratio
            return x * self.mask
        return x * (1.0 - self.ratio)

    def backward(self, dout):
        return dout * self.mask


SIZES = [N_FEATURES, *CONFIG["hidden"], N_CLASSES]
N_HIDDEN = len(CONFIG["hidden"])
BATCHNORM = (list(CONFIG["batchnorm"]) + [False] * N_HIDDEN)[:N_HIDDEN]
DROPOUT = (list(CONFIG["dropout"]) + [0.0] * N_HIDDEN)[:N_HIDDEN]
LAMBDA = CONFIG["weight_decay"]
ACTIVATION_LAYERS = {"relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh}
weights, biases = init_weights(SIZES, CONFIG["init"], CONFIG["init_std"], CONFIG["seed"])
mask_rng = np.random.default_rng(CONFIG["seed"] + 1)  # the dropout masks
layers = []
for i, (w, b) in enumerate(zip(weights, biases)):
    layers.append(Affine(w, b))
    if i == N_HIDDEN:
        break
    if BATCHNORM[i]:
        layers.append(BatchNormalization(SIZES[i + 1]))
    layers.append(ACTIVATION_LAYERS[CONFIG["activation"]]())
    if DROPOUT[i] > 0:
        layers.append(Dropout(DROPOUT[i], mask_rng))
dropouts = [layer for layer in layers if isinstance(layer, Dropout)]
params, keys, counts = {}, [], {}  # W1 b1 gamma1 beta1 W2 b2 ...: the same arrays
for layer in layers:
    for local, array in layer.params.items():
        counts[local] = counts.get(local, 0) + 1
        params[f"{local}{counts[local]}"] = array
        keys.append((f"{local}{counts[local]}", layer, local))


def predict(x, train=False):
    z = np.asarray(x, dtype=np.float64)
    for layer in layers:
        z = layer.forward(z, train)
    return z


def loss(x, t, train=True):
    y = softmax(predict(x, train))
    batch = y.shape[0]
    value = float(-np.sum(np.log(y[np.arange(batch), t] + 1e-7)) / batch)
    if LAMBDA:
        value += 0.5 * LAMBDA * sum(float(np.sum(w * w)) for k, w in params.items() if k[0] == "W")
    return value, y


def loss_and_gradient(x, t):
    """The loss (training mode) and its gradient by backpropagation (§5.7, §6.3-6.4)."""
    value, y = loss(x, t)
    one_hot = np.zeros_like(y)
    one_hot[np.arange(y.shape[0]), t] = 1
    d = (y - one_hot) / y.shape[0]  # softmax + cross-entropy (§5.6.3)
    for layer in reversed(layers):
        d = layer.backward(d)
    grads = {}
    for key, layer, local in keys:
        g = layer.grads[local]
        if LAMBDA and local == "W":
            g = g + LAMBDA * layer.params[local]  # d(1/2 lambda W^2)/dW
        grads[key] = g
    return value, grads


def accuracy(x, t):
    return float(np.mean(predict(x).argmax(axis=1) == t))  # test mode
'''
)

LAYERED_NUMERICAL = """

# ---- the numerical gradient (book §4.4-4.5): two losses per parameter -----------------
{numerical_gradient}

def numerical_loss_and_gradient(x, t):
    if dropouts:  # one backprop pass draws the masks every nudged loss then shares
        loss_and_gradient(x, t)
        for d in dropouts:
            d.frozen = True
    try:
        grads = {{key: numerical_gradient(lambda _p: loss(x, t)[0], params[key]) for key in params}}
    finally:
        for d in dropouts:
            d.frozen = False
    return loss(x, t)[0], grads
"""
