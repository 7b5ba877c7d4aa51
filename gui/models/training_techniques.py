"""The Training tab's ch. 6 settings (no Qt): Batch Normalization on or off per hidden
layer (§6.3), a Dropout ratio per hidden layer (§6.4.3), weight decay λ (§6.4.2) and the
live per-layer histograms (§6.2). ``TrainingModel`` declares them among its own settings
(saved in projects; a project without them opens with these defaults) and
:func:`technique_config` turns them into the engine's ``TrainConfig`` fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gui.models.settings import QT_TRANSLATE_NOOP, BoolSetting, FloatSetting, IntListSetting

__all__ = ["TECHNIQUE_SETTINGS", "HISTOGRAM_INTERVAL", "own_network", "technique_config"]

C = "TrainingTab"  # the translation context of every text below
#: With live layer histograms on, the engine bins a mini-batch at most every this many
#: seconds (the view draws at most 5 a second: binning more often would be wasted work).
HISTOGRAM_INTERVAL = 0.2


def own_network(values: Mapping[str, Any], run_state: str) -> bool:
    """Enabled unless the Network tab's network is trained (it has no such layers)."""
    return not values["use_network"]


TECHNIQUE_SETTINGS = (
    IntListSetting(
        key="batchnorm_layers",
        default=(),
        minimum=1,
        maximum=5,
        min_length=0,
        max_length=5,
        label=QT_TRANSLATE_NOOP("TrainingTab", "Batch Norm after layers"),
        help=QT_TRANSLATE_NOOP(
            "TrainingTab",
            "Numbers of the hidden layers followed by Batch Normalization (§6.3), e.g. "
            "“1, 2”; empty: none. Numbers beyond the hidden layers are ignored.",
        ),
        context=C,
        enabled=own_network,
        object_name="batchNormEdit",
    ),
    IntListSetting(
        key="dropout_percent",
        default=(),
        minimum=0,
        maximum=95,
        min_length=0,
        max_length=5,
        label=QT_TRANSLATE_NOOP("TrainingTab", "Dropout % per layer"),
        help=QT_TRANSLATE_NOOP(
            "TrainingTab",
            "The share of each hidden layer's units erased in every training pass "
            "(§6.4.3), in per cent, e.g. “20, 20”; missing layers: none",
        ),
        context=C,
        enabled=own_network,
        object_name="dropoutEdit",
    ),
    FloatSetting(
        key="weight_decay",
        default=0.0,
        minimum=0.0,
        maximum=10.0,
        step=0.01,
        label=QT_TRANSLATE_NOOP("TrainingTab", "Weight decay λ"),
        help=QT_TRANSLATE_NOOP(
            "TrainingTab", "Adds ½λΣW² to the loss and λW to each weight's gradient (§6.4.2)"
        ),
        context=C,
        enabled=own_network,
        object_name="weightDecayField",
    ),
    BoolSetting(
        key="layer_histograms",
        default=False,
        label=QT_TRANSLATE_NOOP("TrainingTab", "Live layer histograms"),
        help=QT_TRANSLATE_NOOP(
            "TrainingTab",
            "Every layer's activations and weight gradients while training (§6.2), "
            "redrawn at most 5 times a second",
        ),
        context=C,
        object_name="layerHistogramsCheck",
    ),
)


def technique_config(values: Mapping[str, Any]) -> dict[str, Any]:
    """``batchnorm`` (a flag per hidden layer, or ``[]`` when none is on), ``dropout`` (a
    ratio per hidden layer, trailing zeros dropped), ``weight_decay`` and the histograms'
    ``histogram_every`` / ``histogram_interval`` for the engine's ``TrainConfig``. The
    techniques are all off when the Network tab's network is trained (those settings are
    then disabled); the histograms work for any net."""
    histograms = {
        "histogram_every": 1 if values["layer_histograms"] else 0,
        "histogram_interval": HISTOGRAM_INTERVAL if values["layer_histograms"] else 0.0,
    }
    if values["use_network"]:
        return {"batchnorm": [], "dropout": [], "weight_decay": 0.0, **histograms}
    n_hidden = len(values["hidden"])
    batchnorm = [i + 1 in values["batchnorm_layers"] for i in range(n_hidden)]
    dropout = [p / 100 for p in values["dropout_percent"]][:n_hidden]
    while dropout and dropout[-1] == 0:
        dropout.pop()
    return {
        "batchnorm": batchnorm if any(batchnorm) else [],
        "dropout": dropout,
        "weight_decay": float(values["weight_decay"]),
        **histograms,
    }
