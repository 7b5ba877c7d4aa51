"""The CNN tab's model (ch. 7), no Qt: the im2col explorer's sizes, the hand-made filter
and the SimpleConvNet run, each declared once.

* Explorer: N, C, H, W, FH, FW, stride, padding, the number of filters and the seed of
  the example numbers; ``check`` refuses a filter larger than the padded input.
* By hand: which image (a bundled digit or the drawing), the filter size and preset, the
  pooling; the filter's values themselves are extra state (``kernel``): editing one makes
  the preset "custom".
* Training: the data set, epochs, batch size, optimizer, learning rate (editable while
  paused), seed, and which test image's feature maps to show (any time).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from engine.conv_lab import FILTER_PRESETS, explore, preset_filter
from engine.optimizers import OPTIMIZERS
from engine.training import TrainConfig
from gui.models.base import TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    ChoiceSetting,
    FloatSetting,
    IntSetting,
    SettingError,
)

__all__ = ["CnnModel", "PRESET_LABELS", "DATASET_LABELS", "R_FIT", "R_SMALL", "KERNEL_LIMIT"]

C = "CnnTab"

#: The refusal of a filter that does not fit (translated in context "Settings").
R_FIT = QT_TRANSLATE_NOOP("Settings", "A %1×%2 filter does not fit in the padded %3×%4 input.")
#: The refusal of an input side or a padding too small for the filter ("Settings"):
#: %1 the side, %2 the padding, %3 the padded side, %4 the filter side, %5 OH or OW,
#: %6 the stride.
R_SMALL = QT_TRANSLATE_NOOP(
    "Settings",
    "The padded input (%1 + 2·%2 = %3) is smaller than the filter (%4): "
    "%5 = (%3 − %4) / %6 + 1 would be less than 1.",
)

#: The largest |value| a filter entry may hold.
KERNEL_LIMIT = 100.0

PRESET_LABELS = (
    ("edges", QT_TRANSLATE_NOOP("CnnTab", "Edges (Laplacian)")),
    ("vertical", QT_TRANSLATE_NOOP("CnnTab", "Vertical edges (Sobel)")),
    ("horizontal", QT_TRANSLATE_NOOP("CnnTab", "Horizontal edges (Sobel)")),
    ("blur", QT_TRANSLATE_NOOP("CnnTab", "Blur")),
    ("sharpen", QT_TRANSLATE_NOOP("CnnTab", "Sharpen")),
    ("identity", QT_TRANSLATE_NOOP("CnnTab", "Identity")),
    ("custom", QT_TRANSLATE_NOOP("CnnTab", "Custom")),
)
assert {k for k, _ in PRESET_LABELS} - {"custom"} == set(FILTER_PRESETS)

DATASET_LABELS = (
    ("bundled", QT_TRANSLATE_NOOP("CnnTab", "Bundled MNIST (5,000 digits)")),
    ("mnist", QT_TRANSLATE_NOOP("CnnTab", "Full MNIST (your files)")),
    ("fashion", QT_TRANSLATE_NOOP("CnnTab", "Fashion-MNIST (installed)")),
)


def _int(key: str, default: int, lo: int, hi: int, label: str, name: str, **kw: Any) -> IntSetting:
    return IntSetting(
        key=key,
        default=default,
        minimum=lo,
        maximum=hi,
        label=label,
        context=C,
        object_name=name,
        **kw,
    )


class CnnModel(TabModel):
    """Settings of the three parts of the CNN tab, and the hand-made filter."""

    key = "cnn"
    SETTINGS = (
        # -- the im2col explorer (§7.4.3)
        _int("ex_n", 1, 1, 2, QT_TRANSLATE_NOOP("CnnTab", "N (images)"), "cnnN"),
        _int("ex_c", 1, 1, 3, QT_TRANSLATE_NOOP("CnnTab", "C (channels)"), "cnnC"),
        _int("ex_h", 7, 1, 12, QT_TRANSLATE_NOOP("CnnTab", "H (height)"), "cnnH"),
        _int("ex_w", 7, 1, 12, QT_TRANSLATE_NOOP("CnnTab", "W (width)"), "cnnW"),
        _int("ex_fh", 3, 1, 5, QT_TRANSLATE_NOOP("CnnTab", "FH (filter height)"), "cnnFH"),
        _int("ex_fw", 3, 1, 5, QT_TRANSLATE_NOOP("CnnTab", "FW (filter width)"), "cnnFW"),
        _int("ex_stride", 2, 1, 4, QT_TRANSLATE_NOOP("CnnTab", "S (stride)"), "cnnStride"),
        _int("ex_pad", 1, 0, 3, QT_TRANSLATE_NOOP("CnnTab", "P (padding)"), "cnnPad"),
        _int("ex_fn", 2, 1, 3, QT_TRANSLATE_NOOP("CnnTab", "FN (filters)"), "cnnFN"),
        _int(
            "ex_seed", 0, 0, 9999, QT_TRANSLATE_NOOP("CnnTab", "Example numbers (seed)"), "cnnSeed"
        ),
        # -- convolution by hand (§7.2, §7.3)
        ChoiceSetting(
            key="hand_source",
            default="digit",
            choices=(
                ("digit", QT_TRANSLATE_NOOP("CnnTab", "A bundled test digit")),
                ("drawing", QT_TRANSLATE_NOOP("CnnTab", "My drawing")),
            ),
            label=QT_TRANSLATE_NOOP("CnnTab", "Image"),
            context=C,
            object_name="cnnHandSource",
        ),
        _int(
            "hand_index",
            0,
            0,
            999,
            QT_TRANSLATE_NOOP("CnnTab", "Test digit number"),
            "cnnHandIndex",
        ),
        ChoiceSetting(
            key="hand_size",
            default="3",
            choices=(("3", "3×3"), ("5", "5×5")),
            label=QT_TRANSLATE_NOOP("CnnTab", "Filter size"),
            context=C,
            object_name="cnnKernelSize",
        ),
        ChoiceSetting(
            key="hand_preset",
            default="vertical",
            choices=PRESET_LABELS,
            label=QT_TRANSLATE_NOOP("CnnTab", "Filter"),
            context=C,
            object_name="cnnPreset",
        ),
        ChoiceSetting(
            key="hand_pool",
            default="max",
            choices=(
                ("max", QT_TRANSLATE_NOOP("CnnTab", "Max")),
                ("average", QT_TRANSLATE_NOOP("CnnTab", "Average")),
            ),
            label=QT_TRANSLATE_NOOP("CnnTab", "Pooling 2×2"),
            context=C,
            object_name="cnnPoolMode",
        ),
        # -- training SimpleConvNet (§7.5)
        ChoiceSetting(
            key="tr_data",
            default="bundled",
            choices=DATASET_LABELS,
            label=QT_TRANSLATE_NOOP("CnnTab", "Data"),
            context=C,
            object_name="cnnDatasetCombo",
        ),
        _int("tr_epochs", 2, 1, 20, QT_TRANSLATE_NOOP("CnnTab", "Epochs"), "cnnEpochs"),
        _int("tr_batch", 100, 1, 1000, QT_TRANSLATE_NOOP("CnnTab", "Batch size"), "cnnBatch"),
        ChoiceSetting(
            key="tr_optimizer",
            default="Adam",
            choices=tuple((name, name) for name in OPTIMIZERS),
            label=QT_TRANSLATE_NOOP("CnnTab", "Optimizer"),
            context=C,
            object_name="cnnOptimizer",
        ),
        FloatSetting(
            key="tr_lr",
            default=0.001,
            minimum=1e-6,
            maximum=1.0,
            step=0.0005,
            label=QT_TRANSLATE_NOOP("CnnTab", "Learning rate"),
            context=C,
            object_name="cnnLr",
            while_paused=True,
        ),
        _int("tr_seed", 0, 0, 2**31 - 1, QT_TRANSLATE_NOOP("CnnTab", "Seed"), "cnnTrainSeed"),
        ChoiceSetting(
            key="tr_map_source",
            default="test",
            choices=(
                ("test", QT_TRANSLATE_NOOP("CnnTab", "A test image")),
                ("drawing", QT_TRANSLATE_NOOP("CnnTab", "My drawing (By hand page)")),
            ),
            label=QT_TRANSLATE_NOOP("CnnTab", "Feature maps of"),
            context=C,
            object_name="cnnMapSource",
            while_running=True,
        ),
        _int(
            "tr_image",
            0,
            0,
            9999,
            QT_TRANSLATE_NOOP("CnnTab", "Test image for the feature maps"),
            "cnnMapIndex",
            while_running=True,
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.kernel: list[list[float]] = preset_filter(self["hand_preset"], 3).tolist()

    # -- rules ---------------------------------------------------------------------------
    def check(self, values: Mapping[str, Any]) -> None:
        """Refuse sizes that give no output cell: FH > H + 2P (or FW > W + 2P).

        The refusal names the field whose new value breaks the rule (the filter side, the
        input side or the padding; the stride never does: the size is rounded down), so
        its message says what to change back."""
        pad = values["ex_pad"]
        for f, size, out in (("ex_fh", "ex_h", "OH"), ("ex_fw", "ex_w", "OW")):
            if values[f] <= values[size] + 2 * pad:
                continue
            changed = [k for k in (f, size, "ex_pad") if values[k] != self._values.get(k)]
            culprit = changed[0] if changed else f
            if culprit == f:
                raise SettingError(
                    self.setting(f),
                    R_FIT,
                    values["ex_fh"],
                    values["ex_fw"],
                    values["ex_h"] + 2 * pad,
                    values["ex_w"] + 2 * pad,
                )
            raise SettingError(
                self.setting(culprit),
                R_SMALL,
                values[size],
                pad,
                values[size] + 2 * pad,
                values[f],
                out,
                values["ex_stride"],
            )

    def exploration(self):  # -> engine.conv_lab.Exploration
        """The explorer's convolution for the current sizes."""
        v = self._values
        return explore(
            v["ex_n"], v["ex_c"], v["ex_h"], v["ex_w"], v["ex_fh"], v["ex_fw"],
            v["ex_stride"], v["ex_pad"], v["ex_fn"], v["ex_seed"],
        )  # fmt: skip

    def update(self, values: Mapping[str, object]) -> dict[str, Any]:
        prepared = super().update(values)
        if "hand_preset" in values or "hand_size" in values:
            self.apply_preset()
        return prepared

    # -- the hand-made filter --------------------------------------------------------------
    def set_kernel_value(self, row: int, col: int, value: float) -> None:
        """One filter entry (finite, |value| ≤ KERNEL_LIMIT); the preset becomes "custom"."""
        value = float(value)
        if not math.isfinite(value) or abs(value) > KERNEL_LIMIT:
            raise ValueError(f"a filter value must be finite and at most {KERNEL_LIMIT:g} in size")
        self.kernel[row][col] = value
        if self["hand_preset"] != "custom":
            self._values["hand_preset"] = "custom"
        self.touch(("kernel", "hand_preset"))

    def apply_preset(self) -> None:
        """Fill the filter from the current preset and size (a custom one keeps its values
        where they fit, else becomes the identity of the new size)."""
        size = int(self["hand_size"])
        name = self["hand_preset"]
        if name != "custom":
            self.kernel = preset_filter(name, size).tolist()
        elif len(self.kernel) != size:
            self.kernel = preset_filter("identity", size).tolist()
        self.touch(("kernel",))

    def extra_state(self) -> dict[str, Any]:
        return {"kernel": [list(row) for row in self.kernel]}

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        if "kernel" not in state:
            return None
        kernel = state["kernel"]
        size = int(state.get("hand_size", self["hand_size"]))
        if not isinstance(kernel, list) or len(kernel) != size:
            raise ValueError(f"the filter must be {size}×{size}")
        rows = []
        for row in kernel:
            if not isinstance(row, list) or len(row) != size:
                raise ValueError(f"the filter must be {size}×{size}")
            for v in row:
                ok = isinstance(v, (int, float)) and not isinstance(v, bool)
                if not ok or not math.isfinite(v) or abs(v) > KERNEL_LIMIT:
                    raise ValueError("a filter value must be a finite number")
            rows.append([float(v) for v in row])
        return rows

    def commit_extra(self, prepared: Any) -> None:
        if prepared is not None:
            self.kernel = prepared
        elif len(self.kernel) != int(self["hand_size"]):
            self.apply_preset()

    # -- the run ---------------------------------------------------------------------------
    def run_config(self, n_train: int = 4000) -> TrainConfig:
        """The engine's configuration for ``n_train`` training images: ``tr_epochs`` epochs
        of mini-batches, training accuracy on 1,000 images as the book's Trainer."""
        batch = min(self["tr_batch"], n_train)
        per_epoch = max(1, math.ceil(n_train / batch))
        return TrainConfig(
            optimizer=self["tr_optimizer"],
            lr=self["tr_lr"],
            batch_size=batch,
            iterations=per_epoch * self["tr_epochs"],
            seed=self["tr_seed"],
            eval_samples=1000,
            preview_count=0,
        )
