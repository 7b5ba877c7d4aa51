"""The initial-weight lab (§6.2.2–6.2.4) against the book's own script and a direct loop."""

import numpy as np
import pytest

from engine.initlab import NEAR, InitLabError, activation_histograms, init_std

#: (mean, std) of each layer's activations printed by the book's
#: ch06/weight_init_activation_histogram.py run after np.random.seed(0), with the std and
#: activation lines switched to each setting (1, 0.01, 1/sqrt(n), sqrt(2/n); sigmoid, tanh, ReLU).
BOOK_SEED0 = {
    ("sigmoid", "1"): [
        (0.4990652312349721, 0.4583252553761792),
        (0.5176880218732843, 0.4380142591188091),
        (0.5139790705657624, 0.4422874288488367),
        (0.5359762863865348, 0.43727432444600295),
        (0.5429673261366856, 0.436805316314187),
    ],
    ("sigmoid", "0.01"): [
        (0.49995548066844575, 0.024933288531012895),
        (0.5007583987306453, 0.01179139860915534),
        (0.5007389003783559, 0.013338105541826947),
        (0.5024026184628926, 0.012060086853310049),
        (0.5010746934212583, 0.011508247071793043),
    ],
    ("sigmoid", "xavier"): [
        (0.49952024922155586, 0.20783650298379777),
        (0.5070569135636481, 0.12196703556569355),
        (0.507489166616151, 0.13274666348386088),
        (0.5218419843335448, 0.11841413046894692),
        (0.5099210947592802, 0.11605612753461439),
    ],
    ("sigmoid", "he"): [
        (0.49932586418728997, 0.26090451292679245),
        (0.5093648341538982, 0.17048390256586082),
        (0.5096757046474744, 0.18130484234741262),
        (0.5283215386656215, 0.16341474243740226),
        (0.5131485021764619, 0.16179053798697157),
    ],
    ("tanh", "1"): [
        (-0.0015541858192088336, 0.9584057142672134),
        (0.0016108926086634, 0.9574361197662177),
        (-0.004172442457606778, 0.957706483279165),
        (0.002052348345271813, 0.9576525668417527),
        (0.0009934608281905082, 0.9564484768772022),
    ],
    ("tanh", "0.01"): [
        (-0.0001787488214938044, 0.09898935599353069),
        (-2.61773791058733e-06, 0.009807557444427564),
        (-5.271614932462389e-06, 0.0009953382246402672),
        (1.836349206294e-07, 9.925963202658305e-05),
        (-1.8045280297272887e-08, 9.659389882138053e-06),
    ],
    ("tanh", "xavier"): [
        (-0.0017618547405499686, 0.6262026267849468),
        (0.00015715044395542407, 0.4825330393585984),
        (-0.0023938756507965613, 0.40860680619977263),
        (0.0005643751128658439, 0.3567917202072285),
        (-0.0006257150031777965, 0.3135203659553574),
    ],
    ("tanh", "he"): [
        (-0.0020718995634561566, 0.7191679690237975),
        (0.00031701334160039266, 0.6305576756851654),
        (-0.0031841543397990568, 0.5964408512301029),
        (0.0011686081751639719, 0.576249439285073),
        (-0.0012470153110658842, 0.558273810029374),
    ],
    ("relu", "1"): [
        (3.9665200349558205, 5.851412498974787),
        (28.67287767921011, 41.24485769745097),
        (220.03311383684712, 334.14067827564315),
        (1653.376444326514, 2366.5980729882235),
        (11658.86477092554, 17695.645984813924),
    ],
    ("relu", "0.01"): [
        (0.039665200349558206, 0.05851412498974786),
        (0.0028672877679210107, 0.0041244857697450964),
        (0.0002200331138368472, 0.00033414067827564314),
        (1.653376444326514e-05, 2.3665980729882238e-05),
        (1.1658864770925541e-06, 1.7695645984813924e-06),
    ],
    ("relu", "xavier"): [
        (0.39665200349558205, 0.5851412498974786),
        (0.2867287767921011, 0.4124485769745097),
        (0.22003311383684718, 0.3341406782756432),
        (0.16533764443265142, 0.2366598072988224),
        (0.11658864770925542, 0.1769564598481393),
    ],
    ("relu", "he"): [
        (0.5609506428859123, 0.8275146915089587),
        (0.5734575535842021, 0.8248971539490193),
        (0.6223476275185047, 0.9450925579159191),
        (0.6613505777306055, 0.9466392291952894),
        (0.6595249872366714, 1.001016901867074),
    ],
}

#: plt.hist(a.flatten(), 30, range=(0, 1)) counts of the book's run (seed 0).
BOOK_HIST_SIGMOID_STD1_LAYER1 = [
    36727,
    2843,
    1726,
    1271,
    978,
    901,
    790,
    701,
    654,
    619,
    629,
    560,
    557,
    566,
    565,
    528,
    574,
    546,
    588,
    621,
    609,
    691,
    693,
    753,
    942,
    1058,
    1362,
    1652,
    2798,
    36498,
]
BOOK_HIST_RELU_HE_LAYER5 = [
    51843,
    795,
    817,
    778,
    726,
    792,
    757,
    728,
    764,
    821,
    742,
    744,
    746,
    729,
    798,
    722,
    721,
    762,
    770,
    712,
    730,
    724,
    713,
    681,
    665,
    669,
    648,
    650,
    664,
    651,
]


@pytest.mark.parametrize("key", sorted(BOOK_SEED0))
def test_layer_means_and_stds_equal_the_books_run(key):
    activation, scale = key
    result = activation_histograms(activation, scale, seed=0)
    got = [(s.mean, s.std) for s in result.layers]
    np.testing.assert_allclose(got, BOOK_SEED0[key], rtol=1e-9, atol=1e-15)


def test_histograms_equal_the_books_plt_hist():
    sig = activation_histograms("sigmoid", "1", seed=0)
    assert sig.layers[0].counts.tolist() == BOOK_HIST_SIGMOID_STD1_LAYER1
    relu = activation_histograms("relu", "he", seed=0)
    assert relu.layers[4].counts.tolist() == BOOK_HIST_RELU_HE_LAYER5
    np.testing.assert_allclose(sig.layers[0].edges, np.linspace(0, 1, 31))


def _direct(activation, sigma_of_n, seed, layers=5, n=100, samples=1000):
    """The experiment written out with the global np.random state, as the book does."""
    np.random.seed(seed)
    x = np.random.randn(samples, n)
    out = []
    for _ in range(layers):
        w = np.random.randn(n, n) * sigma_of_n(n)
        a = x @ w
        z = {
            "sigmoid": lambda a: 1 / (1 + np.exp(-a)),
            "relu": lambda a: np.maximum(0, a),
            "tanh": np.tanh,
        }[activation](a)
        out.append(z)
        x = z
    return out


SIGMAS = {
    "1": lambda n: 1.0,
    "0.01": lambda n: 0.01,
    "xavier": lambda n: 1 / np.sqrt(n),
    "he": lambda n: np.sqrt(2 / n),
}


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("scale", ["1", "0.01", "xavier", "he"])
def test_every_statistic_equals_a_direct_computation(activation, scale):
    seed = 7
    with np.errstate(over="ignore"):
        zs = _direct(activation, SIGMAS[scale], seed)
    result = activation_histograms(activation, scale, seed=seed)
    low = -1.0 if activation == "tanh" else 0.0
    for z, s in zip(zs, result.layers, strict=True):
        flat = z.ravel()
        assert s.counts.tolist() == np.histogram(flat, 30, range=(low, 1))[0].tolist()
        assert s.mean == pytest.approx(flat.mean(), rel=1e-12, abs=1e-300)
        assert s.std == pytest.approx(flat.std(), rel=1e-12, abs=1e-300)
        assert s.near_zero == np.count_nonzero(np.abs(flat) < NEAR) / flat.size
        assert s.near_one == np.count_nonzero(np.abs(flat) > 1 - NEAR) / flat.size


def test_the_book_figures_shape():
    """Fig. 6-10: std 1 piles sigmoid outputs at 0 and 1; Fig. 6-11: 0.01 crowds them at 0.5."""
    wide = activation_histograms("sigmoid", "1", seed=0).layers
    assert all(s.near_zero + s.near_one > 0.5 for s in wide)
    narrow = activation_histograms("sigmoid", "0.01", seed=0).layers
    assert all(s.near_zero == 0 and s.near_one == 0 and abs(s.mean - 0.5) < 0.01 for s in narrow)


def test_any_std_seeded_runs_are_deterministic_and_none_draws_fresh():
    a = activation_histograms("tanh", "std", std=0.3, seed=5)
    b = activation_histograms("tanh", "std", std=0.3, seed=5)
    assert [s.counts.tolist() for s in a.layers] == [s.counts.tolist() for s in b.layers]
    assert a.std == 0.3
    c = activation_histograms("tanh", "std", std=0.3, seed=None)
    assert c.layers[0].mean != a.layers[0].mean


def test_init_std_values():
    assert init_std("xavier", 100) == pytest.approx(0.1)
    assert init_std("he", 50) == pytest.approx(0.2)
    assert init_std("std", 3, 0.5) == 0.5


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(activation="softsign"),
        dict(scale="huge"),
        dict(scale="std", std=-1.0),
        dict(scale="std", std=float("nan")),
        dict(layers=0),
        dict(units=1.5),
        dict(seed=-3),
    ],
)
def test_bad_settings_are_refused_with_a_typed_error(kwargs):
    with pytest.raises(InitLabError):
        activation_histograms(**kwargs)
