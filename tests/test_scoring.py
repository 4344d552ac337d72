"""Combining answers into standings, team medians and consensus, and placement."""

from __future__ import annotations

import statistics

import pytest
from helpers_playbook import agree, make_record, rate, small_playbook
from hypothesis import given
from hypothesis import strategies as st

from playbook_app.domain.assessment import AnswerKind, AssessmentRecord, Confidence, Mode, Stage
from playbook_app.domain.playbook import Control
from playbook_app.domain.scoring import (
    DEFAULT_EFFORT,
    DEFAULT_IMPORTANCE,
    PLACEMENT_RULE,
    Placement,
    Standing,
    lower_median,
    place,
    place_mean,
    placements,
    standings,
)

PB = small_playbook()


def standing(record: AssessmentRecord, action: str) -> Standing:
    return next(s for s in standings(record, PB) if s.action == action)


# --- solo -----------------------------------------------------------------


def test_standings_follow_playbook_order_and_start_unanswered() -> None:
    rows = standings(make_record(PB), PB)
    assert [s.action for s in rows] == list(PB.action_ids)
    assert all(s.answer is None and s.stage is None for s in rows)
    first = rows[0]
    assert (first.importance, first.effort) == (DEFAULT_IMPORTANCE, DEFAULT_EFFORT) == (2, 2)
    assert first.control is Control.DISTRICT  # the playbook's hint
    assert not first.consensus_pending and not first.disagreement and first.spread is None


def test_solo_takes_the_single_response() -> None:
    record = make_record(PB)
    rate(
        record,
        "a11",
        Stage.EMERGING,
        importance=3,
        effort=1,
        control=Control.STATE,
        confidence=Confidence.LOW,
        steps_done=frozenset({"a11-s1", "a11-s2a", "not-a-step"}),
        note="Board asked: cost < $40k",
    )
    s = standing(record, "a11")
    assert s.answer is AnswerKind.RATED and s.stage is Stage.EMERGING and s.rated
    assert (s.importance, s.effort, s.control) == (3, 1, Control.STATE)
    assert s.confidence is Confidence.LOW
    assert s.steps_done == {"a11-s1", "a11-s2a"}  # unknown step ids dropped
    assert s.notes == ("Board asked: cost < $40k",)
    assert s.gap == 2
    assert not s.consensus_pending and not s.disagreement


def test_solo_ignores_consensus_rows_and_other_people() -> None:
    record = make_record(PB, people=2)
    rate(record, "a11", Stage.EMERGING)
    rate(record, "a11", Stage.ADVANCING, who="p2")
    agree(record, "a11", Stage.DEVELOPING)
    s = standing(record, "a11")
    assert s.stage is Stage.EMERGING and s.consensus is None and len(s.ratings) == 1


def test_unsure_and_not_applicable_solo() -> None:
    record = make_record(PB)
    rate(record, "a11", answer=AnswerKind.UNSURE)
    rate(record, "a12", answer=AnswerKind.NOT_APPLICABLE, reason="Cooperative does it")
    assert standing(record, "a11").answer is AnswerKind.UNSURE
    na = standing(record, "a12")
    assert na.answer is AnswerKind.NOT_APPLICABLE and na.reasons == ("Cooperative does it",)
    assert na.stage is None and na.gap is None


def test_a_rating_without_a_stage_is_not_an_answer() -> None:
    record = make_record(PB)
    rate(record, "a11", answer=AnswerKind.RATED)
    assert standing(record, "a11").answer is None


def test_out_of_range_importance_counts_as_not_given() -> None:
    record = make_record(PB)
    rate(record, "a11", Stage.EMERGING, importance=9, effort=0)
    s = standing(record, "a11")
    assert (s.importance, s.effort) == (2, 2)


# --- team -----------------------------------------------------------------


def team(people: int = 4) -> AssessmentRecord:
    return make_record(PB, mode=Mode.TEAM, people=people)


def test_team_median_odd_count() -> None:
    record = team(3)
    for who, stage in (("p1", 0), ("p2", 3), ("p3", 1)):
        rate(record, "a11", stage, who=who)
    s = standing(record, "a11")
    assert s.stage is Stage.EMERGING
    assert s.stages == (Stage.NOT_STARTED, Stage.ADVANCING, Stage.EMERGING)
    assert s.consensus_pending and s.spread == 3 and s.disagreement


def test_team_median_even_count_takes_the_lower_middle() -> None:
    record = team(4)
    for who, stage in (("p1", 1), ("p2", 2), ("p3", 2), ("p4", 3)):
        rate(record, "a11", stage, who=who)
    assert standing(record, "a11").stage is Stage.DEVELOPING
    record = team(2)
    rate(record, "a12", 1, who="p1")
    rate(record, "a12", 2, who="p2")
    s = standing(record, "a12")
    assert s.stage is Stage.EMERGING and s.spread == 1 and not s.disagreement


def test_consensus_wins_and_clears_pending() -> None:
    record = team(3)
    for who, stage in (("p1", 0), ("p2", 0), ("p3", 2)):
        rate(record, "a11", stage, who=who)
    assert standing(record, "a11").stage is Stage.NOT_STARTED
    agree(record, "a11", Stage.DEVELOPING)
    s = standing(record, "a11")
    assert s.stage is Stage.DEVELOPING and s.consensus is not None
    assert not s.consensus_pending
    assert s.spread == 2 and s.disagreement  # the spread stays visible after agreeing


def test_consensus_makes_an_unsure_room_rated() -> None:
    record = team(2)
    rate(record, "a11", answer=AnswerKind.UNSURE, who="p1")
    agree(record, "a11", Stage.EMERGING)
    s = standing(record, "a11")
    assert s.answer is AnswerKind.RATED and s.stage is Stage.EMERGING


def test_team_answer_kinds() -> None:
    record = team(3)
    # fewer than half unsure: the ratings' median stands
    rate(record, "a11", answer=AnswerKind.UNSURE, who="p1")
    rate(record, "a11", 2, who="p2")
    rate(record, "a11", 2, who="p3")
    # none rated, some unsure
    rate(record, "a12", answer=AnswerKind.UNSURE, who="p1")
    rate(record, "a12", answer=AnswerKind.NOT_APPLICABLE, reason="x", who="p2")
    # all who answered said not applicable; p3 did not answer
    rate(record, "a13", answer=AnswerKind.NOT_APPLICABLE, reason="Co-op", who="p1")
    rate(record, "a13", answer=AnswerKind.NOT_APPLICABLE, reason="Co-op", who="p2")
    # everyone unsure: not a disagreement
    for who in ("p1", "p2", "p3"):
        rate(record, "a21", answer=AnswerKind.UNSURE, who=who)
    rated, unsure, na, all_unsure = (standing(record, a) for a in ("a11", "a12", "a13", "a21"))
    assert rated.answer is AnswerKind.RATED and rated.stage is Stage.DEVELOPING
    assert rated.disagreement and rated.spread == 0 and rated.consensus_pending
    assert unsure.answer is AnswerKind.UNSURE and unsure.disagreement
    assert not unsure.consensus_pending
    assert na.answer is AnswerKind.NOT_APPLICABLE and na.reasons == ("Co-op",)
    assert not na.disagreement
    assert all_unsure.answer is AnswerKind.UNSURE and not all_unsure.disagreement


def test_a_team_is_unsure_when_at_least_half_of_those_who_rated_or_were_unsure_were() -> None:
    record = team(4)
    # one of two unsure: half, so no fair median
    rate(record, "a11", answer=AnswerKind.UNSURE, who="p1")
    rate(record, "a11", 3, who="p2")
    # two of four unsure: half
    for who, stage in (("p1", None), ("p2", None), ("p3", 1), ("p4", 2)):
        if stage is None:
            rate(record, "a12", answer=AnswerKind.UNSURE, who=who)
        else:
            rate(record, "a12", stage, who=who)
    # one of four unsure: the median of the three ratings, flagged
    rate(record, "a13", answer=AnswerKind.UNSURE, who="p1")
    for who in ("p2", "p3", "p4"):
        rate(record, "a13", 1, who=who)
    # not applicable does not count either way
    rate(record, "a21", answer=AnswerKind.UNSURE, who="p1")
    rate(record, "a21", 2, who="p2")
    rate(record, "a21", 2, who="p3")
    rate(record, "a21", answer=AnswerKind.NOT_APPLICABLE, reason="x", who="p4")
    half, also_half, one_of_four, with_na = (
        standing(record, a) for a in ("a11", "a12", "a13", "a21")
    )
    assert half.answer is AnswerKind.UNSURE and half.stage is None
    assert not half.consensus_pending and half.disagreement
    assert also_half.answer is AnswerKind.UNSURE
    assert one_of_four.answer is AnswerKind.RATED and one_of_four.stage is Stage.EMERGING
    assert one_of_four.consensus_pending and one_of_four.disagreement
    assert with_na.answer is AnswerKind.RATED and with_na.stage is Stage.DEVELOPING
    # an agreed stage settles it
    agree(record, "a11", 2)
    assert standing(record, "a11").stage is Stage.DEVELOPING


def test_assumed_importance_and_effort_are_marked() -> None:
    record = team(2)
    rate(record, "a11", 1, who="p1")
    rate(record, "a11", 1, who="p2", importance=3)
    given_one = standing(record, "a11")
    assert given_one.importance == 3 and not given_one.importance_assumed
    assert given_one.effort == DEFAULT_EFFORT and given_one.effort_assumed
    solo = make_record(PB)
    rate(solo, "a11", 2, effort=1)
    s = standing(solo, "a11")
    assert s.importance_assumed and not s.effort_assumed and s.effort == 1


def test_team_importance_effort_control_combine() -> None:
    record = team(4)
    rate(record, "a11", 1, who="p1", importance=3, effort=1, control=Control.DISTRICT)
    rate(record, "a11", 1, who="p2", importance=1, effort=3, control=Control.STATE)
    rate(record, "a11", 1, who="p3", importance=2, control=Control.DISTRICT)
    rate(record, "a11", 1, who="p4", importance=3, control=Control.STATE)
    s = standing(record, "a11")
    assert s.importance == 2  # 1,2,3,3 -> lower middle 2
    assert s.effort == 1  # 1,3 -> lower middle 1
    assert s.control is Control.STATE  # tie 2:2 goes to the more dependent
    record2 = team(3)
    rate(record2, "a11", 1, who="p1", control=Control.SHARED)
    rate(record2, "a11", 1, who="p2", control=Control.DISTRICT)
    rate(record2, "a11", 1, who="p3", control=Control.DISTRICT)
    assert standing(record2, "a11").control is Control.DISTRICT  # the majority wins


def test_team_steps_done_is_the_union_and_notes_are_kept() -> None:
    record = team(2)
    rate(record, "a11", 1, who="p1", steps_done=frozenset({"a11-s1"}), note="A & B")
    rate(record, "a11", 1, who="p2", steps_done=frozenset({"a11-s3"}), note="<c>")
    s = standing(record, "a11")
    assert s.steps_done == {"a11-s1", "a11-s3"}
    assert s.notes == ("A & B", "<c>")
    assert [r.name for r in s.ratings] == ["Dr. Maria Alvarez", "Nguyễn Thị Hương"]


@given(st.lists(st.integers(0, 3), min_size=1, max_size=12))
def test_lower_median_is_a_member_and_conservative(values: list[int]) -> None:
    assert lower_median(values) == statistics.median_low(values)
    assert lower_median(values) <= statistics.median(values)


# --- placement ------------------------------------------------------------


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        ([0], Stage.NOT_STARTED),  # 0.0 is no start at all, not Emerging
        ([0, 0, 1], Stage.NOT_STARTED),  # 0.33
        ([0, 1], Stage.EMERGING),  # 0.5 exactly is Emerging
        ([1, 2], Stage.DEVELOPING),  # 1.5 exactly is Developing
        ([1, 1, 2], Stage.EMERGING),  # 1.33
        ([2, 3], Stage.ADVANCING),  # 2.5 exactly is Advancing
        ([2, 2, 3], Stage.DEVELOPING),  # 2.33
        ([3, 3], Stage.ADVANCING),
        ([0, 3], Stage.DEVELOPING),
    ],
)
def test_placement_thresholds(stages: list[int], expected: Stage) -> None:
    assert place_mean(sum(stages), len(stages)) is expected


@given(st.lists(st.integers(0, 3), min_size=1, max_size=20))
def test_place_mean_agrees_with_the_float_rule(stages: list[int]) -> None:
    mean = sum(stages) / len(stages)
    expected = (
        Stage.NOT_STARTED
        if mean < 0.5
        else Stage.EMERGING
        if mean < 1.5
        else Stage.DEVELOPING
        if mean < 2.5
        else Stage.ADVANCING
    )
    assert place_mean(sum(stages), len(stages)) is expected


def test_placements_count_and_leave_out_unsure_and_not_applicable() -> None:
    record = make_record(PB)
    rate(record, "a11", 3)
    rate(record, "a12", 2)
    rate(record, "a13", answer=AnswerKind.UNSURE)
    rate(record, "a21", answer=AnswerKind.NOT_APPLICABLE, reason="n/a")
    rate(record, "a22", 0)
    overall, per_rec = placements(standings(record, PB), PB)
    assert [rec.id for rec, _ in per_rec] == ["r1", "r2", "r3"]
    r1, r2, r3 = (p for _, p in per_rec)
    assert (r1.mean, r1.placement) == (2.5, Stage.ADVANCING)
    assert (r1.rated, r1.unsure, r1.not_applicable, r1.unanswered) == (2, 1, 0, 0)
    assert (r2.mean, r2.placement) == (0.0, Stage.NOT_STARTED)
    assert (r2.rated, r2.unsure, r2.not_applicable, r2.unanswered) == (1, 0, 1, 1)
    assert (r3.mean, r3.placement, r3.unanswered, r3.total) == (None, None, 2, 2)
    assert overall.mean == pytest.approx(5 / 3)
    assert overall.placement is Stage.DEVELOPING
    assert (overall.rated, overall.unsure, overall.not_applicable, overall.unanswered) == (
        3,
        1,
        1,
        3,
    )
    assert overall.total == len(PB.action_ids)


def test_place_treats_missing_standings_as_unanswered() -> None:
    assert place([None, None]).unanswered == 2
    overall, _ = placements([], PB)
    assert overall.unanswered == len(PB.action_ids) and overall.placement is None


def test_placement_rule_says_it_is_not_official() -> None:
    assert "not an official ALI score" in PLACEMENT_RULE
    for needle in ("0.5", "1.5", "2.5", "Not yet started", "Emerging", "Developing", "Advancing",
                   "unsure"):  # fmt: skip
        assert needle in PLACEMENT_RULE


@pytest.mark.parametrize(
    ("stages", "shown"),
    [
        ([0], "0.00"),
        ([0, 0, 1], "0.33"),
        ([0, 1], "0.50"),
        ([1, 2, 2], "1.67"),
        ([2, 3], "2.50"),
        ([3], "3.00"),
    ],
)
def test_the_mean_is_shown_to_two_decimals(stages: list[int], shown: str) -> None:
    record = make_record(PB)
    for action, stage in zip(PB.action_ids, stages, strict=False):
        rate(record, action, stage)
    overall, _ = placements(standings(record, PB), PB)
    assert overall.mean_text == shown


@given(st.integers(1, 400), st.data())
def test_the_mean_shown_never_reads_across_a_cut_point(count: int, data: st.DataObject) -> None:
    total = data.draw(st.integers(0, 3 * count))
    shown = Placement(total / count, place_mean(total, count), count, 0, 0, 0).mean_text
    as_hundredths = int(shown.replace(".", ""))
    assert place_mean(as_hundredths, 100) is place_mean(total, count)
    assert abs(as_hundredths / 100 - total / count) <= 0.01
