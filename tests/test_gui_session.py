"""The session: the one seam between the GUI and storage, driven without any window."""

from __future__ import annotations

import sqlite3

from helpers_gui import make_assessment
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AnswerKind, Participant, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store, new_uid
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.wording import SAVED


def _recorder(session: Session) -> dict[str, list[object]]:
    seen: dict[str, list[object]] = {"response": [], "state": [], "failed": [], "assessment": []}
    session.responseChanged.connect(seen["response"].append)
    session.saveStateChanged.connect(seen["state"].append)
    session.saveFailed.connect(seen["failed"].append)
    session.assessmentChanged.connect(lambda: seen["assessment"].append(True))
    return seen


def test_every_change_is_written_at_once(
    qtbot: QtBot, store: Store, assessment_id: int, playbook: Playbook
) -> None:
    session = Session(store, playbook)
    seen = _recorder(session)
    assert session.reopen()
    assert seen["assessment"] == [True]
    action = playbook.action_ids[3]
    answer = session.response(action).with_changes(answer=AnswerKind.RATED, stage=Stage.EMERGING)
    assert session.set_response(answer)
    assert seen["response"] == [action]
    assert seen["state"][-1] == SAVED
    stored = store.load(assessment_id).response(session.participant_uid or "", action)
    assert stored.stage is Stage.EMERGING
    assert session.answered_count() == 1


def test_a_failed_write_stays_pending_across_a_switch_and_retry_writes_it(
    qtbot: QtBot, store: Store, playbook: Playbook
) -> None:
    first = make_assessment(store, playbook)
    second = make_assessment(store, playbook, state="AL")
    session = Session(store, playbook)
    seen = _recorder(session)
    session.open_assessment(first)
    participant = session.participant_uid or ""
    action = playbook.action_ids[0]

    store.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        answer = session.response(action).with_changes(answer=AnswerKind.UNSURE)
        assert not session.set_response(answer)
        assert session.has_pending and list(session.pending) == [(participant, action)]
        assert session.response(action).answer is AnswerKind.UNSURE  # still shown
        assert len(seen["failed"]) == 1 and "busy" in str(seen["failed"][0])
        assert session.save_state_text.startswith("Not saved: ")
        session.open_assessment(second)  # reading works while another program writes
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert session.retry()
    assert not session.has_pending
    assert seen["state"][-1] == SAVED
    assert store.load(first).response(participant, action).answer is AnswerKind.UNSURE


def test_the_active_participant_is_whose_answers_are_shown(
    qtbot: QtBot, store: Store, assessment_id: int, playbook: Playbook
) -> None:
    colleague = Participant(uid=new_uid(), name="Tanisha Brooks", role="Director")
    store.add_participant(assessment_id, colleague)
    session = Session(store, playbook)
    changed: list[str] = []
    session.participantChanged.connect(changed.append)
    session.open_assessment(assessment_id)
    action = playbook.action_ids[0]
    session.set_response(
        session.response(action).with_changes(answer=AnswerKind.RATED, stage=Stage.ADVANCING)
    )
    session.set_active_participant(colleague.uid)
    assert changed == [colleague.uid]
    assert session.participant == colleague
    assert not session.response(action).answered  # the colleague has not rated it yet
    assert session.answered_count() == 0


def test_typing_then_deleting_it_again_ends_as_saved(
    qtbot: QtBot, store: Store, assessment_id: int, playbook: Playbook
) -> None:
    session = Session(store, playbook)
    session.open_assessment(assessment_id)
    states: list[str] = []
    session.saveStateChanged.connect(states.append)
    session.mark_editing()
    assert session.save_state_text == "Saving…"
    session.end_editing()
    assert states == ["Saving…", SAVED]
