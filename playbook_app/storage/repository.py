"""The store: reads and writes assessments as domain objects, one transaction per change."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook_app.domain.assessment import (
    AgendaEntry,
    Assessment,
    AssessmentRecord,
    AssessmentSummary,
    Consensus,
    District,
    Locale,
    Mode,
    Participant,
    Response,
    Stage,
    Status,
)
from playbook_app.paths import database_path
from playbook_app.storage import tables
from playbook_app.storage.database import (
    StorageError,
    check_version,
    connect_read_only,
    foreign_schema_error,
    immediate,
    pending_migrations,
    storage_error,
    utc_now,
    wrap,
)
from playbook_app.storage.recovery import open_checked, reopen_writable
from playbook_app.storage.rows import response_from_row
from playbook_app.storage.schema_guard import inspect_schema

if TYPE_CHECKING:
    from sqlite_utils import Database


class Store:
    """The only way the app touches its database.

    Reads are plain SQL on the connection; every write is one of the named writes
    of storage/tables.py, made inside `change()`. `db`, sqlite-utils' view of the
    same connection (for migrations and tests), is made on first use, so opening
    the app and showing an assessment never loads it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only  # a read-only folder: shown, but every write fails clearly
        # Called before every write; the window's raises unless it holds the folder's lock.
        self.before_write: Callable[[], None] | None = None
        self.after_close: Callable[[], None] | None = None  # the window frees its folder here
        self._reader = False
        self._wait_ms: int | None = None
        # The schema was checked on open; SQLite bumps this number on any change to it.
        self._schema_version = _schema_version(conn)

    @classmethod
    def open(cls, folder: Path, *, start_fresh: bool = False) -> Store:
        """Open the folder's database; see recovery.open_checked for damage and `start_fresh`."""
        path = database_path(folder)
        conn, read_only = open_checked(path, start_fresh=start_fresh)
        return cls(conn, path, read_only=read_only)

    @classmethod
    def open_reader(cls, folder: Path) -> Store:
        """Read the database while another program holds the folder's lock: nothing is
        migrated, repaired or moved, and every write fails clearly."""
        path = database_path(folder)
        try:
            conn = connect_read_only(path)
        except (OSError, sqlite3.Error) as error:
            raise storage_error(error, path) from None
        try:
            check_version(conn)
            if pending_migrations(conn):
                raise StorageError(
                    f"The data in {folder} is being updated by the program that has it open; "
                    "try again once it is done.",
                    kind="busy",
                )
        except BaseException:
            conn.close()
            raise
        store = cls(conn, path, read_only=True)
        store._reader = True
        return store

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on the same connection: table methods share its transactions."""
        return wrap(self.conn)

    def close(self) -> None:
        self.conn.close()
        if self.after_close is not None:
            self.after_close()

    def wait_at_most(self, milliseconds: int) -> None:
        """How long a write may wait on another program's lock before it fails as busy."""
        self._wait_ms = milliseconds
        self.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def change(self) -> Iterator[sqlite3.Connection]:
        """One change, all or nothing: the connection to make storage/tables.py's writes on.

        BEGIN IMMEDIATE, then commit or roll back as a whole; a change made inside
        another one becomes a savepoint of it. Every write of the app goes through
        here, so each passes the folder's lock, the read-only check and the schema check.
        """
        with immediate(self._writing(), self.path):
            yield self.conn

    def _writing(self) -> sqlite3.Connection:
        """The connection to write on: a folder read-only at start may have been fixed since,
        and a retry then succeeds instead of failing until the app restarts."""
        if self._reader:
            raise StorageError(
                f"{self.path.parent} is open in another program, so nothing was changed.",
                kind="locked",
            )
        if self.before_write is not None:
            self.before_write()
        if self.read_only and (conn := reopen_writable(self.path)) is not None:
            self.conn.close()
            self.conn, self.read_only = conn, False
            self.__dict__.pop("db", None)  # sqlite-utils' view of the old connection
            if self._wait_ms is not None:
                self.wait_at_most(self._wait_ms)
        self._refuse_foreign_schema()
        return self.conn

    def _refuse_foreign_schema(self) -> None:
        """No write once another program has changed the schema, unless it is still the app's:
        a trigger planted while the app is open would run on the app's own writes."""
        try:
            version = _schema_version(self.conn)
            if version == self._schema_version:
                return
            report = inspect_schema(self.conn, derive=False)
        except sqlite3.Error as error:
            raise storage_error(error, self.path) from None
        if not report.ok:
            raise foreign_schema_error(self.path, report)
        self._schema_version = version

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # Assessments -------------------------------------------------------------

    def create_assessment(
        self,
        district: District,
        assessment: Assessment,
        participants: list[Participant],
    ) -> AssessmentRecord:
        """Store a new assessment, with its district (new or existing) and participants."""
        now = utc_now()
        with self.change() as conn:
            district_id = district.id
            if district_id is None:
                district_id = tables.insert_district(conn, district, now)
            else:
                tables.update_district(conn, district_id, district, now)
            assessment_id = tables.insert_assessment(conn, assessment, district_id, now)
            tables.insert_participants(conn, assessment_id, enumerate(participants), now)
        return self.load(assessment_id)

    def add_record(self, record: AssessmentRecord) -> int:
        """Store a whole assessment with all its answers in one transaction; returns its id."""
        with self.change():
            created = self.create_assessment(
                record.district, record.assessment, record.participants
            )
            assessment_id = created.assessment.id
            assert assessment_id is not None
            for response in record.responses.values():
                self.save_response(response, keep_timestamp=True)
            for consensus in record.consensus.values():
                self.save_consensus(assessment_id, consensus, keep_timestamp=True)
            for entry in record.agenda.values():
                self.save_agenda_entry(assessment_id, entry, keep_timestamp=True)
        return assessment_id

    def update_assessment(self, assessment: Assessment, district: District) -> None:
        if assessment.id is None or district.id is None:
            raise ValueError("update_assessment needs stored ids")
        now = utc_now()
        with self.change() as conn:
            tables.update_district(conn, district.id, district, now)
            tables.update_assessment(conn, assessment.id, assessment, now)

    def delete_assessment(self, assessment_id: int) -> None:
        with self.change() as conn:
            tables.delete_assessment(conn, assessment_id)

    def list_assessments(self, action_ids: tuple[str, ...]) -> list[AssessmentSummary]:
        """Every assessment, newest first, with how many of the given actions are answered."""
        marks = ",".join("?" for _ in action_ids) or "NULL"
        sql = f"""
            SELECT a.id, a.uid, a.label, a.date, a.mode, d.name, d.state,
                (SELECT COUNT(DISTINCT r.action_id) FROM response r
                   JOIN participant p ON p.uid = r.participant_uid
                  WHERE p.assessment_id = a.id AND r.answer IS NOT NULL
                    AND r.action_id IN ({marks})) AS answered
            FROM assessment a JOIN district d ON d.id = a.district_id
            ORDER BY a.date DESC, a.id DESC
        """
        return [
            AssessmentSummary(
                id=row[0],
                uid=row[1],
                label=row[2],
                date=row[3],
                mode=Mode(row[4]),
                organization=row[5],
                state=row[6],
                answered=row[7],
                total=len(action_ids),
            )
            for row in self.conn.execute(sql, list(action_ids)).fetchall()
        ]

    def latest_assessment_id(self) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM assessment ORDER BY updated_at DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else int(row[0])

    def assessment_id_for_uid(self, uid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM assessment WHERE uid = ?", [uid]).fetchone()
        return None if row is None else int(row[0])

    def load_uid(self, assessment_id: int) -> str:
        row = self.conn.execute(
            "SELECT uid FROM assessment WHERE id = ?", [assessment_id]
        ).fetchone()
        if row is None:
            raise StorageError(f"There is no assessment with id {assessment_id}.")
        return str(row[0])

    def follows_map(self) -> dict[str, str | None]:
        """Every assessment's uid and the uid of the one it follows (None: it follows none)."""
        return {
            str(uid): follows
            for uid, follows in self.conn.execute("SELECT uid, follows_uid FROM assessment")
        }

    def load(self, assessment_id: int) -> AssessmentRecord:
        """Everything recorded against one assessment."""
        try:
            return self._load(assessment_id)
        except sqlite3.Error as error:
            raise StorageError(f"The assessment could not be read: {error}.") from None

    def _load(self, assessment_id: int) -> AssessmentRecord:
        rows = self._rows("SELECT * FROM assessment WHERE id = ?", [assessment_id])
        if not rows:
            raise StorageError(f"There is no assessment with id {assessment_id}.")
        a = rows[0]
        (d,) = self._rows("SELECT * FROM district WHERE id = ?", [a["district_id"]])
        record = AssessmentRecord(
            assessment=Assessment(
                uid=a["uid"],
                label=a["label"],
                date=a["date"],
                playbook_id=a["playbook_id"],
                playbook_version=a["playbook_version"],
                mode=Mode(a["mode"]),
                id=a["id"],
                district_id=a["district_id"],
                follows=a.get("follows_uid"),
            ),
            district=District(
                name=d["name"],
                state=d["state"],
                locale=Locale(d["locale"]) if d["locale"] else None,
                size=d["size"],
                capacity=d["capacity"],
                id=d["id"],
            ),
            participants=[
                Participant(uid=p["uid"], name=p["name"], role=p["role"])
                for p in self._rows(
                    "SELECT * FROM participant WHERE assessment_id = ? ORDER BY position, rowid",
                    [assessment_id],
                )
            ],
        )
        for r in self._rows(
            """SELECT r.* FROM response r JOIN participant p ON p.uid = r.participant_uid
               WHERE p.assessment_id = ?""",
            [assessment_id],
        ):
            response = response_from_row(r)
            record.responses[(response.participant, response.action)] = response
        for c in self._rows("SELECT * FROM consensus WHERE assessment_id = ?", [assessment_id]):
            record.consensus[c["action_id"]] = Consensus(
                action=c["action_id"],
                stage=Stage(c["stage"]),
                rationale=c["rationale"],
                updated_at=c["updated_at"],
            )
        for g in self._rows("SELECT * FROM agenda_item WHERE assessment_id = ?", [assessment_id]):
            record.agenda[g["action_id"]] = AgendaEntry(
                action=g["action_id"],
                owner=g["owner"],
                target_date=g["target_date"],
                next_step=g["next_step"],
                status=Status(g["status"]),
                bucket=g["bucket"],
                bucket_reason=g["bucket_reason"],
                updated_at=g["updated_at"],
            )
        return record

    # Answers ------------------------------------------------------------------

    def save_response(
        self,
        response: Response,
        *,
        fields: frozenset[str] | None = None,
        keep_timestamp: bool = False,
    ) -> Response:
        """Write one answer at once; returns it as stored, with the time it was saved.

        `fields` names what the user changed: on an answer already stored only those
        columns are written, so nothing someone else wrote is copied back over.
        """
        if not keep_timestamp or not response.updated_at:
            response = response.with_changes(updated_at=utc_now())
        with self.change() as conn:
            return tables.upsert_response(conn, response, fields)

    def save_consensus(
        self, assessment_id: int, consensus: Consensus, *, keep_timestamp: bool = False
    ) -> Consensus:
        if not keep_timestamp or not consensus.updated_at:
            consensus = consensus._replace(updated_at=utc_now())
        with self.change() as conn:
            tables.upsert_consensus(conn, assessment_id, [consensus])
        return consensus

    def delete_consensus(self, assessment_id: int, action_id: str) -> None:
        with self.change() as conn:
            tables.delete_consensus(conn, assessment_id, action_id)

    def save_agenda_entry(
        self, assessment_id: int, entry: AgendaEntry, *, keep_timestamp: bool = False
    ) -> AgendaEntry:
        if not keep_timestamp or not entry.updated_at:
            entry = entry._replace(updated_at=utc_now())
        with self.change() as conn:
            tables.upsert_agenda(conn, assessment_id, [entry])
        return entry

    # Participants ---------------------------------------------------------------

    def add_participant(self, assessment_id: int, participant: Participant) -> None:
        now = utc_now()
        with self.change() as conn:
            position = tables.next_position(conn, assessment_id)
            tables.insert_participants(conn, assessment_id, [(position, participant)], now)

    def update_participant(self, participant: Participant) -> None:
        with self.change() as conn:
            tables.update_participant(conn, participant, utc_now())

    def remove_participant(self, uid: str) -> None:
        """Remove a participant and, with them, their answers."""
        with self.change() as conn:
            tables.delete_participant(conn, uid)

    # Settings -------------------------------------------------------------------

    def get_setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self.change() as conn:
            tables.upsert_setting(conn, key, value)


def _schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA schema_version").fetchone()[0])
