"""The prioritized agenda: priority rules, buckets, capacity, moves, reasons, and the demo."""

from __future__ import annotations

import dataclasses

import pytest
from helpers_playbook import agree, make_record, move, rate, small_playbook
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_app.domain.agenda import (
    AGENDA_RULES,
    CONTROL_BONUS,
    Agenda,
    Bucket,
    build_agenda,
    priority,
)
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Mode,
    Response,
    Stage,
    Status,
)
from playbook_app.domain.demo import TRICKY_NOTE, demo_record
from playbook_app.domain.playbook import Control, Playbook
from playbook_app.domain.scoring import standings

PB = small_playbook()
levels = st.integers(1, 3)
stages = st.sampled_from(list(Stage))
controls = st.sampled_from(list(Control))


# --- the priority rule ----------------------------------------------------


@given(levels, levels, stages, levels, controls)
def test_raising_importance_never_lowers_priority(
    a: int, b: int, stage: Stage, effort: int, control: Control
) -> None:
    low, high = sorted((a, b))
    assert priority(high, stage, effort, control) >= priority(low, stage, effort, control)


@given(levels, stages, stages, levels, controls)
def test_raising_the_stage_never_raises_priority(
    importance: int, a: Stage, b: Stage, effort: int, control: Control
) -> None:
    low, high = sorted((a, b))
    assert priority(importance, high, effort, control) <= priority(importance, low, effort, control)


@given(levels, stages, levels, levels, controls)
def test_raising_effort_never_raises_priority(
    importance: int, stage: Stage, a: int, b: int, control: Control
) -> None:
    low, high = sorted((a, b))
    assert priority(importance, stage, high, control) <= priority(importance, stage, low, control)


@given(levels, stages, levels)
def test_control_district_over_shared_over_state(
    importance: int, stage: Stage, effort: int
) -> None:
    district, shared, state = (
        priority(importance, stage, effort, c)
        for c in (Control.DISTRICT, Control.SHARED, Control.STATE)
    )
    assert district > shared > state


def test_priority_formula() -> None:
    # 3 x importance + 2 x gap - effort + control bonus
    assert priority(3, Stage.NOT_STARTED, 1, Control.DISTRICT) == 9 + 6 - 1 + 2
    assert priority(1, Stage.ADVANCING, 3, Control.STATE) == 3 + 0 - 3 + 0
    assert CONTROL_BONUS == {Control.DISTRICT: 2, Control.SHARED: 1, Control.STATE: 0}


# --- random records -------------------------------------------------------

answers = st.one_of(
    st.none(),
    st.just((AnswerKind.UNSURE, None)),
    st.just((AnswerKind.NOT_APPLICABLE, None)),
    st.tuples(st.just(AnswerKind.RATED), stages),
)


@st.composite
def records(draw: st.DrawFn) -> AssessmentRecord:
    record = make_record(PB, capacity=draw(st.integers(0, 5)))
    for action in PB.action_ids:
        answer = draw(answers)
        if answer is None:
            continue
        kind, stage = answer
        rate(
            record,
            action,
            stage,
            answer=kind,
            importance=draw(st.none() | levels),
            effort=draw(st.none() | levels),
            control=draw(st.none() | controls),
            reason="Because",
        )
        if draw(st.integers(0, 5)) == 0:
            target = draw(st.sampled_from([*[b.value for b in Bucket], "bogus", ""]))
            move(record, action, target, "Board priority")
    return record


def _check_invariants(record: AssessmentRecord, agenda: Agenda) -> None:
    ids = [i.action_id for i in agenda.all_items()]
    assert sorted(ids) == sorted(PB.action_ids)  # every action exactly once
    assert [i.rank for i in agenda.items] == list(range(1, len(agenda.items) + 1))
    assert all(i.rank is None and i.priority is None for i in agenda.not_applicable)
    assert all(i.rank is None and i.priority is None for i in agenda.unanswered)
    order = list(Bucket)
    keys = [
        (order.index(i.bucket), -(i.priority or 0), PB.position(i.action_id))
        for i in agenda.items
        if i.bucket is not None
    ]
    assert keys == sorted(keys)
    groups = agenda.by_bucket()
    pinned = [i for i in groups[Bucket.START_NOW] if i.moved]
    computed = [i for i in groups[Bucket.START_NOW] if not i.moved]
    free = max(0, record.district.capacity - len(pinned))
    assert len(computed) <= free
    for item in computed:
        assert item.standing.control is Control.DISTRICT
        assert item.standing.gap and item.standing.rated
    waiting = [
        i for i in groups[Bucket.PLAN] if not i.moved and i.standing.control is Control.DISTRICT
    ]
    if waiting:
        assert len(computed) == free  # places are never left empty while actions wait
        assert min(i.priority or 0 for i in computed or [waiting[0]]) >= max(
            i.priority or 0 for i in waiting
        )


@settings(max_examples=200)
@given(records())
def test_agenda_invariants_and_determinism(record: AssessmentRecord) -> None:
    agenda = build_agenda(record, PB)
    _check_invariants(record, agenda)
    assert build_agenda(record, PB) == agenda
    # Response insertion order must not matter.
    shuffled = dataclasses.replace(record, responses=dict(reversed(record.responses.items())))
    assert build_agenda(shuffled, PB) == agenda


@given(records(), st.sampled_from(PB.action_ids))
def test_raising_importance_keeps_an_action_in_start_now(
    record: AssessmentRecord, aid: str
) -> None:
    before = build_agenda(record, PB).item(aid)
    response = record.responses.get(("p1", aid))
    if before.bucket is not Bucket.START_NOW or before.moved or response is None:
        return
    record.responses[("p1", aid)] = response.with_changes(importance=3)
    assert build_agenda(record, PB).item(aid).bucket is Bucket.START_NOW


# --- buckets --------------------------------------------------------------


def _bucket_ids(agenda: Agenda) -> dict[Bucket, list[str]]:
    return {b: [i.action_id for i in items] for b, items in agenda.by_bucket().items()}


def test_bucket_membership() -> None:
    record = make_record(PB)
    rate(record, "a11", Stage.EMERGING, importance=3)  # district
    rate(record, "a12", Stage.ADVANCING, control=Control.STATE)  # at Advancing
    rate(record, "a13", Stage.EMERGING)  # shared
    rate(record, "a21", answer=AnswerKind.UNSURE)
    rate(record, "a22", Stage.NOT_STARTED)  # state
    rate(record, "a23", answer=AnswerKind.NOT_APPLICABLE, reason="The co-op does it")
    rate(record, "a31", Stage.DEVELOPING, control=Control.STATE)  # overrides the hint
    agenda = build_agenda(record, PB)
    assert _bucket_ids(agenda) == {
        Bucket.START_NOW: ["a11"],
        Bucket.PLAN: ["a13"],
        Bucket.RAISE: ["a22", "a31"],
        Bucket.FIND_OUT: ["a21"],
        Bucket.SUSTAIN: ["a12"],
    }
    assert [i.action_id for i in agenda.not_applicable] == ["a23"]
    assert agenda.not_applicable[0].reason == "Not applicable: The co-op does it"
    assert [i.action_id for i in agenda.unanswered] == ["a32"]
    assert agenda.unanswered[0].reason == "Not yet answered"
    assert [i.rank for i in agenda.items] == [1, 2, 3, 4, 5, 6]
    assert list(agenda.by_bucket()) == list(Bucket)


def test_reasons() -> None:
    record = make_record(PB)
    rate(record, "a11", Stage.NOT_STARTED, importance=3, effort=1)
    rate(record, "a12", Stage.ADVANCING)
    rate(record, "a21", answer=AnswerKind.UNSURE)
    rate(record, "a22", Stage.EMERGING, importance=2, effort=2)
    agenda = build_agenda(record, PB)
    reasons = {i.action_id: i.reason for i in agenda.all_items()}
    assert (
        reasons["a11"]
        == "High importance, not yet started, light effort, in the district's control"
    )
    assert reasons["a12"] == "At Advancing: keep it going and share what works"
    assert reasons["a21"] == "Unsure: find out where the district stands"
    assert reasons["a22"].startswith(
        "Depends on the state acting first; medium importance, emerging"
    )
    assert all(i.reason and "\n" not in i.reason for i in agenda.all_items())


def test_find_out_task_uses_the_target_date() -> None:
    record = make_record(PB)
    rate(record, "a21", answer=AnswerKind.UNSURE)
    record.agenda["a21"] = AgendaEntry("a21", owner="Zoë", target_date="2027-01-15")
    item = build_agenda(record, PB).item("a21")
    assert item.bucket is Bucket.FIND_OUT
    assert item.task == "Find out by 2027-01-15 where the district stands on Action 2.1"
    assert item.entry.owner == "Zoë"


def _district_gaps(record: AssessmentRecord, count: int) -> list[str]:
    district = [a.id for a in PB.key_actions if a.default_control is Control.DISTRICT][:count]
    for aid in district:
        rate(record, aid, Stage.EMERGING)
    return district


def test_default_capacity_is_three() -> None:
    record = make_record(PB)
    district = _district_gaps(record, 5)
    agenda = build_agenda(record, PB)
    ids = _bucket_ids(agenda)
    assert agenda.capacity == 3
    assert ids[Bucket.START_NOW] == district[:3]  # equal priority: playbook order
    assert ids[Bucket.PLAN] == district[3:]
    beyond = agenda.item(district[3])
    assert "in the district's control, but all 3 start-now places are taken" in beyond.reason


@pytest.mark.parametrize("capacity", [0, 1, 2, 5])
def test_custom_capacity(capacity: int) -> None:
    record = make_record(PB, capacity=capacity)
    district = _district_gaps(record, 5)
    ids = _bucket_ids(build_agenda(record, PB))
    assert ids[Bucket.START_NOW] == district[:capacity]
    assert ids[Bucket.PLAN] == district[capacity:]


def test_start_now_takes_the_highest_priority_and_ties_keep_playbook_order() -> None:
    record = make_record(PB, capacity=2)
    rate(record, "a11", Stage.DEVELOPING)
    rate(record, "a12", Stage.DEVELOPING)
    rate(record, "a21", Stage.DEVELOPING)
    rate(record, "a31", Stage.NOT_STARTED)  # biggest gap
    ids = _bucket_ids(build_agenda(record, PB))
    assert ids[Bucket.START_NOW] == ["a31", "a11"]
    assert ids[Bucket.PLAN] == ["a12", "a21"]


# --- the district's moves -------------------------------------------------


def test_a_move_is_kept_shown_and_counts_against_capacity() -> None:
    record = make_record(PB)
    district = _district_gaps(record, 5)
    rate(record, "a13", Stage.EMERGING)  # shared: would be Plan
    move(record, "a13", "start_now", "Board priority this year")
    agenda = build_agenda(record, PB)
    moved = agenda.item("a13")
    assert moved.bucket is Bucket.START_NOW and moved.moved
    assert moved.reason == "Moved here by the district: Board priority this year"
    start = _bucket_ids(agenda)[Bucket.START_NOW]
    assert len(start) == 3 and "a13" in start
    assert [a for a in start if a != "a13"] == district[:2]
    assert not any(i.moved for i in agenda.all_items() if i.action_id != "a13")


def test_moves_are_honoured_beyond_capacity() -> None:
    record = make_record(PB, capacity=1)
    district = _district_gaps(record, 5)
    for aid in district[2:]:
        move(record, aid, "start_now", "Already funded")
    ids = _bucket_ids(build_agenda(record, PB))
    assert sorted(ids[Bucket.START_NOW]) == sorted(district[2:])
    assert ids[Bucket.PLAN] == district[:2]


def test_moving_out_of_start_now_frees_a_place() -> None:
    record = make_record(PB)
    district = _district_gaps(record, 5)
    move(record, district[0], "sustain", "A grant covers it")
    agenda = build_agenda(record, PB)
    ids = _bucket_ids(agenda)
    assert ids[Bucket.START_NOW] == district[1:4]
    assert ids[Bucket.SUSTAIN] == [district[0]]
    assert agenda.item(district[0]).moved


def test_an_unknown_bucket_is_ignored_safely() -> None:
    record = make_record(PB)
    rate(record, "a11", Stage.EMERGING)
    move(record, "a11", "someday", "?")
    agenda = build_agenda(record, PB)
    item = agenda.item("a11")
    assert item.bucket is Bucket.START_NOW and not item.moved
    assert agenda.ignored_overrides == ("a11",)


def test_a_not_applicable_action_can_be_moved_onto_the_agenda() -> None:
    record = make_record(PB)
    rate(record, "a23", answer=AnswerKind.NOT_APPLICABLE, reason="Co-op")
    move(record, "a23", "plan", "New board wants it")
    agenda = build_agenda(record, PB)
    assert agenda.not_applicable == ()
    item = agenda.item("a23")
    assert item.bucket is Bucket.PLAN and item.rank == 1 and item.priority is not None


def test_entry_fields_travel_with_the_item() -> None:
    record = make_record(PB)
    rate(record, "a11", Stage.EMERGING)
    entry = AgendaEntry("a11", "Dr. Alvarez", "2027-02-01", "Name a lead", Status.IN_PROGRESS)
    record.agenda["a11"] = entry
    item = build_agenda(record, PB).item("a11")
    assert item.entry == entry and item.task == "Name a lead"


# --- team mode and next steps ---------------------------------------------


def test_team_items_say_no_consensus_yet_until_agreed() -> None:
    record = make_record(PB, mode=Mode.TEAM, people=3)
    for who, stage in (("p1", 0), ("p2", 1), ("p3", 3)):
        rate(record, "a11", stage, who=who)
    item = build_agenda(record, PB).item("a11")
    assert item.standing.stage is Stage.EMERGING
    assert item.reason.endswith("; no consensus yet")
    agree(record, "a11", Stage.ADVANCING)
    item = build_agenda(record, PB).item("a11")
    assert item.bucket is Bucket.SUSTAIN and "no consensus" not in item.reason


def test_next_steps_are_the_steps_not_yet_done_in_order() -> None:
    record = make_record(PB)
    rate(record, "a11", Stage.EMERGING, steps_done=frozenset({"a11-s1", "a11-s2a"}))
    item = build_agenda(record, PB).item("a11")
    assert [s.id for s in item.next_steps] == ["a11-s2", "a11-s2b", "a11-s3"]
    assert item.task == "Second step, with parts."


def test_rules_are_written_once_and_name_every_bucket() -> None:
    text = " ".join(AGENDA_RULES)
    for bucket in Bucket:
        assert bucket.label in text
    assert "capacity" in text and "priority" in text and "not-applicable" in text.lower()
    assert all(rule.endswith(".") for rule in AGENDA_RULES)


# --- the demo -------------------------------------------------------------


def _check_demo(record: AssessmentRecord, playbook: Playbook) -> Agenda:
    rows = standings(record, playbook)
    assert all(s.answered for s in rows)
    kinds = [s.answer for s in rows]
    assert kinds.count(AnswerKind.NOT_APPLICABLE) == 1
    assert kinds.count(AnswerKind.UNSURE) >= 2
    na = next(s for s in rows if s.answer is AnswerKind.NOT_APPLICABLE)
    assert na.reasons
    assert {s.stage for s in rows if s.stage is not None} == set(Stage)
    assert len({s.importance for s in rows}) > 1 and len({s.effort for s in rows}) > 1
    assert len({s.control for s in rows}) > 1
    assert any(s.steps_done for s in rows)
    assert any(TRICKY_NOTE in s.notes for s in rows)
    assert record.district.name == "Cedar Valley Unified School District"
    assert record.district.state == "KY" and record.assessment.date == "2026-11-22"
    assert record.assessment.playbook_id == playbook.id
    assert record.assessment.playbook_version == playbook.version
    assert all(r.updated_at.endswith("Z") for r in record.responses.values())
    assert record.agenda and all(e.owner and e.target_date for e in record.agenda.values())
    agenda = build_agenda(record, playbook)
    assert sorted(i.action_id for i in agenda.all_items()) == sorted(playbook.action_ids)
    assert not agenda.unanswered
    return agenda


def _answers(record: AssessmentRecord) -> list[tuple[int, Response]]:
    """Every response with its person named by position, so two demos compare without ids."""
    where = {p.uid: n for n, p in enumerate(record.participants)}
    return sorted(
        ((where[r.participant], r.with_changes(participant="")) for r in record.responses.values()),
        key=lambda pair: (pair[0], pair[1].action),
    )


def _same_but_for_ids(one: AssessmentRecord, other: AssessmentRecord) -> bool:
    return (
        one.assessment.uid != other.assessment.uid
        and not {p.uid for p in one.participants} & {p.uid for p in other.participants}
        and _answers(one) == _answers(other)
        and one.consensus == other.consensus
        and one.agenda == other.agenda
    )


def test_demo_solo() -> None:
    record = demo_record(PB)
    assert record.assessment.mode is Mode.SOLO
    assert [(p.name, p.role) for p in record.participants] == [
        ("Dr. Maria Alvarez", "Superintendent")
    ]
    _check_demo(record, PB)
    assert _same_but_for_ids(demo_record(PB), record)
    assert _answers(demo_record(PB, seed=8)) != _answers(record)
    assert demo_record(PB, id_salt=5) == demo_record(PB, id_salt=5)


def test_demo_team() -> None:
    record = demo_record(PB, participants=5)
    assert record.assessment.mode is Mode.TEAM and len(record.participants) == 5
    names = [p.name for p in record.participants]
    assert "Nguyễn Thị Hương" in names and "Zoë Ødegaard" in names
    assert len({p.uid for p in record.participants}) == 5
    agenda = _check_demo(record, PB)
    rows = standings(record, PB)
    assert sum(s.disagreement for s in rows if s.answer is AnswerKind.RATED) >= 2
    rated = [s for s in rows if s.answer is AnswerKind.RATED]
    assert 0 < len(record.consensus) < len(rated)
    assert any(s.consensus_pending for s in rows)
    assert any(i.reason.endswith("; no consensus yet") for i in agenda.items)
    assert _same_but_for_ids(demo_record(PB, participants=5), record)


@pytest.mark.parametrize("people", [2, 3, 8, 10])
def test_demo_any_team_size(people: int) -> None:
    record = demo_record(PB, participants=people)
    assert len(record.participants) == people
    assert all(isinstance(r, Response) for r in record.responses.values())
    build_agenda(record, PB)


def _real_pack() -> Playbook:
    try:
        from playbook_app.content import load_default
    except ImportError:
        pytest.skip("the content pack loader is not there yet")
    try:
        return load_default()
    except Exception as exc:  # the pack was being written concurrently
        pytest.skip(f"the content pack does not load yet: {exc}")


@pytest.mark.parametrize("people", [1, 6])
def test_demo_on_the_real_pack_accounts_for_all_20_actions(people: int) -> None:
    playbook = _real_pack()
    record = demo_record(playbook, participants=people)
    agenda = _check_demo(record, playbook)
    assert len(agenda.all_items()) == 20 == len(playbook.action_ids)
    assert len(agenda.items) + len(agenda.not_applicable) == 20
