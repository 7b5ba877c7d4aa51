"""The ch. 6 series (presets), the training loop with BN/dropout/λ, and the
hyperparameter search (§6.5), on small real data."""

import csv
import io

import numpy as np
import pytest

from engine import training as T
from engine.datasets import load_digits
from engine.experiments import (
    RunResult,
    SeriesProgress,
    bn_runs,
    init_runs,
    iterations_for_epochs,
    optimizer_runs,
    overfit_runs,
    run_series,
    subset,
)
from engine.hyperparams import (
    SearchError,
    SearchSpace,
    Trial,
    best_trials,
    sample_trials,
    search,
    split_validation,
    trials_csv,
)
from engine.network import Network
from engine.regnet import RegularizedNet


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def test_build_network_picks_the_layered_net_only_when_needed():
    plain = T.build_network(T.TrainConfig(hidden=[5, 4]), 3, 2)
    assert isinstance(plain, Network)
    for kw in (dict(batchnorm=[True]), dict(dropout=[0, 0.5]), dict(weight_decay=1e-3)):
        net = T.build_network(T.TrainConfig(hidden=[5, 4], **kw), 3, 2)
        assert isinstance(net, RegularizedNet)
        for a, b in zip(net.weights, plain.weights, strict=True):
            np.testing.assert_array_equal(a, b)  # same starting weights
    net = T.build_network(
        T.TrainConfig(hidden=[5, 4], batchnorm=[False, True], dropout=[0.25]), 3, 2
    )
    assert net.batchnorm == [False, True] and net.dropout == [0.25, 0.0]
    assert set(net.params) == {"W1", "b1", "W2", "b2", "gamma1", "beta1", "W3", "b3"}


def test_training_with_bn_dropout_and_decay_learns_and_is_deterministic(digits):
    config = T.TrainConfig(
        hidden=[30, 30],
        batchnorm=[True, True],
        dropout=[0.1, 0.1],
        weight_decay=1e-4,
        lr=0.1,
        batch_size=50,
        iterations=150,
        seed=3,
    )
    a = list(T.train(config, digits))
    b = list(T.train(config, digits))
    assert [r.loss for r in a] == [r.loss for r in b]
    last = a[-1].epoch
    assert last is not None and last.test_accuracy > 0.8
    assert np.mean([r.loss for r in a[-20:]]) < np.mean([r.loss for r in a[:20]])


def test_gradient_check_of_the_training_loop_covers_the_layered_net(digits):
    config = T.TrainConfig(hidden=[6], batchnorm=[True], dropout=[0.3], weight_decay=0.01)
    net = T.build_network(config, digits.n_features, digits.n_classes)
    record = T.gradient_check(net, digits.x_train[:10], digits.t_train[:10])
    assert {row[0] for row in record.rows} == set(net.params)
    assert max(row[3] for row in record.rows) < 1e-5  # a wrong backward is off by ~0.1


def test_live_histograms_ride_on_the_records(digits):
    config = T.TrainConfig(hidden=[8, 8], iterations=10, histogram_every=5, batch_size=20)
    records = list(T.train(config, digits))
    with_h = [r for r in records if r.histograms is not None]
    assert [r.iteration for r in with_h] == [1, 5, 10]
    h = with_h[0].histograms
    assert len(h.activations) == 2 and len(h.gradients) == 3
    assert all(c.sum() == 20 * 8 for c, _ in h.activations)  # every activation of the batch binned
    assert h.gradients[0][0].sum() == 64 * 8
    edges = h.gradients[1][1]
    assert edges[0] == -edges[-1]


def test_iterations_for_epochs_follows_the_book():
    assert iterations_for_epochs(201, 300, 100) == 603
    assert iterations_for_epochs(50, 400, 100) == 200
    assert iterations_for_epochs(3, 50, 100) == 3


def test_presets_are_the_books_setups():
    opt = optimizer_runs()
    assert [r.label for r in opt] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert [r.config.lr for r in opt] == [0.01, 0.01, 0.01, 0.001]
    assert all(r.config.hidden == [100] * 4 and r.config.batch_size == 128 for r in opt)
    assert [r.config.init for r in init_runs()] == ["std", "xavier", "he"]
    bn = bn_runs()
    assert (
        len(bn) == 32
        and bn[0].config.init_std == 1.0
        and bn[-1].config.init_std == pytest.approx(1e-4)
    )
    assert bn[0].config.batchnorm == [True] * 5 and not any(bn[1].config.batchnorm)
    assert bn[0].config.iterations == 200  # 20 epochs of 1,000 images, batch 100
    plain, decay, drop = overfit_runs()
    assert plain.config.hidden == [100] * 6 and plain.config.iterations == 603
    assert decay.config.weight_decay == 0.1 and drop.config.dropout == [0.2] * 6
    assert drop.config.iterations == 903 and plain.config.lr == 0.01


def test_run_series_reports_each_run_as_it_finishes(digits):
    runs = overfit_runs(epochs=4, dropout_epochs=4, n_train=200, hidden=[20, 20], lr=0.1)
    records = list(run_series(runs, subset(digits, 200), progress_every=2))
    results = [r for r in records if isinstance(r, RunResult)]
    assert [r.label for r in results] == ["plain", "λ=0.1", "dropout 0.2"]
    assert all(len(r.epochs) == 4 and len(r.losses) == 8 for r in results)
    progress = [r for r in records if isinstance(r, SeriesProgress)]
    assert progress and progress[-1].done_fraction <= 1.0
    # the same config through the plain loop gives the same curve
    direct = [r.loss for r in T.train(runs[0].config, subset(digits, 200))]
    np.testing.assert_array_equal(results[0].losses, direct)


def test_subset_takes_the_first_images(digits):
    small = subset(digits, 300, 50)
    np.testing.assert_array_equal(small.x_train, digits.x_train[:300])
    assert len(small.t_test) == 50


def test_validation_split_never_uses_the_test_set(digits):
    split = split_validation(digits, 500, 0.2, seed=1)
    assert len(split.t_train) == 400 and len(split.t_test) == 100
    pool = {row.tobytes() for row in digits.x_train[:500]}
    assert all(row.tobytes() in pool for row in np.concatenate([split.x_train, split.x_test]))
    test_rows = {row.tobytes() for row in digits.x_test}
    assert not any(row.tobytes() in test_rows and row.tobytes() not in pool for row in split.x_test)
    with pytest.raises(SearchError):
        split_validation(digits, 500, 1.5)


def test_trials_are_drawn_like_the_books_loop():
    pairs = sample_trials(5, seed=11)
    np.random.seed(11)
    for lr, wd in pairs:
        book_wd = 10 ** np.random.uniform(-8, -4)
        book_lr = 10 ** np.random.uniform(-6, -2)
        assert (lr, wd) == (book_lr, book_wd)
    space = SearchSpace(-3, -2, -6, -5)
    assert all(1e-3 <= lr <= 1e-2 and 1e-6 <= wd <= 1e-5 for lr, wd in sample_trials(50, space))
    with pytest.raises(SearchError):
        SearchSpace(-2, -3)
    with pytest.raises(SearchError):
        SearchSpace(lr_low=float("nan"))


def test_search_runs_trials_and_ranks_them(digits):
    data = split_validation(digits, 300, 0.2)
    records = list(
        search(data, 8, SearchSpace(-3, -0.5, -8, -4), epochs=3, hidden=[20, 20], seed=2)
    )
    trials = [r for r in records if isinstance(r, Trial)]
    assert len(trials) == 8 and [t.index for t in trials] == list(range(8))
    assert all(len(t.val_accuracy) == 3 for t in trials)
    best = best_trials(trials, 3)
    assert best[0].final_val == max(t.final_val for t in trials)
    assert best[0].final_val >= best[1].final_val >= best[2].final_val
    rows = list(csv.reader(io.StringIO(trials_csv(trials))))
    assert rows[0][:3] == ["trial", "lr", "weight_decay"] and len(rows) == 9
    assert float(rows[1][1]) == trials[0].lr
    narrowed = SearchSpace.around([t.lr for t in best], [t.weight_decay for t in best])
    assert narrowed.lr_low == pytest.approx(np.log10(min(t.lr for t in best)))
