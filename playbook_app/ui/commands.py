"""Undoable answer changes: one QUndoCommand per change, typing merged into one per burst."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtGui import QUndoCommand

from playbook_app.domain.assessment import Response
from playbook_app.ui.session import Session


class MergeKind(IntEnum):
    """Command ids: only typed text merges; -1 means "never merge" to QUndoStack."""

    NONE = -1
    NOTE = 1
    REASON = 2


def _same_content(a: Response, b: Response) -> bool:
    # updated_at is bookkeeping; two answers that differ only there are the same answer.
    return a.with_changes(updated_at="") == b.with_changes(updated_at="")


class ResponseCommand(QUndoCommand):
    """Replace one answer with another; redo and undo both write through the session."""

    def __init__(
        self,
        session: Session,
        old: Response,
        new: Response,
        text: str,
        merge: MergeKind = MergeKind.NONE,
        burst: int = 0,
    ) -> None:
        super().__init__(text)
        self._session = session
        self.old = old
        self.new = new
        self._merge = merge
        # Typing merges only within one editing burst (until the field loses
        # focus or the page changes), so undo takes back a burst, not a letter.
        self.burst = burst

    @property
    def action_id(self) -> str:
        return self.new.action

    def id(self) -> int:
        return int(self._merge)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ResponseCommand):
            return False
        if (
            other.id() != self.id()
            or other.burst != self.burst
            or (other.new.participant, other.new.action) != (self.new.participant, self.new.action)
        ):
            return False
        self.new = other.new
        # Typing and then deleting it again leaves nothing to undo.
        self.setObsolete(_same_content(self.old, self.new))
        return True

    def redo(self) -> None:
        self._session.set_response(self.new)

    def undo(self) -> None:
        self._session.set_response(self.old)


def is_change(old: Response, new: Response) -> bool:
    return not _same_content(old, new)
