"""How domain objects become table rows and back: one place for the column lists."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from playbook_app.domain.assessment import (
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


UPSERT_RESPONSE = """
INSERT INTO response (participant_uid, action_id, answer, stage, reason, steps_done,
    importance, effort, control, confidence, note, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (participant_uid, action_id) DO UPDATE SET
    answer = excluded.answer, stage = excluded.stage, reason = excluded.reason,
    steps_done = excluded.steps_done, importance = excluded.importance,
    effort = excluded.effort, control = excluded.control,
    confidence = excluded.confidence, note = excluded.note, updated_at = excluded.updated_at
"""


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
