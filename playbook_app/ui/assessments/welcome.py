"""First run: what the playbook and the app are, then the New assessment form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.playbook import Playbook
from playbook_app.ui.assessments.assessment_form import NewAssessmentForm
from playbook_app.ui.widgets.controls import section_heading, text_label
from playbook_app.ui.widgets.theme import Tone, set_tone


def intro_paragraphs(playbook: Playbook) -> list[str]:
    recs = len(playbook.recommendations)
    actions = len(playbook.key_actions)
    return [
        "This app walks you through the Alliance for Learning Innovation's State "
        "Education R&D Playbook, the part written for local system leaders: "
        f"{recs} recommendations and {actions} key actions, each with practical "
        '"how" steps.',
        "For each key action you record where your district stands today, how much it "
        "matters this year and who can move it forward. Later the app turns your answers "
        "into a prioritized action agenda you can print for your board.",
    ]


FACTS = (
    "A walk-through takes 30 to 60 minutes. Stop whenever you like and pick up where "
    "you left off: every answer is saved the moment you give it.",
    "Everything stays on this computer. There is no account and no internet "
    "connection; nothing you write leaves this machine.",
)


class WelcomePage(QWidget):
    """Emits ``submitted(NewAssessment)`` when the user creates their first assessment."""

    submitted = Signal(object)

    def __init__(self, playbook: Playbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll)

        host = QWidget()
        centring = QHBoxLayout(host)
        centring.setContentsMargins(32, 24, 32, 24)
        content = QWidget(host)
        content.setMaximumWidth(1040)
        centring.addStretch(0)
        centring.addWidget(content, 1)
        centring.addStretch(0)
        scroll.setWidget(host)

        columns = QHBoxLayout(content)
        columns.setSpacing(40)
        intro = QVBoxLayout()
        intro.setSpacing(10)
        title = text_label("Welcome to Playbook Readiness", bold=True, scale=1.6, heading=True)
        intro.addWidget(title)
        for paragraph in intro_paragraphs(playbook):
            intro.addWidget(text_label(paragraph, scale=1.05))
        for fact in FACTS:
            intro.addWidget(text_label(f"•  {fact}", scale=1.05))
        intro.addWidget(text_label(f"Content: {playbook.source.credit}", muted=True, scale=0.9))
        intro.addStretch(1)
        columns.addLayout(intro, 5)

        form_column = QVBoxLayout()
        form_column.setSpacing(8)
        form_column.addWidget(section_heading("New assessment"))
        form_column.addWidget(
            text_label(
                "Fields marked * are needed. You can add more assessments later.", muted=True
            )
        )
        self.form = NewAssessmentForm(playbook, parent=content)
        form_column.addWidget(self.form)
        self.error = text_label("")
        set_tone(self.error, Tone.ERROR)
        self.error.setVisible(False)
        form_column.addWidget(self.error)
        self.create_button = QPushButton("Create assessment and begin", content)
        self.create_button.setAccessibleName("Create assessment and begin")
        self.create_button.setDefault(True)
        self.create_button.setAutoDefault(True)
        self.create_button.setEnabled(self.form.is_valid)
        self.create_button.setMinimumHeight(36)
        self.form.validityChanged.connect(self.create_button.setEnabled)
        self.create_button.clicked.connect(self._submit)
        form_column.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        form_column.addStretch(1)
        columns.addLayout(form_column, 6)

    def show_error(self, message: str) -> None:
        self.error.setText(f"The assessment was not created. {message}")
        self.error.setVisible(True)

    def focus_first(self) -> None:
        self.form.focus_first()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return in any field submits, as in a dialog: fields pass on the keys they do not use.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            self._submit()
            return
        super().keyPressEvent(event)

    def _submit(self) -> None:
        if self.form.is_valid:
            self.submitted.emit(self.form.value())
        else:
            self.form.reveal_problems()
