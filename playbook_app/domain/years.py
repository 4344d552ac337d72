"""The line of years: which assessments follow which, and each recommendation over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.followup import Comparison, Side, carried_over_actions, compare, side_of
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import Placement, placements, standings


def lineage(uid: str, follows: Mapping[str, str | None]) -> list[str]:
    """The assessments `uid` descends from, oldest first, ending with `uid` itself.

    `follows` maps each known assessment's uid to the uid it follows. A predecessor
    this computer does not have ends the line; a loop (only a damaged file could
    make one) is cut where it closes.
    """
    line = [uid]
    seen = {uid}
    current = follows.get(uid)
    while current is not None and current in follows and current not in seen:
        line.append(current)
        seen.add(current)
        current = follows.get(current)
    return line[::-1]


@dataclass(frozen=True)
class HistoryPoint:
    side: Side
    overall: Placement
    by_recommendation: tuple[tuple[str, Placement], ...]  # (recommendation id, placement)

    def placement(self, recommendation_id: str) -> Placement | None:
        return dict(self.by_recommendation).get(recommendation_id)

    def mean(self, recommendation_id: str) -> float | None:
        found = self.placement(recommendation_id)
        return None if found is None else found.mean


def history(records: Sequence[AssessmentRecord], playbook: Playbook) -> tuple[HistoryPoint, ...]:
    """Each recommendation's mean stage in each assessment, in the order given."""
    points = []
    for record in records:
        overall, per_rec = placements(standings(record, playbook), playbook)
        points.append(
            HistoryPoint(side_of(record), overall, tuple((rec.id, p) for rec, p in per_rec))
        )
    return tuple(points)


@dataclass(frozen=True)
class Years:
    """What the reports of one assessment need to know about the years before it."""

    comparison: Comparison | None = None  # with the assessment it follows, when that is here
    carried: frozenset[str] = frozenset()  # key actions whose agenda items carried over
    history: tuple[HistoryPoint, ...] = ()  # the line of years, oldest first, this one last
    missing: bool = False  # it follows an assessment that is not on this computer

    @property
    def chart(self) -> bool:
        """Three or more years: enough for a line over time."""
        return len(self.history) >= 3


def years(line: Sequence[AssessmentRecord], playbook: Playbook) -> Years:
    """The Years of the last record of `line` (oldest first, as lineage gives it)."""
    record = line[-1]
    previous = line[-2] if len(line) > 1 else None
    follows = record.assessment.follows
    if previous is None or previous.assessment.uid != follows:
        return Years(missing=follows is not None, history=history(line[-1:], playbook))
    return Years(
        comparison=compare(previous, record, playbook),
        carried=carried_over_actions(record, previous),
        history=history(line, playbook),
    )
