"""Settings declared once: key, type, default, range or choices, label, help, when enabled.

A declaration is the one validator of its setting. The binder (``gui/binder.py``) builds the
widget from it and sends every edit through ``parse``; ``TabModel.set_state`` (projects)
sends every stored value through ``validate``; the run config and the code export read the
model's validated values. So the widget, the project file and the engine cannot disagree.

Two entry points, one rule set:

* ``parse(text)`` — text a learner typed. Plain ASCII decimals (``0.5``, ``-7e-1``, ``.5``)
  and the full-width digits a Japanese input method types (``１.５``). Refused, each with a
  reason: empty text, letters, NaN and ±inf, any other non-ASCII digit (``10²``, ``٣``),
  digit separators (``1,000`` and ``1_000`` are refused, never read as 1 or 1000: a comma is
  neither a thousands nor a decimal separator here), values out of range, fractions in a
  whole-number field.
* ``validate(value)`` — a value from a project file or from code: the right JSON type
  (``true`` is not a number, ``"3"`` is not a number), finite, in range.

A refusal raises ``SettingError``, which names the setting (``key``, ``label``) and says
why (``reason`` with ``args``, translated in gui/ by ``gui.i18n.setting_error_text``).
Labels, help texts, choice labels and reasons are English source strings marked with
``QT_TRANSLATE_NOOP(context, text)`` so ``pyside6-lupdate`` collects them; no Qt is
imported here.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from gui.text import tr_fmt

__all__ = [
    "QT_TRANSLATE_NOOP",
    "IDLE",
    "RUNNING",
    "PAUSED",
    "RUN_STATES",
    "SettingError",
    "Setting",
    "IntSetting",
    "FloatSetting",
    "BoolSetting",
    "ChoiceSetting",
    "StrSetting",
    "IntListSetting",
    "format_float",
]

#: The run states a model can be in (``TabModel.run_state``).
IDLE, RUNNING, PAUSED = "idle", "running", "paused"
RUN_STATES = (IDLE, RUNNING, PAUSED)

#: The translation context of the reasons below.
CONTEXT = "Settings"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark ``text`` for translation in ``context`` (collected by lupdate); returns it."""
    return text


# The reasons a value is refused (English sources, translated in gui/ in context "Settings").
R_EMPTY = QT_TRANSLATE_NOOP("Settings", "Enter a number.")
R_TOO_LONG = QT_TRANSLATE_NOOP("Settings", "That is too long to be a number.")
R_NOT_NUMBER = QT_TRANSLATE_NOOP("Settings", "“%1” is not a number.")
R_NON_FINITE = QT_TRANSLATE_NOOP("Settings", "The number must be finite (not NaN or infinity).")
R_SEPARATOR = QT_TRANSLATE_NOOP(
    "Settings",
    "“%1”: write the number without separators (1,000 is refused, not read as 1 or 1000; "
    "use a dot for decimals).",
)
R_NON_ASCII = QT_TRANSLATE_NOOP(
    "Settings", "“%1” contains “%2”, which is not one of the digits 0–9."
)
R_WHOLE = QT_TRANSLATE_NOOP("Settings", "Enter a whole number.")
R_RANGE = QT_TRANSLATE_NOOP("Settings", "Enter a number from %1 to %2.")
R_TYPE_NUMBER = QT_TRANSLATE_NOOP("Settings", "A number is needed, not %1.")
R_TYPE_BOOL = QT_TRANSLATE_NOOP("Settings", "Must be true or false, not %1.")
R_TYPE_TEXT = QT_TRANSLATE_NOOP("Settings", "Text is needed, not %1.")
R_TYPE_LIST = QT_TRANSLATE_NOOP("Settings", "A list of whole numbers is needed, not %1.")
R_CHOICE = QT_TRANSLATE_NOOP("Settings", "“%1” is not one of: %2.")
R_TEXT_LONG = QT_TRANSLATE_NOOP("Settings", "At most %1 characters.")
R_TEXT_EMPTY = QT_TRANSLATE_NOOP("Settings", "This cannot be empty.")
R_LIST_LONG = QT_TRANSLATE_NOOP("Settings", "At most %1 numbers.")
R_LIST_SHORT = QT_TRANSLATE_NOOP("Settings", "At least %1 numbers.")
R_ITEM = QT_TRANSLATE_NOOP("Settings", "“%1” is not a whole number from %2 to %3.")
R_DETAIL = QT_TRANSLATE_NOOP("Settings", "%1")


class SettingError(ValueError):
    """A value a setting refuses. ``key`` and ``label`` name the field; ``reason`` (an
    English source string in context ``"Settings"``) with ``args`` says why.

    ``str(error)`` is the English sentence ("Learning rate: Enter a number from …");
    gui/ shows the translated one (``gui.i18n.setting_error_text``).
    """

    def __init__(self, setting: Setting | None, reason: str, *args: object, key: str = "") -> None:
        self.setting = setting
        self.key = setting.key if setting is not None else key
        self.label = setting.label if setting is not None else key
        self.context = setting.context if setting is not None else CONTEXT
        self.reason = reason
        super().__init__()
        # after BaseException.__init__, which would set ``args`` to the whole sentence
        self.args = tuple(str(a) for a in args)

    @property
    def message(self) -> str:
        """The reason alone, in English."""
        return tr_fmt(self.reason, *self.args)

    def __str__(self) -> str:
        return f"{self.label}: {self.message}" if self.label else self.message


def format_float(value: float) -> str:
    """The shortest text that reads back as exactly ``value`` (``0.1``, ``1e-06``, ``1000``)."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _kind_of(value: object) -> str:
    """A short name of a value's JSON type for messages ("text", "true", "a list" …)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value[:20]}”"
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋ｅＥ", "0123456789.-+eE")
_NON_FINITE = {"nan", "inf", "infinity"}
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")


def _number_text(setting: Setting, text: str) -> tuple[str, str]:
    """Normalise typed text; returns ``(shown, plain)`` or raises ``SettingError``."""
    shown = text.strip()
    plain = shown.translate(_FULL_WIDTH).replace("−", "-")  # U+2212 minus sign
    if not plain:
        raise SettingError(setting, R_EMPTY)
    if len(plain) > 64:
        raise SettingError(setting, R_TOO_LONG)
    if plain.lstrip("+-").lower() in _NON_FINITE:
        raise SettingError(setting, R_NON_FINITE)
    if "," in plain or "_" in plain or "、" in plain or "'" in plain:
        raise SettingError(setting, R_SEPARATOR, shown[:20])
    for char in plain:
        if not char.isascii() and unicodedata.category(char) in ("Nd", "No", "Nl"):
            raise SettingError(setting, R_NON_ASCII, shown[:20], char)
    if not _DECIMAL.fullmatch(plain):
        raise SettingError(setting, R_NOT_NUMBER, shown[:20])
    return shown, plain


@dataclass(frozen=True, kw_only=True)
class Setting:
    """One setting of a tab. Subclasses fix the type; every field is keyword-only.

    * ``key``: the name in ``state()`` and project files (never translated).
    * ``label``, ``help``: English source strings, translated in ``context`` (mark them with
      ``QT_TRANSLATE_NOOP(context, …)`` so lupdate finds them).
    * ``while_paused`` / ``while_running``: whether the setting may change during a paused
      / running run (it applies to the run live); otherwise it is disabled then.
    * ``enabled``: ``f(values, run_state) -> bool``, when the field is usable at all (e.g.
      the initial-weight std only for the "std" initialisation).
    * ``object_name``: the widget's Qt objectName (tests find widgets by it).
    """

    kind: ClassVar[str] = ""

    key: str
    default: Any
    label: str
    help: str = ""
    context: str = CONTEXT
    while_paused: bool = False
    while_running: bool = False
    enabled: Callable[[Mapping[str, Any], str], bool] | None = None
    object_name: str = ""

    def __post_init__(self) -> None:
        self.validate(self.default)  # a declaration with a bad default fails at import

    # -- the one validator -------------------------------------------------------------------
    def validate(self, value: object) -> Any:
        """``value`` (from a project file or code) checked and normalised, or SettingError."""
        raise NotImplementedError

    def parse(self, text: str) -> Any:
        """Text a learner typed, as a valid value, or SettingError."""
        raise NotImplementedError

    def format(self, value: Any) -> str:
        """The text a field shows for ``value`` (``parse(format(v)) == v``)."""
        return str(value)

    # -- enabled -----------------------------------------------------------------------------
    def is_enabled(self, values: Mapping[str, Any], run_state: str = IDLE) -> bool:
        """Whether the field can be edited with these values in this run state."""
        if run_state == RUNNING and not self.while_running:
            return False
        if run_state == PAUSED and not (self.while_paused or self.while_running):
            return False
        return self.enabled is None or bool(self.enabled(values, run_state))


@dataclass(frozen=True, kw_only=True)
class FloatSetting(Setting):
    """A finite real number in ``[minimum, maximum]``; ``step`` for arrow keys/wheel."""

    kind: ClassVar[str] = "float"

    minimum: float = -1e6
    maximum: float = 1e6
    step: float = 0.1

    def _check_range(self, value: float) -> float:
        if not self.minimum <= value <= self.maximum:
            raise SettingError(
                self, R_RANGE, format_float(self.minimum), format_float(self.maximum)
            )
        return value

    def validate(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise SettingError(self, R_TYPE_NUMBER, _kind_of(value))
        value = float(value)
        if not math.isfinite(value):
            raise SettingError(self, R_NON_FINITE)
        return self._check_range(value)

    def parse(self, text: str) -> float:
        _, plain = _number_text(self, text)
        value = float(plain)
        if not math.isfinite(value):  # 1e400: beyond any range
            raise SettingError(
                self, R_RANGE, format_float(self.minimum), format_float(self.maximum)
            )
        return self._check_range(value)

    def format(self, value: Any) -> str:
        return format_float(float(value))


@dataclass(frozen=True, kw_only=True)
class IntSetting(Setting):
    """A whole number in ``[minimum, maximum]``. ``32.0`` in a file is read as 32."""

    kind: ClassVar[str] = "int"

    minimum: int = 0
    maximum: int = 2**31 - 1
    step: int = 1

    def _check_range(self, value: int) -> int:
        if not self.minimum <= value <= self.maximum:
            raise SettingError(self, R_RANGE, self.minimum, self.maximum)
        return value

    def validate(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise SettingError(self, R_TYPE_NUMBER, _kind_of(value))
        if isinstance(value, numbers.Integral):
            return self._check_range(int(value))
        value = float(value)
        if not math.isfinite(value):
            raise SettingError(self, R_NON_FINITE)
        if value != int(value):
            raise SettingError(self, R_WHOLE)
        return self._check_range(int(value))

    def parse(self, text: str) -> int:
        _, plain = _number_text(self, text)
        if _INTEGER.fullmatch(plain):
            return self._check_range(int(plain))
        value = float(plain)  # 1e3 is a whole number; 2.5 is not
        if not math.isfinite(value):
            raise SettingError(self, R_RANGE, self.minimum, self.maximum)
        if value != int(value):
            raise SettingError(self, R_WHOLE)
        return self._check_range(int(value))


@dataclass(frozen=True, kw_only=True)
class BoolSetting(Setting):
    """On or off (a check box); files must hold ``true`` or ``false``."""

    kind: ClassVar[str] = "bool"

    def validate(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise SettingError(self, R_TYPE_BOOL, _kind_of(value))
        return value

    def parse(self, text: str) -> bool:
        plain = text.strip().lower()
        if plain in ("true", "1", "on", "yes"):
            return True
        if plain in ("false", "0", "off", "no"):
            return False
        raise SettingError(self, R_TYPE_BOOL, _kind_of(text))

    def format(self, value: Any) -> str:
        return "true" if value else "false"


@dataclass(frozen=True, kw_only=True)
class ChoiceSetting(Setting):
    """One of fixed keys (a combo box). ``choices`` is ``((key, label), …)``; keys are
    strings or whole numbers (``(0, "Slow")``); labels are source strings in ``context`` (a
    label equal to its key, e.g. "Adam", is shown as is)."""

    kind: ClassVar[str] = "choice"

    choices: tuple[tuple[Any, str], ...] = ()

    @property
    def keys(self) -> tuple[Any, ...]:
        return tuple(key for key, _ in self.choices)

    def validate(self, value: object) -> Any:
        # keys are text or whole numbers (a speed, a slice); 1.0 or True is not the key 1
        exact = isinstance(value, (str, int)) and not isinstance(value, bool)
        if not exact or not any(type(value) is type(k) and value == k for k in self.keys):
            shown = value[:20] if isinstance(value, str) else _kind_of(value)
            raise SettingError(self, R_CHOICE, shown, ", ".join(str(k) for k in self.keys))
        return value

    def parse(self, text: str) -> Any:
        plain = text.strip()
        for key in self.keys:
            if str(key) == plain:
                return key
        return self.validate(plain)


@dataclass(frozen=True, kw_only=True)
class StrSetting(Setting):
    """Free text of at most ``max_length`` characters; ``check(text)`` may refuse it by
    raising ``ValueError`` (its message becomes the reason) or a ``SettingError`` (its
    reason and arguments are kept, so the refusal is translated)."""

    kind: ClassVar[str] = "str"

    max_length: int = 200
    allow_empty: bool = True
    check: Callable[[str], object] | None = None

    def validate(self, value: object) -> str:
        if not isinstance(value, str):
            raise SettingError(self, R_TYPE_TEXT, _kind_of(value))
        if len(value) > self.max_length:
            raise SettingError(self, R_TEXT_LONG, self.max_length)
        if not value.strip() and not self.allow_empty:
            raise SettingError(self, R_TEXT_EMPTY)
        if self.check is not None:
            try:
                self.check(value)
            except SettingError as exc:  # a reason of its own, translated like every reason
                raise SettingError(self, exc.reason, *exc.args) from None
            except ValueError as exc:
                raise SettingError(self, R_DETAIL, str(exc)) from None
        return value

    def parse(self, text: str) -> str:
        return self.validate(text.strip())


@dataclass(frozen=True, kw_only=True)
class IntListSetting(Setting):
    """A list of whole numbers, each in ``[minimum, maximum]``, ``min_length`` to
    ``max_length`` of them; typed as ``10, 10`` (commas, 、 or spaces between)."""

    kind: ClassVar[str] = "int_list"

    minimum: int = 1
    maximum: int = 1000
    min_length: int = 0
    max_length: int = 5
    default: tuple[int, ...] | list[int] = field(default=())

    def _check_length(self, values: Sequence[int]) -> list[int]:
        if len(values) > self.max_length:
            raise SettingError(self, R_LIST_LONG, self.max_length)
        if len(values) < self.min_length:
            raise SettingError(self, R_LIST_SHORT, self.min_length)
        return list(values)

    def _item_error(self, shown: object) -> SettingError:
        return SettingError(self, R_ITEM, str(shown)[:20], self.minimum, self.maximum)

    def validate(self, value: object) -> list[int]:
        if not isinstance(value, (list, tuple)):
            raise SettingError(self, R_TYPE_LIST, _kind_of(value))
        items = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, numbers.Integral):
                raise self._item_error(_kind_of(item) if not isinstance(item, float) else item)
            if not self.minimum <= int(item) <= self.maximum:
                raise self._item_error(item)
            items.append(int(item))
        return self._check_length(items)

    def parse(self, text: str) -> list[int]:
        parts = [p for p in re.split(r"[,、\s]+", text.strip()) if p]
        self._check_length(parts)
        items = []
        for part in parts:
            plain = part.translate(_FULL_WIDTH)
            if not _INTEGER.fullmatch(plain) or not plain.isascii():
                raise self._item_error(part)
            if not self.minimum <= int(plain) <= self.maximum:
                raise self._item_error(part)
            items.append(int(plain))
        return items

    def format(self, value: Any) -> str:
        return ", ".join(str(v) for v in value)
