"""The CNN tab's code export: a standalone NumPy script with the engine's im2col, col2im,
Convolution and Pooling (engine/conv.py, verbatim) and the tab's current example."""

from __future__ import annotations

import inspect

from engine import conv
from gui.models.cnn import CnnModel

__all__ = ["export_script"]

_EXAMPLE = """

# ---- the im2col explorer's example (same numbers as the tab) ----
N, C, H, W, FH, FW, S, P, FN, SEED = {ex}
rng = np.random.default_rng(SEED)
x = rng.integers(0, 10, (N, C, H, W)).astype(np.float64)
weights = rng.integers(-1, 2, (FN, C, FH, FW)).astype(np.float64)
bias = rng.integers(0, 2, FN).astype(np.float64)
col = im2col(x, FH, FW, S, P)
print("OH =", conv_output_size(H, FH, S, P), " OW =", conv_output_size(W, FW, S, P))
print("im2col:", col.shape, " filters as columns:", weights.reshape(FN, -1).T.shape)
layer = Convolution(weights, bias, S, P)
out = layer.forward(x)
print("output", out.shape)
print(out)
print("patches covering each input cell (what col2im adds up):")
print(coverage(H, W, FH, FW, S, P))
dx = layer.backward(np.ones_like(out))  # col2im inside
print("dL/dx for dL/dout = 1:", dx.shape)

# ---- convolution by hand: the tab's filter on a vertical bar, then 2x2 {pool} pooling ----
kernel = np.array({kernel})
image = np.zeros((1, 1, 28, 28))
image[0, 0, 4:24, 12:16] = 1.0
k = kernel.shape[0]
feature_map = Convolution(kernel[None, None], np.zeros(1), 1, k // 2).forward(image)
pooled = Pooling(2, 2, 2, mode="{pool}").forward(feature_map)
print("feature map", feature_map.shape, "from", feature_map.min(), "to", feature_map.max())
print("pooled", pooled.shape)
"""


def export_script(model: CnnModel) -> str:
    """The script for the model's current explorer sizes and hand-made filter."""
    source = inspect.getsource(conv)
    ex = tuple(
        model[k]
        for k in (
            "ex_n", "ex_c", "ex_h", "ex_w", "ex_fh", "ex_fw",
            "ex_stride", "ex_pad", "ex_fn", "ex_seed",
        )
    )  # fmt: skip
    header = (
        "# Zerokara Lab — CNN tab export (book ch. 7): im2col, col2im, Convolution, Pooling.\n"
        "# Needs only NumPy. The functions below are the app's engine/conv.py.\n"
    )
    return (
        header
        + source
        + _EXAMPLE.format(ex=repr(ex), kernel=repr(model.kernel), pool=model["hand_pool"])
    )
