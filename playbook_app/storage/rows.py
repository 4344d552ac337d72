"""How domain objects become table rows and back: one place for the column lists."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from playbook_app.domain.assessment import (
    EDITABLE_FIELDS,
    AnswerKind,
    Confidence,
    District,
    Participant,
    Response,
    Stage,
)
from playbook_app.domain.playbook import Control
from playbook_app.storage.database import StorageError

if TYPE_CHECKING:
    from sqlite_utils.db import Table


def new_uid() -> str:
    """A fresh id for an assessment or participant, unique across machines."""
    # uuid (with platform, which it loads) is imported when an id is first made,
    # not on every start of the app.
    import uuid

    return str(uuid.uuid4())


_RESPONSE_COLUMNS: tuple[str, ...] = (
    "participant_uid",
    "action_id",
    "answer",
    "stage",
    "reason",
    "steps_done",
    "importance",
    "effort",
    "control",
    "confidence",
    "note",
    "updated_at",
)
# Each field a person edits is stored in the column of its name, except that a stage is
# stored only with a rated answer, so the two always travel together.
RESPONSE_FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    name: ("answer", "stage") if name in ("answer", "stage") else (name,)
    for name in EDITABLE_FIELDS
}


@cache
def upsert_response_sql(fields: frozenset[str] | None = None, *, returning: bool = True) -> str:
    """Insert a whole answer, or on an existing row set only the columns of `fields`
    (None: every column), returning the row as stored (`returning`)."""
    columns: tuple[str, ...]
    if fields is None:
        columns = _RESPONSE_COLUMNS[2:]
    else:
        wanted = {c for f in fields for c in RESPONSE_FIELD_COLUMNS[f]} | {"updated_at"}
        columns = tuple(c for c in _RESPONSE_COLUMNS if c in wanted)
    marks = ", ".join("?" for _ in _RESPONSE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return (
        f"INSERT INTO response ({', '.join(_RESPONSE_COLUMNS)}) VALUES ({marks}) "
        f"ON CONFLICT (participant_uid, action_id) DO UPDATE SET {updates}"
        + (" RETURNING *" if returning else "")
    )


UPSERT_RESPONSE = upsert_response_sql(returning=False)  # whole rows, many at once


def inserted_id(table: Table) -> int:
    """The rowid of the row just inserted (SQLite always gives one to these tables)."""
    if table.last_pk is None:
        raise StorageError("The database did not report the new row; nothing was saved.")
    return int(table.last_pk)


def district_row(district: District, now: str) -> dict[str, Any]:
    return {
        "name": district.name,
        "state": district.state,
        "locale": district.locale.value if district.locale else None,
        "size": district.size,
        "capacity": district.capacity,
        "updated_at": now,
    }


def participant_row(
    participant: Participant, assessment_id: int, position: int, now: str
) -> dict[str, Any]:
    return {
        "uid": participant.uid or new_uid(),
        "assessment_id": assessment_id,
        "name": participant.name,
        "role": participant.role,
        "position": position,
        "updated_at": now,
    }


def response_params(r: Response) -> list[Any]:
    return [
        r.participant,
        r.action,
        r.answer.value if r.answer else None,
        int(r.stage) if r.stage is not None and r.answer is AnswerKind.RATED else None,
        r.reason,
        json.dumps(sorted(r.steps_done)),
        r.importance,
        r.effort,
        r.control.value if r.control else None,
        r.confidence.value if r.confidence else None,
        r.note,
        r.updated_at,
    ]


def response_from_row(row: dict[str, Any]) -> Response:
    return Response(
        participant=row["participant_uid"],
        action=row["action_id"],
        answer=AnswerKind(row["answer"]) if row["answer"] else None,
        stage=Stage(row["stage"]) if row["stage"] is not None else None,
        reason=row["reason"],
        steps_done=frozenset(json.loads(row["steps_done"])),
        importance=row["importance"],
        effort=row["effort"],
        control=Control(row["control"]) if row["control"] else None,
        confidence=Confidence(row["confidence"]) if row["confidence"] else None,
        note=row["note"],
        updated_at=row["updated_at"],
    )
