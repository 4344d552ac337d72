"""Team mode's words (reveal, spread, disagreement, agreed stage) for review and projector."""

from __future__ import annotations

from dataclasses import dataclass

from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.scoring import Rating, Standing
from playbook_app.reports.labels import (
    NO_CONSENSUS_TEXT,
    NOT_APPLICABLE_TEXT,
    UNANSWERED_TEXT,
    UNSURE_TEXT,
    answer_text,
    stage_text,
)

FLAG = "⚑"
AGREED = "✓"
HIDDEN_HINT = (
    "Everyone's answers stay hidden until you reveal them, so nobody is swayed while rating."
)


@dataclass(frozen=True)
class Column:
    """One column of the side-by-side spread: a stage (or unsure, ...) and who chose it."""

    title: str
    names: tuple[str, ...]
    stage: Stage | None = None


def answered_text(standing: Standing) -> str:
    count = sum(1 for r in standing.ratings if r.answer is not None)
    return f"{count} of {len(standing.ratings)} have answered"


def rating_text(rating: Rating) -> str:
    """One participant's answer as the spread shows it (the printed agenda's words)."""
    return answer_text(Response(rating.participant, "", answer=rating.answer, stage=rating.stage))


def columns(standing: Standing) -> list[Column]:
    """Every stage of the continuum, then unsure, not applicable and not yet answered if any."""
    found: list[Column] = [
        Column(stage.label, tuple(r.name for r in standing.ratings if r.stage is stage), stage)
        for stage in Stage
    ]
    for title in (UNSURE_TEXT, NOT_APPLICABLE_TEXT, UNANSWERED_TEXT):
        names = tuple(
            r.name for r in standing.ratings if r.stage is None and rating_text(r) == title
        )
        if names:
            found.append(Column(title, names))
    return found


def spread_text(standing: Standing) -> str:
    stages = standing.stages
    if not stages:
        return "Nobody has chosen a stage yet."
    low, high = min(stages), max(stages)
    if standing.spread == 0:
        return f"Spread: none; everyone who chose a stage chose {low.label}."
    plural = "s" if standing.spread != 1 else ""
    return f"Spread: {standing.spread} stage{plural}, from {low.label} to {high.label}."


def flag_text(standing: Standing) -> str:
    """Why the room should talk this one through; empty when it need not."""
    if not standing.disagreement:
        return ""
    reasons = []
    if standing.spread is not None and standing.spread >= 2:
        reasons.append("ratings are two or more stages apart")
    kinds = {r.answer for r in standing.ratings}
    if AnswerKind.UNSURE in kinds:
        reasons.append("some are unsure")
    if AnswerKind.NOT_APPLICABLE in kinds:
        reasons.append("some find it not applicable")
    return f"{FLAG} Talk this through: {' and '.join(reasons)}."


def team_stage_text(standing: Standing) -> str:
    """The team's stage and how it was reached."""
    if standing.consensus is not None:
        return f"{AGREED} Agreed stage: {standing.consensus.stage.label}"
    if standing.consensus_pending:
        return f"Team stage: {stage_text(standing)} (the median; {NO_CONSENSUS_TEXT})"
    if standing.answered:
        return f"Team stage: {stage_text(standing)}"
    return "Team stage: none yet, nobody has answered"


def list_status(standing: Standing, revealed: bool) -> str:
    """The one line under a key action in the Team review list."""
    if not revealed:
        return f"Hidden · {answered_text(standing)}"
    parts = []
    if standing.consensus is not None:
        parts.append(f"{AGREED} Agreed: {standing.consensus.stage.label}")
    elif standing.consensus_pending:
        parts.append(f"Median {stage_text(standing)}, {NO_CONSENSUS_TEXT}")
    else:
        parts.append(stage_text(standing))
    if standing.spread:
        parts.append(f"spread {standing.spread}")
    if standing.disagreement:
        parts.append(f"{FLAG} talk through")
    return " · ".join(parts)
