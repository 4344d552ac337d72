"""A superintendent's first evening: create an assessment, answer all 20 by keyboard, come back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import (
    AnswerKind,
    Response,
    Stage,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets.controls import ChoiceCard

OpenWindow = Callable[..., MainWindow]

NOTE = 'Ask the <b>board</b> & "staff" first; it\'s <i>not</i> settled.'
REASON = "We are a single-school district with no separate central office."
UNSURE_AT = 4
NOT_APPLICABLE_AT = 7
NOTE_AT = 2


def _expected_stage(position: int) -> Stage:
    return Stage(position % 4)


def test_first_run_answer_everything_by_keyboard_and_resume(
    qtbot: QtBot, data_dir: Path, playbook: Playbook, open_window: OpenWindow
) -> None:
    store = Store.open(data_dir)
    window = open_window(store)

    # First run: the welcome and the New assessment form, Create disabled until valid.
    welcome = window.welcome
    assert welcome is not None and window.session.record is None
    form = welcome.form
    assert not welcome.create_button.isEnabled()
    qtbot.keyClicks(form.district_name, "Lindsay Unified School District")
    form.state.set_value("KY")
    assert not welcome.create_button.isEnabled()  # your name is still needed
    assert "your name" in form.missing.text()
    qtbot.keyClicks(form.your_name, "Dr. Ana Ruiz")
    qtbot.keyClicks(form.role, "Superintendent")
    assert form.label.text().endswith("readiness review")
    assert welcome.create_button.isEnabled()
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)

    record = window.session.record
    assert record is not None
    assert record.district.name == "Lindsay Unified School District"
    assert record.district.state == "KY"
    assert [p.name for p in record.participants] == ["Dr. Ana Ruiz"]
    ids = playbook.action_ids
    assert window.current_action_id == ids[0]
    assert window.progress.label.text() == "0 of 20 key actions answered"

    # Every key action by keyboard: number keys rate, Ctrl+Right moves on.
    page = window.page
    assert page is not None
    for position, action_id in enumerate(ids):
        assert window.current_action_id == action_id
        if position == UNSURE_AT:
            qtbot.keyClick(window, Qt.Key.Key_U)
        elif position == NOT_APPLICABLE_AT:
            qtbot.keyClick(window, Qt.Key.Key_N)
            assert page.picker.reason.isVisible()
            assert page.picker.reason.hasFocus()  # the page asks for the reason
            qtbot.keyClicks(page.picker.reason, REASON)
        else:
            key = Qt.Key(Qt.Key.Key_1 + int(_expected_stage(position)))
            qtbot.keyClick(window, key)
        if position == NOTE_AT:
            qtbot.keyClicks(page.notes, NOTE)
        # Rating never jumps ahead by itself.
        assert window.current_action_id == action_id
        if position < len(ids) - 1:
            qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    assert window.progress.label.text() == "20 of 20 key actions answered"
    assert window.save_status.label.text().endswith("All changes saved")
    assert window.close()
    store.close()

    # Come back another evening: a new window on the same folder finds everything.
    store = Store.open(data_dir)
    window = open_window(store, for_keys=False)
    try:
        assert window.current_action_id == ids[-1]  # reopened where we stopped
        session = window.session
        for position, action_id in enumerate(ids):
            response = session.response(action_id)
            if position == UNSURE_AT:
                assert response.answer is AnswerKind.UNSURE
            elif position == NOT_APPLICABLE_AT:
                assert response.answer is AnswerKind.NOT_APPLICABLE
                assert response.reason == REASON
            else:
                assert response.answer is AnswerKind.RATED
                assert response.stage is _expected_stage(position)
        assert session.response(ids[NOTE_AT]).note == NOTE
        assert window.progress.label.text() == "20 of 20 key actions answered"

        # And the pages show it: the note comes back as typed, markup and all.
        window.show_action(ids[NOTE_AT])
        assert window.page is not None
        assert window.page.notes.toPlainText() == NOTE
        window.show_action(ids[NOT_APPLICABLE_AT])
        assert window.page.picker.not_applicable.isChecked()
        assert window.page.picker.reason.text() == REASON
    finally:
        window.close()
        store.close()


def _stage_card(window: MainWindow, stage: Stage) -> ChoiceCard:
    assert window.page is not None
    card = window.page.picker.card_for(AnswerKind.RATED, stage)
    assert card is not None
    return card


def _stored(store: Store, window: MainWindow, action_id: str) -> Response:
    """What the database holds right now, read back through a fresh load."""
    record = window.session.record
    assert record is not None and record.assessment.id is not None
    fresh = store.load(record.assessment.id)
    return fresh.response(record.participants[0].uid, action_id)


def test_undo_and_redo_restore_the_answer_and_save_it(
    qtbot: QtBot,
    store: Store,
    playbook: Playbook,
    assessment_id: int,
    open_window: OpenWindow,
) -> None:
    window = open_window(store)
    first = playbook.action_ids[0]
    assert window.current_action_id == first

    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_3)
    assert _stored(store, window, first).stage is Stage.DEVELOPING

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.response(first).stage is Stage.EMERGING
    assert _stored(store, window, first).stage is Stage.EMERGING
    assert _stage_card(window, Stage.EMERGING).isChecked()

    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _stored(store, window, first).stage is Stage.DEVELOPING

    # Undo reaches back across pages and shows the key action it changes.
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.current_action_id == playbook.action_ids[1]
    window.undo()
    assert window.current_action_id == first
    assert _stored(store, window, first).stage is Stage.EMERGING
    window.undo()
    window.undo()
    assert not _stored(store, window, first).answered
    assert window.progress.label.text() == "0 of 20 key actions answered"


def test_typing_a_note_is_one_undo_step_per_burst(
    qtbot: QtBot,
    store: Store,
    playbook: Playbook,
    assessment_id: int,
    open_window: OpenWindow,
) -> None:
    window = open_window(store)
    page = window.page
    assert page is not None
    first = playbook.action_ids[0]
    before = window.undo_stack.count()

    qtbot.keyClicks(page.notes, "Ask the cooperative")
    page._notes.commit()  # what the idle timer does after a pause
    qtbot.keyClicks(page.notes, " before March.")
    page._notes.commit()
    assert window.undo_stack.count() == before + 1  # one burst, one command
    assert _stored(store, window, first).note == "Ask the cooperative before March."

    window.undo()
    assert _stored(store, window, first).note == ""
    assert page.notes.toPlainText() == ""


def test_every_interactive_widget_has_an_accessible_name(
    qtbot: QtBot,
    store: Store,
    playbook: Playbook,
    assessment_id: int,
    open_window: OpenWindow,
) -> None:
    window = open_window(store, for_keys=False)
    interactive = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox)
    for action_id in playbook.action_ids:  # pages differ: steps, examples, state programs
        window.show_action(action_id)
        unnamed = [
            f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
            for widget in window.findChildren(QWidget)
            if isinstance(widget, interactive)
            # A spin box's or combo box's inner line edit is read out as part of its owner.
            and not isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
            and not widget.accessibleName().strip()
        ]
        assert unnamed == [], action_id
    assert window.navigator is not None and window.navigator.accessibleName()


def test_a_locked_database_keeps_the_change_and_retry_saves_it(
    qtbot: QtBot,
    store: Store,
    playbook: Playbook,
    assessment_id: int,
    open_window: OpenWindow,
) -> None:
    window = open_window(store)
    first = playbook.action_ids[0]
    # Another program holds the write lock; fail fast instead of waiting 5 s.
    store.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.keyClick(window, Qt.Key.Key_3)

        assert window.session.response(first).stage is Stage.DEVELOPING  # kept on screen
        assert _stage_card(window, Stage.DEVELOPING).isChecked()
        assert window.session.has_pending
        status = window.save_status.label.text()
        assert "Not saved" in status and "busy" in status
        assert "Traceback" not in status
        assert window.save_status.retry_button.isVisible()
        box = window.save_alerts.failure_box
        assert box is not None and box.isVisible()
        assert "busy" in box.informativeText()

        # Retrying while still locked fails again, calmly, in the same one box.
        window.retry_saving()
        assert window.session.has_pending
        assert not _stored(store, window, first).answered
    finally:
        other.execute("ROLLBACK")
        other.close()

    window.save_status.retry_button.click()
    assert not window.session.has_pending
    assert _stored(store, window, first).stage is Stage.DEVELOPING
    assert window.save_status.label.text() == "✓ All changes saved"
    assert not window.save_status.retry_button.isVisible()
    assert window.save_alerts.failure_box is None or not window.save_alerts.failure_box.isVisible()
