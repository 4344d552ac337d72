"""The one seam between the GUI and storage: the open assessment, its answers and their saving."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from playbook_app.domain.assessment import (
    AgendaEntry,
    Assessment,
    AssessmentRecord,
    AssessmentSummary,
    Consensus,
    District,
    Participant,
    Response,
    Stage,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import StorageError, Store
from playbook_app.ui.wording import SAVED, SAVING
from playbook_app.ui.write_queue import WriteQueue

if TYPE_CHECKING:
    from playbook_app.domain.agenda import Agenda

LAST_ASSESSMENT = "last_assessment_id"


def last_action_key(assessment_uid: str) -> str:
    return f"last_action:{assessment_uid}"


class Session(QObject):
    """Owns the store, the playbook, the open assessment and the active participant.

    Every change is written through the store the moment it is made, one
    transaction per change. A change that cannot be written stays in memory
    (on screen and in ``pending``) until ``retry()`` or a later write succeeds,
    so a locked or read-only database never loses an answer.
    """

    assessmentChanged = Signal()
    responseChanged = Signal(str)  # key action id
    consensusChanged = Signal(str)  # key action id
    agendaEntryChanged = Signal(str)  # key action id
    agendaChanged = Signal()  # anything the agenda is built from changed
    participantsChanged = Signal()
    districtChanged = Signal()
    participantChanged = Signal(str)  # participant uid
    saveStateChanged = Signal(str)  # text for the status bar
    saveFailed = Signal(str)  # the reason, worded for the user

    def __init__(self, store: Store, playbook: Playbook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._playbook = playbook
        self._record: AssessmentRecord | None = None
        self._participant: str | None = None
        self._writes = WriteQueue()
        self._agenda: Agenda | None = None
        self._pending_settings: dict[str, str] = {}
        self._editing = False

    # What is open -------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self._store

    @property
    def playbook(self) -> Playbook:
        return self._playbook

    @property
    def record(self) -> AssessmentRecord | None:
        return self._record

    @property
    def participant_uid(self) -> str | None:
        return self._participant

    @property
    def participant(self) -> Participant | None:
        if self._record is None:
            return None
        return next((p for p in self._record.participants if p.uid == self._participant), None)

    def set_active_participant(self, uid: str) -> None:
        """Whose answers the pages show and edit (team mode will switch between them)."""
        if self._record is None or all(p.uid != uid for p in self._record.participants):
            raise ValueError(f"no participant {uid} in the open assessment")
        if uid != self._participant:
            self._participant = uid
            self.participantChanged.emit(uid)

    def open_assessment(self, assessment_id: int) -> None:
        """Load an assessment and make it current; raises StorageError if it cannot be read."""
        record = self._store.load(assessment_id)
        self._set_record(record)

    def create_assessment(
        self, district: District, assessment: Assessment, participants: list[Participant]
    ) -> AssessmentRecord:
        """Store a new assessment and make it current; raises StorageError on failure."""
        record = self._store.create_assessment(district, assessment, participants)
        self._set_record(record)
        return record

    def _set_record(self, record: AssessmentRecord) -> None:
        self._record = record
        self._agenda = None
        self._participant = record.participants[0].uid if record.participants else None
        if record.assessment.id is not None:
            self._write_setting(LAST_ASSESSMENT, str(record.assessment.id))
        self.assessmentChanged.emit()

    def reopen(self) -> bool:
        """Open the assessment used last, or the newest if that one is gone; False if none."""
        remembered = self._store.get_setting(LAST_ASSESSMENT)
        if remembered.isdigit():
            try:
                self.open_assessment(int(remembered))
            except StorageError:
                pass  # deleted since, or unreadable: fall back to the newest
            else:
                return True
        latest = self._store.latest_assessment_id()
        if latest is None:
            return False
        self.open_assessment(latest)
        return True

    def reload(self) -> None:
        """Read everything again after the database was replaced (a backup was restored).

        The caller makes sure nothing is pending: an unsaved change belongs to the
        data that was replaced. An empty database shows the welcome again.
        """
        self._pending_settings.clear()
        if not self.reopen():
            self._record = None
            self._participant = None
            self._agenda = None
            self.assessmentChanged.emit()

    def list_assessments(self) -> list[AssessmentSummary]:
        return self._store.list_assessments(self._playbook.action_ids)

    # Answers ----------------------------------------------------------------------

    def response(self, action_id: str) -> Response:
        """The active participant's answer on one key action (blank if none yet)."""
        participant = self._participant or ""
        if self._record is None:
            return Response(participant, action_id)
        return self._record.response(participant, action_id)

    def set_response(self, response: Response) -> bool:
        """Make an answer current and write it at once; False if it could not be saved yet."""
        key = (response.participant, response.action)
        record = self._record
        if record is not None and any(p.uid == response.participant for p in record.participants):
            record.responses[key] = response

        def saved(value: object) -> None:
            # Keep the saved timestamp, unless a newer edit replaced the answer meanwhile.
            if record is not None and record.responses.get(key) is response:
                assert isinstance(value, Response)
                record.responses[key] = value

        self._editing = False
        ok = self._queue(key, response, lambda: self._store.save_response(response), saved)
        self._changed()
        self.responseChanged.emit(response.action)
        return ok

    def set_consensus(self, action_id: str, stage: Stage | None, rationale: str = "") -> bool:
        """Record the team's agreed stage (None takes it back to "no consensus yet")."""
        record, assessment_id = self._open_record()
        agreed = None if stage is None else Consensus(action_id, stage, rationale.strip())
        if agreed is None:
            record.consensus.pop(action_id, None)
        else:
            record.consensus[action_id] = agreed

        def write() -> object:
            if agreed is None:
                self._store.delete_consensus(assessment_id, action_id)
                return None
            return self._store.save_consensus(assessment_id, agreed)

        def saved(value: object) -> None:
            if isinstance(value, Consensus) and record.consensus.get(action_id) is agreed:
                record.consensus[action_id] = value

        key = ("consensus", assessment_id, action_id)
        ok = self._queue(key, agreed, write, saved)
        self._changed()
        self.consensusChanged.emit(action_id)
        return ok

    def set_agenda_entry(self, entry: AgendaEntry) -> bool:
        """Owner, date, next step, status or a bucket move of one agenda line; written at once."""
        record, assessment_id = self._open_record()
        record.agenda[entry.action] = entry

        def saved(value: object) -> None:
            if isinstance(value, AgendaEntry) and record.agenda.get(entry.action) is entry:
                record.agenda[entry.action] = value

        key = ("agenda", assessment_id, entry.action)
        ok = self._queue(
            key, entry, lambda: self._store.save_agenda_entry(assessment_id, entry), saved
        )
        self._changed()
        self.agendaEntryChanged.emit(entry.action)
        return ok

    def agenda_entry(self, action_id: str) -> AgendaEntry:
        if self._record is None:
            return AgendaEntry(action=action_id)
        return self._record.agenda.get(action_id) or AgendaEntry(action=action_id)

    def agenda(self) -> Agenda:
        """The open assessment's agenda, rebuilt only after something it depends on changed."""
        record, _ = self._open_record()
        if self._agenda is None:
            # Loaded when first asked for: the first screen does not show the agenda.
            from playbook_app.domain.agenda import build_agenda

            self._agenda = build_agenda(record, self._playbook)
        return self._agenda

    # District, assessment and participants: rare, structural changes that either
    # succeed at once or raise StorageError for the caller to show.

    def update_details(self, district: District, assessment: Assessment | None = None) -> None:
        """Change the district profile (e.g. its capacity) or the assessment's label and date."""
        record, _ = self._open_record()
        assessment = assessment or record.assessment
        district = district._replace(id=record.district.id)
        self._store.update_assessment(assessment, district)
        record.district = district
        record.assessment = assessment
        self._changed()
        self.districtChanged.emit()

    def add_participant(self, participant: Participant) -> None:
        record, assessment_id = self._open_record()
        self._store.add_participant(assessment_id, participant)
        record.participants.append(participant)
        self._changed()
        self.participantsChanged.emit()

    def update_participant(self, participant: Participant) -> None:
        record, _ = self._open_record()
        self._store.update_participant(participant)
        record.participants[:] = [
            participant if p.uid == participant.uid else p for p in record.participants
        ]
        self._changed()
        self.participantsChanged.emit()

    def remove_participant(self, uid: str) -> None:
        """Remove a participant and their answers; the last one cannot go."""
        record, _ = self._open_record()
        if len(record.participants) <= 1:
            raise ValueError("an assessment keeps at least one participant")
        self._store.remove_participant(uid)
        record.participants[:] = [p for p in record.participants if p.uid != uid]
        for key in [k for k in record.responses if k[0] == uid]:
            del record.responses[key]
        self._writes.drop(lambda key: isinstance(key, tuple) and key[0] == uid)
        if self._participant == uid:
            self._participant = record.participants[0].uid
            self.participantChanged.emit(self._participant)
        self._changed()
        self.participantsChanged.emit()

    def _open_record(self) -> tuple[AssessmentRecord, int]:
        if self._record is None or self._record.assessment.id is None:
            raise RuntimeError("no assessment is open")
        return self._record, self._record.assessment.id

    def _changed(self) -> None:
        self._agenda = None
        self.agendaChanged.emit()

    def answered_count(self, action_ids: tuple[str, ...] | None = None) -> int:
        if self._record is None or self._participant is None:
            return 0
        ids = self._playbook.action_ids if action_ids is None else action_ids
        return self._record.answered_count(self._participant, ids)

    @property
    def total(self) -> int:
        return len(self._playbook.action_ids)

    # Saving -------------------------------------------------------------------------

    @property
    def has_pending(self) -> bool:
        return bool(self._writes)

    @property
    def pending(self) -> dict[Hashable, object]:
        """Changes made but not yet written, by key (see write_queue.PendingWrite)."""
        return self._writes.values()

    @property
    def last_error(self) -> str:
        return self._writes.error

    @property
    def save_state_text(self) -> str:
        if self._writes and self._writes.error:
            return f"Not saved: {self._writes.error}"
        return SAVING if self._editing else SAVED

    def end_editing(self) -> None:
        """The typing was handed over and changed nothing (e.g. typed, then deleted)."""
        if self._editing:
            self._editing = False
            self.saveStateChanged.emit(self.save_state_text)

    def mark_editing(self) -> None:
        """A text field holds typing not yet handed over; shown as "Saving…" until it is."""
        if not self._editing:
            self._editing = True
            self.saveStateChanged.emit(self.save_state_text)

    def retry(self) -> bool:
        """Write every change still pending; True when nothing is left unsaved."""
        return self._flush()

    def remember_action(self, action_id: str) -> None:
        """Where to reopen; losing this to a busy database is harmless, so it never alarms."""
        if self._record is not None:
            self._write_setting(last_action_key(self._record.assessment.uid), action_id)

    def last_action_id(self) -> str | None:
        if self._record is None:
            return None
        try:
            action = self._store.get_setting(last_action_key(self._record.assessment.uid))
        except StorageError:
            return None
        return action if self._playbook.has_action(action) else None

    def setting(self, key: str, default: str = "") -> str:
        """A remembered preference (say, the last export folder); `default` if unreadable."""
        try:
            return self._pending_settings.get(key) or self._store.get_setting(key, default)
        except StorageError:
            return default

    def remember(self, key: str, value: str) -> None:
        """Keep a preference; losing it to a busy database is harmless, so it never alarms."""
        self._write_setting(key, value)

    def _write_setting(self, key: str, value: str) -> None:
        try:
            self._store.set_setting(key, value)
        except StorageError:
            self._pending_settings[key] = value
        else:
            self._pending_settings.pop(key, None)

    def _queue(
        self,
        key: Hashable,
        value: object,
        write: Callable[[], object],
        saved: Callable[[object], None],
    ) -> bool:
        self._writes.put(key, value, write, saved)
        return self._flush()

    def _flush(self) -> bool:
        if self._writes:
            self.saveStateChanged.emit(SAVING)
        if not self._writes.flush():
            self.saveStateChanged.emit(self.save_state_text)
            self.saveFailed.emit(self._writes.error)
            return False
        for name, value in list(self._pending_settings.items()):
            self._write_setting(name, value)
        self.saveStateChanged.emit(self.save_state_text)
        return True
