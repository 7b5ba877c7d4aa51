"""The Qt-free model every tab keeps: its values, a revision, change callbacks, and
``state()`` / ``set_state()`` that validate everything before committing anything.

A subclass declares its settings once and, if it holds more than settings (a network's
weights, a list of racers), the three ``extra`` hooks::

    class TrainingModel(TabModel):
        key = "training"
        SETTINGS = (
            FloatSetting(key="lr", default=0.1, minimum=1e-6, maximum=10.0,
                         label=QT_TRANSLATE_NOOP("TrainingTab", "Learning rate"),
                         context="TrainingTab", while_paused=True),
            ...
        )

        def run_config(self) -> TrainConfig:   # what the engine runs
            return TrainConfig(lr=self["lr"], ...)

Views never keep their own copy of a value: they call ``set``/``set_text`` (or the binder
does) and mirror the model from its change callbacks. The project controller compares
``revision`` with the revision it saved to know whether anything changed, and serializes
(``state()``) only when it saves.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from gui.models.settings import IDLE, RUN_STATES, Setting

__all__ = ["TabModel", "Listener", "PreparedState"]

#: A change callback: called with the set of keys that changed (``"*"`` for extra state,
#: ``"run_state"`` when only the run state changed).
Listener = Callable[[frozenset[str]], None]


@dataclass(frozen=True)
class PreparedState:
    """A validated state, ready to commit: all values, the keys it set, the extra part."""

    values: Mapping[str, Any]
    keys: frozenset[str]
    extra: Any


class TabModel:
    """Values of one tab's declared settings plus optional extra state.

    * ``revision``: bumped on every committed change of persisted state (settings or
      extra), never for the run state.
    * ``subscribe(callback)``: ``callback(changed_keys)`` after every change; returns a
      function that unsubscribes.
    * ``state()`` / ``set_state(state)``: plain JSON-able dict; ``set_state`` validates every
      value (missing keys keep their current value, unknown keys are ignored), then commits
      all of it, or raises ``SettingError`` / ``ValueError`` and changes nothing.
    """

    #: The registry key of the tab this model belongs to.
    key: ClassVar[str] = ""
    #: The declarations, in display order.
    SETTINGS: ClassVar[tuple[Setting, ...]] = ()
    _by_key: ClassVar[dict[str, Setting]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        by_key: dict[str, Setting] = {}
        for setting in cls.SETTINGS:
            if setting.key in by_key:
                raise TypeError(f"{cls.__name__}: setting {setting.key!r} declared twice")
            by_key[setting.key] = setting
        cls._by_key = by_key

    def __init__(self) -> None:
        self._values: dict[str, Any] = {s.key: s.validate(s.default) for s in self.SETTINGS}
        self.revision = 0
        self.run_state = IDLE
        self._listeners: list[Listener] = []

    # -- declarations --------------------------------------------------------------------------
    @classmethod
    def settings(cls) -> tuple[Setting, ...]:
        return cls.SETTINGS

    @classmethod
    def setting(cls, key: str) -> Setting:
        """The declaration of ``key`` (KeyError if the tab declares no such setting)."""
        return cls._by_key[key]

    # -- values --------------------------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        value = self._values[key]
        return list(value) if isinstance(value, list) else value

    def get(self, key: str) -> Any:
        return self[key]

    def values(self) -> dict[str, Any]:
        """A copy of every setting's value."""
        return copy.deepcopy(self._values)

    def set(self, key: str, value: object) -> Any:
        """Validate ``value`` with the declaration of ``key`` and commit it (SettingError if
        refused: nothing changes). Returns the stored value."""
        return self.update({key: value})[key]

    def set_text(self, key: str, text: str) -> Any:
        """Parse typed ``text`` with the declaration of ``key`` and commit it."""
        return self.set(key, self.setting(key).parse(text))

    def update(self, values: Mapping[str, object]) -> dict[str, Any]:
        """Validate several values, check them together (``check``), commit all or none."""
        prepared = {key: self.setting(key).validate(value) for key, value in values.items()}
        merged = {**self._values, **prepared}
        self.check(merged)
        changed = frozenset(k for k, v in prepared.items() if self._values[k] != v)
        if changed:
            self._values = merged
            self._changed(changed)
        return prepared

    def is_enabled(self, key: str) -> bool:
        """Whether ``key`` can be edited now (its declaration, the values, the run state)."""
        return self.setting(key).is_enabled(self._values, self.run_state)

    def set_run_state(self, run_state: str) -> None:
        """``idle``, ``running`` or ``paused``; listeners hear ``{"run_state"}``."""
        if run_state not in RUN_STATES:
            raise ValueError(f"unknown run state {run_state!r}")
        if run_state != self.run_state:
            self.run_state = run_state
            self._notify(frozenset({"run_state"}))

    # -- hooks for subclasses ------------------------------------------------------------------
    def check(self, values: Mapping[str, Any]) -> None:
        """Cross-field rules over a full set of validated values; raise SettingError."""

    def extra_state(self) -> dict[str, Any]:
        """Persisted state that is not a declared setting (plain JSON types)."""
        return {}

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        """Check the extra part of ``state`` (a whole tab state); return what
        ``commit_extra`` needs, or raise ``ValueError``. Must not change the model."""
        return None

    def commit_extra(self, prepared: Any) -> None:
        """Apply what ``validate_extra`` returned (cannot fail)."""

    def run_config(self) -> Any:
        """The engine configuration of a run with the current values (tabs that run)."""
        raise NotImplementedError(f"{type(self).__name__} has no run")

    # -- persistence ---------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The tab's state for a project file: every setting, then the extra state."""
        return {**self.values(), **self.extra_state()}

    def set_state(self, state: Mapping[str, Any]) -> None:
        """Restore a state made by ``state()``: everything is validated first, then all of
        it is committed; a refusal (``SettingError`` naming the field, or ``ValueError``)
        leaves the model exactly as it was."""
        self.commit_state(self.prepare_state(state))

    def prepare_state(self, state: Mapping[str, Any]) -> PreparedState:
        """Validate a whole state without changing anything (``commit_state`` applies it):
        a view can stop its run between the two, once the state is known to be good."""
        if not isinstance(state, Mapping):
            raise ValueError(f"the {self.key or 'tab'} state must be an object")
        prepared = {s.key: s.validate(state[s.key]) for s in self.SETTINGS if s.key in state}
        merged = {**self._values, **prepared}
        self.check(merged)
        return PreparedState(merged, frozenset(prepared), self.validate_extra(state))

    def commit_state(self, prepared: PreparedState) -> None:
        """Apply what ``prepare_state`` returned (cannot fail)."""
        self._values = dict(prepared.values)
        self.commit_extra(prepared.extra)
        self._changed(prepared.keys | {"*"})

    def reset(self) -> None:
        """Every setting back to its default (extra state untouched)."""
        self.update({s.key: s.default for s in self.SETTINGS})

    # -- change notification -------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changed_keys)`` after every change; returns an unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def touch(self, keys: Iterable[str] = ("*",)) -> None:
        """Record a change of extra state made in place (bumps the revision, notifies)."""
        self._changed(frozenset(keys))

    def _changed(self, keys: frozenset[str]) -> None:
        self.revision += 1
        self._notify(keys)

    def _notify(self, keys: frozenset[str]) -> None:
        for listener in list(self._listeners):
            listener(keys)
