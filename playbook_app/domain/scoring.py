"""Combining answers into one standing per key action, and placing the district on the continuum."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from playbook_app.domain.assessment import (
    AnswerKind,
    AssessmentRecord,
    Confidence,
    Consensus,
    Mode,
    Participant,
    Response,
    Stage,
)
from playbook_app.domain.playbook import Control, KeyAction, Playbook, Recommendation

DEFAULT_IMPORTANCE = 2
DEFAULT_EFFORT = 2
_SCALE = (1, 2, 3)

# Ties between equally common control answers go to the more dependent one: an
# agenda that assumes the district can act alone when half the room thinks it
# cannot would over-promise to the board.
_DEPENDENCE = {Control.DISTRICT: 0, Control.SHARED: 1, Control.STATE: 2}
_CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)

TEAM_RULE = (
    "In team mode a key action's stage is the stage the team agreed and recorded; until then it "
    "is the median of the participants' rated stages (with an even number of ratings, the lower "
    'of the two middle stages, to stay conservative), marked "no consensus yet", unless at least '
    "half of those who rated it or said unsure said unsure: then the team is unsure."
)
DEFAULTS_RULE = (
    "Importance and effort count as medium (2) when nobody gave them, and are then marked "
    '"(assumed)" wherever they are shown; otherwise they are the median of what was given. '
    "Control is the most common answer (a tie goes to the more dependent choice), else the "
    "app's suggested answer for that key action."
)
PLACEMENT_RULE = (
    "Placement is this app's own reading, not an official ALI score: the mean stage of the rated "
    "key actions (Not yet started 0, Emerging 1, Developing 2, Advancing 3) places a "
    "recommendation, or the whole assessment, at the nearest stage: Not yet started below 0.5, "
    "Emerging from 0.5 to below 1.5, Developing from 1.5 to below 2.5, and Advancing from 2.5; "
    "unsure and not-applicable answers are left out of the mean and counted, as are key actions "
    "not yet answered."
)

_N = TypeVar("_N", bound=int)


def lower_median(values: Sequence[_N]) -> _N:
    """The middle value; with an even count, the lower of the two middle values."""
    if not values:
        raise ValueError("lower_median() of nothing")
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


@dataclass(frozen=True)
class Rating:
    """One participant's answer on one key action, as it counts for scoring."""

    participant: str  # participant uid
    name: str
    answer: AnswerKind | None
    stage: Stage | None  # set only for a rated answer
    confidence: Confidence | None = None
    note: str = ""


@dataclass(frozen=True)
class Standing:
    """Where the district stands on one key action, all participants' answers combined."""

    action: str
    answer: AnswerKind | None  # None: not yet answered
    stage: Stage | None  # set only when the answer is rated
    control: Control
    importance: int = DEFAULT_IMPORTANCE
    effort: int = DEFAULT_EFFORT
    importance_assumed: bool = False  # nobody gave one: DEFAULT_IMPORTANCE stands in
    effort_assumed: bool = False
    confidence: Confidence | None = None
    reasons: tuple[str, ...] = ()  # why not applicable
    steps_done: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()
    ratings: tuple[Rating, ...] = ()  # per participant, in participant order
    consensus: Consensus | None = None
    consensus_pending: bool = False
    spread: int | None = None  # highest minus lowest rated stage
    disagreement: bool = False

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def rated(self) -> bool:
        return self.answer is AnswerKind.RATED and self.stage is not None

    @property
    def gap(self) -> int | None:
        """Stages still to climb to Advancing; None when there is no stage."""
        return None if self.stage is None else Stage.ADVANCING - self.stage

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The participants' rated stages, in participant order."""
        return tuple(r.stage for r in self.ratings if r.stage is not None)


def _effective_answer(response: Response) -> AnswerKind | None:
    # A rating without a stage is half-entered; it must not count as an answer.
    if response.answer is AnswerKind.RATED and response.stage is None:
        return None
    return response.answer


def _rating(participant: Participant, response: Response) -> Rating:
    answer = _effective_answer(response)
    return Rating(
        participant=participant.uid,
        name=participant.name,
        answer=answer,
        stage=response.stage if answer is AnswerKind.RATED else None,
        confidence=response.confidence,
        note=response.note,
    )


def _scale_median(values: Iterable[int | None], default: int) -> tuple[int, bool]:
    """The median of the values given, or (default, True) when none was: an assumed value."""
    # Out-of-range values can only come from a damaged file; they count as not given.
    given = [v for v in values if v in _SCALE]
    return (lower_median(given), False) if given else (default, True)


def team_is_unsure(unsure: int, rated: int) -> bool:
    """True when at least half of those who rated or said unsure said unsure (none: False).

    Then no fair median can be formed, so the team's answer is unsure. A solo
    assessment is the case of one: unsure exactly when that person said so.
    """
    return unsure > 0 and unsure >= rated


def _control(given: Iterable[Control | None], fallback: Control) -> Control:
    counts = Counter(c for c in given if c is not None)
    if not counts:
        return fallback
    return max(counts, key=lambda c: (counts[c], _DEPENDENCE[c]))


def _confidence(given: Iterable[Confidence | None]) -> Confidence | None:
    ranks = [_CONFIDENCE_ORDER.index(c) for c in given if c is not None]
    return _CONFIDENCE_ORDER[lower_median(ranks)] if ranks else None


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in texts if t.strip()))


def standing_of(
    action: KeyAction,
    responses: Sequence[tuple[Participant, Response]],
    consensus: Consensus | None,
    team: bool,
) -> Standing:
    """Combine the given participants' responses on one key action."""
    ratings = tuple(_rating(p, r) for p, r in responses)
    given = [r for _, r in responses]
    rated = [r.stage for r in ratings if r.stage is not None]
    kinds = {r.answer for r in ratings if r.answer is not None}
    unsure = sum(1 for r in ratings if r.answer is AnswerKind.UNSURE)
    if not team:
        consensus = None

    stage: Stage | None
    answer: AnswerKind | None
    if consensus is not None:
        answer, stage = AnswerKind.RATED, consensus.stage
    elif team_is_unsure(unsure, len(rated)):
        answer, stage = AnswerKind.UNSURE, None
    elif rated:
        answer, stage = AnswerKind.RATED, lower_median(rated)
    elif AnswerKind.NOT_APPLICABLE in kinds:
        answer, stage = AnswerKind.NOT_APPLICABLE, None
    else:
        answer, stage = None, None

    spread = max(rated) - min(rated) if rated else None
    # Disagreement flags what the room should talk about: ratings two or more
    # stages apart, or someone unsure (or finding it not applicable) while
    # others answered differently. A room that is unsure as one is not split.
    disagreement = team and (
        (spread is not None and spread >= 2)
        or (len(kinds) > 1 and bool(kinds & {AnswerKind.UNSURE, AnswerKind.NOT_APPLICABLE}))
    )
    importance, importance_assumed = _scale_median(
        (r.importance for r in given), DEFAULT_IMPORTANCE
    )
    effort, effort_assumed = _scale_median((r.effort for r in given), DEFAULT_EFFORT)
    steps_done: frozenset[str] = frozenset()
    for r in given:
        # Union: one cabinet member who knows a step is done is enough.
        steps_done |= r.steps_done
    return Standing(
        action=action.id,
        answer=answer,
        stage=stage,
        control=_control((r.control for r in given), action.default_control),
        importance=importance,
        effort=effort,
        importance_assumed=importance_assumed,
        effort_assumed=effort_assumed,
        confidence=_confidence(r.confidence for r in given),
        reasons=_unique(r.reason for r in given if r.answer is AnswerKind.NOT_APPLICABLE),
        steps_done=steps_done & frozenset(action.step_ids),
        notes=_unique(r.note for r in given),
        ratings=ratings,
        consensus=consensus,
        # Pending only while the stage shown is the median: an unsure team has no stage to agree.
        consensus_pending=team and consensus is None and answer is AnswerKind.RATED,
        spread=spread,
        disagreement=disagreement,
    )


def standings(record: AssessmentRecord, playbook: Playbook) -> list[Standing]:
    """One standing per key action, in playbook order.

    Solo mode reads the first (only) participant and ignores any consensus rows;
    team mode reads every listed participant. Responses from people no longer
    listed as participants do not count.
    """
    team = record.assessment.mode is Mode.TEAM
    people = record.participants if team else record.participants[:1]
    result = []
    for action in playbook.key_actions:
        pairs = [(p, record.response(p.uid, action.id)) for p in people]
        result.append(standing_of(action, pairs, record.consensus.get(action.id), team))
    return result


@dataclass(frozen=True)
class Placement:
    """Where a recommendation, or the whole assessment, sits on the continuum."""

    mean: float | None  # mean rated stage, 0..3; None when nothing is rated
    placement: Stage | None  # the nearest stage to the mean; None when nothing is rated
    rated: int
    unsure: int
    not_applicable: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.rated + self.unsure + self.not_applicable + self.unanswered

    @property
    def mean_text(self) -> str:
        """The mean to two decimals, never rounded up onto a cut point.

        To one decimal, 0.47 would print as "0.5" beside "Not yet started"; a value
        that would round up to exactly x.50 is cut down instead (0.499 reads 0.49).
        """
        if self.mean is None or self.rated <= 0:
            return ""
        stage_sum = round(self.mean * self.rated)  # the exact integer sum of the stages
        hundredths = (200 * stage_sum + self.rated) // (2 * self.rated)  # half rounds up
        if hundredths % 100 == 50 and 100 * stage_sum < hundredths * self.rated:
            hundredths -= 1
        return f"{hundredths // 100}.{hundredths % 100:02d}"


# The bands PLACEMENT_RULE describes, on the 0-3 mean, for charts to draw; place_mean
# decides exactly, without floats. The cut points sit halfway between stages.
PLACEMENT_BANDS: tuple[tuple[float, float, Stage], ...] = (
    (0.0, 0.5, Stage.NOT_STARTED),
    (0.5, 1.5, Stage.EMERGING),
    (1.5, 2.5, Stage.DEVELOPING),
    (2.5, 3.0, Stage.ADVANCING),
)


def place_mean(total: int, count: int) -> Stage:
    """The stage nearest the mean total/count (a half rounds up), compared exactly."""
    if count <= 0:
        raise ValueError("place_mean() needs at least one rated key action")
    # mean >= stage - 0.5  <=>  2 * total >= (2 * stage - 1) * count
    placed = Stage.NOT_STARTED
    for stage in Stage:
        if 2 * total >= (2 * int(stage) - 1) * count:
            placed = stage
    return placed


def place(items: Iterable[Standing | None]) -> Placement:
    """Place a group of standings; None stands for a key action with no standing at all."""
    stages: list[int] = []
    unsure = not_applicable = unanswered = 0
    for s in items:
        if s is not None and s.rated and s.stage is not None:
            stages.append(int(s.stage))
        elif s is not None and s.answer is AnswerKind.UNSURE:
            unsure += 1
        elif s is not None and s.answer is AnswerKind.NOT_APPLICABLE:
            not_applicable += 1
        else:
            unanswered += 1
    if not stages:
        return Placement(None, None, 0, unsure, not_applicable, unanswered)
    total = sum(stages)
    return Placement(
        mean=total / len(stages),
        placement=place_mean(total, len(stages)),
        rated=len(stages),
        unsure=unsure,
        not_applicable=not_applicable,
        unanswered=unanswered,
    )


def placements(
    standings: Sequence[Standing], playbook: Playbook
) -> tuple[Placement, list[tuple[Recommendation, Placement]]]:
    """The whole assessment's placement, then each recommendation's, in playbook order.

    The overall mean is taken over all rated key actions, not over the
    recommendations' means, so every key action weighs the same.
    """
    by_id = {s.action: s for s in standings}
    per_recommendation = [
        (rec, place(by_id.get(a.id) for a in rec.key_actions)) for rec in playbook.recommendations
    ]
    overall = place(by_id.get(a) for a in playbook.action_ids)
    return overall, per_recommendation
