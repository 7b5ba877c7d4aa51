"""The model base: revisions, change callbacks, all-or-nothing set_state (no Qt)."""

import pytest

from gui.models.base import TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    RUNNING,
    ChoiceSetting,
    FloatSetting,
    IntSetting,
    SettingError,
)


class Demo(TabModel):
    key = "demo"
    SETTINGS = (
        IntSetting(key="n", default=3, minimum=1, maximum=10, label="n"),
        FloatSetting(
            key="lr", default=0.1, minimum=0.0, maximum=1.0, label="lr", while_paused=True
        ),
        ChoiceSetting(key="kind", default="a", label="kind", choices=(("a", "A"), ("b", "B"))),
        IntSetting(key="m", default=2, minimum=1, maximum=10, label="m"),
    )

    def __init__(self):
        super().__init__()
        self.points = [[0.0, 0.0]]

    def check(self, values):
        if values["m"] > values["n"]:
            raise SettingError(self.setting("m"), QT_TRANSLATE_NOOP("Settings", "%1"), "m > n")

    def extra_state(self):
        return {"points": [list(p) for p in self.points]}

    def validate_extra(self, state):
        points = state.get("points", self.points)
        if not isinstance(points, list) or not all(
            isinstance(p, list) and len(p) == 2 for p in points
        ):
            raise ValueError("points must be pairs")
        return [list(map(float, p)) for p in points]

    def commit_extra(self, prepared):
        self.points = prepared


def test_defaults_and_revision_bumps_only_on_change():
    m = Demo()
    seen = []
    m.subscribe(seen.append)
    assert m.values() == {"n": 3, "lr": 0.1, "kind": "a", "m": 2} and m.revision == 0
    m.set("lr", 0.1)  # same value: no change
    assert m.revision == 0 and seen == []
    m.set("lr", 0.5)
    m.set_text("n", "7")
    assert m.revision == 2 and seen == [{"lr"}, {"n"}] and m["n"] == 7


def test_refused_set_changes_nothing_and_names_the_field():
    m = Demo()
    for key, text in (("n", "11"), ("lr", "nan"), ("n", "abc"), ("m", "5")):
        with pytest.raises(SettingError) as info:
            m.set_text(key, text)
        assert info.value.key == key
    assert m.values() == Demo().values() and m.revision == 0


def test_set_state_is_all_or_nothing():
    m = Demo()
    before, revision = m.state(), m.revision
    for bad in (
        {"n": 5, "lr": float("inf")},  # the first value is fine, the second is not
        {"n": 5, "points": "nope"},  # settings fine, extra state not
        {"n": 1},  # m = 2 > n: refused by the cross-field check
        "not a dict",
    ):
        with pytest.raises(ValueError):
            m.set_state(bad)
        assert m.state() == before and m.revision == revision
    m.set_state({"n": 9, "kind": "b", "points": [[1, 2]], "unknown": 1})
    assert m.state() == {"n": 9, "lr": 0.1, "kind": "b", "m": 2, "points": [[1.0, 2.0]]}
    assert m.revision == revision + 1


def test_state_round_trips_and_is_a_copy():
    a = Demo()
    a.set_state({"n": 8, "lr": 0.25, "points": [[3, 4]]})
    b = Demo()
    b.set_state(a.state())
    assert b.state() == a.state()
    a.state()["points"].append([9, 9])
    assert a.points == [[3.0, 4.0]]


def test_run_state_enables_and_notifies_without_a_revision():
    m = Demo()
    seen = []
    unsubscribe = m.subscribe(seen.append)
    m.set_run_state(RUNNING)
    assert seen == [{"run_state"}] and m.revision == 0
    assert not m.is_enabled("lr") and not m.is_enabled("n")
    m.set_run_state("paused")
    assert m.is_enabled("lr") and not m.is_enabled("n")
    unsubscribe()
    m.set_run_state("idle")
    assert len(seen) == 2
    with pytest.raises(ValueError):
        m.set_run_state("flying")


def test_touch_records_in_place_changes_and_duplicate_keys_refused():
    m = Demo()
    m.points.append([1.0, 1.0])
    m.touch()
    assert m.revision == 1
    with pytest.raises(TypeError, match="declared twice"):

        class Twice(TabModel):
            SETTINGS = (
                IntSetting(key="a", default=1, label="a"),
                IntSetting(key="a", default=1, label="a"),
            )
