"""Undoable agenda edits: owner, date, next step, status and bucket moves, through the session."""

from __future__ import annotations

from enum import IntEnum

from playbook_app.domain.assessment import AgendaEntry, Response
from playbook_app.ui.session.commands import ReplaceCommand
from playbook_app.ui.session.session import Session


class AgendaMerge(IntEnum):
    """Command ids: typing in one field merges within a burst; -1 never merges."""

    NONE = -1
    OWNER = 101
    NEXT_STEP = 102


class AgendaEntryCommand(ReplaceCommand):
    """Replace one agenda line with another, through the session."""

    def __init__(
        self,
        session: Session,
        old: AgendaEntry,
        new: AgendaEntry,
        text: str,
        merge: AgendaMerge = AgendaMerge.NONE,
        burst: int = 0,
    ) -> None:
        super().__init__(text, old, new, int(merge), burst)
        self._session = session

    def merge_key(self) -> object:
        return self.new.action

    def write(self, value: Response | AgendaEntry) -> None:
        assert isinstance(value, AgendaEntry)
        self._session.set_agenda_entry(value)
