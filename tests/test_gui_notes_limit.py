"""The Notes box holds at most NOTE_MAX characters, counts them, and takes no control characters."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from playbook_app.domain.limits import NOTE_MAX, REASON_MAX
from playbook_app.storage import Store
from playbook_app.ui.rating.action_page import ActionPage
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _page(window: MainWindow) -> ActionPage:
    assert window.page is not None
    return window.page


def _paste(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Through the clipboard and Ctrl+V, as a user pastes."""
    clipboard = QApplication.clipboard()
    clipboard.setText(text)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _stored_note(store: Store, assessment_id: int, window: MainWindow) -> str:
    window.page.commit_text_edits() if window.page else None
    participant, action = window.session.participant_uid, window.current_action_id
    assert participant is not None and action is not None
    return store.load(assessment_id).response(participant, action).note


def test_the_notes_box_refuses_text_past_its_limit_and_counts(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    notes = _page(window).notes
    counter = _page(window).notes_count
    assert counter.text() == f"0 of {NOTE_MAX:,} characters"

    qtbot.keyClicks(notes, "Start. ")
    _paste(qtbot, notes, "x" * (NOTE_MAX + 500))  # the paste is cut where the room ends
    assert notes.toPlainText() == "Start. " + "x" * (NOTE_MAX - 7)
    assert counter.text() == f"{NOTE_MAX:,} of {NOTE_MAX:,} characters"

    qtbot.keyClicks(notes, "more")  # a full box takes no more typing
    assert len(notes.toPlainText()) == NOTE_MAX
    assert "more" not in notes.toPlainText()

    qtbot.keyClick(notes, Qt.Key.Key_Backspace)  # and room made is room to type
    qtbot.keyClicks(notes, "!")
    assert notes.toPlainText().endswith("x!")
    assert _stored_note(store, assessment_id, window) == notes.toPlainText()


def test_the_notes_box_drops_control_characters_typed_or_pasted(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    notes = _page(window).notes
    qtbot.keyClicks(notes, "Bell")
    # A key that types a control character (Ctrl+G is BEL on a terminal).
    typed = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_G, Qt.KeyboardModifier.NoModifier, "\x07")
    QApplication.sendEvent(notes, typed)
    qtbot.keyClicks(notes, " ")
    _paste(qtbot, notes, "from a\x1b[0m terminal\x00,\x85 kept\tthe tab\nand the line")
    assert notes.toPlainText() == "Bell from a[0m terminal, kept\tthe tab\nand the line"
    # The cursor stays after what was pasted: typing goes on where it was.
    qtbot.keyClicks(notes, ".")
    assert notes.toPlainText().endswith("and the line.")
    assert _stored_note(store, assessment_id, window) == notes.toPlainText()


def test_the_reason_box_drops_control_characters_and_stops_at_its_limit(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    page = _page(window)
    qtbot.mouseClick(page.picker.not_applicable, Qt.MouseButton.LeftButton)
    _paste(qtbot, page.picker.reason, "One\x07 school\x1b, K-12")
    assert page.picker.reason.text() == "One school, K-12"
    _paste(qtbot, page.picker.reason, "y" * (REASON_MAX + 10))
    assert len(page.picker.reason.text()) == REASON_MAX


def test_an_older_over_long_note_shows_whole_and_only_shrinks(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    # An older version took notes of any length; opening one must not cut it.
    record = store.load(assessment_id)
    person = record.participants[0].uid
    window = open_window(store)
    action = window.current_action_id
    assert action is not None
    old = "An old long note. " * 200
    store.save_response(window.session.response(action).with_changes(note=old))
    window.close()
    window = open_window(store)
    window.show_action(action)
    notes: QPlainTextEdit = _page(window).notes
    assert notes.toPlainText() == old
    assert _page(window).notes_count.text().startswith(f"{len(old):,} of {NOTE_MAX:,} characters")

    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, "more")
    assert notes.toPlainText() == old
    qtbot.keyClick(notes, Qt.Key.Key_Backspace)
    assert notes.toPlainText() == old[:-1]
    assert store.load(assessment_id).response(person, action).note in (old, old[:-1])
