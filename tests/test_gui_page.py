"""The key-action page: reasons, the checklist's hint, the control hint, state programs, keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from helpers_gui import make_assessment
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.domain.limits import NOTE_MAX
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.rating.action_page import ActionPage
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _page(window: MainWindow) -> ActionPage:
    assert window.page is not None
    return window.page


def test_not_applicable_asks_for_a_reason_and_keeps_it(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    page = _page(window)
    qtbot.mouseClick(page.picker.not_applicable, Qt.MouseButton.LeftButton)
    action = window.current_action_id
    assert action is not None
    assert window.session.response(action).answer is AnswerKind.NOT_APPLICABLE
    assert page.picker.reason.isVisible() and page.picker.reason.hasFocus()
    assert page.picker._reason_prompt.isVisible()  # an empty reason is allowed, but prompted

    qtbot.keyClicks(page.picker.reason, "One school, K-12")
    assert not page.picker._reason_prompt.isVisible()
    page.commit_text_edits()
    assert (
        store.load(assessment_id).responses[(window.session.participant_uid or "", action)].reason
        == "One school, K-12"
    )

    # Choosing a stage hides the reason field; choosing N/A again brings the reason back.
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert not page.picker.reason.isVisible()
    qtbot.mouseClick(page.picker.not_applicable, Qt.MouseButton.LeftButton)
    assert page.picker.reason.text() == "One school, K-12"


def test_the_checklist_suggests_a_stage_but_never_sets_one(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, playbook: Playbook
) -> None:
    window = open_window(store)
    six = next(a for a in playbook.key_actions if len(a.step_ids) == 6)
    window.show_action(six.id)
    page = _page(window)
    checks = page.checklist.checks()
    assert len(checks) == 6
    QApplication.processEvents()  # lay out the new rows, as happens before anyone can click
    assert not page.checklist._suggestion.isVisible()
    for check in checks[:4]:
        qtbot.mouseClick(check.box, Qt.MouseButton.LeftButton)
    text = page.checklist._suggestion.text()
    assert text.startswith("You checked 4 of 6 steps: that often means Developing.")
    response = window.session.response(six.id)
    assert response.answer is None and response.stage is None
    assert response.steps_done == frozenset(six.step_ids[:4])

    # Clicking the wrapped text of a step ticks it too, as a checkbox label would.
    qtbot.mouseClick(checks[4].label, Qt.MouseButton.LeftButton)
    assert len(window.session.response(six.id).steps_done) == 5


def test_the_control_hint_is_stored_only_when_confirmed(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, playbook: Playbook
) -> None:
    window = open_window(store)
    page = _page(window)
    action = playbook.action(playbook.action_ids[0])
    assert page.details._hint.text() == f"Suggested: {action.default_control.label}."
    assert window.session.response(action.id).control is None
    qtbot.mouseClick(page.details.use_hint, Qt.MouseButton.LeftButton)
    assert window.session.response(action.id).control is action.default_control
    assert not page.details.use_hint.isVisible()

    # A segmented choice clears when its chosen button is clicked again.
    high = page.details.choices["importance"].buttons()[2]
    qtbot.mouseClick(high, Qt.MouseButton.LeftButton)
    assert window.session.response(action.id).importance == 3
    assert high.text().startswith("✓")
    qtbot.mouseClick(high, Qt.MouseButton.LeftButton)
    assert window.session.response(action.id).importance is None


def test_the_districts_own_state_program_is_highlighted(
    qtbot: QtBot, store: Store, open_window: OpenWindow, playbook: Playbook
) -> None:
    make_assessment(store, playbook, state="KY")
    window = open_window(store, for_keys=False)
    program = next(p for p in playbook.state_programs if p.state == "KY")
    window.show_action(program.action_ids[0])
    shown = [
        label.text()
        for label in _page(window).references.findChildren(type(_page(window)._breadcrumb))
    ]
    assert f"Your state: Kentucky — {program.name}" in shown
    other = next(a for a in playbook.action_ids if a not in program.action_ids)
    window.show_action(other)
    shown = [
        label.text()
        for label in _page(window).references.findChildren(type(_page(window)._breadcrumb))
    ]
    assert not any(text.startswith("Your state:") for text in shown)


def test_number_keys_type_into_the_notes_instead_of_rating(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    page = _page(window)
    action = window.current_action_id
    assert action is not None
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "2 of us")
    page.commit_text_edits()
    response = window.session.response(action)
    assert response.note == "2 of us"
    assert response.answer is None


def test_a_long_note_typed_key_by_key_is_kept(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    # A real session types thousands of keys. PySide6 6.12.0 on Python 3.11 lost a
    # reference to None and True on each of them and aborted after a few hundred.
    window = open_window(store)
    page = _page(window)
    action = window.current_action_id
    assert action is not None
    text = ("Ask the cabinet who owns this & when; budget < last year. " * 50)[:NOTE_MAX]
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, text)
    page.commit_text_edits()
    participant = window.session.participant
    assert participant is not None
    assert store.load(assessment_id).response(participant.uid, action).note == text


def test_rating_stays_on_the_page_and_makes_next_obvious(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    page = _page(window)
    first = window.current_action_id
    assert not page.next_button.font().bold()
    qtbot.keyClick(window, Qt.Key.Key_4)
    assert window.current_action_id == first
    assert window.session.response(first or "").stage is Stage.ADVANCING
    assert page.next_button.font().bold()


def test_tab_moves_through_the_page_in_reading_order(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    page = _page(window)
    last_step = page.checklist.checks()[-1].box
    last_step.setFocus()
    qtbot.keyClick(last_step, Qt.Key.Key_Tab)
    assert page.picker.cards()[0].hasFocus()
    page.picker.not_applicable.setFocus()
    qtbot.keyClick(page.picker.not_applicable, Qt.Key.Key_Tab)
    # The reason field is hidden until Not applicable is chosen, so Tab skips it.
    assert page.details.choices["importance"].buttons()[0].hasFocus()


def test_quitting_with_unsaved_changes_asks_first(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    store.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.keyClick(window, Qt.Key.Key_1)
        assert window.session.has_pending
        assert window.save_alerts.failure_box is not None
        window.save_alerts.failure_box.close()
        assert not window.close()  # refused: the change would be lost
        assert window.isVisible()
        window.save_alerts.quit_without_saving()
        assert not window.isVisible()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_typing_and_erasing_it_again_ends_all_saved(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    page = _page(window)
    qtbot.keyClicks(page.notes, "ab")
    assert window.save_status.label.text() == "Saving…"
    qtbot.keyClick(page.notes, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.notes, Qt.Key.Key_Backspace)
    page.commit_text_edits()
    assert window.save_status.label.text() == "✓ All changes saved"
    assert window.undo_stack.count() == 0


def test_navigator_titles_wrap_on_words_then_elide(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from playbook_app.ui.widgets.two_line_list import wrap_two_lines

    metrics = QFontMetrics(QFont())
    short = "1.1  Partner"
    assert wrap_two_lines(metrics, short, 400) == (short, "")
    title = "2.1  Make the case for dedicated state R&D capacity and keep it funded every year"
    width = metrics.horizontalAdvance("2.1  Make the case for dedicated")
    first, second = wrap_two_lines(metrics, title, width)
    assert first == "2.1  Make the case for dedicated"  # whole words only
    assert second.startswith("state R&D") and second.endswith("…")
    assert metrics.horizontalAdvance(second) <= width
