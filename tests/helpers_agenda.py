"""Shared steps of the agenda GUI tests: answering by keyboard, opening the Agenda, typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AgendaEntry
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_view import AgendaView
from playbook_app.ui.shell.main_window import MainWindow

UNSURE_AT = 4
NOT_APPLICABLE_AT = 7
LEFT_BLANK = (18, 19)
REASON = "We are a single-school district; the cooperative does this for us."


def rate_by_keyboard(qtbot: QtBot, window: MainWindow, playbook: Playbook) -> None:
    """Answer the key actions as a user would: number keys, U, N and a reason; two left blank."""
    page = window.page
    assert page is not None
    for position, action_id in enumerate(playbook.action_ids):
        if position in LEFT_BLANK:
            continue
        window.show_action(action_id)
        page.focus_rating()
        if position == UNSURE_AT:
            qtbot.keyClick(window, Qt.Key.Key_U)
        elif position == NOT_APPLICABLE_AT:
            qtbot.keyClick(window, Qt.Key.Key_N)
            qtbot.keyClicks(page.picker.reason, REASON)
            page.commit_text_edits()
        else:
            qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + position % 4))
    assert window.session.answered_count() == len(playbook.action_ids) - len(LEFT_BLANK)


def open_screen(qtbot: QtBot, window: MainWindow, key: Qt.Key, name: str) -> QWidget:
    """Switch screens with the View menu's key (Ctrl+2 Summary, Ctrl+3 Agenda)."""
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    view = window.views.view(name) if window.views is not None else None
    assert view is not None and view.isVisible()
    return view


def open_agenda(qtbot: QtBot, window: MainWindow) -> AgendaView:
    view = open_screen(qtbot, window, Qt.Key.Key_3, "agenda")
    assert isinstance(view, AgendaView)
    return view


def answered_agenda(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: Callable[..., MainWindow]
) -> tuple[MainWindow, AgendaView]:
    """A window on `store` with the key actions answered by keyboard, showing the Agenda."""
    window = open_window(store)
    rate_by_keyboard(qtbot, window, playbook)
    return window, open_agenda(qtbot, window)


def stored_entry(store: Store, window: MainWindow, action_id: str) -> AgendaEntry | None:
    record = window.session.record
    assert record is not None and record.assessment.id is not None
    return store.load(record.assessment.id).agenda.get(action_id)


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus(Qt.FocusReason.TabFocusReason)
    field.selectAll()
    qtbot.keyClicks(field, text)
