"""Storing merged assessments (from packets): one transaction, all or nothing, timestamps kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from sqlite_utils import Database

from playbook_app.domain.assessment import AgendaEntry, AssessmentRecord
from playbook_app.storage.backups import BackupInfo, backup_database, remember_before_import
from playbook_app.storage.database import StorageError, utc_now
from playbook_app.storage.repository import Store
from playbook_app.storage.rows import UPSERT_RESPONSE, response_params

# Storage knows nothing of packets: the caller's merge turns what is stored into
# the records to write, and this module only sees domain objects.
Combine = Callable[[Mapping[str, AssessmentRecord]], Sequence[AssessmentRecord]]


class Plan(Protocol):
    """What a merge offers to storage: the records it would write (none: nothing to do)."""

    def records_to_write(self) -> Sequence[AssessmentRecord]: ...


_Plan = TypeVar("_Plan", bound=Plan)


def load_by_uid(store: Store, uid: str) -> AssessmentRecord | None:
    """The stored assessment with this uid, or None when this computer has never seen it."""
    assessment_id = store.assessment_id_for_uid(uid)
    return None if assessment_id is None else store.load(assessment_id)


def load_existing(store: Store, uids: Iterable[str]) -> dict[str, AssessmentRecord]:
    """The stored assessments among `uids`, by uid."""
    found = {uid: load_by_uid(store, uid) for uid in sorted(set(uids))}
    return {uid: record for uid, record in found.items() if record is not None}


def import_planned(
    store: Store, uids: Iterable[str], plan: Callable[[Mapping[str, AssessmentRecord]], _Plan]
) -> _Plan:
    """Import what `plan` makes of the stored records among `uids`: back up, then write at once.

    `plan` turns the stored records into a merge plan (it is called again inside
    the write transaction only if something was saved meanwhile). Nothing is
    written, and no backup made, when the plan has nothing to write. Returns the
    plan that was written; raises StorageError with nothing changed.
    """
    uids = sorted(set(uids))
    before = load_existing(store, uids)
    preview = plan(before)
    records = preview.records_to_write()
    if not records:
        return preview
    if store.read_only:
        raise StorageError(
            f"The data folder {store.path.parent} cannot be written to (it is read-only), "
            "so nothing was imported."
        )
    # Everything that would refuse the import is checked before the backup, so a
    # refused import leaves no backup behind to push the useful ones out.
    for record in records:
        _refuse_participants_elsewhere(store.db, record)
    made: BackupInfo | None = None
    if store.latest_assessment_id() is not None:  # an empty database has nothing to lose
        try:
            made = backup_database(store.conn, store.path.parent, "import")
        except StorageError as error:
            raise StorageError(
                f"A backup could not be made before importing, so nothing was imported: {error}",
                kind=error.kind,
            ) from None
    plans: list[_Plan] = []

    def combine(existing: Mapping[str, AssessmentRecord]) -> Sequence[AssessmentRecord]:
        current = preview if existing == before else plan(existing)
        plans.append(current)
        return current.records_to_write()

    import_records(store, uids, combine)
    remember_before_import(store.path.parent, made)
    return plans[-1]


def import_records(store: Store, uids: Iterable[str], combine: Combine) -> list[int]:
    """Load, combine and write in ONE write transaction, so nothing saved in between is lost.

    `combine` receives the stored records among `uids` and returns the records to
    write (all of them, or only those that changed). Any error, from it or from
    the database, leaves the database exactly as it was.
    """
    with store._write():
        records = combine(load_existing(store, uids))
        return apply_imports(store, records)


def apply_import(store: Store, record: AssessmentRecord) -> int:
    """Upsert one whole record (see apply_imports); returns the assessment's id."""
    return apply_imports(store, [record])[0]


def apply_imports(store: Store, records: Sequence[AssessmentRecord]) -> list[int]:
    """Upsert every entity of every record in one transaction, keeping their `updated_at`.

    An assessment is found by uid and created (with its district) when new;
    participants by uid, answers by (participant, key action), consensus and
    agenda items by (assessment, key action). Nothing is deleted.
    """
    ids: list[int] = []
    with store._write() as db:
        for record in records:
            ids.append(_apply(store, db, record))
    return ids


def _apply(store: Store, db: Database, record: AssessmentRecord) -> int:
    now = utc_now()
    a = record.assessment
    assessment_id = store.assessment_id_for_uid(a.uid)
    if assessment_id is None:
        cursor = db.execute(
            """INSERT INTO assessment (uid, district_id, label, date, playbook_id,
                   playbook_version, mode, created_at, updated_at, follows_uid)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [a.uid, _district_id(db, record, now), a.label, a.date, a.playbook_id,
             a.playbook_version, a.mode.value, now, now, a.follows],
        )  # fmt: skip
        assessment_id = _last_id(cursor)
    else:
        # Only a real difference touches the row, so a repeated import changes nothing.
        db.execute(
            """UPDATE assessment SET label = ?, date = ?, mode = ?, updated_at = ?
               WHERE id = ? AND (label IS NOT ? OR date IS NOT ? OR mode IS NOT ?)""",
            [a.label, a.date, a.mode.value, now, assessment_id, a.label, a.date, a.mode.value],
        )
        if a.follows is not None:  # a link, once made, is kept: the merge never drops one
            db.execute(
                "UPDATE assessment SET follows_uid = ? WHERE id = ? AND follows_uid IS NULL",
                [a.follows, assessment_id],
            )
    _add_participants(db, record, assessment_id, now)
    db.conn.executemany(UPSERT_RESPONSE, [response_params(r) for r in record.responses.values()])
    db.conn.executemany(
        """INSERT INTO consensus (assessment_id, action_id, stage, rationale, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (assessment_id, action_id) DO UPDATE SET stage = excluded.stage,
               rationale = excluded.rationale, updated_at = excluded.updated_at""",
        [
            [assessment_id, c.action, int(c.stage), c.rationale, c.updated_at or now]
            for c in record.consensus.values()
        ],
    )
    db.conn.executemany(
        """INSERT INTO agenda_item (assessment_id, action_id, owner, target_date, next_step,
               status, bucket, bucket_reason, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (assessment_id, action_id) DO UPDATE SET owner = excluded.owner,
               target_date = excluded.target_date, next_step = excluded.next_step,
               status = excluded.status, bucket = excluded.bucket,
               bucket_reason = excluded.bucket_reason, updated_at = excluded.updated_at""",
        [_agenda_params(assessment_id, g, now) for g in record.agenda.values()],
    )
    return assessment_id


def _district_id(db: Database, record: AssessmentRecord, now: str) -> int:
    """The district profile for a new assessment: the one already here by that name and
    state (so a district's assessments stay together), else a new one."""
    d = record.district
    row = db.execute(
        "SELECT id FROM district WHERE name = ? AND state = ? ORDER BY id LIMIT 1",
        [d.name, d.state],
    ).fetchone()
    if row is not None:
        return int(row[0])
    cursor = db.execute(
        """INSERT INTO district (name, state, locale, size, capacity, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [d.name, d.state, d.locale.value if d.locale else None, d.size, d.capacity, now],
    )
    return _last_id(cursor)


def _last_id(cursor: sqlite3.Cursor) -> int:
    if cursor.lastrowid is None:
        raise StorageError("The database did not record the new row; nothing was imported.")
    return cursor.lastrowid


def _add_participants(db: Database, record: AssessmentRecord, assessment_id: int, now: str) -> None:
    """Insert the participants not yet stored; a uid stored under another assessment is refused.

    When someone arrives, every participant's position follows the record's order
    (the merge's fixed order), so the roster does not depend on who came first.
    """
    stored = {
        row[0]
        for row in db.execute(
            "SELECT uid FROM participant WHERE assessment_id = ?", [assessment_id]
        ).fetchall()
    }
    _refuse_participants_elsewhere(db, record)
    arriving = [p for p in record.participants if p.uid not in stored]
    if not arriving:
        return
    db.conn.executemany(
        """INSERT INTO participant (uid, assessment_id, name, role, position, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [[p.uid, assessment_id, p.name, p.role, -1, now] for p in arriving],
    )
    db.conn.executemany(
        "UPDATE participant SET position = ? WHERE uid = ? AND position IS NOT ?",
        [[n, p.uid, n] for n, p in enumerate(record.participants)],
    )


def _refuse_participants_elsewhere(db: Database, record: AssessmentRecord) -> None:
    """A participant id already used by another assessment here: refused, nothing written."""
    for p in record.participants:
        elsewhere = db.execute(
            "SELECT a.label FROM participant p JOIN assessment a ON a.id = p.assessment_id "
            "WHERE p.uid = ? AND a.uid != ?",
            [p.uid, record.assessment.uid],
        ).fetchone()
        if elsewhere is not None:
            raise StorageError(
                f"Participant {p.name!r} is already part of another assessment on this "
                f"computer ({elsewhere[0]!r}); nothing was imported."
            )


def _agenda_params(assessment_id: int, g: AgendaEntry, now: str) -> list[Any]:
    return [
        assessment_id,
        g.action,
        g.owner,
        g.target_date,
        g.next_step,
        g.status.value,
        g.bucket,
        g.bucket_reason,
        g.updated_at or now,
    ]
