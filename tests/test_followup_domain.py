"""Comparing an assessment with the one it follows: each kind of change, the agenda, the flags."""

from __future__ import annotations

from helpers_playbook import agree, make_record, rate, small_playbook
from hypothesis import given
from hypothesis import strategies as st

from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Mode,
    Stage,
    Status,
)
from playbook_app.domain.followup import (
    Change,
    carried_forward,
    change_between,
    change_words,
    compare,
)
from playbook_app.domain.years import history, lineage

PB = small_playbook()
KEYS = [None, "unsure", "not_applicable", *(s.key for s in Stage)]


def pair() -> tuple[AssessmentRecord, AssessmentRecord]:
    before = make_record(PB)
    after = make_record(PB)
    after.assessment = after.assessment._replace(uid="uid-2", label="Next", follows="uid-1")
    return before, after


def test_each_kind_of_change_is_named() -> None:
    before, after = pair()
    rate(before, "a11", Stage.EMERGING)
    rate(after, "a11", Stage.ADVANCING)  # up
    rate(before, "a12", Stage.DEVELOPING)
    rate(after, "a12", Stage.EMERGING)  # down
    rate(before, "a13", Stage.DEVELOPING)
    rate(after, "a13", Stage.DEVELOPING)  # same
    rate(after, "a21", Stage.EMERGING)  # new: nothing last time
    rate(before, "a22", answer=AnswerKind.UNSURE)
    rate(after, "a22", Stage.DEVELOPING)  # new: unsure last time
    rate(before, "a23", Stage.EMERGING)
    rate(after, "a23", answer=AnswerKind.NOT_APPLICABLE, reason="Closed")  # unknown
    rate(before, "a31", Stage.EMERGING)
    rate(after, "a31", answer=AnswerKind.UNSURE)  # unknown
    rate(before, "a32", Stage.EMERGING)  # not rated yet: unknown
    result = compare(before, after, PB)
    changes = {a.action: (a.from_stage, a.to_stage, a.change) for a in result.key_actions}
    assert changes == {
        "a11": ("emerging", "advancing", Change.UP),
        "a12": ("developing", "emerging", Change.DOWN),
        "a13": ("developing", "developing", Change.SAME),
        "a21": (None, "emerging", Change.NEW),
        "a22": ("unsure", "developing", Change.NEW),
        "a23": ("emerging", "not_applicable", Change.UNKNOWN),
        "a31": ("emerging", "unsure", Change.UNKNOWN),
        "a32": ("emerging", None, Change.UNKNOWN),
    }
    words = {a.action: a.words for a in result.key_actions}
    assert words["a11"] == "up 2 stages"
    assert words["a12"] == "down 1 stage"
    assert words["a23"] == "no longer applicable"
    assert words["a31"] == "unsure now"
    assert words["a32"] == "not rated yet"
    assert [a.action for a in result.most_improved] == ["a11"]
    assert result.concerns[0].item.action == "a12"


def test_overall_and_recommendation_means_then_and_now() -> None:
    before, after = pair()
    rate(before, "a11", Stage.NOT_STARTED)
    rate(before, "a12", Stage.EMERGING)
    rate(after, "a11", Stage.DEVELOPING)
    rate(after, "a12", Stage.ADVANCING)
    result = compare(before, after, PB)
    assert result.overall_before.mean == 0.5 and result.overall_after.mean == 2.5
    r1 = result.recommendations[0]
    assert (r1.id, r1.from_mean, r1.to_mean) == ("r1", 0.5, 2.5)
    assert result.recommendations[1].from_mean is None
    data = result.to_json()
    assert data["overall"] == {"from": 0.5, "to": 2.5}
    assert set(data) >= {"from", "to", "overall", "recommendations", "key_actions", "agenda"}


def test_team_compares_the_agreed_stage_else_the_median() -> None:
    before = make_record(PB, Mode.TEAM, people=3)
    after = make_record(PB, Mode.TEAM, people=3)
    for who, stage in (("p1", 0), ("p2", 1), ("p3", 3)):
        rate(before, "a11", stage, who=who)  # median Emerging
    agree(after, "a11", Stage.DEVELOPING)
    assert compare(before, after, PB).action("a11").change is Change.UP


def test_done_but_not_moved_and_moved_without_being_on_the_agenda() -> None:
    before, after = pair()
    rate(before, "a11", Stage.EMERGING)
    rate(after, "a11", Stage.EMERGING)
    before.agenda["a11"] = AgendaEntry("a11", owner="Ms. Reyes", status=Status.DONE)
    rate(before, "a12", Stage.EMERGING)
    rate(after, "a12", Stage.DEVELOPING)
    before.agenda["a12"] = AgendaEntry("a12", owner="Mr. Tan", status=Status.DONE)
    rate(before, "a21", Stage.EMERGING)
    rate(after, "a21", Stage.DEVELOPING)  # up, nothing planned
    before.agenda["a22"] = AgendaEntry("a22")  # a bare row is not an agenda item
    rate(before, "a22", Stage.EMERGING)
    rate(after, "a22", Stage.ADVANCING)
    before.agenda["a13"] = AgendaEntry("a13", owner="Ms. Reyes", status=Status.IN_PROGRESS)
    after.agenda["a13"] = AgendaEntry("a13", owner="Ms. Reyes", status=Status.IN_PROGRESS)
    result = compare(before, after, PB)
    assert [g.action for g in result.done_not_moved] == ["a11"]
    assert [a.action for a in result.moved_off_agenda] == ["a21", "a22"]
    assert [g.action for g in result.agenda] == ["a11", "a12", "a13"]
    assert [g.action for g in result.carried_over] == ["a13"]
    assert [g.action for g in result.done] == ["a11", "a12"]
    agenda = result.to_json()["agenda"]
    assert agenda[0] == {
        "key_action": "a11",
        "status_then": "done",
        "stage_then": "emerging",
        "stage_now": "emerging",
        "change": "same",
        "carried_over": False,
        "done_not_moved": True,
    }


def test_carried_forward_takes_recorded_items_not_done_without_their_bucket() -> None:
    record = make_record(PB)
    record.agenda["a11"] = AgendaEntry(
        "a11", "Ms. Reyes", "2027-03-01", "Call the board", Status.PLANNED, "plan", "why", "t"
    )
    record.agenda["a12"] = AgendaEntry("a12", owner="Mr. Tan", status=Status.DONE)
    record.agenda["a13"] = AgendaEntry("a13")
    assert carried_forward(record) == [
        AgendaEntry("a11", "Ms. Reyes", "2027-03-01", "Call the board", Status.PLANNED)
    ]


def test_lineage_runs_oldest_first_and_stops_at_a_missing_one_or_a_loop() -> None:
    follows = {"c": "b", "b": "a", "a": None, "x": "gone", "l1": "l2", "l2": "l1"}
    assert lineage("c", follows) == ["a", "b", "c"]
    assert lineage("x", follows) == ["x"]
    assert lineage("l1", follows) == ["l2", "l1"]


def test_history_gives_each_recommendations_mean_per_assessment() -> None:
    before, after = pair()
    rate(before, "a11", Stage.EMERGING)
    rate(after, "a11", Stage.ADVANCING)
    points = history([before, after], PB)
    assert [p.mean("r1") for p in points] == [1.0, 3.0]
    assert [p.placement("r1").mean_text for p in points] == ["1.00", "3.00"]  # type: ignore[union-attr]
    assert [p.side.label for p in points] == ["Test", "Next"]


stage_keys = st.sampled_from(KEYS)


@given(stage_keys, stage_keys)
def test_swapping_the_years_swaps_up_and_down(a: str | None, b: str | None) -> None:
    forth, back = change_between(a, b), change_between(b, a)
    assert (forth is Change.UP) == (back is Change.DOWN)
    assert (forth is Change.SAME) == (back is Change.SAME)
    assert change_words(a, b)


@given(st.lists(st.sampled_from([None, *Stage]), min_size=8, max_size=8))
def test_an_assessment_compared_with_itself_has_no_ups_or_downs(stages: list[Stage | None]) -> None:
    before, after = pair()
    for action, stage in zip(PB.action_ids, stages, strict=True):
        if stage is not None:
            rate(before, action, stage)
            rate(after, action, stage)
    result = compare(before, after, PB)
    assert {a.change for a in result.key_actions} <= {Change.SAME, Change.UNKNOWN}
    assert result.overall_before == result.overall_after
    assert not result.most_improved and not result.moved_off_agenda


@given(
    st.lists(st.sampled_from(list(Stage)), min_size=8, max_size=8),
    st.lists(st.integers(min_value=0, max_value=3), min_size=8, max_size=8),
)
def test_raising_stages_never_lowers_the_overall_mean(stages: list[Stage], lift: list[int]) -> None:
    before, after = pair()
    for action, stage, up in zip(PB.action_ids, stages, lift, strict=True):
        rate(before, action, stage)
        rate(after, action, min(3, int(stage) + up))
    result = compare(before, after, PB)
    assert result.overall_before.mean is not None and result.overall_after.mean is not None
    assert result.overall_after.mean >= result.overall_before.mean
    assert all(a.change in (Change.UP, Change.SAME) for a in result.key_actions)


def test_last_time_matches_the_person_by_name_and_gives_the_teams_agreed_stage() -> None:
    from playbook_app.domain.last_time import last_time

    team = make_record(PB, Mode.TEAM, people=3)
    rate(team, "a11", Stage.EMERGING, who="p2", note="Ask the board")
    rate(team, "a11", Stage.DEVELOPING, who="p3")
    agree(team, "a11", Stage.DEVELOPING)
    # Spacing and capitals do not make another person.
    found = last_time(team, PB, "  nguyễn THỊ  hương ", "a11")
    assert found.own is not None and found.own.note == "Ask the board"
    assert (found.team_stage, found.team_agreed) == (Stage.DEVELOPING, True)
    assert found.keepable == (AnswerKind.RATED, Stage.EMERGING, "")
    # Someone new to the team keeps the team's stage.
    newcomer = last_time(team, PB, "Someone New", "a11")
    assert newcomer.own is None and newcomer.keepable == (AnswerKind.RATED, Stage.DEVELOPING, "")
    # Nobody answered: nothing to keep.
    assert last_time(team, PB, "Someone New", "a12").keepable is None


def test_last_time_of_a_solo_year_is_that_persons_whatever_the_name() -> None:
    from playbook_app.domain.last_time import last_time

    solo = make_record(PB)
    rate(solo, "a11", answer=AnswerKind.NOT_APPLICABLE, reason="No such office")
    found = last_time(solo, PB, "A new superintendent", "a11")
    assert found.keepable == (AnswerKind.NOT_APPLICABLE, None, "No such office")
    assert not found.team and found.team_stage is None
