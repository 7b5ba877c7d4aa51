"""One racer of the Descent tab (book §6.1), Qt-free: its optimizer, on/off, colour and
every hyperparameter an optimizer of ``engine.optimizers`` takes, each declared once.

Only the chosen optimizer's hyperparameters are enabled (and saved). A momentum, decay
rate or β of 1 or more is refused with a message naming the field, never clamped.
A racer is saved as ``{"optimizer", "enabled", "colour", "params": {…}}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.optimizers import OPTIMIZERS, Optimizer
from gui.models.base import PreparedState, TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    BoolSetting,
    ChoiceSetting,
    FloatSetting,
    SettingError,
    StrSetting,
)

__all__ = ["RacerModel", "MAX_RACERS", "PALETTE", "EXTRA_PARAMETERS", "DEFAULTS", "problem"]

RACER_CONTEXT = "RacerRow"
MAX_RACERS = 8

#: Colours given to new racers, in order (colour-blind-friendly Okabe–Ito, then extras).
PALETTE = (
    "#d55e00",
    "#0072b2",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#000000",
    "#f0e442",
)

#: The hyperparameters beyond lr that each optimizer takes (up to two), by name.
EXTRA_PARAMETERS: dict[str, tuple[str, ...]] = {
    "SGD": (),
    "Momentum": ("momentum",),
    "Nesterov": ("momentum",),
    "AdaGrad": (),
    "RMSprop": ("decay_rate",),
    "Adam": ("beta1", "beta2"),
}
#: Default hyperparameters (the book's defaults), read from the engine's classes.
DEFAULTS: dict[str, dict[str, float]] = {
    name: cls().hyperparameters() for name, cls in OPTIMIZERS.items()
}


def problem(key: str, text: str) -> SettingError:
    """A refusal of a value that is not one declared setting, naming ``key``."""
    return SettingError(None, QT_TRANSLATE_NOOP("Settings", "%1"), text, key=key)


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _check_colour(text: str) -> None:
    if not _COLOUR.fullmatch(text):
        raise ValueError("a colour is written #rrggbb, e.g. #d55e00")


def _decay(key: str, label: str, help_text: str, default: float) -> FloatSetting:
    """A momentum, decay rate or β: from 0 up to (not including) 1."""
    return FloatSetting(
        key=key,
        default=default,
        minimum=0.0,
        maximum=0.999999,
        step=0.01,
        label=label,
        help=help_text,
        context=RACER_CONTEXT,
        object_name=f"racer_{key}",
        while_paused=False,
    )


class RacerModel(TabModel):
    """One racer of the Descent tab (see the module docstring)."""

    key = "racer"
    SETTINGS = (
        BoolSetting(
            key="enabled",
            default=True,
            label=QT_TRANSLATE_NOOP("RacerRow", "On"),
            help=QT_TRANSLATE_NOOP("RacerRow", "Take part in the race"),
            context=RACER_CONTEXT,
            object_name="racerEnabled",
        ),
        ChoiceSetting(
            key="optimizer",
            default="SGD",
            choices=tuple((name, name) for name in OPTIMIZERS),
            label=QT_TRANSLATE_NOOP("RacerRow", "Optimizer"),
            help=QT_TRANSLATE_NOOP(
                "RacerRow",
                "The update rule (book §6.1): SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam",
            ),
            context=RACER_CONTEXT,
            object_name="racerOptimizer",
        ),
        StrSetting(
            key="colour",
            default=PALETTE[0],
            max_length=7,
            check=_check_colour,
            label=QT_TRANSLATE_NOOP("RacerRow", "Colour"),
            help=QT_TRANSLATE_NOOP("RacerRow", "Colour of this trajectory (click to change)"),
            context=RACER_CONTEXT,
            object_name="racerColourText",
        ),
        FloatSetting(
            key="lr",
            default=0.01,
            minimum=1e-300,
            maximum=1e6,
            step=0.01,
            label="lr",
            help=QT_TRANSLATE_NOOP("RacerRow", "Learning rate η (Up/Down keys step it)"),
            context=RACER_CONTEXT,
            object_name="racerLr",
        ),
        _decay(
            "momentum",
            "α",
            QT_TRANSLATE_NOOP("RacerRow", "Momentum α: how much of the previous velocity is kept"),
            0.9,
        ),
        _decay(
            "decay_rate",
            "ρ",
            QT_TRANSLATE_NOOP(
                "RacerRow", "Decay rate ρ: how fast old squared gradients are forgotten"
            ),
            0.99,
        ),
        _decay(
            "beta1",
            "β₁",
            QT_TRANSLATE_NOOP("RacerRow", "β₁: decay of the mean of the gradients"),
            0.9,
        ),
        _decay(
            "beta2",
            "β₂",
            QT_TRANSLATE_NOOP("RacerRow", "β₂: decay of the mean of the squared gradients"),
            0.999,
        ),
    )
    PARAMETER_KEYS = ("lr", "momentum", "decay_rate", "beta1", "beta2")

    def __init__(self, optimizer: str = "SGD", params: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.set_state({"optimizer": optimizer, "params": dict(params or {})})
        self.revision = 0

    @property
    def name(self) -> str:
        return self["optimizer"]

    def parameter_keys(self) -> tuple[str, ...]:
        """lr and the chosen optimizer's own hyperparameters, in the constructor's order."""
        return ("lr", *EXTRA_PARAMETERS[self.name])

    def is_enabled(self, key: str) -> bool:
        if key in self.PARAMETER_KEYS and key not in self.parameter_keys():
            return False
        return super().is_enabled(key)

    def params(self) -> dict[str, float]:
        """The hyperparameters, e.g. ``{"lr": 0.1}`` or ``{"lr": 0.3, "beta1": 0.9, …}``."""
        return {key: self[key] for key in self.parameter_keys()}

    def make_optimizer(self) -> Optimizer:
        """A fresh engine optimizer with this racer's settings."""
        return OPTIMIZERS[self.name](**self.params())

    def label(self) -> str:
        """A short description, e.g. ``SGD (lr=0.1)``."""
        args = ", ".join(f"{k}={v:.10g}" for k, v in self.params().items())
        return f"{self.name} ({args})"

    def update(self, values: Mapping[str, object]) -> dict[str, Any]:
        """Another optimizer brings its book defaults (for what ``values`` does not set)."""
        values = dict(values)
        name = values.get("optimizer")
        if isinstance(name, str) and name in OPTIMIZERS and name != self.name:
            for key, value in DEFAULTS[name].items():
                values.setdefault(key, value)
        return super().update(values)

    # -- persistence: {"optimizer", "enabled", "colour", "params": {...}} -------------------
    def state(self) -> dict[str, Any]:
        return {
            "optimizer": self.name,
            "enabled": self["enabled"],
            "colour": self["colour"],
            "params": self.params(),
        }

    def prepare_state(self, state: Mapping[str, Any]) -> PreparedState:
        if not isinstance(state, Mapping):
            raise problem("racers", "a racer must be an object")
        name = self.setting("optimizer").validate(state.get("optimizer", "SGD"))
        params = state.get("params", {})
        if not isinstance(params, Mapping):
            raise problem("params", "racer params must be an object")
        allowed = ("lr", *EXTRA_PARAMETERS[name])
        unknown = [k for k in params if k not in allowed]
        if unknown:
            raise problem(str(unknown[0])[:20], f"{name} takes no {str(unknown[0])[:20]}")
        flat: dict[str, Any] = {"optimizer": name, **DEFAULTS[name], **params}
        for key in ("enabled", "colour"):
            if key in state and state[key] is not None:
                flat[key] = state[key]
        return super().prepare_state(flat)
