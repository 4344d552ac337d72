"""The New assessment dialog: the form in a window of its own, for a second or later assessment."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from playbook_app.domain.assessment import District, Participant
from playbook_app.domain.playbook import Playbook
from playbook_app.ui.assessments.assessment_form import NewAssessmentForm
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.theme import Tone, set_tone


class NewAssessmentDialog(QDialog):
    """Opened with open(); emits ``submitted`` and stays open until the caller accepts it.

    Staying open means a failed save (a locked or read-only database) leaves
    everything the user typed in place to try again.
    """

    submitted = Signal(object)  # NewAssessment

    def __init__(
        self,
        playbook: Playbook,
        existing: District | None,
        participant: Participant | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New assessment")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(
            text_label(
                "A new assessment starts with every key action unanswered; your earlier "
                "assessments stay as they are. Fields marked * are needed.",
                muted=True,
            )
        )
        self.form = NewAssessmentForm(playbook, existing, participant, self)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            "Create assessment", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setAccessibleName("Create assessment")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.create_button.setDefault(True)
        self.create_button.setEnabled(self.form.is_valid)
        self.form.validityChanged.connect(self.create_button.setEnabled)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        self.error = text_label("")
        set_tone(self.error, Tone.ERROR)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        # Team mode adds rows for the other members: the dialog grows to show them.
        self.form.team.toggled.connect(
            lambda _on: self.resize(self.width(), self.sizeHint().height())
        )
        self.form.focus_first()

    def show_error(self, message: str) -> None:
        self.error.setText(f"The assessment was not created. {message}")
        self.error.setVisible(True)

    def _accept_if_valid(self) -> None:
        if self.form.is_valid:
            self.submitted.emit(self.form.value())
