"""Undo for a tab model: each change of the model's snapshot becomes one ``QUndoCommand``.

``ModelUndo(stack, model, snapshot, restore, describe)`` listens to ``model`` (a
``gui.models.base.TabModel``). Whenever a change makes ``snapshot()`` differ from the last
one it saw, it pushes a command holding both snapshots (frozen values); undo and redo call
``restore(snapshot)``. So every edit is undoable however it was made — a binder field, a
table click, a drag — and views never build commands themselves.

* ``labelled(text)``: the next change's command text (else ``describe(before, after)``).
* ``session``: changes made while it is set to the same value merge into one command (a
  slider or line drag is one step).
* ``hold()`` / ``release(text)``: changes in between (a learning run's many records) make
  one command from the snapshot at ``hold`` to the one at ``release``.
* A whole new state (``set_state``, keys ``{"*"}``: a project opened) clears the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.models.base import TabModel

__all__ = ["ModelUndo"]


class _Step(QUndoCommand):
    def __init__(self, owner: ModelUndo, before: Any, after: Any, text: str, session: object):
        super().__init__(text)
        self.owner, self.before, self.after, self.session = owner, before, after, session
        self._applied = True  # pushed after the change happened: the first redo is a no-op

    def id(self) -> int:
        return 1 if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt
        if isinstance(other, _Step) and other.session == self.session:
            self.after = other.after
            return True
        return False

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.owner.restore(self.after)

    def undo(self) -> None:
        self.owner.restore(self.before)


class ModelUndo(QObject):
    """Records ``model``'s changes on ``stack`` (see the module docstring)."""

    def __init__(
        self,
        stack: QUndoStack,
        model: TabModel,
        snapshot: Callable[[], Any],
        restore: Callable[[Any], None],
        describe: Callable[[Any, Any], str],
    ) -> None:
        super().__init__(stack)
        self.stack, self.model = stack, model
        self._snapshot, self._restore, self._describe = snapshot, restore, describe
        self._last = snapshot()
        self._text: str | None = None
        self._held: Any = None
        self._holding = False
        self._restoring = False
        #: Changes made while this holds the same value merge into one command.
        self.session: object = None
        self._unsubscribe = model.subscribe(self._on_changed)
        stack.destroyed.connect(lambda *_: self._unsubscribe())

    @contextmanager
    def labelled(self, text: str) -> Iterator[None]:
        """Name the command of the changes made inside the ``with`` block."""
        self._text = text
        try:
            yield
        finally:
            self._text = None

    def hold(self) -> None:
        """Gather every change until ``release`` into one command."""
        if not self._holding:
            self._holding, self._held = True, self._last

    def release(self, text: str) -> None:
        if not self._holding:
            return
        self._holding = False
        before, after = self._held, self._snapshot()
        self._held, self._last = None, after
        if after != before:
            self.stack.push(_Step(self, before, after, text, None))

    def restore(self, snapshot: Any) -> None:
        """Show ``snapshot`` (undo/redo), recording nothing."""
        self._restoring = True
        try:
            self._restore(snapshot)
        finally:
            self._restoring = False
        self._last = self._snapshot()

    def _on_changed(self, keys: frozenset[str]) -> None:
        if self._restoring or self._holding or keys == {"run_state"}:
            return
        after = self._snapshot()
        if "*" in keys:  # a whole new state: the old steps no longer apply
            self.stack.clear()
            self._last = after
            return
        before, self._last = self._last, after
        if after == before:
            return
        text = self._text if self._text is not None else self._describe(before, after)
        self.stack.push(_Step(self, before, after, text, self.session))
