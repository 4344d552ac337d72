"""The "Include notes" step before an agenda export or print, remembered per assessment."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.reports.notes import NotesChoice
from playbook_app.ui.widgets.controls import text_label

NOTES_INTRO = (
    "Notes stay on this computer unless you include them here. The copy for the school board "
    "usually leaves them out."
)
# Under the Notes box on the rating page: exactly where a note can go.
PACKET_NOTES = "A packet carries the notes with the answers: whoever imports it can read them."
_SOLO_LABELS = {
    NotesChoice.OMIT: NotesChoice.OMIT.label,
    NotesChoice.WITHOUT_NAMES: "Include notes",
}


def notes_key(assessment_uid: str) -> str:
    """The setting that remembers one assessment's choice."""
    return f"export_notes:{assessment_uid}"


def for_mode(choice: NotesChoice, team: bool) -> NotesChoice:
    """Alone, notes carry no other name: "with names" is the same as "without"."""
    return NotesChoice.WITHOUT_NAMES if not team and choice is NotesChoice.WITH_NAMES else choice


class NotesChoiceDialog(QDialog):
    """Asks whether notes go in; emits ``chosen(NotesChoice value)`` on Continue."""

    chosen = Signal(str)

    def __init__(
        self, title: str, team: bool, current: NotesChoice, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(text_label(NOTES_INTRO))
        group = QButtonGroup(self)
        self.buttons: dict[NotesChoice, QRadioButton] = {}
        labels = {c: c.label for c in NotesChoice} if team else _SOLO_LABELS
        for choice, label in labels.items():
            button = QRadioButton(label, self)
            button.setAccessibleName(label)
            group.addButton(button)
            layout.addWidget(button)
            self.buttons[choice] = button
        self.buttons[for_mode(current, team)].setChecked(True)
        box = QDialogButtonBox(self)
        self.continue_button = box.addButton("Continue…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setAccessibleName("Continue")
        self.continue_button.setDefault(True)
        cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        box.accepted.connect(self._continue)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def choice(self) -> NotesChoice:
        return next(c for c, b in self.buttons.items() if b.isChecked())

    def _continue(self) -> None:
        self.accept()
        self.chosen.emit(self.choice().value)
