"""How domain objects become table rows and back: one place for the column lists."""

from __future__ import annotations

import json
from typing import Any

from playbook_app import strict_json
from playbook_app.domain.assessment import (
    EDITABLE_FIELDS,
    AnswerKind,
    Confidence,
    Response,
    Stage,
)
from playbook_app.domain.playbook import Control


def new_uid() -> str:
    """A fresh id for an assessment or participant, unique across machines."""
    # uuid (with platform, which it loads) is imported when an id is first made,
    # not on every start of the app.
    import uuid

    return str(uuid.uuid4())


RESPONSE_COLUMNS: tuple[str, ...] = (
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
        steps_done=frozenset(strict_json.loads(row["steps_done"])),
        importance=row["importance"],
        effort=row["effort"],
        control=Control(row["control"]) if row["control"] else None,
        confidence=Confidence(row["confidence"]) if row["confidence"] else None,
        note=row["note"],
        updated_at=row["updated_at"],
    )
