"""What a person (and, in a team, the team) gave on a key action in the year before."""

from __future__ import annotations

from dataclasses import dataclass

from playbook_app.domain.assessment import AnswerKind, AssessmentRecord, Mode, Response, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import standing_of


def same_name(a: str, b: str) -> bool:
    """Names as people mean them: case and spacing do not make another person."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@dataclass(frozen=True)
class LastTime:
    label: str  # last time's assessment label
    date: str
    own: Response | None  # this person's answer then (matched by name), if they answered
    steps_total: int
    team_stage: Stage | None  # the team's stage then: agreed, else the median
    team_agreed: bool
    team: bool

    @property
    def keepable(self) -> tuple[AnswerKind, Stage | None, str] | None:
        """The answer "keep the same" gives: this person's own, else the team's stage then."""
        own = self.own
        if own is not None and own.answer is not None:
            if own.answer is AnswerKind.RATED and own.stage is None:
                return None
            return own.answer, own.stage if own.answer is AnswerKind.RATED else None, own.reason
        if self.team_stage is not None:
            return AnswerKind.RATED, self.team_stage, ""
        return None


def last_time(
    previous: AssessmentRecord, playbook: Playbook, person: str, action_id: str
) -> LastTime:
    """What `person` (a name) gave on the key action in `previous`; the only person of a solo
    assessment counts as the same person whatever the name."""
    people = previous.participants
    match = next((p for p in people if same_name(p.name, person)), None)
    if match is None and previous.assessment.mode is Mode.SOLO and len(people) == 1:
        match = people[0]
    own = previous.responses.get((match.uid, action_id)) if match is not None else None
    team = previous.assessment.mode is Mode.TEAM
    action = playbook.action(action_id)
    standing = standing_of(
        action,
        [(p, previous.response(p.uid, action_id)) for p in (people if team else people[:1])],
        previous.consensus.get(action_id),
        team,
    )
    return LastTime(
        label=previous.assessment.label,
        date=previous.assessment.date,
        own=own if own is not None and own.answered else None,
        steps_total=len(action.step_ids),
        team_stage=standing.stage if team else None,
        team_agreed=team and standing.consensus is not None,
        team=team,
    )
