"""Journeys through team mode: participants, rater bar and hand-over; Team review and projector.

Every input is set through its real widget, by keyboard and by mouse, and read back
from the database, the screen, the CSV and the PDF's text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers_team import choose_rater, make_team, rate, rater_dialog
from journey import csv_rows, pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Mode, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.team.participants_dialog import ParticipantsDialog
from playbook_app.ui.team.projector import ProjectorWindow
from playbook_app.ui.team.team_review import TeamReview
from playbook_app.ui.widgets.two_line_list import SUBTITLE_ROLE

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen test platform cannot do these; a real desktop does.
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.filterwarnings("error"),
]

OpenWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _press(qtbot: QtBot, button: QPushButton) -> None:
    """Tab to a button and press Space, as a keyboard user does."""
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _names(store: Store, aid: int) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in store.load(aid).participants]


def _confirm_removal(qtbot: QtBot, dialog: ParticipantsDialog, row: int, *, keep: bool) -> None:
    dialog.people.setCurrentRow(row)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    if keep:
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # Cancel is the default: Esc keeps them
    else:
        remove = next(b for b in box.buttons() if b.text() == "Remove participant and answers")
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert not box.isVisible()


def test_participants_rater_bar_and_hand_over_by_keyboard_and_mouse(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    aid = assessment_id  # solo: Dr. Ana Ruiz
    window = open_window(store)
    team = window.features.team
    assert team.rater_bar is None or not team.rater_bar.isVisible()

    # Participants: Ctrl+Shift+P; add by Return and by the button.
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    dialog = window.findChild(ParticipantsDialog)
    assert dialog is not None and dialog.isVisible() and "solo assessment" in dialog.intro.text()
    qtbot.keyClicks(dialog.new_name, "Ben Okafor")
    qtbot.keyClicks(dialog.new_role, "Chief Academic Officer")
    qtbot.keyClick(dialog.new_role, Qt.Key.Key_Return)
    assert store.load(aid).assessment.mode is Mode.TEAM  # a second person makes a team
    assert "Each participant rates privately" in dialog.intro.text()
    assert not dialog.add_button.isEnabled()  # the fields were emptied for the next
    qtbot.mouseClick(dialog.new_name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.new_name, "Cy Lindqvist")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.new_name, "Dee Marsh")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    # Same name, other spelling: refused, and said why.
    qtbot.keyClicks(dialog.new_name, "cy  LINDQVIST")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert "“Cy Lindqvist” is already on this team" in dialog.error.text()
    dialog.new_name.clear()

    # Rename and change a role: by the Save button and by Return.
    dialog.people.setCurrentRow(2)
    assert dialog.name.text() == "Cy Lindqvist" and not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.role, "Principal, Cedar Middle School")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.people.setCurrentRow(1)
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Benedict Okafor")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert _names(store, aid) == [
        ("Dr. Ana Ruiz", "Superintendent"),
        ("Benedict Okafor", "Chief Academic Officer"),
        ("Cy Lindqvist", "Principal, Cedar Middle School"),
        ("Dee Marsh", ""),
    ]
    items = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    assert items[2] == "Cy Lindqvist (Principal, Cedar Middle School) · 0 answered"

    # Remove: Esc keeps them; the destructive button removes them.
    _confirm_removal(qtbot, dialog, 3, keep=True)
    assert len(store.load(aid).participants) == 4
    _confirm_removal(qtbot, dialog, 3, keep=False)
    assert [n for n, _ in _names(store, aid)] == ["Dr. Ana Ruiz", "Benedict Okafor", "Cy Lindqvist"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # The rater bar: Ana (who created it) rates; her count follows her answers.
    bar = team.rater_bar
    assert bar is not None and bar.isVisible() and bar.name.text() == "Dr. Ana Ruiz"
    assert bar.detail.text() == "Superintendent · 0 of 20 answered"
    for key in (Qt.Key.Key_1, Qt.Key.Key_2):
        assert window.page is not None
        window.page.focus_rating()
        qtbot.keyClick(window, key)
        window.go(1)
    assert bar.detail.text() == "Superintendent · 2 of 20 answered"

    # Hand-over: Cancel by button and by Esc changes nothing.
    qtbot.mouseClick(bar.hand_over, Qt.MouseButton.LeftButton)
    handover = rater_dialog(window)
    cancel = next(b for b in handover.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not handover.isVisible() and bar.name.text() == "Dr. Ana Ruiz"
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL | SHIFT)
    handover = rater_dialog(window)
    assert handover.people.currentItem().text().startswith("Benedict Okafor")
    handover.people.setCurrentRow(0)  # oneself: nobody to hand over to
    assert not handover.hand_over_button.isEnabled()
    qtbot.keyClick(handover, Qt.Key.Key_Escape)
    assert not handover.isVisible() and bar.name.text() == "Dr. Ana Ruiz"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # Hand over by keyboard, then by mouse, then by double-click.
    choose_rater(qtbot, window, "Cy Lindqvist", by_keyboard=True)
    assert bar.name.text() == "Cy Lindqvist" and "rating: Cy Lindqvist" in window.windowTitle()
    assert bar.detail.text() == "Principal, Cedar Middle School · 0 of 20 answered"
    assert window.current_action_id == playbook.action_ids[0]
    qtbot.keyClick(window, Qt.Key.Key_4)
    choose_rater(qtbot, window, "Benedict Okafor")
    assert bar.name.text() == "Benedict Okafor" and window.progress.label.text().startswith("0 of")
    qtbot.keyClick(window, Qt.Key.Key_3)
    qtbot.mouseClick(bar.hand_over, Qt.MouseButton.LeftButton)
    handover = rater_dialog(window)
    row = next(i for i in range(3) if handover.people.item(i).text().startswith("Dr. Ana"))
    rect = handover.people.visualItemRect(handover.people.item(row))
    qtbot.mouseClick(handover.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(handover.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not handover.isVisible() and bar.name.text() == "Dr. Ana Ruiz"
    assert window.current_action_id == playbook.action_ids[2]  # her own first unanswered one
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # Read back: the database, and who took part in the PDF.
    record = store.load(aid)
    uid = {p.name: p.uid for p in record.participants}
    first = playbook.action_ids[0]
    assert record.response(uid["Cy Lindqvist"], first).stage is Stage.ADVANCING
    assert record.response(uid["Benedict Okafor"], first).stage is Stage.DEVELOPING
    assert record.response(uid["Dr. Ana Ruiz"], first).stage is Stage.NOT_STARTED
    text = pdf_text(record, playbook)
    assert "Who took part" in text
    for name, role in _names(store, aid):
        assert name in text and (not role or role in text)
    rows = csv_rows(record, playbook)
    assert rows[first]["stage"] == Stage.DEVELOPING.label  # the median of 0, 2 and 3
    window.close()


def test_team_review_and_projector_every_choice_by_keyboard_and_mouse(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_team(store, playbook)
    people = store.load(aid).participants
    ids = playbook.action_ids
    for action in ids[:6]:
        for person, stage in zip(
            people, (Stage.EMERGING, Stage.DEVELOPING, Stage.ADVANCING), strict=True
        ):
            rate(store, person.uid, action, stage)
    window = open_window(store)
    team = window.features.team

    # Team review by Ctrl+4; the list by keyboard and by mouse.
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    review = window.views.view("team")  # type: ignore[union-attr]
    assert isinstance(review, TeamReview) and review.isVisible()
    review.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(review.list, Qt.Key.Key_Down)
    assert team.current_action == ids[1]
    rect = review.list.visualRect(review.model.index(0, 0))
    qtbot.mouseClick(review.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert team.current_action == ids[0]
    assert not review.shown.isVisible() and "Hidden" in str(
        review.model.index(0, 0).data(SUBTITLE_ROLE)
    )

    # Reveal by mouse, and by keyboard on the next one.
    qtbot.mouseClick(review.reveal_button, Qt.MouseButton.LeftButton)
    assert review.shown.isVisible()
    assert review.spread.text() == "Spread: 2 stages, from Emerging to Advancing."
    editor = review.consensus
    reasons = {}
    # Every agreed stage, by mouse on the first four key actions, recorded by click.
    for position, stage in enumerate(Stage):
        action = ids[position]
        team.set_current(action)
        if not review.shown.isVisible():
            if position % 2:
                _press(qtbot, review.reveal_button)
            else:
                qtbot.mouseClick(review.reveal_button, Qt.MouseButton.LeftButton)
        assert review.shown.isVisible()
        qtbot.mouseClick(editor.stage.buttons()[int(stage)], Qt.MouseButton.LeftButton)
        reasons[action] = f"We agreed on {stage.label} for {action}."
        editor.rationale.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClicks(editor.rationale, reasons[action])
        if position % 2:
            _press(qtbot, editor.record_button)
        else:
            qtbot.mouseClick(editor.record_button, Qt.MouseButton.LeftButton)
        agreed = store.load(aid).consensus[action]
        assert (agreed.stage, agreed.rationale) == (stage, reasons[action])
        assert review.team_stage.text() == f"✓ Agreed stage: {stage.label}"
        assert f"{stage.label}:" in " ".join(review.spread_grid.texts())
    # Every stage by keyboard too: Tab to a stage button and press Space.
    team.set_current(ids[4])
    qtbot.mouseClick(review.reveal_button, Qt.MouseButton.LeftButton)
    for stage in Stage:
        button = editor.stage.buttons()[int(stage)]
        button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert editor.stage.value is stage
    qtbot.keyClick(editor.stage.buttons()[int(Stage.ADVANCING)], Qt.Key.Key_Space)  # unchoose
    assert editor.stage.value is None and not editor.record_button.isEnabled()
    qtbot.keyClick(editor.stage.buttons()[int(Stage.DEVELOPING)], Qt.Key.Key_Space)
    _press(qtbot, editor.record_button)
    assert store.load(aid).consensus[ids[4]].stage is Stage.DEVELOPING
    # Clear by keyboard, and by click; undo brings the stage and reason back.
    _press(qtbot, editor.clear_button)
    assert ids[4] not in store.load(aid).consensus
    team.set_current(ids[3])
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert ids[3] not in store.load(aid).consensus
    assert "no consensus yet" in review.team_stage.text()
    window.menu_actions.undo.trigger()
    assert store.load(aid).consensus[ids[3]].rationale == reasons[ids[3]]

    # The projector: F5, then every key it knows.
    qtbot.mouseClick(review.projector_button, Qt.MouseButton.LeftButton)
    projector = team.projector
    assert isinstance(projector, ProjectorWindow)
    qtbot.waitUntil(projector.isActiveWindow)
    assert projector.title.text() == playbook.action(ids[3]).title
    assert projector.rationale.text() == f"Why: {reasons[ids[3]]}"
    for key, expected in (
        (Qt.Key.Key_Right, ids[4]),
        (Qt.Key.Key_PageDown, ids[5]),
        (Qt.Key.Key_Down, ids[6]),
        (Qt.Key.Key_Space, ids[7]),
        (Qt.Key.Key_Left, ids[6]),
        (Qt.Key.Key_PageUp, ids[5]),
        (Qt.Key.Key_Up, ids[4]),
    ):
        qtbot.keyClick(projector, key)
        assert team.current_action == expected and review.current_action_id == expected
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)  # ids[5]: answered, not revealed
    assert "Press R" in projector.answered.text() and projector.spread_grid.cells == []
    qtbot.keyClick(projector, Qt.Key.Key_1)
    assert ids[5] not in store.load(aid).consensus and "reveal" in projector.message.text()
    qtbot.keyClick(projector, Qt.Key.Key_R)
    assert team.is_revealed(ids[5]) and "Spread: 2 stages" in projector.spread.text()
    assert "ratings are two or more stages apart" in projector.flag.text()
    for key, stage in zip(
        (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4), Stage, strict=True
    ):
        qtbot.keyClick(projector, key)
        assert store.load(aid).consensus[ids[5]].stage is stage
        assert projector.team_stage.text() == f"✓ Agreed stage: {stage.label}"
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_0):
        qtbot.keyClick(projector, Qt.Key.Key_2)
        qtbot.keyClick(projector, key)
        assert ids[5] not in store.load(aid).consensus
    qtbot.keyClick(projector, Qt.Key.Key_Z, CTRL)  # undo the last clear
    assert store.load(aid).consensus[ids[5]].stage is Stage.EMERGING
    qtbot.keyClick(projector, Qt.Key.Key_Z, CTRL | SHIFT)  # and redo it
    assert ids[5] not in store.load(aid).consensus
    qtbot.keyClick(projector, Qt.Key.Key_3)
    qtbot.keyClick(projector, Qt.Key.Key_F11)
    assert projector.isFullScreen()
    qtbot.keyClick(projector, Qt.Key.Key_F11)
    assert not projector.isFullScreen()
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)  # ids[6]: nobody answered
    qtbot.keyClick(projector, Qt.Key.Key_R)
    qtbot.keyClick(projector, Qt.Key.Key_4)
    assert ids[6] not in store.load(aid).consensus
    assert "Nobody has answered" in projector.message.text()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(projector.isActiveWindow)
    qtbot.keyClick(projector, Qt.Key.Key_F5)  # F5 closes it again
    assert not projector.isVisible()

    # Read back: the agreed stages on the screen, in the CSV and in the PDF.
    record = store.load(aid)
    expected = {
        ids[0]: Stage.NOT_STARTED,
        ids[1]: Stage.EMERGING,
        ids[2]: Stage.DEVELOPING,
        ids[3]: Stage.ADVANCING,
        ids[5]: Stage.DEVELOPING,
    }
    assert {a: c.stage for a, c in record.consensus.items()} == expected
    rows = csv_rows(record, playbook)
    for action, stage in expected.items():
        assert rows[action]["stage"] == stage.label
    assert rows[ids[4]]["stage"] == Stage.DEVELOPING.label  # the median, no consensus
    text = pdf_text(record, playbook)
    assert text.count("(agreed by the team)") >= len(expected)
    for action in ids[:4]:
        assert reasons[action] in text
