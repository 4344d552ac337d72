"""File > Backups…: every backup with its date, reason, size and check; back up now; restore one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from playbook_app.storage import StorageError
from playbook_app.ui.safety.backup_words import (
    backup_purpose,
    backup_when,
    describe_backup,
    size_text,
)
from playbook_app.ui.session.data_folder import (
    BackupInfo,
    backups_folder,
    backups_in,
    restore_backup,
)
from playbook_app.ui.widgets.controls import list_table, text_label

if TYPE_CHECKING:
    from playbook_app.ui.safety.backup_runner import BackupRunner
    from playbook_app.ui.session.session import Session

COLUMNS = ("Date", "Made", "Size", "Check")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MANUAL = "manual"


class BackupKeeper(Protocol):
    """What the dialog needs from the window's safety feature (ui/safety/safety.py)."""

    @property
    def session(self) -> Session: ...

    @property
    def data_dir(self) -> Path: ...

    @property
    def runner(self) -> BackupRunner: ...

    def start_backup(self, reason: str) -> bool: ...

    def commit_typing(self) -> None: ...


class BackupsDialog(QDialog):
    """Non-modal (show()); the window keeps working while it is open."""

    def __init__(self, safety: BackupKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._safety = safety
        self._session = safety.session
        self.backups: list[BackupInfo] = []
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle("Backups")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addWidget(
            text_label(
                "The app backs up your answers by itself: when you close it after changes, "
                "once a day while it is open, and before every import or app update. Each "
                "backup is checked before it counts. Recent backups are kept, then one a day, "
                "one a week and one a month."
            )
        )
        self.folder_label = text_label(
            f"Backups are kept in {backups_folder(safety.data_dir)}", muted=True, selectable=True
        )
        layout.addWidget(self.folder_label)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        list_table(self.table, "Backups", stretch=1)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.empty_label = text_label("No backups yet. The first is made within a day.")
        layout.addWidget(self.empty_label)
        self.status = text_label("", selectable=True)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox(self)
        self.backup_button = QPushButton("Back up now", self)
        self.backup_button.setAccessibleName("Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("Restore…", self)
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.clicked.connect(self.ask_restore)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

        safety.runner.finished.connect(self._backup_done)
        safety.runner.failed.connect(self._backup_failed)
        self.resize(680, 440)

    # The list ------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Read the backups folder again, checking every backup; keeps or sets the selection."""
        current = select or (self.selected.name if self.selected is not None else None)
        self.backups = backups_in(self._safety.data_dir, verify=True)
        self.table.setRowCount(len(self.backups))
        row_to_select = 0
        for row, info in enumerate(self.backups):
            check = "OK" if info.ok else "Damaged: cannot be restored"
            cells = (backup_when(info), backup_purpose(info), size_text(info.size), check)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(info.name)
                if column == 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
            if info.name == current:
                row_to_select = row
        self.empty_label.setVisible(not self.backups)
        if self.backups:
            self.table.selectRow(row_to_select)
        self._update_buttons()

    @property
    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.backups):
            return None
        return self.backups[rows[0].row()]

    def _update_buttons(self) -> None:
        busy = self._safety.runner.busy
        read_only = self._session.read_only
        chosen = self.selected
        self.backup_button.setEnabled(not busy and not read_only)
        self.restore_button.setEnabled(
            not busy and not read_only and chosen is not None and bool(chosen.ok)
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleDescription(text)

    # Back up now ---------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self._safety.start_backup(MANUAL):
            self._say("Backing up…")
        elif self._session.read_only:
            self._say("The data folder is read-only, so no backup can be written there.")
        else:
            self._say("A backup is being made already; it appears here when it is done.")
        self._update_buttons()

    def _backup_done(self, reason: str, info: object) -> None:
        if isinstance(info, BackupInfo):
            self.refresh(select=info.name if reason == MANUAL else None)
            if reason == MANUAL:
                self._say(f"Backed up: {describe_backup(info)}, {size_text(info.size)}.")
        self._update_buttons()

    def _backup_failed(self, reason: str, message: str, kind: str) -> None:
        if reason == MANUAL:
            self._say(
                f"No backup was made: {message} Your answers are still saved in the database."
            )
        self._update_buttons()

    # Restore -------------------------------------------------------------------------------

    def ask_restore(self) -> None:
        chosen = self.selected
        if chosen is None or not chosen.ok:
            return
        from playbook_app.ui.widgets.errors import message_box

        box = message_box(
            self,
            "Restore this backup?",
            f"Restore {describe_backup(chosen)}? The answers you see now are replaced by the "
            "ones saved in that backup.",
            "Your current data is backed up first, so you can come back to it from this "
            "list (it shows as “Before restoring the backup of …”).",
            QMessageBox.Icon.Question,
        )
        restore_button = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        restore_button.setAccessibleName("Restore the backup")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        restore_button.clicked.connect(lambda: self.restore_backup(chosen))
        box.finished.connect(self._confirm_gone)
        self.confirm_box = box
        box.open()

    def _confirm_gone(self) -> None:
        self.confirm_box = None

    def restore_backup(self, chosen: BackupInfo) -> bool:
        """Put a backup in place of the database and show its data; False if nothing changed."""
        self._safety.commit_typing()
        if self._session.has_pending and not self._session.retry():
            self._say(
                "Some changes are not saved yet, so nothing was restored: restoring now "
                "would lose them. Use Retry saving first (File menu)."
            )
            return False
        if self._safety.runner.busy:
            self._say("A backup is being made; try again in a moment. Nothing was restored.")
            return False
        try:
            result = restore_backup(self._session, chosen.name)
        except StorageError as error:
            self._say(f"Nothing was restored: {error}")
            return False
        saved = (
            f" What was there before was saved first, as {describe_backup(result.saved_as)}."
            if result.saved_as is not None
            else ""
        )
        self.refresh(select=chosen.name)
        self._say(f"Restored {describe_backup(result.restored)}.{saved}")
        return True
