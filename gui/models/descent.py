"""The Descent tab's model (book §4.3–4.4, §6.1), Qt-free: a surface, a start point, the
race's settings and a list of racers, each with its own small model.

* ``DescentModel`` declares the surface (a named one or ``custom``), the typed expression,
  the start point, the gradient (numerical or analytic), h, the number of steps, the
  divergence bound, the pace and the −∇f arrows. Choosing a named surface brings its
  expression and start point; a typed expression makes the surface ``custom`` (numerical
  gradient only).
* Each racer is a ``RacerModel`` (gui/models/descent_racers.py). A bad racer, or more
  racers than ``MAX_RACERS``, is refused with a message naming the field, never clamped
  or dropped.
* Files keep their format: ``"start": [x, y]`` and racers as
  ``{"optimizer", "enabled", "colour", "params": {…}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.optimizers import Optimizer
from engine.surfaces import (
    MAX_LENGTH,
    SURFACES,
    Surface,
    custom_surface,
)
from gui.models.base import PreparedState, TabModel
from gui.models.descent_export import export_script
from gui.models.descent_racers import (
    DEFAULTS,
    EXTRA_PARAMETERS,
    MAX_RACERS,
    PALETTE,
    RacerModel,
    problem,
)
from gui.models.expressions import check_expression
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    BoolSetting,
    ChoiceSetting,
    FloatSetting,
    IntSetting,
    SettingError,
    StrSetting,
)

__all__ = [
    "DescentModel",
    "RacerModel",
    "RacePlan",
    "PRESETS",
    "SPEEDS",
    "DEFAULT_SPEED",
    "MAX_RACERS",
    "PALETTE",
    "EXTRA_PARAMETERS",
    "DEFAULTS",
    "CUSTOM",
]

CONTEXT = "DescentTab"
CUSTOM = "custom"

#: Steps per second offered by the speed slider; 0 = as fast as possible.
SPEEDS = (1, 3, 10, 30, 100, 300, 1000, 0)
DEFAULT_SPEED = 3  # index: 30 steps/s

#: One-click set-ups: surface, start, steps, gradient and racers.
PRESETS: dict[str, dict[str, Any]] = {
    "notes": {
        "surface": "sphere",
        "start": [3.0, 4.0],
        "steps": 100,
        "gradient": "numerical",
        "racers": [{"optimizer": "SGD", "params": {"lr": 0.1}}],
    },
    "learning_rates": {
        "surface": "sphere",
        "start": [-3.0, 4.0],
        "steps": 100,
        "gradient": "numerical",
        "racers": [
            {"optimizer": "SGD", "params": {"lr": 10.0}, "colour": "#d55e00"},
            {"optimizer": "SGD", "params": {"lr": 0.1}, "colour": "#0072b2"},
            {"optimizer": "SGD", "params": {"lr": 1e-10}, "colour": "#009e73"},
        ],
    },
    "chapter6": {
        "surface": "elongated",
        "start": [-7.0, 2.0],
        "steps": 30,
        "gradient": "analytic",
        "racers": [
            {"optimizer": "SGD", "params": {"lr": 0.95}},
            {"optimizer": "Momentum", "params": {"lr": 0.1}},
            {"optimizer": "AdaGrad", "params": {"lr": 1.5}},
            {"optimizer": "Adam", "params": {"lr": 0.3}},
        ],
    },
}


@dataclass(frozen=True)
class RacePlan:
    """Everything one race runs with (``DescentModel.race_plan``)."""

    surface: Surface
    start: tuple[float, float]
    optimizers: list[Optimizer]
    labels: list[str]
    colours: list[str]
    steps: int
    analytic: bool
    bound: float
    h: float


def _has_gradient(values: Mapping[str, Any], _run_state: str) -> bool:
    return values.get("surface") != CUSTOM


class DescentModel(TabModel):
    """The Descent tab's values (see the module docstring)."""

    key = "descent"
    SETTINGS = (
        ChoiceSetting(
            key="surface",
            default="sphere",
            choices=(
                ("sphere", QT_TRANSLATE_NOOP("DescentTab", "x0² + x1² (study notes, §4.4)")),
                ("elongated", QT_TRANSLATE_NOOP("DescentTab", "x²/20 + y² (book §6.1)")),
                ("rosenbrock", QT_TRANSLATE_NOOP("DescentTab", "Rosenbrock (a curved valley)")),
                ("himmelblau", QT_TRANSLATE_NOOP("DescentTab", "Himmelblau (four minima)")),
                ("beale", QT_TRANSLATE_NOOP("DescentTab", "Beale (flat plateaus, sharp ridges)")),
                ("saddle", QT_TRANSLATE_NOOP("DescentTab", "Saddle x² − y² (no minimum)")),
                (CUSTOM, QT_TRANSLATE_NOOP("DescentTab", "Your own function…")),
            ),
            label=QT_TRANSLATE_NOOP("DescentTab", "Function"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab", "The function whose minimum the optimizers look for"
            ),
            context=CONTEXT,
            object_name="functionCombo",
        ),
        StrSetting(
            key="expression",
            default=SURFACES["sphere"].text,
            max_length=MAX_LENGTH,
            allow_empty=False,
            check=check_expression,
            label=QT_TRANSLATE_NOOP("DescentTab", "Formula"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab",
                "Type a function of x and y (x0, x1 also work) with numbers, + - * / **, "
                "brackets, sin cos tan exp log sqrt abs tanh, pi and e; press Enter",
            ),
            context=CONTEXT,
            object_name="expressionEdit",
        ),
        FloatSetting(
            key="start_x",
            default=3.0,
            minimum=-1e6,
            maximum=1e6,
            step=0.1,
            label=QT_TRANSLATE_NOOP("DescentTab", "Start x"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab", "x of the start point (or click or drag on the map)"
            ),
            context=CONTEXT,
            object_name="startX",
        ),
        FloatSetting(
            key="start_y",
            default=4.0,
            minimum=-1e6,
            maximum=1e6,
            step=0.1,
            label=QT_TRANSLATE_NOOP("DescentTab", "Start y"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab", "y of the start point (or click or drag on the map)"
            ),
            context=CONTEXT,
            object_name="startY",
        ),
        ChoiceSetting(
            key="gradient",
            default="numerical",
            choices=(
                ("numerical", QT_TRANSLATE_NOOP("DescentTab", "numerical (central difference)")),
                ("analytic", QT_TRANSLATE_NOOP("DescentTab", "analytic")),
            ),
            label=QT_TRANSLATE_NOOP("DescentTab", "Gradient"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab",
                "Numerical: the book's numerical_gradient with step h. Analytic: the exact formula",
            ),
            context=CONTEXT,
            object_name="gradientCombo",
            enabled=_has_gradient,
        ),
        FloatSetting(
            key="h",
            default=1e-4,
            minimum=1e-300,
            maximum=1.0,
            step=1e-5,
            label=QT_TRANSLATE_NOOP("DescentTab", "h"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab", "Step of the central difference (f(x+h) − f(x−h)) / 2h"
            ),
            context=CONTEXT,
            object_name="hField",
        ),
        IntSetting(
            key="steps",
            default=100,
            minimum=1,
            maximum=10000,
            step=10,
            label=QT_TRANSLATE_NOOP("DescentTab", "Steps"),
            help=QT_TRANSLATE_NOOP("DescentTab", "How many updates each optimizer makes"),
            context=CONTEXT,
            object_name="stepsField",
        ),
        FloatSetting(
            key="bound",
            default=1e6,
            minimum=1.0,
            maximum=1e300,
            step=1e5,
            label=QT_TRANSLATE_NOOP("DescentTab", "Bound |x|"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab", "A run that leaves |x| ≤ bound is reported as diverged and stopped"
            ),
            context=CONTEXT,
            object_name="boundField",
        ),
        ChoiceSetting(
            key="speed",
            default=SPEEDS[DEFAULT_SPEED],
            choices=tuple((s, str(s) if s else "max") for s in SPEEDS),
            label=QT_TRANSLATE_NOOP("DescentTab", "Speed"),
            help=QT_TRANSLATE_NOOP("DescentTab", "Steps per second while running"),
            context=CONTEXT,
            object_name="speedCombo",
            while_paused=True,
            while_running=True,
        ),
        BoolSetting(
            key="arrows",
            default=False,
            label=QT_TRANSLATE_NOOP("DescentTab", "Show −∇f arrows (Fig. 4-9)"),
            help=QT_TRANSLATE_NOOP(
                "DescentTab",
                "Arrows point downhill, along minus the gradient; longer where it is steeper",
            ),
            context=CONTEXT,
            object_name="arrowsCheck",
            while_paused=True,
            while_running=True,
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.racers: list[RacerModel] = []
        self._spare: list[RacerModel] = []
        self._custom_view = SURFACES["sphere"].view
        self._surface: Surface = SURFACES["sphere"]
        self.apply_preset("notes")
        self.revision = 0

    # -- the surface ------------------------------------------------------------------------
    def surface(self) -> Surface:
        """The surface raced on: a named one, or the typed expression's."""
        return self._surface

    def _make_surface(self, values: Mapping[str, Any]) -> Surface:
        key = values["surface"]
        if key != CUSTOM:
            return SURFACES[key]
        if self._surface.key == CUSTOM and self._surface.text == values["expression"].strip():
            return self._surface
        return custom_surface(values["expression"], self._custom_view, (3.0, 4.0))

    def _derive(self, values: dict[str, Any]) -> dict[str, Any]:
        """A named surface brings its expression (and, when chosen, its start point); a
        typed expression that is not the named surface's makes the surface ``custom``,
        which has a numerical gradient only."""
        key = values.get("surface", self["surface"])
        key = key if isinstance(key, str) else ""
        named = SURFACES.get(key)
        if "surface" in values and named is not None:
            values.setdefault("expression", named.text)
            if key != self["surface"]:
                values.setdefault("start_x", named.start[0])
                values.setdefault("start_y", named.start[1])
        elif (
            isinstance(values.get("expression"), str)
            and named is not None
            and values["expression"].strip() != named.text
        ):
            values["surface"] = CUSTOM
        if values.get("surface") == CUSTOM and "gradient" not in values:
            values["gradient"] = "numerical"
        return values

    def update(self, values: Mapping[str, object]) -> dict[str, Any]:
        prepared = super().update(self._derive(dict(values)))
        named = SURFACES.get(self["surface"])
        if named is not None:  # a typed function is plotted over the last named window
            self._custom_view = named.view
        return prepared

    def check(self, values: Mapping[str, Any]) -> None:
        if values["surface"] == CUSTOM and values["gradient"] == "analytic":
            raise SettingError(
                self.setting("gradient"),
                QT_TRANSLATE_NOOP("Settings", "A typed function has no analytic gradient."),
            )

    def _changed(self, keys: frozenset[str]) -> None:
        if keys & {"surface", "expression", "*"}:
            self._surface = self._make_surface(self._values)
        super()._changed(keys)

    def start(self) -> tuple[float, float]:
        return (self["start_x"], self["start_y"])

    def set_start(self, x: float, y: float) -> None:
        self.update({"start_x": x, "start_y": y})

    # -- racers ---------------------------------------------------------------------------
    # Racer models are kept, never replaced: a row of the view shows one for good. Removed
    # racers wait in ``_spare`` and come back (with new values) when racers are added.
    def _racer_changed(self, _keys: frozenset[str]) -> None:
        self.touch({"racers"})

    def _new_racer(self) -> RacerModel:
        if self._spare:
            return self._spare.pop()
        racer = RacerModel()
        racer.subscribe(self._racer_changed)
        return racer

    @staticmethod
    def _prepare_racers(racers: object) -> list[dict[str, Any]]:
        """``racers`` (racer states) checked: the states to commit, or SettingError."""
        if not isinstance(racers, list) or not racers:
            raise problem("racers", "at least one racer is needed")
        if len(racers) > MAX_RACERS:
            raise problem("racers", f"at most {MAX_RACERS} racers, not {len(racers)}")
        prepared = []
        for i, state in enumerate(racers):
            if isinstance(state, Mapping) and state.get("colour") is None:
                state = {**state, "colour": PALETTE[i % len(PALETTE)]}
            probe = RacerModel()
            probe.set_state(state)
            prepared.append(probe.state())
        return prepared

    def _commit_racers(self, states: list[dict[str, Any]]) -> None:
        while len(self.racers) > len(states):
            self._spare.append(self.racers.pop())
        while len(self.racers) < len(states):
            self.racers.append(self._new_racer())
        for racer, state in zip(self.racers, states, strict=True):
            racer.set_state(state)  # checked already: cannot fail

    def set_racers(self, racers: list[Mapping[str, Any]]) -> None:
        """Replace every racer's values (states as in ``state()["racers"]``); all or none."""
        self._commit_racers(self._prepare_racers(racers))
        self.touch({"racers"})

    def add_racer(self, optimizer: str | None = None) -> RacerModel | None:
        """Append a racer with the book's defaults; None when there are MAX_RACERS."""
        if len(self.racers) >= MAX_RACERS:
            return None
        used = {r["colour"] for r in self.racers}
        colour = next((c for c in PALETTE if c not in used), PALETTE[0])
        racer = self._new_racer()
        name = optimizer or ("Momentum" if self.racers else "SGD")
        racer.set_state({"optimizer": name, "params": {}, "enabled": True, "colour": colour})
        self.racers.append(racer)
        self.touch({"racers"})
        return racer

    def remove_racer(self, racer: RacerModel) -> bool:
        """Remove ``racer`` unless it is the last one."""
        if racer not in self.racers or len(self.racers) <= 1:
            return False
        self.racers.remove(racer)
        self._spare.append(racer)
        self.touch({"racers"})
        return True

    def enabled_racers(self) -> list[RacerModel]:
        return [r for r in self.racers if r["enabled"]]

    # -- presets, runs, export --------------------------------------------------------------
    def apply_preset(self, key: str) -> None:
        """Set up preset ``key`` (``notes``, ``learning_rates``, ``chapter6``)."""
        preset = PRESETS[key]
        surface = SURFACES[preset["surface"]]
        self.set_state(
            {
                **self.values(),
                "surface": preset["surface"],
                "expression": surface.text,
                "start": preset["start"],
                "steps": preset["steps"],
                "gradient": preset["gradient"],
                "racers": preset["racers"],
            }
        )

    def race_plan(self) -> RacePlan:
        """The race the enabled racers run (ValueError when none is enabled)."""
        racers = self.enabled_racers()
        if not racers:
            raise ValueError("no racer is enabled")
        surface = self.surface()
        return RacePlan(
            surface,
            self.start(),
            [r.make_optimizer() for r in racers],
            [r.label() for r in racers],
            [r["colour"] for r in racers],
            self["steps"],
            self["gradient"] == "analytic" and surface.has_gradient,
            self["bound"],
            self["h"],
        )

    def export_code(self) -> str:
        racers = self.enabled_racers() or self.racers
        surface = self.surface()
        return export_script(
            surface,
            self.start(),
            [(r.name, r.params()) for r in racers],
            self["steps"],
            self["gradient"] == "analytic" and surface.has_gradient,
            self["h"],
            self["bound"],
        )

    # -- persistence ------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        state = super().state()
        state["start"] = [state.pop("start_x"), state.pop("start_y")]
        return state

    def extra_state(self) -> dict[str, Any]:
        return {"racers": [r.state() for r in self.racers]}

    def prepare_state(self, state: Mapping[str, Any]) -> PreparedState:
        if not isinstance(state, Mapping):
            raise ValueError("the descent state must be an object")
        state = dict(state)
        if "start" in state:
            start = state.pop("start")
            if not isinstance(start, (list, tuple)) or len(start) != 2:
                raise problem("start", "the start point must be two numbers")
            state["start_x"], state["start_y"] = start
        return super().prepare_state(self._derive(state))

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        if "racers" not in state:
            return None
        return self._prepare_racers(state["racers"])

    def commit_extra(self, prepared: Any) -> None:
        if prepared is not None:
            self._commit_racers(prepared)
