"""gui.undo.ModelUndo: every change of a model's snapshot is one undo step, whatever made
it; drags and runs are one step each; a new project clears the steps (no widgets)."""

from PySide6.QtGui import QUndoStack

from gui.models.gates import Core, GatesModel
from gui.undo import ModelUndo

AND = Core("and", (0, 0, 0, 1), (0.5, 0.5), -0.7)


def recorder():
    model = GatesModel()
    stack = QUndoStack()
    undo = ModelUndo(stack, model, model.core, model.apply_core, lambda a, b: "edit")
    return model, stack, undo


def test_each_change_is_a_step_and_undo_redo_restore_it():
    model, stack, undo = recorder()
    model.set("w1", 0.25)  # as a binder field would
    with undo.labelled("Flip target of row 1"):
        model.toggle_target(0)
    assert stack.count() == 2 and stack.undoText() == "Flip target of row 1"
    stack.undo()
    assert model.core() == Core("and", (0, 0, 0, 1), (0.25, 0.5), -0.7)
    stack.undo()
    assert model.core() == AND and stack.undoText() == ""
    stack.redo()
    stack.redo()
    assert model.targets().tolist() == [1, 0, 0, 1] and model["w1"] == 0.25
    assert stack.count() == 2  # restoring records nothing


def test_a_drag_is_one_step_and_a_learning_run_is_one_step():
    model, stack, undo = recorder()
    undo.session = 1
    for b in (-0.6, -0.5, -0.4):
        model.set("b", b)
    undo.session = None
    assert stack.count() == 1
    undo.hold()
    for w in ((0.1, 0.0), (0.2, 0.1), (0.2, 0.1)):
        model.show_weights(w, -0.2)
    undo.release("Learn")
    assert stack.count() == 2 and stack.undoText() == "Learn"
    stack.undo()
    assert model.core() == Core("and", (0, 0, 0, 1), (0.5, 0.5), -0.4)
    stack.undo()
    assert model.core() == AND


def test_settings_outside_the_snapshot_make_no_step_and_a_new_state_clears_the_stack():
    model, stack, undo = recorder()
    model.set("learning_rate", 0.5)
    assert stack.count() == 0
    model.set("w2", 1.0)
    assert stack.count() == 1
    model.set_state(GatesModel().state())  # a project opened
    assert stack.count() == 0 and model.core() == AND
    model.set("w2", 2.0)
    stack.undo()
    assert model.core() == AND
