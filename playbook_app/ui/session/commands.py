"""Undoable changes: one QUndoCommand per change, typing merged into one per burst."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtGui import QUndoCommand, QUndoStack

from playbook_app.domain.assessment import AgendaEntry, Consensus, Response, Stage
from playbook_app.storage import StorageError
from playbook_app.ui.session.session import Session


class MergeKind(IntEnum):
    """Command ids: only typed text merges; -1 means "never merge" to QUndoStack."""

    NONE = -1
    NOTE = 1
    REASON = 2


def same_content(a: Response | AgendaEntry, b: Response | AgendaEntry) -> bool:
    # updated_at is bookkeeping; two values that differ only there are the same value.
    return a._replace(updated_at="") == b._replace(updated_at="")


class ReplaceCommand(QUndoCommand):
    """Replace one stored value with another; redo and undo both hand the value to `write`.

    Typing merges only within one editing burst (until the field loses focus
    or the page changes), so undo takes back a burst, not a letter.
    """

    def __init__(
        self,
        text: str,
        old: Response | AgendaEntry,
        new: Response | AgendaEntry,
        merge: int = -1,
        burst: int = 0,
    ) -> None:
        super().__init__(text)
        self.old = old
        self.new = new
        self._merge = merge
        self.burst = burst

    @property
    def action_id(self) -> str:
        """The key action whose answer or agenda line this changes."""
        return self.new.action

    def merge_key(self) -> object:
        """What two commands must both change to merge (say, one participant's answer)."""
        raise NotImplementedError

    def write(self, value: Response | AgendaEntry) -> None:
        raise NotImplementedError

    def id(self) -> int:
        return int(self._merge)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            type(other) is not type(self)
            or other.id() != self.id()
            or other.burst != self.burst
            or other.merge_key() != self.merge_key()
        ):
            return False
        self.new = other.new
        # Typing and then deleting it again leaves nothing to undo.
        self.setObsolete(same_content(self.old, self.new))
        return True

    def redo(self) -> None:
        self.write(self.new)

    def undo(self) -> None:
        self.write(self.old)


class ResponseCommand(ReplaceCommand):
    """Replace one answer with another, through the session."""

    def __init__(
        self,
        session: Session,
        old: Response,
        new: Response,
        text: str,
        merge: MergeKind = MergeKind.NONE,
        burst: int = 0,
    ) -> None:
        super().__init__(text, old, new, int(merge), burst)
        self._session = session

    def merge_key(self) -> object:
        assert isinstance(self.new, Response)
        return (self.new.participant, self.new.action)

    def write(self, value: Response | AgendaEntry) -> None:
        assert isinstance(value, Response)
        self._session.set_response(value)


def is_change(old: Response, new: Response) -> bool:
    return not same_content(old, new)


class ConsensusCommand(QUndoCommand):
    """Record or clear the team's agreed stage; undo puts back what was there, reason and all."""

    def __init__(
        self,
        session: Session,
        action_id: str,
        old: Consensus | None,
        new: Consensus | None,
        text: str,
        follow: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._session = session
        self.action_id = action_id
        self.old = old
        self.new = new
        self._follow = follow

    def _write(self, value: Consensus | None) -> None:
        if self._follow is not None:
            # Undo may reach back to another key action: show it, so the room sees it.
            self._follow(self.action_id)
        if value is None:
            self._session.set_consensus(self.action_id, None)
        else:
            self._session.set_consensus(self.action_id, value.stage, value.rationale)

    def redo(self) -> None:
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)


def agree(
    session: Session,
    stack: QUndoStack,
    action_id: str,
    stage: Stage | None,
    rationale: str = "",
    follow: Callable[[str], None] | None = None,
) -> bool:
    """Record (or, with no stage, clear) an agreed stage as an undoable step; False if no change.

    `follow(action id)` is called before each undo and redo, to show the key action.
    """
    record = session.record
    if record is None:
        return False
    old = record.consensus.get(action_id)
    new = None if stage is None else Consensus(action_id, stage, rationale.strip())

    def content(value: Consensus | None) -> tuple[Stage, str] | None:
        return None if value is None else (value.stage, value.rationale)

    if content(old) == content(new):
        return False
    number = session.playbook.action(action_id).number
    if new is None:
        text = f"clearing the agreed stage of {number}"
    else:
        text = f"agreed stage {new.stage.label} on {number}"
    stack.push(ConsensusCommand(session, action_id, old, new, text, follow))
    return True


class CapacityCommand(QUndoCommand):
    """A change of how many key actions the district can start at once.

    The view makes the first change itself (a failure there changes nothing and is
    shown at once), so the first redo, from QUndoStack.push, has nothing left to do.
    """

    def __init__(
        self, session: Session, old: int, new: int, on_error: Callable[[str], None]
    ) -> None:
        super().__init__(f"capacity {old} → {new}")
        self._session = session
        self.old = old
        self.new = new
        self._on_error = on_error
        self._done = True

    def _write(self, value: int) -> None:
        record = self._session.record
        if record is None or record.district.capacity == value:
            return
        try:
            self._session.update_details(record.district._replace(capacity=value))
        except StorageError as error:
            self._on_error(str(error))

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)
