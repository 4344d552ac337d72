"""The prioritized action agenda: priority, buckets, reasons and the district's own moves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from playbook_app.domain.assessment import (
    DEFAULT_CAPACITY,
    EFFORT_LABELS,
    IMPORTANCE_LABELS,
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Stage,
)
from playbook_app.domain.playbook import Control, KeyAction, Playbook, Recommendation, Step
from playbook_app.domain.scoring import DEFAULTS_RULE, TEAM_RULE, Standing, standings

IMPORTANCE_WEIGHT = 3
GAP_WEIGHT = 2
EFFORT_WEIGHT = 1
CONTROL_BONUS = {Control.DISTRICT: 2, Control.SHARED: 1, Control.STATE: 0}


class Bucket(StrEnum):
    """Where an action sits on the agenda, in the order the agenda lists them."""

    START_NOW = "start_now"
    PLAN = "plan"
    RAISE = "raise"
    FIND_OUT = "find_out"
    SUSTAIN = "sustain"

    @property
    def label(self) -> str:
        return _BUCKET_TEXT[self][0]

    @property
    def rule(self) -> str:
        """The sentence that says what belongs in this bucket."""
        return _BUCKET_TEXT[self][1]

    @classmethod
    def parse(cls, value: str | None) -> Bucket | None:
        """The bucket a stored override names, or None when it names none we know."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None


_BUCKET_TEXT = {
    Bucket.START_NOW: (
        "Start now (next 90 days)",
        "Start now (next 90 days): the actions in the district's own hands that still have a "
        "gap to Advancing, highest priority first, at most as many as the district says it can "
        f"start at once (its capacity, {DEFAULT_CAPACITY} unless it sets another number).",
    ),
    Bucket.PLAN: (
        "Plan for this year",
        "Plan for this year: the other actions with a gap that need partners, and the "
        "district's own actions beyond its capacity.",
    ),
    Bucket.RAISE: (
        "Raise with the state and partners",
        "Raise with the state and partners: actions with a gap that depend on the state "
        "acting first.",
    ),
    Bucket.FIND_OUT: (
        "Find out first",
        "Find out first: actions whose stage the district does not know: answered unsure in a "
        "self-assessment or, in a team with no agreed stage, unsure for at least half of those "
        "who rated it or said unsure (fewer unsure voices leave the median of the ratings, "
        "flagged to talk through in Team review); each becomes a task to find out where the "
        "district stands, by a date.",
    ),
    Bucket.SUSTAIN: (
        "Sustain and share",
        "Sustain and share: actions already at Advancing, to keep going and share.",
    ),
}

NOT_APPLICABLE_LABEL = "Not applicable"
UNANSWERED_LABEL = "Not yet answered"

PRIORITY_RULE = (
    f"Each key action's priority is {IMPORTANCE_WEIGHT} × importance (1 to 3) + {GAP_WEIGHT} × "
    f"its gap to Advancing (0 to 3 stages) − effort (1 to 3), plus "
    f"{CONTROL_BONUS[Control.DISTRICT]} when it is in the district's hands or "
    f"{CONTROL_BONUS[Control.SHARED]} when it needs partners; higher comes first, and ties keep "
    "playbook order. An unsure answer counts as the full gap."
)
MOVE_RULE = (
    "The district can move any item to another bucket, giving a reason; the move is kept and "
    "shown with that reason. Items moved into Start now stay there even beyond the capacity, "
    "and they use up places the rules would otherwise fill."
)
OUTSIDE_RULE = (
    "Not-applicable actions are listed apart with their reasons, and key actions nobody has "
    "answered are listed as not yet answered; neither raises or lowers any score."
)
NEXT_STEPS_RULE = "An action's suggested next steps are the playbook's how-steps not yet done."

# Written once here; Help, the PDF and the CSV all read these.
AGENDA_RULES: tuple[str, ...] = (
    PRIORITY_RULE,
    *(bucket.rule for bucket in Bucket),
    OUTSIDE_RULE,
    MOVE_RULE,
    NEXT_STEPS_RULE,
    TEAM_RULE,
    DEFAULTS_RULE,
)


def priority(importance: int, stage: Stage, effort: int, control: Control) -> int:
    """Weighted sum: more important, further from Advancing, lighter and nearer home rank higher."""
    gap = Stage.ADVANCING - stage
    return (
        IMPORTANCE_WEIGHT * importance
        + GAP_WEIGHT * gap
        - EFFORT_WEIGHT * effort
        + CONTROL_BONUS[control]
    )


def standing_priority(standing: Standing) -> int:
    """The priority of a standing; with no stage known, the full gap counts.

    An unknown stage counts as Not yet started so that what the district does
    not know is never ranked below what it knows it lacks.
    """
    stage = standing.stage if standing.stage is not None else Stage.NOT_STARTED
    return priority(standing.importance, stage, standing.effort, standing.control)


@dataclass(frozen=True)
class AgendaItem:
    """One key action's line on the agenda."""

    rank: int | None  # 1-based across all buckets; None when outside the buckets
    bucket: Bucket | None  # None: not applicable or not yet answered
    action_id: str
    key_action: KeyAction
    recommendation: Recommendation
    standing: Standing
    priority: int | None  # None when outside the buckets
    reason: str
    moved: bool
    next_steps: tuple[Step, ...]
    entry: AgendaEntry

    @property
    def section(self) -> str:
        """The heading the item is listed under."""
        if self.bucket is not None:
            return self.bucket.label
        if self.standing.answer is AnswerKind.NOT_APPLICABLE:
            return NOT_APPLICABLE_LABEL
        return UNANSWERED_LABEL

    @property
    def task(self) -> str:
        """The one line to act on: a find-out task, the recorded next step, or a suggestion."""
        return self.task_text()

    def task_text(self, show_date: Callable[[str], str] = str) -> str:
        """The task, with its target date worded by `show_date` (the reports write it out)."""
        if self.bucket is Bucket.FIND_OUT:
            by = f" by {show_date(self.entry.target_date)}" if self.entry.target_date else ""
            found = f"Find out{by} where the district stands on {self.key_action.title}"
            return f"{found}: {self.entry.next_step}" if self.entry.next_step else found
        if self.entry.next_step:
            return self.entry.next_step
        return self.next_steps[0].text if self.next_steps and self.bucket is not None else ""


@dataclass(frozen=True)
class Agenda:
    items: tuple[AgendaItem, ...]  # every bucketed item, in agenda order
    not_applicable: tuple[AgendaItem, ...]
    unanswered: tuple[AgendaItem, ...]
    capacity: int
    ignored_overrides: tuple[str, ...] = ()  # action ids whose stored move names no bucket

    def by_bucket(self) -> dict[Bucket, tuple[AgendaItem, ...]]:
        """Every bucket in order, each with its items (possibly none)."""
        return {b: tuple(i for i in self.items if i.bucket is b) for b in Bucket}

    def all_items(self) -> tuple[AgendaItem, ...]:
        return self.items + self.not_applicable + self.unanswered

    def item(self, action_id: str) -> AgendaItem:
        for candidate in self.all_items():
            if candidate.action_id == action_id:
                return candidate
        raise KeyError(action_id)


def _stage_phrase(stage: Stage) -> str:
    return stage.label.lower() if stage is not Stage.NOT_STARTED else "not yet started"


ASSUMED = " (assumed)"  # after a value nobody gave, where a default stands in


def importance_phrase(standing: Standing) -> str:
    """ "High importance", or "Medium importance (assumed)" when nobody gave one."""
    label = IMPORTANCE_LABELS.get(standing.importance, "Unrated")
    return f"{label} importance{ASSUMED if standing.importance_assumed else ''}"


def effort_phrase(standing: Standing) -> str:
    """ "light effort", or "moderate effort (assumed)" when nobody gave one."""
    label = EFFORT_LABELS.get(standing.effort, "unrated").lower()
    return f"{label} effort{ASSUMED if standing.effort_assumed else ''}"


def _profile(standing: Standing) -> str:
    stage = _stage_phrase(standing.stage) if standing.stage is not None else "stage unknown"
    return f"{importance_phrase(standing)}, {stage}, {effort_phrase(standing)}"


def _unsure_reason(standing: Standing) -> str:
    unsure = sum(1 for r in standing.ratings if r.answer is AnswerKind.UNSURE)
    asked = sum(1 for r in standing.ratings if r.answer in (AnswerKind.UNSURE, AnswerKind.RATED))
    if len(standing.ratings) > 1 and asked:
        return f"{unsure} of {asked} were unsure: find out where the district stands"
    return "Unsure: find out where the district stands"


def _places(capacity: int) -> str:
    if capacity <= 0:
        return "the district has set no start-now places"
    if capacity == 1:
        return "the one start-now place is taken"
    return f"all {capacity} start-now places are taken"


def _computed_reason(standing: Standing, bucket: Bucket | None, capacity: int) -> str:
    if bucket is Bucket.START_NOW:
        return f"{_profile(standing)}, in the district's control"
    if bucket is Bucket.PLAN and standing.control is Control.DISTRICT:
        return f"{_profile(standing)}; in the district's control, but {_places(capacity)}"
    if bucket is Bucket.PLAN:
        return f"{_profile(standing)}; needs partners"
    if bucket is Bucket.RAISE:
        return f"{Control.STATE.label}; {_profile(standing).lower()}"
    if bucket is Bucket.FIND_OUT:
        return _unsure_reason(standing)
    if bucket is Bucket.SUSTAIN:
        return "At Advancing: keep it going and share what works"
    if standing.answer is AnswerKind.NOT_APPLICABLE:
        given = "; ".join(standing.reasons)
        return f"Not applicable: {given}" if given else "Not applicable; no reason given"
    return "Not yet answered"


def _natural_bucket(standing: Standing) -> Bucket | None:
    """The bucket before the capacity is applied: district actions with a gap start in START_NOW."""
    if standing.answer is AnswerKind.UNSURE:
        return Bucket.FIND_OUT
    if not standing.rated or standing.stage is None:
        return None
    if standing.stage is Stage.ADVANCING:
        return Bucket.SUSTAIN
    if standing.control is Control.STATE:
        return Bucket.RAISE
    if standing.control is Control.SHARED:
        return Bucket.PLAN
    return Bucket.START_NOW


def _next_steps(action: KeyAction, done: frozenset[str]) -> tuple[Step, ...]:
    return tuple(step for step in action.all_steps() if step.id not in done)


def build_agenda(
    record: AssessmentRecord,
    playbook: Playbook,
    precomputed: Sequence[Standing] | None = None,
) -> Agenda:
    """The agenda for a record; pass its standings if they are already at hand.

    The district's moves are placed first. Moves into Start now count against
    the capacity, so the rules fill only the places left; a move is honoured
    even when it takes Start now beyond the capacity.
    """
    given = precomputed if precomputed is not None else standings(record, playbook)
    rows = [s for s in given if playbook.has_action(s.action)]
    capacity = max(0, record.district.capacity)
    placed: dict[str, tuple[Bucket | None, bool]] = {}  # action id -> (bucket, moved)
    ignored: list[str] = []
    for s in rows:
        entry = record.agenda.get(s.action)
        override = Bucket.parse(entry.bucket) if entry is not None else None
        if override is not None:
            placed[s.action] = (override, True)
        elif entry is not None and entry.bucket:
            ignored.append(s.action)

    moved_in = sum(1 for bucket, _ in placed.values() if bucket is Bucket.START_NOW)
    free = max(0, capacity - moved_in)
    candidates = []
    for s in rows:
        if s.action in placed:
            continue
        natural = _natural_bucket(s)
        if natural is Bucket.START_NOW:
            candidates.append(s)
        else:
            placed[s.action] = (natural, False)
    candidates.sort(key=lambda s: (-standing_priority(s), playbook.position(s.action)))
    for n, s in enumerate(candidates):
        placed[s.action] = (Bucket.START_NOW if n < free else Bucket.PLAN, False)

    order = {bucket: n for n, bucket in enumerate(Bucket)}
    bucketed: list[tuple[tuple[int, int, int], Standing]] = []
    outside: list[Standing] = []
    for s in rows:
        bucket, _ = placed[s.action]
        if bucket is None:
            outside.append(s)
        else:
            key = (order[bucket], -standing_priority(s), playbook.position(s.action))
            bucketed.append((key, s))
    bucketed.sort(key=lambda pair: pair[0])

    def make(s: Standing, rank: int | None) -> AgendaItem:
        bucket, moved = placed[s.action]
        entry = record.agenda.get(s.action) or AgendaEntry(action=s.action)
        if moved:
            why = " ".join(entry.bucket_reason.split())  # the reason line stays one line
            reason = f"Moved here by the district: {why}" if why else "Moved here by the district"
        else:
            reason = _computed_reason(s, bucket, capacity)
        if s.consensus_pending:
            reason += "; no consensus yet"
        action = playbook.action(s.action)
        return AgendaItem(
            rank=rank,
            bucket=bucket,
            action_id=s.action,
            key_action=action,
            recommendation=playbook.recommendation_of(s.action),
            standing=s,
            priority=standing_priority(s) if bucket is not None else None,
            reason=reason,
            moved=moved,
            next_steps=_next_steps(action, s.steps_done),
            entry=entry,
        )

    outside.sort(key=lambda s: playbook.position(s.action))
    return Agenda(
        items=tuple(make(s, n) for n, (_, s) in enumerate(bucketed, start=1)),
        not_applicable=tuple(
            make(s, None) for s in outside if s.answer is AnswerKind.NOT_APPLICABLE
        ),
        unanswered=tuple(
            make(s, None) for s in outside if s.answer is not AnswerKind.NOT_APPLICABLE
        ),
        capacity=capacity,
        ignored_overrides=tuple(ignored),
    )
