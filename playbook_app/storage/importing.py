"""Storing merged assessments (from packets): one transaction, all or nothing, timestamps kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.storage import tables
from playbook_app.storage.backups import BackupInfo, backup_database, remember_before_import
from playbook_app.storage.database import StorageError, utc_now
from playbook_app.storage.repository import Store

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
        _refuse_participants_elsewhere(store.conn, record)
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
    with store.change():
        records = combine(load_existing(store, uids))
        return apply_imports(store, records)


def apply_import(store: Store, record: AssessmentRecord) -> int:
    """Upsert one whole record (see apply_imports); returns the assessment's id."""
    return apply_imports(store, [record])[0]


def apply_imports(store: Store, records: Sequence[AssessmentRecord]) -> list[int]:
    """Upsert every entity of every record in one transaction, keeping their `updated_at`.

    An assessment is found by uid and created (with its district) when new;
    participants by uid, answers by (participant, key action), consensus and
    agenda items by (assessment, key action). Nothing is deleted. Every row goes
    through the same writes as the store's own (storage/tables.py).
    """
    ids: list[int] = []
    with store.change() as conn:
        for record in records:
            ids.append(_apply(store, conn, record))
    return ids


def _apply(store: Store, conn: sqlite3.Connection, record: AssessmentRecord) -> int:
    now = utc_now()
    a = record.assessment
    assessment_id = store.assessment_id_for_uid(a.uid)
    if assessment_id is None:
        district_id = _district_id(conn, record, now)
        assessment_id = tables.insert_assessment(conn, a, district_id, now)
    else:
        # Only a real difference touches the row, so a repeated import changes nothing.
        tables.update_assessment(conn, assessment_id, a, now, only_if_changed=True)
        if a.follows is not None:  # a link, once made, is kept: the merge never drops one
            tables.link_follows(conn, assessment_id, a.follows)
    _add_participants(conn, record, assessment_id, now)
    tables.upsert_responses(conn, record.responses.values())
    tables.upsert_consensus(
        conn,
        assessment_id,
        [c._replace(updated_at=c.updated_at or now) for c in record.consensus.values()],
    )
    tables.upsert_agenda(
        conn,
        assessment_id,
        [g._replace(updated_at=g.updated_at or now) for g in record.agenda.values()],
    )
    return assessment_id


def _district_id(conn: sqlite3.Connection, record: AssessmentRecord, now: str) -> int:
    """The district profile for a new assessment: the one already here by that name and
    state (so a district's assessments stay together), else a new one."""
    d = record.district
    row = conn.execute(
        "SELECT id FROM district WHERE name = ? AND state = ? ORDER BY id LIMIT 1",
        [d.name, d.state],
    ).fetchone()
    if row is not None:
        return int(row[0])
    return tables.insert_district(conn, d, now)


def _add_participants(
    conn: sqlite3.Connection, record: AssessmentRecord, assessment_id: int, now: str
) -> None:
    """Insert the participants not yet stored; a uid stored under another assessment is refused.

    When someone arrives, every participant's position follows the record's order
    (the merge's fixed order), so the roster does not depend on who came first.
    """
    stored = {
        row[0]
        for row in conn.execute(
            "SELECT uid FROM participant WHERE assessment_id = ?", [assessment_id]
        ).fetchall()
    }
    _refuse_participants_elsewhere(conn, record)
    arriving = [p for p in record.participants if p.uid not in stored]
    if not arriving:
        return
    tables.insert_participants(conn, assessment_id, [(-1, p) for p in arriving], now)
    tables.set_positions(conn, [p.uid for p in record.participants])


def _refuse_participants_elsewhere(conn: sqlite3.Connection, record: AssessmentRecord) -> None:
    """A participant id already used by another assessment here: refused, nothing written."""
    for p in record.participants:
        elsewhere = conn.execute(
            "SELECT a.label FROM participant p JOIN assessment a ON a.id = p.assessment_id "
            "WHERE p.uid = ? AND a.uid != ?",
            [p.uid, record.assessment.uid],
        ).fetchone()
        if elsewhere is not None:
            raise StorageError(
                f"Participant {p.name!r} is already part of another assessment on this "
                f"computer ({elsewhere[0]!r}); nothing was imported."
            )
