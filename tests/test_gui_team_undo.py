"""Every change can be undone: recording or clearing an agreed stage, and the capacity."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers_team import make_team, rate
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen test platform cannot do these; a real desktop does.
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.filterwarnings("error"),
]

OpenWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier


def test_recording_and_clearing_an_agreed_stage_can_be_undone_reason_and_all(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    from playbook_app.ui.team.team_review import TeamReview

    aid = make_team(store, playbook)
    first = playbook.action_ids[0]
    people = store.load(aid).participants
    for person, stage in zip(
        people, (Stage.EMERGING, Stage.DEVELOPING, Stage.DEVELOPING), strict=True
    ):
        rate(store, person.uid, first, stage)
    window = open_window(store)
    undo = window.menu_actions.undo
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    review = window.views.view("team")  # type: ignore[union-attr]
    assert isinstance(review, TeamReview)
    qtbot.mouseClick(review.reveal_button, Qt.MouseButton.LeftButton)
    editor = review.consensus
    reason = "Only the middle school runs it."
    qtbot.mouseClick(editor.stage.buttons()[int(Stage.EMERGING)], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.rationale, reason)
    qtbot.mouseClick(editor.record_button, Qt.MouseButton.LeftButton)
    assert store.load(aid).consensus[first].rationale == reason
    assert undo.isEnabled() and undo.text() == "&Undo agreed stage Emerging on 1.1"

    def keys(key: Qt.Key, shift: bool = False) -> None:
        review.list.setFocus(Qt.FocusReason.OtherFocusReason)  # not a text box: Edit's keys
        modifiers = CTRL | (Qt.KeyboardModifier.ShiftModifier if shift else CTRL)
        qtbot.keyClick(window, key, modifiers)

    keys(Qt.Key.Key_Z)
    assert first not in store.load(aid).consensus
    assert editor.stage.value is None and editor.rationale.toPlainText() == ""
    assert "no consensus yet" in review.team_stage.text()
    keys(Qt.Key.Key_Z, shift=True)  # redo
    assert store.load(aid).consensus[first].stage is Stage.EMERGING
    assert editor.rationale.toPlainText() == reason

    # Clearing keeps the reason in the history: undo brings back stage and reason.
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert first not in store.load(aid).consensus
    assert undo.text() == "&Undo clearing the agreed stage of 1.1"
    undo.trigger()  # Edit > Undo
    agreed = store.load(aid).consensus[first]
    assert (agreed.stage, agreed.rationale) == (Stage.EMERGING, reason)
    assert editor.stage.value is Stage.EMERGING and editor.rationale.toPlainText() == reason

    # The projector's keys are undoable too, from the projector.
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = window.features.team.projector
    qtbot.waitUntil(projector.isActiveWindow)
    qtbot.keyClick(projector, Qt.Key.Key_4)
    assert store.load(aid).consensus[first] == agreed._replace(
        stage=Stage.ADVANCING, updated_at=store.load(aid).consensus[first].updated_at
    )
    qtbot.keyClick(projector, Qt.Key.Key_Z, CTRL)
    assert store.load(aid).consensus[first].stage is Stage.EMERGING
    qtbot.keyClick(projector, Qt.Key.Key_Delete)
    assert first not in store.load(aid).consensus
    qtbot.keyClick(projector, Qt.Key.Key_Z, CTRL)
    agreed = store.load(aid).consensus[first]
    assert (agreed.stage, agreed.rationale) == (Stage.EMERGING, reason)
    assert projector.rationale.text() == f"Why: {reason}"
    projector.close()


def test_a_capacity_change_can_be_undone_and_redone(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    from helpers_agenda import answered_agenda

    from playbook_app.domain.agenda import Bucket

    window, view = answered_agenda(qtbot, store, playbook, open_window)
    start_now = view.section_items(Bucket.START_NOW.value)
    view.capacity.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.capacity, Qt.Key.Key_Down)
    qtbot.keyClick(view.capacity, Qt.Key.Key_Down)
    assert store.load(assessment_id).district.capacity == 1
    assert window.menu_actions.undo.text() == "&Undo capacity 2 → 1"
    view.card(start_now[0]).title.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(assessment_id).district.capacity == 2
    assert view.capacity.value() == 2 and len(view.section_items(Bucket.START_NOW.value)) == 2
    window.menu_actions.undo.trigger()
    assert store.load(assessment_id).district.capacity == 3
    assert view.section_items(Bucket.START_NOW.value) == start_now
    window.menu_actions.redo.trigger()
    assert store.load(assessment_id).district.capacity == 2 and view.capacity.value() == 2


def test_undoing_an_agreed_stage_shows_the_key_action_it_belongs_to(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_team(store, playbook)
    first, second = playbook.action_ids[:2]
    for person in store.load(aid).participants:
        rate(store, person.uid, first, Stage.DEVELOPING)
    window = open_window(store)
    team = window.features.team
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = team.projector
    qtbot.waitUntil(projector.isActiveWindow)
    qtbot.keyClick(projector, Qt.Key.Key_R)
    qtbot.keyClick(projector, Qt.Key.Key_3)
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    assert team.current_action == second
    qtbot.keyClick(projector, Qt.Key.Key_Z, CTRL)
    assert first not in store.load(aid).consensus
    assert team.current_action == first and projector.title.text() == playbook.action(first).title
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    qtbot.keyClick(projector, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert store.load(aid).consensus[first].stage is Stage.DEVELOPING
    assert team.current_action == first
    projector.close()
