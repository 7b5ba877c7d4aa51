"""The Network tab's model without Qt: the book's network, projects, revisions."""

import numpy as np
import pytest

from engine.weights import BOOK_INPUT
from gui.models.network import NetworkModel

#: y of the book's §3.4.3 network for x = [1.0, 0.5] (printed in the book).
BOOK_Y = [0.3168270764110298, 0.6962790898619668]


def test_starts_with_the_books_network():
    m = NetworkModel()
    np.testing.assert_allclose(m.network.predict(np.array(BOOK_INPUT)), BOOK_Y, rtol=0, atol=1e-15)
    assert m.state()["sizes"] == [2, 3, 2, 2] and m.revision == 0


def test_a_project_of_the_current_schema_opens():
    saved = NetworkModel().state()  # the schema_version 1 layout, as 07c0310 wrote it
    assert set(saved) == {
        "sizes",
        "activations",
        "weights",
        "biases",
        "input",
        "batch",
        "description",
    }
    saved["weights"][0][0][0] = 0.7
    saved["input"] = [2.0, -1.0]
    m = NetworkModel()
    m.set_state(saved)
    assert m.network.weights[0][0, 0] == 0.7 and m.x.tolist() == [2.0, -1.0]
    assert m.state() == saved and m.revision == 1


@pytest.mark.parametrize(
    "change",
    [
        {"weights": "nope"},
        {"activations": ["sigmoid", "sigmoid"]},  # one short
        {"sizes": [2, 3, 2, 9]},
        {"input": [1.0]},
        {"input": [float("nan"), 0.0]},
        {"description": 5},
        {"biases": [[0.1, 0.2, 0.3], [0.1, 0.2]]},  # b3 missing
    ],
)
def test_bad_states_change_nothing(change):
    m = NetworkModel()
    before = m.state()
    with pytest.raises(ValueError):
        m.set_state({**before, **change})
    assert m.state() == before and m.revision == 0


def test_a_batch_that_does_not_fit_is_replaced_by_the_default():
    m = NetworkModel()
    m.set_state({**m.state(), "batch": [[1.0, 2.0, 3.0]]})
    assert m.batch.tolist() == [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]


def test_every_edit_bumps_the_revision_and_notifies():
    m = NetworkModel()
    seen = []
    m.subscribe(seen.append)
    m.set_array_value("W", 0, (0, 0), 0.5)
    m.set_array_value("b", 2, (1,), -1.0)
    m.set_input(np.array([0.0, 1.0]))
    m.set_batch(np.zeros((3, 2)))
    assert m.revision == 4 and seen == [{"values"}, {"values"}, {"input"}, {"input"}]
    with pytest.raises(ValueError):
        m.set_input(np.zeros(3))
    assert m.network.biases[2][1] == -1.0 and m.revision == 4
    snap = m.snapshot()
    m.set_array_value("W", 0, (0, 0), 9.0)
    m.replace(snap)
    assert m.network.weights[0][0, 0] == 0.5 and m.revision == 6
