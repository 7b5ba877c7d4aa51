"""The Techniques tab's model without Qt: declarations, cross-field rules, what it runs."""

import numpy as np
import pytest

from engine.initlab import activation_histograms
from gui.models.techniques import PAGES, TechniquesModel


def test_defaults_are_the_books_setups():
    m = TechniquesModel()
    assert m.page == "init" and PAGES[0] == "init"
    plain, decay, drop = m.overfit_runs()
    assert plain.config.hidden == [100] * 6 and plain.config.iterations == 603
    assert decay.config.weight_decay == 0.1 and drop.config.dropout == [0.2] * 6
    assert drop.config.iterations == 903
    runs = m.bn_runs()
    assert len(runs) == 32 and runs[0].config.init_std == 1.0
    assert runs[-1].config.init_std == pytest.approx(1e-4)
    assert m.search_space().lr_low == -6 and m.search_space().wd_high == -4
    assert [r.label for r in m.compare_runs()] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    m.set("compare_preset", "init")
    assert [r.config.init for r in m.compare_runs()] == ["std", "xavier", "he"]


def test_the_init_lab_is_the_engines_experiment():
    m = TechniquesModel()
    m.update({"init_activation": "tanh", "init_scale": "std", "init_std": 0.3, "init_seed": 4})
    expected = activation_histograms("tanh", "std", 0.3, 4)
    assert m.init_lab().to_rows() == expected.to_rows()


def test_bn_scales_are_taken_from_the_books_sixteen():
    m = TechniquesModel()
    m.set("bn_scales", 4)
    scales = sorted({r.config.init_std for r in m.bn_runs()}, reverse=True)
    book = np.logspace(0, -4, 16)
    assert scales == [book[0], book[5], book[10], book[15]]


def test_a_range_typed_upside_down_is_the_same_range():
    m = TechniquesModel()
    m.set("lr_low", -1.0)  # above lr_high = -2: never refused, read as [-2, -1]
    space = m.search_space()
    assert (space.lr_low, space.lr_high) == (-2.0, -1.0)
    m.update({"wd_low": -3.0, "wd_high": -5.0})
    assert (m.search_space().wd_low, m.search_space().wd_high) == (-5.0, -3.0)


def test_narrow_to_sorts_and_clamps_a_selected_region():
    m = TechniquesModel()
    m.narrow_to((-2.5, -4.0), (-30.0, -5.0))
    assert (m["lr_low"], m["lr_high"], m["wd_low"], m["wd_high"]) == (-4.0, -2.5, -12.0, -5.0)


def test_state_round_trip():
    m = TechniquesModel()
    m.update({"overfit_lambda": 0.3, "search_trials": 8})
    m.set_page("search")
    twin = TechniquesModel()
    twin.set_state(m.state())
    assert twin.values() == m.values() and twin.page == "search"
    with pytest.raises(ValueError):
        twin.set_state({"page": "nowhere", "search_trials": 3})
    assert twin["search_trials"] == 8  # nothing changed
