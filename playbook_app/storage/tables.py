"""The one write path for each table: every INSERT, UPDATE and DELETE the app makes is here.

The store's methods and the packet import both call these functions, inside a
transaction the caller opened (Store.change), so a rule about how a row is written
(its columns, its conflict key, what an update may touch) lives in one place.
tests/test_one_write_path.py fails if SQL that writes a table appears anywhere else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from playbook_app.domain.assessment import (
    AgendaEntry,
    Assessment,
    Consensus,
    District,
    Participant,
    Response,
)
from playbook_app.storage.database import StorageError
from playbook_app.storage.rows import (
    RESPONSE_COLUMNS,
    RESPONSE_FIELD_COLUMNS,
    new_uid,
    response_from_row,
    response_params,
)

# District ---------------------------------------------------------------------------


def insert_district(conn: sqlite3.Connection, district: District, now: str) -> int:
    cursor = conn.execute(
        """INSERT INTO district (name, state, locale, size, capacity, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [*_district_values(district), now],
    )
    return _new_id(cursor)


def update_district(
    conn: sqlite3.Connection, district_id: int, district: District, now: str
) -> None:
    cursor = conn.execute(
        """UPDATE district SET name = ?, state = ?, locale = ?, size = ?, capacity = ?,
               updated_at = ? WHERE id = ?""",
        [*_district_values(district), now, district_id],
    )
    _found(cursor, "district profile")


def _district_values(d: District) -> list[Any]:
    return [d.name, d.state, d.locale.value if d.locale else None, d.size, d.capacity]


# Assessment -------------------------------------------------------------------------


def insert_assessment(
    conn: sqlite3.Connection, assessment: Assessment, district_id: int, now: str
) -> int:
    """A new assessment (a fresh uid when it has none); returns its id."""
    a = assessment
    row = {
        "uid": a.uid or new_uid(),
        "district_id": district_id,
        "label": a.label,
        "date": a.date,
        "playbook_id": a.playbook_id,
        "playbook_version": a.playbook_version,
        "mode": a.mode.value,
        "created_at": now,
        "updated_at": now,
    }
    if a.follows is not None:  # named only when set: the first layout had no such column
        row["follows_uid"] = a.follows
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(
        f"INSERT INTO assessment ({', '.join(row)}) VALUES ({marks})", list(row.values())
    )
    return _new_id(cursor)


def update_assessment(
    conn: sqlite3.Connection,
    assessment_id: int,
    assessment: Assessment,
    now: str,
    *,
    only_if_changed: bool = False,
) -> None:
    """Label, date and mode, with the time of the change.

    `only_if_changed` (the import): the row is touched only when one of them differs,
    so a repeated import changes nothing; otherwise the assessment must exist.
    """
    a = assessment
    values = [a.label, a.date, a.mode.value, now, assessment_id]
    if only_if_changed:
        conn.execute(
            """UPDATE assessment SET label = ?, date = ?, mode = ?, updated_at = ?
               WHERE id = ? AND (label IS NOT ? OR date IS NOT ? OR mode IS NOT ?)""",
            [*values, a.label, a.date, a.mode.value],
        )
        return
    _found(
        conn.execute(
            "UPDATE assessment SET label = ?, date = ?, mode = ?, updated_at = ? WHERE id = ?",
            values,
        ),
        "assessment",
    )


def link_follows(conn: sqlite3.Connection, assessment_id: int, follows: str) -> None:
    """Record which assessment this one follows; a link, once made, is kept."""
    conn.execute(
        "UPDATE assessment SET follows_uid = ? WHERE id = ? AND follows_uid IS NULL",
        [follows, assessment_id],
    )


def delete_assessment(conn: sqlite3.Connection, assessment_id: int) -> None:
    """The assessment and, by the schema's cascades, everything recorded against it."""
    conn.execute("DELETE FROM assessment WHERE id = ?", [assessment_id])


# Participant ------------------------------------------------------------------------


def insert_participants(
    conn: sqlite3.Connection,
    assessment_id: int,
    placed: Iterable[tuple[int, Participant]],
    now: str,
) -> None:
    """New participants at the given positions (a fresh uid for one that has none)."""
    conn.executemany(
        """INSERT INTO participant (uid, assessment_id, name, role, position, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [
            [p.uid or new_uid(), assessment_id, p.name, p.role, position, now]
            for position, p in placed
        ],
    )


def next_position(conn: sqlite3.Connection, assessment_id: int) -> int:
    """The position after the assessment's last participant (0 for the first)."""
    row = conn.execute(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM participant WHERE assessment_id = ?",
        [assessment_id],
    ).fetchone()
    return int(row[0])


def set_positions(conn: sqlite3.Connection, uids: Sequence[str]) -> None:
    """Number the participants in this order; a row already in place is not touched."""
    conn.executemany(
        "UPDATE participant SET position = ? WHERE uid = ? AND position IS NOT ?",
        [[n, uid, n] for n, uid in enumerate(uids)],
    )


def update_participant(conn: sqlite3.Connection, participant: Participant, now: str) -> None:
    cursor = conn.execute(
        "UPDATE participant SET name = ?, role = ?, updated_at = ? WHERE uid = ?",
        [participant.name, participant.role, now, participant.uid],
    )
    _found(cursor, "participant")


def delete_participant(conn: sqlite3.Connection, uid: str) -> None:
    """The participant and, by the schema's cascade, their answers."""
    conn.execute("DELETE FROM participant WHERE uid = ?", [uid])


# Response ---------------------------------------------------------------------------


@cache
def upsert_response_sql(fields: frozenset[str] | None = None, *, returning: bool = True) -> str:
    """Insert a whole answer, or on an existing row set only the columns of `fields`
    (None: every column), returning the row as stored (`returning`)."""
    columns: tuple[str, ...]
    if fields is None:
        columns = RESPONSE_COLUMNS[2:]
    else:
        wanted = {c for f in fields for c in RESPONSE_FIELD_COLUMNS[f]} | {"updated_at"}
        columns = tuple(c for c in RESPONSE_COLUMNS if c in wanted)
    marks = ", ".join("?" for _ in RESPONSE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return (
        f"INSERT INTO response ({', '.join(RESPONSE_COLUMNS)}) VALUES ({marks}) "
        f"ON CONFLICT (participant_uid, action_id) DO UPDATE SET {updates}"
        + (" RETURNING *" if returning else "")
    )


def upsert_response(
    conn: sqlite3.Connection, response: Response, fields: frozenset[str] | None = None
) -> Response:
    """One answer (see upsert_response_sql for `fields`); returns it as stored."""
    cursor = conn.execute(upsert_response_sql(fields), response_params(response))
    names = [column[0] for column in cursor.description]
    row = cursor.fetchone()
    return response_from_row(dict(zip(names, row, strict=True)))


def upsert_responses(conn: sqlite3.Connection, responses: Iterable[Response]) -> None:
    """Whole answers, many at once, each as given (timestamps included)."""
    conn.executemany(upsert_response_sql(returning=False), [response_params(r) for r in responses])


# Consensus --------------------------------------------------------------------------


def upsert_consensus(
    conn: sqlite3.Connection, assessment_id: int, items: Iterable[Consensus]
) -> None:
    """The team's agreed stages, each as given (timestamps included)."""
    conn.executemany(
        """INSERT INTO consensus (assessment_id, action_id, stage, rationale, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (assessment_id, action_id) DO UPDATE SET stage = excluded.stage,
               rationale = excluded.rationale, updated_at = excluded.updated_at""",
        [[assessment_id, c.action, int(c.stage), c.rationale, c.updated_at] for c in items],
    )


def delete_consensus(conn: sqlite3.Connection, assessment_id: int, action_id: str) -> None:
    conn.execute(
        "DELETE FROM consensus WHERE assessment_id = ? AND action_id = ?",
        [assessment_id, action_id],
    )


# Agenda item ------------------------------------------------------------------------


def upsert_agenda(
    conn: sqlite3.Connection, assessment_id: int, entries: Iterable[AgendaEntry]
) -> None:
    """Agenda items, each as given (timestamps included)."""
    conn.executemany(
        """INSERT INTO agenda_item (assessment_id, action_id, owner, target_date, next_step,
               status, bucket, bucket_reason, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (assessment_id, action_id) DO UPDATE SET owner = excluded.owner,
               target_date = excluded.target_date, next_step = excluded.next_step,
               status = excluded.status, bucket = excluded.bucket,
               bucket_reason = excluded.bucket_reason, updated_at = excluded.updated_at""",
        [
            [assessment_id, g.action, g.owner, g.target_date, g.next_step, g.status.value,
             g.bucket, g.bucket_reason, g.updated_at]
            for g in entries
        ],
    )  # fmt: skip


# Setting ----------------------------------------------------------------------------


def upsert_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


# ------------------------------------------------------------------------------------


def _new_id(cursor: sqlite3.Cursor) -> int:
    if cursor.lastrowid is None:
        raise StorageError("The database did not report the new row; nothing was saved.")
    return cursor.lastrowid


def _found(cursor: sqlite3.Cursor, what: str) -> None:
    """An update by key that matched no row: it was removed meanwhile (by another program)."""
    if cursor.rowcount == 0:
        raise StorageError(f"The {what} is no longer in the database, so nothing was saved.")
