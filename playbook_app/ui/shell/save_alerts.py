"""Telling the user when changes cannot be saved, and asking before a quit would lose them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.wording import SAVED

if TYPE_CHECKING:
    # Boxes load with the first failure: start-up does not build QMessageBox's enums.
    from PySide6.QtWidgets import QMessageBox


class SaveAlerts(QObject):
    """One non-blocking box per failure streak, closed by itself once everything is saved."""

    def __init__(self, window: QMainWindow, session: Session) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self.failure_box: QMessageBox | None = None
        self.defect_box: QMessageBox | None = None
        self.quit_unsaved = False  # the user chose to quit and lose what could not be saved
        session.saveFailed.connect(self._failed)
        session.saveStateChanged.connect(self._state_changed)
        session.defectRecorded.connect(self._defect)

    def _state_changed(self, text: str) -> None:
        if text == SAVED and self.failure_box is not None:
            self.failure_box.close()

    def _failed(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from playbook_app.ui.widgets.errors import message_box

        if self.failure_box is not None:
            # The streak goes on: update the box rather than stack another.
            self.failure_box.setInformativeText(message)
            return
        box = message_box(
            self._window,
            "Not saved",
            "Your last change could not be saved. It is kept on screen, and nothing is "
            "lost while the app stays open.",
            message,
        )
        retry = box.addButton("Retry", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep working", QMessageBox.ButtonRole.RejectRole)
        retry.clicked.connect(self._session.retry)
        box.finished.connect(self._box_gone)
        self.failure_box = box
        box.open()

    def _box_gone(self) -> None:
        self.failure_box = None

    def _defect(self, message: str) -> None:
        from playbook_app.ui.widgets.errors import message_box

        if self.defect_box is not None:
            # One box at a time: the newest defect's words replace the last one's.
            self.defect_box.setInformativeText(message)
            return
        box = message_box(
            self._window,
            "A defect was recorded",
            "One change could not be saved because of a defect in the app, not a problem "
            "with this computer.",
            message,
        )
        box.finished.connect(self._defect_box_gone)
        self.defect_box = box
        box.open()

    def _defect_box_gone(self) -> None:
        self.defect_box = None

    def confirm_quit(self) -> None:
        """Ask before losing unsaved changes; the window closes again if the user agrees."""
        from PySide6.QtWidgets import QMessageBox

        from playbook_app.ui.widgets.errors import message_box

        count = len(self._session.pending)
        box = message_box(
            self._window,
            "Changes not saved",
            f"{count} change{'s' if count != 1 else ''} could not be saved and will be lost "
            "if you quit now.",
            self._session.last_error,
        )
        retry = box.addButton("Retry", QMessageBox.ButtonRole.AcceptRole)
        quit_anyway = box.addButton("Quit without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        retry.clicked.connect(self._retry_then_close)
        quit_anyway.clicked.connect(self.quit_without_saving)
        box.open()

    def _retry_then_close(self) -> None:
        if self._session.retry():
            self._window.close()

    def quit_without_saving(self) -> None:
        self.quit_unsaved = True
        self._window.close()
