"""A screen drawn from the session's Agenda: redrawn when it changes, and only while on screen."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.ui.session.session import Session


class AgendaScreen(QWidget):
    """Subclasses build their widgets, then call refresh(); they draw in show_agenda().

    Answers change on the Rate screen many times while this one is hidden, so
    a hidden screen only notes that it is stale and catches up when shown.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shown: Agenda | None = None
        self._stale = True
        for signal in (
            session.agendaChanged,
            session.assessmentChanged,
            session.consensusChanged,
            session.participantsChanged,
            session.districtChanged,
        ):
            signal.connect(self._changed)

    def show_agenda(self, record: AssessmentRecord, agenda: Agenda) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _changed(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Show the session's current agenda; nothing to do when it is the one on screen."""
        record = self._session.record
        if record is None:
            return
        agenda = self._session.agenda()  # rebuilt by the session only after a change
        self._stale = False
        if agenda is self._shown:
            return
        self._shown = agenda
        self.show_agenda(record, agenda)
