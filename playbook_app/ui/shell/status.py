"""Status-bar widgets: whether everything is saved (with Retry), and how far the walk-through is."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.theme import Tone, set_tone
from playbook_app.ui.widgets.wording import SAVED, progress_text

FAILURE_PREFIX = "Not saved"


class SaveStatus(QWidget):
    """The save state in words; a Retry button appears only while something is unsaved."""

    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(8)
        self.label = text_label(f"✓ {SAVED}", wrap=False)
        self.label.setAccessibleDescription("Save state")
        self.label.setMinimumWidth(120)
        self.retry_button = QPushButton("Retry", self)
        self.retry_button.setAccessibleName("Retry saving")
        self.retry_button.setToolTip("Try to write the unsaved changes again")
        self.retry_button.clicked.connect(self.retryRequested)
        self.retry_button.setVisible(False)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)

    def set_state(self, text: str) -> None:
        failed = text.startswith(FAILURE_PREFIX)
        # The full reason can be long; the status bar keeps one line, the tooltip the rest.
        shown = text if len(text) <= 110 else text[:107] + "…"
        # A symbol as well as the colour, so the state reads without colour vision.
        self.label.setText(("⚠ " if failed else "✓ " if text == SAVED else "") + shown)
        self.label.setToolTip(text)
        self.label.setAccessibleDescription(text)
        set_tone(self.label, Tone.ERROR if failed else None)
        self.retry_button.setVisible(failed)


class ProgressStatus(QWidget):
    """Progress through the key actions, in words ("12 of 20 …") and as a bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(8)
        self.label: QLabel = text_label("", wrap=False)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setAccessibleName("Progress bar")
        row.addWidget(self.label)
        row.addWidget(self.bar)

    def set_progress(self, answered: int, total: int) -> None:
        text = progress_text(answered, total)
        self.label.setText(text)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(answered)
        self.bar.setAccessibleDescription(text)
