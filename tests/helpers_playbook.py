"""A small hand-built playbook and record builders, so domain tests do not depend on the pack."""

from __future__ import annotations

from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    AssessmentRecord,
    Consensus,
    District,
    Mode,
    Participant,
    Response,
    Stage,
)
from playbook_app.domain.playbook import (
    Control,
    KeyAction,
    Playbook,
    Recommendation,
    Source,
    Step,
)

# (recommendation number, default controls of its key actions)
_SHAPE = (
    (1, (Control.DISTRICT, Control.DISTRICT, Control.SHARED)),
    (2, (Control.DISTRICT, Control.STATE, Control.DISTRICT)),
    (3, (Control.DISTRICT, Control.SHARED)),
)


def _action(rec: int, pos: int, control: Control) -> KeyAction:
    aid = f"a{rec}{pos}"
    steps = (
        Step(f"{aid}-s1", "First step."),
        Step(
            f"{aid}-s2",
            "Second step, with parts.",
            (Step(f"{aid}-s2a", "Part a."), Step(f"{aid}-s2b", "Part b.")),
        ),
        Step(f"{aid}-s3", "Third step."),
    )
    return KeyAction(
        id=aid,
        number=f"{rec}.{pos}",
        title=f"Action {rec}.{pos}",
        text=f"Do key action {rec}.{pos}.",
        steps=steps,
        examples=(),
        resources=(),
        default_control=control,
    )


def small_playbook() -> Playbook:
    """Three recommendations, eight key actions (a11..a32), each with 3 steps and 2 sub-steps."""
    recs = tuple(
        Recommendation(
            id=f"r{n}",
            number=n,
            title=f"Recommendation {n}",
            summary="Summary.",
            key_actions=tuple(_action(n, i, c) for i, c in enumerate(controls, start=1)),
        )
        for n, controls in _SHAPE
    )
    source = Source("Test playbook", "Tests", "testing", "https://example.invalid", "2026-01-01")
    return Playbook("test", "1", "Test playbook", source, (), recs)


PEOPLE = (
    Participant("p1", "Dr. Maria Alvarez", "Superintendent"),
    Participant("p2", "Nguyễn Thị Hương", "Assistant Superintendent"),
    Participant("p3", "Zoë Ødegaard", "Director of Data"),
    Participant("p4", "James O'Connell", "CFO"),
)


def make_record(
    playbook: Playbook,
    mode: Mode = Mode.SOLO,
    people: int = 1,
    capacity: int = 3,
) -> AssessmentRecord:
    assessment = Assessment("uid-1", "Test", "2026-11-22", playbook.id, playbook.version, mode)
    district = District("Test District", "KY", capacity=capacity)
    return AssessmentRecord(assessment, district, list(PEOPLE[:people]))


def rate(
    record: AssessmentRecord,
    action: str,
    stage: Stage | int | None = None,
    *,
    who: str = "p1",
    answer: AnswerKind | None = None,
    **fields: object,
) -> None:
    """Record one response; a stage alone means a rated answer."""
    if answer is None and stage is not None:
        answer = AnswerKind.RATED
    response = Response(
        who, action, answer=answer, stage=None if stage is None else Stage(stage)
    ).with_changes(**fields)
    record.responses[(who, action)] = response


def agree(record: AssessmentRecord, action: str, stage: Stage | int) -> None:
    record.consensus[action] = Consensus(action, Stage(stage), "Agreed.")


def move(record: AssessmentRecord, action: str, bucket: str, reason: str = "") -> None:
    record.agenda[action] = AgendaEntry(action, bucket=bucket, bucket_reason=reason)
