"""Builders for the team-mode GUI tests: a stored team, the answers its members give, dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers_gui import make_assessment
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from playbook_app.ui.shell.main_window import MainWindow
    from playbook_app.ui.team.rater_bar import HandOverDialog

TEAM = (
    ("Dr. Ana Ruiz", "Superintendent"),
    ("Ben Okafor", "Chief Academic Officer"),
    ("Cy Lindqvist", "Principal, Cedar Middle School"),
)


def make_team(store: Store, playbook: Playbook, people: tuple[tuple[str, str], ...] = TEAM) -> int:
    """A team assessment with no answers yet, stored directly; returns its id."""
    return make_assessment(store, playbook, team=people)


def rate(store: Store, participant: str, action: str, stage: Stage | None) -> None:
    """Store one answer directly: a stage, or Unsure when `stage` is None."""
    kind = AnswerKind.RATED if stage is not None else AnswerKind.UNSURE
    store.save_response(Response(participant, action, answer=kind, stage=stage))


def message_boxes() -> list[QMessageBox]:
    """The message boxes on screen now (they are opened non-blocking)."""
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def all_texts(root: QWidget) -> str:
    """Every visible piece of text under a widget, for checks that nothing leaks onto it."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit

    parts: list[str] = []
    for child in root.findChildren(QWidget):
        if not child.isVisibleTo(root):
            continue
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            parts.append(child.text())
        elif isinstance(child, QPlainTextEdit):
            parts.append(child.toPlainText())
    return "\n".join(parts)


def unnamed_controls(widget: QWidget) -> list[str]:
    """Controls a screen reader could not name (Qt's own parts of date and combo boxes aside)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    return [
        type(c).__name__
        for c in widget.findChildren(QWidget)
        if isinstance(c, QAbstractButton | QLineEdit | QComboBox | QPlainTextEdit)
        and not c.accessibleName().strip()
        and type(c.parent()).__name__ not in ("QDateEdit", "QComboBox")
    ]


def rater_dialog(window: MainWindow) -> HandOverDialog:
    """The "Who is rating?" / hand-over dialog, which must be on screen."""
    from playbook_app.ui.team.rater_bar import HandOverDialog

    dialog = window.findChild(HandOverDialog)
    assert dialog is not None and dialog.isVisible() and unnamed_controls(dialog) == []
    return dialog


def pick_rater(qtbot: QtBot, window: MainWindow, name: str, *, by_keyboard: bool = False) -> None:
    """In the open dialog, choose `name` and confirm: arrow keys and Return, or clicks."""
    dialog = rater_dialog(window)
    people = dialog.people
    rows = [people.item(i).text().split("\n")[0] for i in range(people.count())]
    target = next(i for i, row in enumerate(rows) if row.startswith(name))
    if by_keyboard:
        people.setFocus(Qt.FocusReason.TabFocusReason)
        while people.currentRow() != target:
            key = Qt.Key.Key_Down if people.currentRow() < target else Qt.Key.Key_Up
            qtbot.keyClick(people, key)
        qtbot.keyClick(people, Qt.Key.Key_Return)
    else:
        rect = people.visualItemRect(people.item(target))
        qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def choose_rater(qtbot: QtBot, window: MainWindow, name: str, *, by_keyboard: bool = False) -> None:
    """Say who is rating: Ctrl+Shift+H (by keyboard) or the rater bar's button."""
    if by_keyboard:
        qtbot.keyClick(
            window,
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    else:
        bar = window.features.team.rater_bar
        qtbot.mouseClick(bar.hand_over, Qt.MouseButton.LeftButton)
    pick_rater(qtbot, window, name, by_keyboard=by_keyboard)
