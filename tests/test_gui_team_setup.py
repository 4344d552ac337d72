"""Setting up a team: the New assessment form in team mode, and the Participants window."""

from __future__ import annotations

from collections.abc import Callable

from helpers_team import choose_rater, make_team, rate, unnamed_controls
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Mode, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.team.participants_dialog import ParticipantsDialog

OpenWindow = Callable[..., MainWindow]


def test_first_run_can_start_a_team_assessment(
    qtbot: QtBot, store: Store, open_window: OpenWindow
) -> None:
    window = open_window(store)
    assert window.welcome is not None
    form = window.welcome.form
    qtbot.keyClicks(form.district_name, "Cedar Valley USD")
    form.state.set_value("KY")
    qtbot.keyClicks(form.your_name, "Dr. Ana Ruiz")
    qtbot.keyClicks(form.role, "Superintendent")
    assert not form.team_rows.isVisible()  # solo by default: no team fields
    qtbot.mouseClick(form.team, Qt.MouseButton.LeftButton)
    assert form.team_rows.isVisible()
    first, second = form.team_rows.rows
    qtbot.keyClicks(first[0], "Ben Okafor")
    qtbot.keyClicks(first[1], "Chief Academic Officer")
    qtbot.keyClicks(second[1], "Principal")  # a role without a name
    assert not window.welcome.create_button.isEnabled()
    assert "a name for each team member" in form.missing.text()
    qtbot.keyClicks(second[0], "Cy Lindqvist")
    qtbot.mouseClick(form.team_rows.add_button, Qt.MouseButton.LeftButton)  # left blank
    assert unnamed_controls(form) == []
    assert window.welcome.create_button.isEnabled()
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)

    record = window.session.record
    assert record is not None and record.assessment.mode is Mode.TEAM
    assert record.assessment.id is not None
    stored = store.load(record.assessment.id)
    assert [(p.name, p.role) for p in stored.participants] == [
        ("Dr. Ana Ruiz", "Superintendent"),
        ("Ben Okafor", "Chief Academic Officer"),
        ("Cy Lindqvist", "Principal"),
    ]
    team = window.features.team
    assert team.rater_bar is not None and team.rater_bar.isVisible()
    assert team.rater_bar.name.text() == "Dr. Ana Ruiz"
    assert "rating: Dr. Ana Ruiz" in window.windowTitle()


def test_participants_add_rename_and_remove_only_after_asking(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    assessment_id = make_team(store, playbook)
    ben = store.load(assessment_id).participants[1]
    rate(store, ben.uid, playbook.action_ids[0], Stage.ADVANCING)
    window = open_window(store)
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(ParticipantsDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert unnamed_controls(dialog) == []

    dialog.people.setCurrentRow(1)
    assert dialog.name.text() == ben.name
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert (
        ben.name in box.text() and "their 1 answer will be removed" in box.informativeText().lower()
    )
    assert len(store.load(assessment_id).participants) == 3  # nothing yet: it asked first
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(store.load(assessment_id).participants) == 3

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    assert box is not None
    remove = next(b for b in box.buttons() if b.text() == "Remove participant and answers")
    remove.click()
    after = store.load(assessment_id)
    assert [p.name for p in after.participants] == ["Dr. Ana Ruiz", "Cy Lindqvist"]
    assert all(key[0] != ben.uid for key in after.responses)

    dialog.people.setCurrentRow(1)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Cyrus Lindqvist")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.new_name, "Dee Marsh")
    qtbot.keyClicks(dialog.new_role, "Director of Data")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [(p.name, p.role) for p in store.load(assessment_id).participants] == [
        ("Dr. Ana Ruiz", "Superintendent"),
        ("Cyrus Lindqvist", "Principal, Cedar Middle School"),
        ("Dee Marsh", "Director of Data"),
    ]

    # The last one cannot go: there is always someone whose answers these are.
    for _ in range(2):
        dialog.people.setCurrentRow(1)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert dialog.confirm is not None
        next(b for b in dialog.confirm.buttons() if b.text().startswith("Remove")).click()
    dialog.people.setCurrentRow(0)
    assert not dialog.remove_button.isEnabled()


def test_adding_a_person_turns_a_solo_assessment_into_a_team(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    team = window.features.team
    assert not team.review_action.isVisible()
    team.participants_action.trigger()
    dialog = team.participants_dialog
    assert dialog is not None and "solo assessment" in dialog.intro.text()
    qtbot.keyClicks(dialog.new_name, "Ben Okafor")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    stored = store.load(assessment_id)
    assert stored.assessment.mode is Mode.TEAM and len(stored.participants) == 2
    assert team.rater_bar is not None and team.rater_bar.isVisible()
    assert team.review_action.isVisible() and team.projector_action.isVisible()


def test_removing_the_active_rater_asks_who_rates_next(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    from playbook_app.ui.team.rater_bar import HandOverDialog

    assessment_id = make_team(store, playbook)
    ana = store.load(assessment_id).participants[0]
    window = open_window(store)
    choose_rater(qtbot, window, ana.name)
    assert window.session.participant_uid == ana.uid
    team = window.features.team
    team.participants_action.trigger()
    dialog = team.participants_dialog
    dialog.people.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm is not None
    next(b for b in dialog.confirm.buttons() if b.text().startswith("Remove")).click()
    assert all(p.uid != ana.uid for p in store.load(assessment_id).participants)
    handover = window.findChild(HandOverDialog)
    assert handover is not None and handover.isVisible()
    # Meanwhile nobody's answers are on the Rate screen, and it takes none.
    assert window.session.participant_uid is None
    assert window.page is not None and not window.page.isEnabled()
    assert handover.windowTitle() == "Who is rating?"
