"""Next year's review: what moved between an assessment and the one it follows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Stage,
    Status,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import Placement, Standing, placements, standings

TOP = 5  # most improved and biggest concerns: as many as a board page holds at a glance


class Change(StrEnum):
    """How a key action's standing changed from last time."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"  # a stage now where there was none (unanswered, unsure or not applicable)
    UNKNOWN = "unknown"  # no stage now: not yet rated, unsure, or no longer applicable


def stage_key(standing: Standing | None) -> str | None:
    """A standing as the compare JSON writes it: a stage's key, `unsure`,
    `not_applicable`, or None when nothing was answered."""
    if standing is None or standing.answer is None:
        return None
    if standing.answer is AnswerKind.RATED and standing.stage is not None:
        return standing.stage.key
    return standing.answer.value


def _stage_of(key: str | None) -> Stage | None:
    if key is None or key in (AnswerKind.UNSURE.value, AnswerKind.NOT_APPLICABLE.value):
        return None
    return Stage.from_key(key)


def change_between(before: str | None, after: str | None) -> Change:
    """The change from one stage key (see stage_key) to another."""
    then, now = _stage_of(before), _stage_of(after)
    if now is None:
        return Change.SAME if after is not None and after == before else Change.UNKNOWN
    if then is None:
        return Change.NEW
    if now > then:
        return Change.UP
    if now < then:
        return Change.DOWN
    return Change.SAME


def stage_words(key: str | None) -> str:
    """A stage key in words, for reports and the window."""
    if key is None:
        return "Not answered"
    if key == AnswerKind.UNSURE.value:
        return "Unsure"
    if key == AnswerKind.NOT_APPLICABLE.value:
        return "Not applicable"
    return Stage.from_key(key).label


def change_words(before: str | None, after: str | None) -> str:
    """The change in a few words: "up 2 stages", "no longer applicable", "unsure now"..."""
    change = change_between(before, after)
    then, now = _stage_of(before), _stage_of(after)
    if change in (Change.UP, Change.DOWN) and then is not None and now is not None:
        steps = abs(int(now) - int(then))
        return f"{change.value} {steps} stage{'s' if steps > 1 else ''}"
    if change is Change.SAME:
        return "no change"
    if change is Change.NEW:
        return "rated for the first time" if before is None else "rated now"
    if after == AnswerKind.NOT_APPLICABLE.value:
        return "no longer applicable"
    if after == AnswerKind.UNSURE.value:
        return "unsure now"
    return "not rated yet"


def is_recorded(entry: AgendaEntry) -> bool:
    """Whether the district wrote anything on this agenda line (a bare row is not an item)."""
    return bool(
        entry.owner.strip()
        or entry.next_step.strip()
        or entry.target_date
        or entry.status is not Status.NOT_STARTED
        or entry.bucket
    )


def carried_forward(record: AssessmentRecord) -> list[AgendaEntry]:
    """The agenda items a follow-up takes over: every recorded item not marked done,
    with its owner, next step, target date and status (not its bucket, which was
    decided against last year's stages)."""
    return [
        AgendaEntry(
            action=e.action,
            owner=e.owner,
            target_date=e.target_date,
            next_step=e.next_step,
            status=e.status,
        )
        for _, e in sorted(record.agenda.items())
        if is_recorded(e) and e.status is not Status.DONE
    ]


@dataclass(frozen=True)
class Side:
    """Which assessment one side of a comparison is."""

    id: int | None
    uid: str
    label: str
    date: str


@dataclass(frozen=True)
class ActionChange:
    action: str
    recommendation: str
    from_stage: str | None
    to_stage: str | None
    change: Change
    importance: int  # this time's importance (the default when nobody gave one)
    on_agenda: bool  # a recorded agenda item last time

    @property
    def delta(self) -> int | None:
        then, now = _stage_of(self.from_stage), _stage_of(self.to_stage)
        return None if then is None or now is None else int(now) - int(then)

    @property
    def words(self) -> str:
        return change_words(self.from_stage, self.to_stage)

    @property
    def moved_off_agenda(self) -> bool:
        """The stage moved although nothing was planned for it last time."""
        return self.change in (Change.UP, Change.DOWN) and not self.on_agenda


@dataclass(frozen=True)
class RecommendationChange:
    id: str
    before: Placement
    after: Placement

    @property
    def from_mean(self) -> float | None:
        return self.before.mean

    @property
    def to_mean(self) -> float | None:
        return self.after.mean


@dataclass(frozen=True)
class AgendaFollowUp:
    """An agenda item from last time and what became of its key action."""

    action: str
    status_then: Status
    owner_then: str
    stage_then: str | None
    stage_now: str | None
    change: Change
    carried_over: bool  # on this time's agenda because it was not done

    @property
    def done_not_moved(self) -> bool:
        """Marked done, yet the stage is no higher than it was."""
        return self.status_then is Status.DONE and self.change in (Change.SAME, Change.DOWN)


@dataclass(frozen=True)
class Concern:
    item: ActionChange
    why: str


@dataclass(frozen=True)
class Comparison:
    before: Side
    after: Side
    overall_before: Placement
    overall_after: Placement
    recommendations: tuple[RecommendationChange, ...]
    key_actions: tuple[ActionChange, ...]
    agenda: tuple[AgendaFollowUp, ...]

    def action(self, action_id: str) -> ActionChange:
        return next(a for a in self.key_actions if a.action == action_id)

    @property
    def most_improved(self) -> tuple[ActionChange, ...]:
        ups = [a for a in self.key_actions if a.change is Change.UP]
        ups.sort(key=lambda a: -(a.delta or 0))  # stable: ties keep playbook order
        return tuple(ups[:TOP])

    @property
    def concerns(self) -> tuple[Concern, ...]:
        """What went down (largest drop first), then important actions still near the floor."""
        downs = sorted(
            (a for a in self.key_actions if a.change is Change.DOWN), key=lambda a: a.delta or 0
        )
        found = [Concern(a, a.words) for a in downs]
        for a in self.key_actions:
            stage = _stage_of(a.to_stage)
            low = stage is not None and stage <= Stage.EMERGING
            if a.change is Change.SAME and low and a.importance >= 3 and stage is not None:
                found.append(Concern(a, f"high importance, still {stage.label}"))
        return tuple(found[:TOP])

    @property
    def done_not_moved(self) -> tuple[AgendaFollowUp, ...]:
        return tuple(g for g in self.agenda if g.done_not_moved)

    @property
    def moved_off_agenda(self) -> tuple[ActionChange, ...]:
        return tuple(a for a in self.key_actions if a.moved_off_agenda)

    @property
    def carried_over(self) -> tuple[AgendaFollowUp, ...]:
        return tuple(g for g in self.agenda if g.carried_over)

    @property
    def done(self) -> tuple[AgendaFollowUp, ...]:
        return tuple(g for g in self.agenda if g.status_then is Status.DONE)

    def to_json(self) -> dict[str, object]:
        """The shape `playbook-app compare --json` prints (README); more keys may be added."""

        def side(s: Side) -> dict[str, object]:
            return {"id": s.id, "uid": s.uid, "label": s.label, "date": s.date}

        return {
            "from": side(self.before),
            "to": side(self.after),
            "overall": {"from": self.overall_before.mean, "to": self.overall_after.mean},
            "recommendations": [
                {"id": r.id, "from": r.from_mean, "to": r.to_mean} for r in self.recommendations
            ],
            "key_actions": [
                {
                    "id": a.action,
                    "recommendation": a.recommendation,
                    "from_stage": a.from_stage,
                    "to_stage": a.to_stage,
                    "change": a.change.value,
                    "on_agenda_then": a.on_agenda,
                }
                for a in self.key_actions
            ],
            "agenda": [
                {
                    "key_action": g.action,
                    "status_then": g.status_then.value,
                    "stage_then": g.stage_then,
                    "stage_now": g.stage_now,
                    "change": g.change.value,
                    "carried_over": g.carried_over,
                    "done_not_moved": g.done_not_moved,
                }
                for g in self.agenda
            ],
            "most_improved": [a.action for a in self.most_improved],
            "concerns": [{"key_action": c.item.action, "why": c.why} for c in self.concerns],
            "moved_off_agenda": [a.action for a in self.moved_off_agenda],
        }


def side_of(record: AssessmentRecord) -> Side:
    a = record.assessment
    return Side(a.id, a.uid, a.label, a.date)


def compare(before: AssessmentRecord, after: AssessmentRecord, playbook: Playbook) -> Comparison:
    """What moved from `before` (last time) to `after` (this time), key action by key action."""
    then = {s.action: s for s in standings(before, playbook)}
    now = {s.action: s for s in standings(after, playbook)}
    planned = {a: e for a, e in before.agenda.items() if is_recorded(e)}
    actions = []
    for action in playbook.key_actions:
        old, new = stage_key(then.get(action.id)), stage_key(now.get(action.id))
        actions.append(
            ActionChange(
                action=action.id,
                recommendation=playbook.recommendation_of(action.id).id,
                from_stage=old,
                to_stage=new,
                change=change_between(old, new),
                importance=now[action.id].importance,
                on_agenda=action.id in planned,
            )
        )
    overall_then, recs_then = placements(list(then.values()), playbook)
    overall_now, recs_now = placements(list(now.values()), playbook)
    recommendations = tuple(
        RecommendationChange(rec.id, p, q)
        for (rec, p), (_, q) in zip(recs_then, recs_now, strict=True)
    )
    by_action = {a.action: a for a in actions}
    agenda = tuple(
        AgendaFollowUp(
            action=action_id,
            status_then=entry.status,
            owner_then=entry.owner,
            stage_then=by_action[action_id].from_stage,
            stage_now=by_action[action_id].to_stage,
            change=by_action[action_id].change,
            carried_over=entry.status is not Status.DONE and action_id in after.agenda,
        )
        for action_id, entry in sorted(planned.items(), key=lambda kv: playbook.position(kv[0]))
        if action_id in by_action
    )
    return Comparison(
        before=side_of(before),
        after=side_of(after),
        overall_before=overall_then,
        overall_after=overall_now,
        recommendations=recommendations,
        key_actions=tuple(actions),
        agenda=agenda,
    )


def carried_over_actions(
    record: AssessmentRecord, previous: AssessmentRecord | None
) -> frozenset[str]:
    """The key actions on this record's agenda that were open items on the previous one's."""
    if previous is None:
        return frozenset()
    open_then = {
        a for a, e in previous.agenda.items() if is_recorded(e) and e.status is not Status.DONE
    }
    return frozenset(a for a in record.agenda if a in open_then)
