"""Team-mode defects found walking a retreat through: who rates after a reopen, hand-over, names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers_team import (
    TEAM,
    all_texts,
    choose_rater,
    make_team,
    pick_rater,
    rate,
    rater_dialog,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.assessments.open_dialog import ID_ROLE, OpenAssessmentDialog
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.team.participants_dialog import ParticipantsDialog
from playbook_app.ui.widgets.two_line_list import SUBTITLE_ROLE

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen test platform cannot do these; a real desktop does.
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.filterwarnings("error"),
]

OpenWindow = Callable[..., MainWindow]
ALEX, JORDAN = "Alex Rivera", "Jordan Lee"
PAIR = ((ALEX, "Superintendent"), (JORDAN, "Chief Academic Officer"))
ALEX_NOTE = "Alex's candid doubt about the data office"
CTRL = Qt.KeyboardModifier.ControlModifier


def _assert_nobody_is_rating(qtbot: QtBot, window: MainWindow, store: Store, aid: int) -> None:
    """Nobody's answers on screen, and nothing typed or pressed changes any answer."""
    team = window.features.team
    assert team.rater_bar.isVisible() and team.rater_bar.name.text() == "nobody yet"
    assert team.rater_bar.hand_over.text() == "Who is rating?…"
    assert "rating:" not in window.windowTitle()
    page = window.page
    assert page is not None and not page.isEnabled()
    assert all(not card.isChecked() for card in page.picker.cards())
    assert page.notes.toPlainText() == "" and ALEX_NOTE not in all_texts(window)
    assert window.navigator is not None
    model = window.navigator.model()
    states = {
        str(model.index_for(a).data(SUBTITLE_ROLE))  # type: ignore[attr-defined]
        for a in window.session.playbook.action_ids
    }
    assert Stage.ADVANCING.label not in " ".join(states)
    before = store.load(aid).responses
    window.show_action(window.session.playbook.action_ids[0])
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_U)
    assert store.load(aid).responses == before


def test_a_reopened_team_assessment_shows_nobodys_answers_until_someone_says_who_rates(
    qtbot: QtBot, data_dir: Path, playbook: Playbook, open_window: OpenWindow
) -> None:
    from playbook_app.app import build_main_window

    store = Store.open(data_dir)
    aid = make_team(store, playbook, PAIR)
    # Not handed to qtbot: this window is closed and deleted as quitting the app would.
    window = build_main_window(store, playbook, remember_window=False)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    choose_rater(qtbot, window, ALEX)
    assert window.page is not None and window.page.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_4)  # Alex: Advancing
    qtbot.keyClicks(window.page.notes, ALEX_NOTE)
    choose_rater(qtbot, window, JORDAN, by_keyboard=True)  # the hand-over
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    window.deleteLater()  # as the app ends: a closed window would keep the focus offscreen
    QApplication.processEvents()
    store.close()

    # At start: whoever holds the laptop now sees nothing of Alex's.
    store = Store.open(data_dir)
    window = open_window(store)
    _assert_nobody_is_rating(qtbot, window, store, aid)
    choose_rater(qtbot, window, JORDAN, by_keyboard=True)
    assert window.page is not None and window.page.isEnabled()
    assert window.features.team.rater_bar.name.text() == JORDAN  # type: ignore[attr-defined]
    assert ALEX_NOTE not in all_texts(window) and window.page.notes.toPlainText() == ""
    qtbot.keyClick(window, Qt.Key.Key_2)  # Jordan: Emerging, his own answer
    jordan = store.load(aid).participants[1].uid
    assert store.load(aid).response(jordan, playbook.action_ids[0]).stage is Stage.EMERGING

    # After a restore the database is read again: the same question first.
    window.session.reload()
    _assert_nobody_is_rating(qtbot, window, store, aid)

    # From File > Open…, choosing another assessment and coming back.
    other = make_team(store, playbook, PAIR)
    for target in (other, aid):
        qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
        dialog = next(d for d in window.findChildren(OpenAssessmentDialog) if d.isVisible())
        row = next(
            r
            for r in range(dialog.model.rowCount())
            if dialog.model.index(r, 0).data(ID_ROLE) == target
        )
        dialog.table.selectRow(row)
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        _assert_nobody_is_rating(qtbot, window, store, target)

    # Alex says it is Alex: Alex's own answers are back, and only Alex's.
    choose_rater(qtbot, window, ALEX)
    window.show_action(playbook.action_ids[0])
    assert window.page is not None
    checked = [c.text() for c in window.page.picker.cards() if c.isChecked()]
    assert checked == [Stage.ADVANCING.label] and window.page.notes.toPlainText() == ALEX_NOTE
    window.close()
    store.close()


def test_a_new_team_assessment_keeps_its_creator_as_the_rater(
    qtbot: QtBot, store: Store, open_window: OpenWindow
) -> None:
    window = open_window(store)
    assert window.welcome is not None
    form = window.welcome.form
    qtbot.keyClicks(form.district_name, "Cedar Valley USD")
    form.state.set_value("KY")
    qtbot.keyClicks(form.your_name, ALEX)
    qtbot.mouseClick(form.team, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.team_rows.rows[0][0], JORDAN)
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    assert window.features.team.rater_bar.name.text() == ALEX  # type: ignore[attr-defined]
    assert window.page is not None and window.page.isEnabled()


def test_editing_an_agenda_owner_or_next_step_ends_on_saved(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    from helpers_agenda import answered_agenda, stored_entry, type_into

    from playbook_app.domain.agenda import Bucket

    window, view = answered_agenda(qtbot, store, playbook, open_window)
    first = view.section_items(Bucket.START_NOW.value)[0]
    card = view.card(first)
    label = window.save_status.label
    type_into(qtbot, card.owner, "Dr. Ana Ruiz")
    assert label.text() == "Saving…"  # typed, not yet handed over
    qtbot.keyClick(card.owner, Qt.Key.Key_Tab)  # leaving the field hands it over
    assert stored_entry(store, window, first).owner == "Dr. Ana Ruiz"  # type: ignore[union-attr]
    assert label.text() == "✓ All changes saved"
    type_into(qtbot, card.next_step, "Name a lead in January")
    assert label.text() == "Saving…"
    qtbot.keyClick(card.next_step, Qt.Key.Key_Tab)
    entry = stored_entry(store, window, first)
    assert entry is not None and entry.next_step == "Name a lead in January"
    assert label.text() == "✓ All changes saved"


def test_hand_over_offers_the_next_unfinished_rater_and_starts_them_where_they_stopped(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_team(store, playbook)
    ana, ben, cy = store.load(aid).participants
    ids = playbook.action_ids
    for action in ids:  # Ana and Ben have finished; Cy has answered the first five
        rate(store, ana.uid, action, Stage.EMERGING)
        rate(store, ben.uid, action, Stage.DEVELOPING)
    for action in ids[:5]:
        rate(store, cy.uid, action, Stage.ADVANCING)
    window = open_window(store)

    # "Who is rating?" already proposes Cy, the first who has not finished.
    qtbot.mouseClick(window.features.team.rater_bar.hand_over, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    dialog = rater_dialog(window)
    assert dialog.windowTitle() == "Who is rating?"
    assert dialog.people.currentItem().text().startswith(cy.name)
    pick_rater(qtbot, window, ana.name)
    assert window.current_action_id == ids[0]  # Ana has no unanswered one: the first

    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = rater_dialog(window)
    assert dialog.windowTitle() == "Hand over to the next rater"
    assert dialog.people.currentItem().text().startswith(cy.name)  # not Ben, who finished
    # Every line of every entry fits: "rating now" is never cut off.
    metrics = dialog.people.fontMetrics()
    for row in range(dialog.people.count()):
        item = dialog.people.item(row)
        width = dialog.people.visualItemRect(item).width()
        assert all(metrics.horizontalAdvance(line) < width for line in item.text().split("\n"))
    assert "20 of 20 answered · rating now" in dialog.people.item(0).text()
    window.show_action(ids[2])  # Ana was looking at the third key action
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    assert window.session.participant_uid == cy.uid
    assert window.current_action_id == ids[5]  # Cy's own first unanswered one


def test_two_people_with_the_same_name_are_refused_everywhere(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_team(store, playbook)
    window = open_window(store)
    window.features.team.participants_action.trigger()
    dialog = window.findChild(ParticipantsDialog)
    assert dialog is not None and dialog.isVisible()
    ana = TEAM[0][0]

    qtbot.keyClicks(dialog.new_name, "  dr.  ANA ruiz ")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and f"“{ana}” is already on this team" in dialog.error.text()
    assert len(store.load(aid).participants) == 3
    dialog.people.setCurrentRow(1)
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Dr. Ana Ruiz")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "is already on this team" in dialog.error.text()
    assert [p.name for p in store.load(aid).participants] == [name for name, _ in TEAM]
    # Renaming someone to a new spelling of their own name is no clash.
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "BEN OKAFOR")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible()
    assert store.load(aid).participants[1].name == "BEN OKAFOR"
    dialog.close()

    # The New assessment form: your name and the team rows.
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    from playbook_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog

    new = window.findChild(NewAssessmentDialog)
    assert new is not None and new.isVisible()
    form = new.form
    form.your_name.selectAll()
    qtbot.keyClicks(form.your_name, ALEX)
    qtbot.mouseClick(form.team, Qt.MouseButton.LeftButton)
    first, second = form.team_rows.rows
    qtbot.keyClicks(first[0], JORDAN)
    qtbot.keyClicks(second[0], " alex   RIVERA")
    assert form.team_error.isVisible() and "“Alex Rivera” is listed more than once" in (
        form.team_error.text()
    )
    assert "a different name for each team member" in form.missing.text()
    assert not form.is_valid
    second[0].selectAll()
    qtbot.keyClicks(second[0], "Alex Rivera Jr.")
    assert form.is_valid and not form.team_error.isVisible()


def test_the_projector_refuses_a_stage_on_a_key_action_nobody_answered(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_team(store, playbook)
    window = open_window(store)
    team = window.features.team
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = team.projector
    qtbot.waitUntil(projector.isActiveWindow)
    first = playbook.action_ids[0]
    qtbot.keyClick(projector, Qt.Key.Key_2)  # before the reveal
    assert projector.message.isVisible() and "Nobody has answered" in projector.message.text()
    qtbot.keyClick(projector, Qt.Key.Key_R)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        qtbot.keyClick(projector, key)
        assert projector.message.isVisible()
        assert projector.message.text().startswith("Not recorded: Nobody has answered")
    assert first not in store.load(aid).consensus
    assert "no consensus" not in projector.team_stage.text()
    # The Team review says the same and offers no Record.
    review = team.show_review()
    qtbot.mouseClick(review.consensus.stage.buttons()[2], Qt.MouseButton.LeftButton)
    assert not review.consensus.record_button.isEnabled()
    assert "Nobody has answered" in review.consensus.note.text()
    projector.close()
    QApplication.processEvents()


def test_an_import_while_nobody_is_rating_shows_nobodys_answers_still(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_team(store, playbook, PAIR)
    alex = store.load(aid).participants[0]
    rate(store, alex.uid, playbook.action_ids[0], Stage.ADVANCING)
    window = open_window(store)
    assert window.session.participant_uid is None
    # What an import does to the open assessment: write many rows, then read it again.
    window.session.bulk_write(lambda s: rate(s, alex.uid, playbook.action_ids[1], Stage.EMERGING))
    _assert_nobody_is_rating(qtbot, window, store, aid)
    assert window.session.record is not None and len(window.session.record.responses) == 2
