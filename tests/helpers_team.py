"""Builders for the team-mode GUI tests: a stored team, the answers its members give, dialogs."""

from __future__ import annotations

from helpers_gui import make_assessment
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store

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
