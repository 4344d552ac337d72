"""Assessment > Start next year's review…: a label, and which team members take part again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.followup import carried_forward
from playbook_app.domain.limits import NAME_MAX
from playbook_app.storage import StorageError
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.controls import mnemonic_safe, section_heading, text_label
from playbook_app.ui.widgets.theme import Tone, set_tone


def default_label(label: str) -> str:
    return f"Follow-up to {label}"[:NAME_MAX]


class FollowUpDialog(QDialog):
    """Starts the review on Start; stays open with a message when it could not be made."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        record = session.record
        assert record is not None
        self.setWindowTitle("Start next year's review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        carried = len(carried_forward(record))
        layout.addWidget(
            text_label(
                f"A new assessment that follows “{record.assessment.label}”: the same district "
                f"profile and capacity, the people you keep, and the {carried} agenda "
                f"item{'s' if carried != 1 else ''} not marked done (owner, next step, target "
                "date and status). Answers start empty; each key action shows what was given "
                "last time, and K keeps the same stage.",
                muted=True,
            )
        )
        form = QFormLayout()
        self.label = QLineEdit(default_label(record.assessment.label), self)
        self.label.setMaxLength(NAME_MAX)
        self.label.setAccessibleName("Label of next year's review")
        form.addRow("&Label", self.label)
        layout.addLayout(form)
        layout.addWidget(section_heading("Who takes part again", self))
        self.members: dict[str, QCheckBox] = {}
        for person in record.participants:
            shown = f"{person.name} ({person.role})" if person.role.strip() else person.name
            box = QCheckBox(mnemonic_safe(shown), self)
            box.setChecked(True)
            box.setAccessibleName(f"Keep {person.name}")
            box.toggled.connect(self._validate)
            self.members[person.uid] = box
            layout.addWidget(box)
        self.error = text_label("")
        set_tone(self.error, Tone.ERROR)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.start_button: QPushButton = buttons.addButton(
            "Start review", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setAccessibleName("Start review")
        self.start_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new_id: int | None = None

    def kept(self) -> list[str]:
        return [uid for uid, box in self.members.items() if box.isChecked()]

    def _validate(self) -> None:
        nobody = not self.kept()
        self.start_button.setEnabled(not nobody)
        self.error.setText("Keep at least one person." if nobody else "")
        self.error.setVisible(nobody)

    def _start(self) -> None:
        if not self.kept():
            return
        try:
            self.new_id = self._session.start_follow_up(self.label.text(), self.kept())
        except StorageError as error:
            self.error.setText(f"Nothing was made. {error}")
            self.error.setVisible(True)
            return
        self.accept()
