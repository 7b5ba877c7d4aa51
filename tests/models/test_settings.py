"""The setting declarations, the one validator: typed text and stored values (no Qt)."""

import math

import numpy as np
import pytest

from gui.models.settings import (
    PAUSED,
    RUNNING,
    BoolSetting,
    ChoiceSetting,
    FloatSetting,
    IntListSetting,
    IntSetting,
    SettingError,
    StrSetting,
    format_float,
)

LR = FloatSetting(key="lr", default=0.1, minimum=1e-6, maximum=10.0, label="Learning rate")
BATCH = IntSetting(key="batch", default=32, minimum=1, maximum=10000, label="Batch size")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.5", 0.5),
        ("  .5 ", 0.5),
        ("1e-6", 1e-6),
        ("10", 10.0),
        ("+2.5", 2.5),
        ("１．５", 1.5),  # full-width digits from a Japanese input method
    ],
)
def test_float_text_accepted(text, value):
    assert LR.parse(text) == value


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("", "Enter a number"),
        ("abc", "is not a number"),
        ("nan", "finite"),
        ("NaN", "finite"),
        ("inf", "finite"),
        ("-Infinity", "finite"),
        ("1e400", "from 1e-06 to 10"),
        ("10²", "not one of the digits"),
        ("٣", "not one of the digits"),  # Arabic-Indic three: float() would take it
        ("1,000", "without separators"),
        ("0,5", "without separators"),
        ("1_0", "without separators"),
        ("0x10", "is not a number"),
        ("11", "from 1e-06 to 10"),
        ("0", "from 1e-06 to 10"),
        ("1" * 65, "too long"),
    ],
)
def test_float_text_refused_with_reason_naming_field(text, reason_part):
    with pytest.raises(SettingError) as info:
        LR.parse(text)
    assert info.value.key == "lr"
    assert str(info.value).startswith("Learning rate: ")
    assert reason_part in info.value.message


def test_range_ends_inclusive_and_just_beyond_refused():
    assert LR.parse(format_float(1e-6)) == 1e-6 and LR.parse("10") == 10.0
    for beyond in (math.nextafter(10.0, math.inf), math.nextafter(1e-6, 0.0)):
        with pytest.raises(SettingError):
            LR.parse(format_float(beyond))
        with pytest.raises(SettingError):
            LR.validate(beyond)
    assert BATCH.parse("1") == 1 and BATCH.parse("10000") == 10000
    for text in ("0", "10001"):
        with pytest.raises(SettingError, match="from 1 to 10000"):
            BATCH.parse(text)


def test_format_round_trips_exactly():
    for value in (0.1, 1e-6, 3.0, 0.30000000000000004, 9.999999999999998, 1234567.5):
        assert float(format_float(value)) == value
    assert format_float(1000.0) == "1000" and format_float(0.1) == "0.1"


@pytest.mark.parametrize(
    ("text", "value"), [("32", 32), ("1e3", 1000), ("+7", 7), ("３２", 32), ("99999", None)]
)
def test_int_text(text, value):
    if value is None:
        with pytest.raises(SettingError):
            BATCH.parse(text)
    else:
        assert BATCH.parse(text) == value and isinstance(BATCH.parse(text), int)


def test_int_refuses_fractions_and_separators():
    for text, part in (("2.5", "whole number"), ("1,000", "separators"), ("10²", "digits")):
        with pytest.raises(SettingError) as info:
            BATCH.parse(text)
        assert part in info.value.message and info.value.key == "batch"


@pytest.mark.parametrize(
    "value", [True, "3", None, [1], float("nan"), float("inf"), -float("inf"), 0, 10001, 2.5]
)
def test_int_validate_refuses(value):
    with pytest.raises(SettingError) as info:
        BATCH.validate(value)
    assert info.value.key == "batch"


def test_int_validate_accepts_whole_floats_and_numpy():
    assert BATCH.validate(32.0) == 32 and isinstance(BATCH.validate(32.0), int)
    assert BATCH.validate(np.int64(5)) == 5
    assert LR.validate(np.float64(0.5)) == 0.5 and LR.validate(1) == 1.0


@pytest.mark.parametrize("value", [True, "0.1", None, float("nan"), float("inf"), 11.0])
def test_float_validate_refuses(value):
    with pytest.raises(SettingError) as info:
        LR.validate(value)
    assert info.value.key == "lr"


def test_choice_bool_text_and_list():
    opt = ChoiceSetting(
        key="opt", default="SGD", label="Optimizer", choices=(("SGD", "SGD"), ("Adam", "Adam"))
    )
    assert opt.validate("Adam") == "Adam"
    for bad in ("adam", 3, None, ""):
        with pytest.raises(SettingError, match="is not one of: SGD, Adam"):
            opt.validate(bad)
    flag = BoolSetting(key="log", default=False, label="Log scale")
    assert flag.validate(True) is True
    for bad in (1, "true", None):
        with pytest.raises(SettingError):
            flag.validate(bad)
    name = StrSetting(key="f", default="x", label="f", max_length=5, allow_empty=False)
    with pytest.raises(SettingError, match="At most 5"):
        name.validate("abcdef")
    with pytest.raises(SettingError, match="cannot be empty"):
        name.validate("  ")
    hidden = IntListSetting(key="hidden", default=[10], label="Hidden layers", max_length=3)
    assert hidden.parse("10, 20、30") == [10, 20, 30] and hidden.parse("") == []
    assert hidden.format([10, 20]) == "10, 20"
    for text, part in (
        ("10²", "not a whole number from 1 to 1000"),
        ("0", "from 1 to 1000"),
        ("1001", "from 1 to 1000"),
        ("1, 2, 3, 4", "At most 3"),
        ("nan", "not a whole number"),
        ("1.5", "not a whole number"),
    ):
        with pytest.raises(SettingError) as info:
            hidden.parse(text)
        assert part in info.value.message
    for bad in ([True], ["10"], [10.0], 10, [0], [1, 2, 3, 4]):
        with pytest.raises(SettingError):
            hidden.validate(bad)


def test_str_check_hook_gives_the_reason():
    def no_x(text):
        if "x" in text:
            raise ValueError("no x allowed")

    s = StrSetting(key="e", default="y", label="Expression", check=no_x)
    with pytest.raises(SettingError, match="Expression: no x allowed"):
        s.validate("x + 1")


def test_bad_default_fails_at_declaration():
    with pytest.raises(SettingError):
        IntSetting(key="n", default=0, minimum=1, maximum=3, label="n")


def test_enabled_by_run_state_and_predicate():
    lr = FloatSetting(key="lr", default=0.1, label="lr", while_paused=True)
    std = FloatSetting(
        key="std", default=0.01, label="std", enabled=lambda v, run: v["init"] == "std"
    )
    assert lr.is_enabled({}, PAUSED) and not lr.is_enabled({}, RUNNING)
    assert std.is_enabled({"init": "std"}) and not std.is_enabled({"init": "he"})
    assert not std.is_enabled({"init": "std"}, PAUSED)
