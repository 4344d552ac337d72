"""The one seam between the GUI and storage: the open assessment, its answers and their saving."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from playbook_app.domain.assessment import (
    AgendaEntry,
    Assessment,
    AssessmentRecord,
    AssessmentSummary,
    Consensus,
    District,
    Mode,
    Participant,
    Response,
    Stage,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import StorageError, Store
from playbook_app.storage.folder_lock import WINDOW, FolderLock
from playbook_app.ui.session.write_queue import WriteQueue
from playbook_app.ui.widgets.wording import SAVED, SAVING

if TYPE_CHECKING:
    from playbook_app.domain.agenda import Agenda
    from playbook_app.domain.last_time import LastTime
    from playbook_app.domain.years import Years

_T = TypeVar("_T")
LAST_ASSESSMENT = "last_assessment_id"
GUI_WAIT_MS = 100  # the longest the window ever waits on a database another program locked
RETRY_FIRST_MS = 500  # unsaved changes are tried again in the background, then less often
RETRY_MOST_MS = 8000
POSITION_IDLE_MS = 1500  # where the user is is written once they pause, and on close


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
    defectRecorded = Signal(str)  # a change the app failed on, worded for the user

    def __init__(
        self,
        store: Store,
        playbook: Playbook,
        parent: QObject | None = None,
        *,
        lock: FolderLock | None = None,
    ) -> None:
        super().__init__(parent)
        self._playbook = playbook
        self._record: AssessmentRecord | None = None
        self._participant: str | None = None
        self._writes = WriteQueue(self._defect)
        self._agenda: Agenda | None = None
        self._earlier: tuple[int, list[AssessmentRecord]] | None = None  # see earlier_years
        self._pending_settings: dict[str, str] = {}
        self._unsaved_fields: dict[tuple[str, str], frozenset[str]] = {}
        self._editing = False
        # One writer per data folder: the window holds the folder's lock while it is open.
        self._lock = lock if lock is not None else FolderLock(store.path.parent, WINDOW)
        self._ensure_writer(quietly=True)
        self._attach(store)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry_in_background)
        self._retry_ms = RETRY_FIRST_MS
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_IDLE_MS)
        self._position_timer.timeout.connect(self.write_settings)

    # What is open -------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self._store

    @property
    def playbook(self) -> Playbook:
        return self._playbook

    @property
    def data_dir(self) -> Path:
        return self._store.path.parent

    @property
    def read_only(self) -> bool:
        """Whether the folder can only be read (nothing the window does is saved there)."""
        return self._store.read_only

    def stored_record(self, assessment_id: int) -> AssessmentRecord:
        """An assessment as saved (not as on screen): what a packet or a report carries."""
        return self._store.load(assessment_id)

    def assessment_id_for_uid(self, uid: str) -> int | None:
        """The local id of the assessment with this stable id, if it is in the folder."""
        return self._store.assessment_id_for_uid(uid)

    @property
    def holds_folder(self) -> bool:
        """Whether this window holds the data folder's write lock."""
        return self._lock.held

    def _attach(self, store: Store) -> None:
        self._store = store
        store.before_write = self._ensure_writer
        store.wait_at_most(GUI_WAIT_MS)
        store.after_close = self._lock.release

    def _ensure_writer(self, *, quietly: bool = False) -> None:
        """Take the folder's lock if this window does not hold it yet (say, the folder was
        read-only at start); raises StorageError when another program writes there."""
        if self._lock.held:
            return
        try:
            self._lock.acquire()
        except StorageError:
            if not quietly:
                raise

    def close(self) -> None:
        """Write what is kept for idle moments, close the database and free the folder."""
        self._retry_timer.stop()
        self._position_timer.stop()
        self.write_settings()
        self._store.close()

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
        self._set_record(record, creator_rates=True)
        return record

    def _set_record(self, record: AssessmentRecord, *, creator_rates: bool = False) -> None:
        self._record = record
        self._agenda = None
        self._earlier = None
        first = record.participants[0].uid if record.participants else None
        # A reopened team assessment shows nobody's answers until someone says who is
        # rating: whoever holds the laptop now may not be whoever rated last.
        team = record.assessment.mode is Mode.TEAM
        self._participant = first if creator_rates or not team else None
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

    def replace_database(self, work: Callable[[], _T]) -> _T:
        """Run `work` (a restore, a fresh start) with this window's database closed, still
        holding the folder; then open the file that is there now and show it.

        Refused (StorageError) while changes are unsaved: they belong to the data being
        replaced. Whatever `work` does, the database is opened again afterwards.
        """
        self._require_saved("nothing was replaced")
        self.write_settings()
        folder = self.data_dir
        self._store.after_close = None  # the folder stays this window's throughout
        self._store.close()
        try:
            return work()
        finally:
            self._attach(Store.open(folder))
            self.reload()

    def bulk_write(self, work: Callable[[Store], _T]) -> _T:
        """Run a many-row change (an import) on this window's database, after every change
        made on screen is saved; then read the open assessment again, so the screens show
        what was written and no later edit copies an older answer back."""
        self._require_saved("nothing was changed")
        try:
            return work(self._store)
        finally:
            self._reread()

    def _require_saved(self, outcome: str) -> None:
        if self._writes and not self._flush():
            raise StorageError(
                f"Some changes are not saved yet, so {outcome}: going on would lose them. "
                f"Use Retry saving first (File menu). {self._writes.error}",
                kind=self._writes.error_kind or "busy",
            )

    def _reread(self) -> None:
        """The open assessment as stored now, with the same person rating."""
        record = self._record
        if record is None or record.assessment.id is None:
            return
        rater = self._participant
        self._record = self._store.load(record.assessment.id)
        self._agenda = None
        self._earlier = None  # an import may have brought the year before
        self._unsaved_fields.clear()
        if rater is None or all(p.uid != rater for p in self._record.participants):
            # A team's rater is never guessed: nobody's answers show until someone says who.
            team = self._record.assessment.mode is Mode.TEAM
            first = self._record.participants[0].uid if self._record.participants else None
            rater = None if team else first
        self._participant = rater
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
        """Make an answer current and write it at once; False if it could not be saved yet.

        Only the fields that differ from the answer shown before are written (with any
        still unsaved from earlier edits), never the whole row the window loaded.
        """
        key = (response.participant, response.action)
        record = self._record
        before = self.response_of(response.participant, response.action)
        fields = self._unsaved_fields.get(key, frozenset()) | response.changed_from(before)
        self._unsaved_fields[key] = fields
        if record is not None and any(p.uid == response.participant for p in record.participants):
            record.responses[key] = response

        def saved(value: object) -> None:
            if self._unsaved_fields.get(key) is fields:
                del self._unsaved_fields[key]
            # Keep the row as stored, unless a newer edit replaced the answer meanwhile.
            if record is not None and record.responses.get(key) is response:
                assert isinstance(value, Response)
                record.responses[key] = value

        self._editing = False
        ok = self._queue(
            key, response, lambda: self._store.save_response(response, fields=fields), saved
        )
        self._changed()
        self.responseChanged.emit(response.action)
        return ok

    def response_of(self, participant: str, action_id: str) -> Response:
        if self._record is None:
            return Response(participant, action_id)
        return self._record.response(participant, action_id)

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
        self._editing = False  # the typing that marked it "Saving…" is this change

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

    # The years before: next year's review, what moved, what was given last time ----------

    def start_follow_up(self, label: str, keep: Collection[str]) -> int:
        """Start next year's review of the open assessment (the people of `keep`, by uid)
        and open it; raises StorageError with nothing changed."""
        from datetime import date

        from playbook_app.storage.follow_up import start_follow_up

        _, assessment_id = self._open_record()
        self._require_saved("next year's review was not started")
        new_id = start_follow_up(
            self._store,
            assessment_id,
            date=date.today().isoformat(),
            playbook=(self._playbook.id, self._playbook.version),
            label=label,
            keep=keep,
        )
        self.open_assessment(new_id)
        return new_id

    def earlier_years(self) -> list[AssessmentRecord]:
        """The stored assessments the open one follows, oldest first (read once per opening)."""
        record, assessment_id = self._open_record()
        if self._earlier is None or self._earlier[0] != assessment_id:
            from playbook_app.storage.follow_up import line_of_years

            self._earlier = (assessment_id, line_of_years(self._store, record)[:-1])
        return self._earlier[1]

    def years(self) -> Years:
        """What moved since the year before, carried-over items and the line of years."""
        from playbook_app.domain.years import years

        record, _ = self._open_record()
        return years([*self.earlier_years(), record], self._playbook)

    def last_time(self, action_id: str) -> LastTime | None:
        """What the person rating gave on this key action the year before (None: no year
        before here, or nobody is rating)."""
        record = self._record
        person = self.participant
        if record is None or person is None or record.assessment.follows is None:
            return None
        from playbook_app.domain.last_time import last_time

        earlier = self.earlier_years()
        if not earlier or earlier[-1].assessment.uid != record.assessment.follows:
            return None
        return last_time(earlier[-1], self._playbook, person.name, action_id)

    def history_csv(self) -> bytes:
        """Every assessment here, one row per key action, as the history CSV."""
        from playbook_app.reports.history_csv import build_history_csv

        records = [self._store.load(s.id) for s in self._store.list_assessments(())]
        records.sort(key=lambda r: (r.district.name.casefold(), r.assessment.date))
        return build_history_csv(records, self._playbook, {r.assessment.uid: r for r in records})

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

    def rename_assessment(self, label: str, date: str) -> None:
        """A new label and date (ISO) for the open assessment."""
        record, _ = self._open_record()
        self.update_details(record.district, record.assessment._replace(label=label, date=date))

    def delete_assessment(self) -> None:
        """Delete the open assessment with all its answers; the newest other one opens, or none.

        The caller has made a backup first: this cannot be undone.
        """
        record, assessment_id = self._open_record()
        self._store.delete_assessment(assessment_id)
        people = {p.uid for p in record.participants}
        # Unsaved changes of the deleted assessment have nowhere left to go.
        self._writes.drop(
            lambda key: (
                isinstance(key, tuple)
                and (key[0] in people or (len(key) == 3 and key[1] == assessment_id))
            )
        )
        self.reload()
        self.saveStateChanged.emit(self.save_state_text)

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
            # A team asks who rates next rather than show someone's answers meanwhile.
            team = record.assessment.mode is Mode.TEAM
            self._participant = None if team else record.participants[0].uid
            self.participantChanged.emit(self._participant or "")
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
        """Where to reopen: kept in memory, written once the user pauses and on close, so
        moving between key actions never waits on the database."""
        if self._record is not None:
            self._pending_settings[last_action_key(self._record.assessment.uid)] = action_id
            self._position_timer.start()

    def write_settings(self) -> None:
        """Write the preferences kept in memory; harmless if the database is busy."""
        for name, value in list(self._pending_settings.items()):
            self._write_setting(name, value)

    def last_action_id(self) -> str | None:
        if self._record is None:
            return None
        key = last_action_key(self._record.assessment.uid)
        try:
            action = self._pending_settings.get(key) or self._store.get_setting(key)
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
            self._retry_timer.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, RETRY_MOST_MS)
            return False
        self._retry_timer.stop()
        self._retry_ms = RETRY_FIRST_MS
        self.write_settings()
        self.saveStateChanged.emit(self.save_state_text)
        return True

    def _retry_in_background(self) -> None:
        if self._writes:
            self._flush()

    def _defect(self, key: Hashable, error: Exception) -> None:
        """A change the app itself failed on: logged whole, shown, and out of the way."""
        if isinstance(key, tuple) and len(key) == 2:
            self._unsaved_fields.pop(key, None)
        from playbook_app.logs import record_defect  # logging loads with the first defect

        log = record_defect("saving a change", error, self.data_dir)
        where = f" It was recorded in {log}." if log is not None else ""
        self.defectRecorded.emit(
            "A defect in the app stopped one change from being saved "
            f"({type(error).__name__}).{where} Your other changes keep saving."
        )
