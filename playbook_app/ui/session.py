"""The one seam between the GUI and storage: the open assessment, its answers and their saving."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from playbook_app.domain.assessment import (
    Assessment,
    AssessmentRecord,
    AssessmentSummary,
    District,
    Participant,
    Response,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import StorageError, Store
from playbook_app.ui.wording import SAVED, SAVING

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
    participantChanged = Signal(str)  # participant uid
    saveStateChanged = Signal(str)  # text for the status bar
    saveFailed = Signal(str)  # the reason, worded for the user

    def __init__(self, store: Store, playbook: Playbook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._playbook = playbook
        self._record: AssessmentRecord | None = None
        self._participant: str | None = None
        self._pending: dict[tuple[str, str], Response] = {}
        self._pending_settings: dict[str, str] = {}
        self._error = ""
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
        if self._record is not None and any(
            p.uid == response.participant for p in self._record.participants
        ):
            self._record.responses[key] = response
        self._pending[key] = response
        self._editing = False
        saved = self._flush()
        self.responseChanged.emit(response.action)
        return saved

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
        return bool(self._pending)

    @property
    def pending(self) -> dict[tuple[str, str], Response]:
        """Changes made but not yet written, by (participant, key action)."""
        return dict(self._pending)

    @property
    def last_error(self) -> str:
        return self._error

    @property
    def save_state_text(self) -> str:
        if self._pending and self._error:
            return f"Not saved: {self._error}"
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

    def _write_setting(self, key: str, value: str) -> None:
        try:
            self._store.set_setting(key, value)
        except StorageError:
            self._pending_settings[key] = value
        else:
            self._pending_settings.pop(key, None)

    def _flush(self) -> bool:
        if self._pending:
            self.saveStateChanged.emit(SAVING)
        try:
            for key, response in list(self._pending.items()):
                saved = self._store.save_response(response)
                del self._pending[key]
                # Keep the saved timestamp, unless a newer edit replaced the answer meanwhile.
                if self._record is not None and self._record.responses.get(key) is response:
                    self._record.responses[key] = saved
        except StorageError as error:
            self._error = str(error)
            self.saveStateChanged.emit(self.save_state_text)
            self.saveFailed.emit(self._error)
            return False
        self._error = ""
        for name, value in list(self._pending_settings.items()):
            self._write_setting(name, value)
        self.saveStateChanged.emit(self.save_state_text)
        return True
