"""The CNN tab's Qt-free model: the explorer's fit rule, the hand-made filter, the run."""

import numpy as np
import pytest

from engine.conv_lab import preset_filter
from gui.models.cnn import R_SMALL, CnnModel
from gui.models.settings import SettingError


def test_defaults_are_the_issues_example():
    m = CnnModel()
    e = m.exploration()
    assert e.x.shape == (1, 1, 7, 7) and e.weights.shape == (2, 1, 3, 3)
    assert (e.out_h, e.out_w) == (4, 4)
    np.testing.assert_array_equal(m.kernel, preset_filter("vertical", 3))


def test_a_filter_larger_than_the_padded_input_is_refused():
    m = CnnModel()
    m.update({"ex_pad": 0, "ex_h": 5})
    with pytest.raises(SettingError) as info:
        m.set("ex_fh", 6)  # out of range 1…5 anyway
    assert info.value.key == "ex_fh"
    m.set("ex_fh", 5)
    with pytest.raises(SettingError) as info:
        m.set("ex_h", 4)
    assert info.value.key == "ex_h"  # the field the user changed, not FH
    assert info.value.reason == R_SMALL
    assert m["ex_h"] == 5  # nothing changed
    with pytest.raises(SettingError):
        m.set_state({**m.state(), "ex_h": 2})
    assert m["ex_h"] == 5


def test_kernel_edits_presets_and_sizes():
    m = CnnModel()
    rev = m.revision
    m.set_kernel_value(0, 0, 3.5)
    assert m.kernel[0][0] == 3.5 and m["hand_preset"] == "custom" and m.revision > rev
    for bad in (float("nan"), float("inf"), 1e6):
        with pytest.raises(ValueError):
            m.set_kernel_value(0, 0, bad)
    assert m.kernel[0][0] == 3.5
    m.set("hand_preset", "blur")
    np.testing.assert_allclose(m.kernel, np.ones((3, 3)) / 9)
    m.set("hand_size", "5")
    np.testing.assert_allclose(m.kernel, np.ones((5, 5)) / 25)
    m.set_kernel_value(2, 2, 1.0)
    m.set("hand_size", "3")  # a custom 5×5 filter cannot stay: identity of the new size
    np.testing.assert_array_equal(m.kernel, preset_filter("identity", 3))


def test_state_round_trip_and_bad_kernels():
    m = CnnModel()
    m.set("hand_size", "5")
    m.set_kernel_value(1, 1, -2.0)
    other = CnnModel()
    other.set_state(m.state())
    assert other.state() == m.state() and other.kernel[1][1] == -2.0
    for kernel in (
        [[1, 2], [3, 4]],
        "abc",
        [[1.0] * 5] * 4 + [[1.0, 2.0]],
        [[float("nan")] * 5] * 5,
    ):
        with pytest.raises(ValueError):
            other.set_state({**m.state(), "kernel": kernel})
        assert other.state() == m.state()


def test_run_config():
    m = CnnModel()
    m.update({"tr_epochs": 3, "tr_batch": 100, "tr_lr": 0.01, "tr_optimizer": "SGD"})
    c = m.run_config(4000)
    assert (c.iterations, c.batch_size, c.lr, c.optimizer) == (120, 100, 0.01, "SGD")
    assert c.eval_samples == 1000
    assert m.run_config(60_000).iterations == 1800
    assert m.run_config(50).batch_size == 50


def test_refusal_messages_fill_their_placeholders_once():
    m = CnnModel()
    m.update({"ex_pad": 0, "ex_h": 5, "ex_fh": 5})
    with pytest.raises(SettingError) as info:
        m.set("ex_fh", 6)  # beyond the field's range (1…5): the range is the reason
    assert info.value.key == "ex_fh"
    m.update({"ex_fh": 3, "ex_h": 4})
    with pytest.raises(SettingError) as info:
        m.set("ex_fh", 5)
    assert str(info.value) == (
        "FH (filter height): A 5×3 filter does not fit in the padded 4×7 input."
    )
    with pytest.raises(SettingError) as info:
        m.set("ex_n", 9)
    assert info.value.message == "Enter a number from 1 to 2."


@pytest.mark.parametrize(
    ("start", "edit", "expected"),
    [
        # H lowered under the filter: H is named, with its own numbers
        (
            {"ex_pad": 0, "ex_h": 5, "ex_fh": 5},
            ("ex_h", 4),
            "H (height): The padded input (4 + 2·0 = 4) is smaller than the filter (5): "
            "OH = (4 − 5) / 2 + 1 would be less than 1.",
        ),
        # W lowered
        (
            {"ex_pad": 0, "ex_w": 4, "ex_fw": 4, "ex_stride": 1},
            ("ex_w", 2),
            "W (width): The padded input (2 + 2·0 = 2) is smaller than the filter (4): "
            "OW = (2 − 4) / 1 + 1 would be less than 1.",
        ),
        # the padding removed: P is named
        (
            {"ex_pad": 1, "ex_h": 3, "ex_fh": 5},
            ("ex_pad", 0),
            "P (padding): The padded input (3 + 2·0 = 3) is smaller than the filter (5): "
            "OH = (3 − 5) / 2 + 1 would be less than 1.",
        ),
        # the filter widened: FW is named (not FH)
        (
            {"ex_pad": 0, "ex_w": 4, "ex_fh": 3},
            ("ex_fw", 5),
            "FW (filter width): A 3×5 filter does not fit in the padded 7×4 input.",
        ),
    ],
)
def test_the_refusal_names_the_field_that_breaks_the_output_size(start, edit, expected):
    m = CnnModel()
    m.update(start)
    before = m.values()
    with pytest.raises(SettingError) as info:
        m.set(*edit)
    assert info.value.key == edit[0]
    assert str(info.value) == expected
    assert m.values() == before
    # the sentence's formula is the engine's: the output size really is below 1
    from engine.conv import ConvShapeError, conv_output_size

    v = {**before, edit[0]: edit[1]}
    side, f = ("ex_h", "ex_fh") if "OH" in expected or "FH" in expected else ("ex_w", "ex_fw")
    with pytest.raises(ConvShapeError):
        conv_output_size(v[side], v[f], v["ex_stride"], v["ex_pad"])


def test_the_stride_never_breaks_the_output_size():
    m = CnnModel()
    m.update({"ex_pad": 0, "ex_h": 5, "ex_w": 5, "ex_fh": 5, "ex_fw": 5})
    for stride in (1, 2, 3, 4):  # OH = (5 − 5) / S + 1 = 1 for every stride
        m.set("ex_stride", stride)
        assert (m.exploration().out_h, m.exploration().out_w) == (1, 1)
