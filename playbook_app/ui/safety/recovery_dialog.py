"""When the data cannot be opened at start: say what happened; offer a backup, a fresh start
or, for a schema that is not the app's own, a repair.

Loaded only after Store.open failed, so a healthy start never pays for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from playbook_app import APP_NAME
from playbook_app.storage import DamagedDatabaseError, NewerDatabaseError, StorageError, Store
from playbook_app.storage.backups import BackupInfo, find_backup
from playbook_app.storage.database import ForeignSchemaError, MissingDatabaseError
from playbook_app.storage.rebuild import repair_schema
from playbook_app.storage.repair import restore
from playbook_app.ui.safety.backup_words import describe_backup
from playbook_app.ui.widgets.controls import text_label

Fail = Callable[[str, str], int]


class RecoveryDialog(QDialog):
    """Damage found on open: the damaged file is already moved aside; the user chooses what next.

    A schema that is not the app's own (ForeignSchemaError) is offered a repair
    instead. Opened with open(). `store` holds the opened database once a choice
    worked; the dialog is then accepted. Quit rejects it and leaves everything as it is.
    """

    def __init__(
        self,
        data_dir: Path,
        error: DamagedDatabaseError | ForeignSchemaError,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Your data needs attention — {APP_NAME}")
        self._data_dir = data_dir
        self.store: Store | None = None
        foreign = isinstance(error, ForeignSchemaError)
        if isinstance(error, ForeignSchemaError):
            self.backup: BackupInfo | None = None
            explanation = _repair_explanation(error)
        else:
            self.backup = _backup_info(data_dir, error.backup_name)
            explanation = _explanation(error, self.backup)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        self.headline = text_label(_headline(error), bold=True, scale=1.15)
        layout.addWidget(self.headline)
        self.explanation = text_label(explanation, selectable=True)
        self.explanation.setAccessibleDescription("What happened")
        layout.addWidget(self.explanation)
        self.status = text_label("", selectable=True)
        self.status.setAccessibleDescription("Result")
        self.status.setVisible(False)
        layout.addWidget(self.status)

        # In the order a user should consider them; the safest choice first.
        self.restore_button: QPushButton | None = None
        self.repair_button: QPushButton | None = None
        self.fresh_button: QPushButton | None = None
        if foreign:
            self.repair_button = self._choice(
                "Repair: make a clean copy of all your data", "Repair the data file"
            )
            self.repair_button.clicked.connect(self.repair)
            self.repair_button.setDefault(True)
        if self.backup is not None:
            self.restore_button = self._choice(
                f"Restore {describe_backup(self.backup)}", "Restore the newest good backup"
            )
            self.restore_button.clicked.connect(self.restore_backup)
            self.restore_button.setDefault(True)
        if not foreign:
            self.fresh_button = self._choice(
                "Start with an empty database", "Start with an empty database"
            )
            self.fresh_button.clicked.connect(self.start_fresh)
        self.quit_button = self._choice("Quit", "Quit without opening anything")
        self.quit_button.clicked.connect(self.reject)
        self.detail = text_label(f"Technical detail: {error}", muted=True, selectable=True)
        self.detail.setAccessibleDescription("Technical detail")
        layout.addSpacing(6)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.resize(640, self.sizeHint().height())

    def _choice(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        self._layout.addWidget(button)
        return button

    def restore_backup(self) -> None:
        if self.backup is None:
            return
        try:
            restore(self._data_dir, self.backup.name)
            self.store = Store.open(self._data_dir)
        except StorageError as error:
            self._failed(error)
            return
        self.accept()

    def repair(self) -> None:
        try:
            repair_schema(self._data_dir)
            self.store = Store.open(self._data_dir)
        except StorageError as error:
            self._failed(error)
            return
        self.accept()

    def start_fresh(self) -> None:
        try:
            self.store = Store.open(self._data_dir, start_fresh=True)
        except StorageError as error:
            self._failed(error)
            return
        self.accept()

    def _failed(self, error: StorageError) -> None:
        self.status.setText(f"That did not work: {error} Nothing else was changed.")
        self.status.setVisible(True)


def _backup_info(data_dir: Path, name: str | None) -> BackupInfo | None:
    if name is None:
        return None
    try:
        return find_backup(data_dir, name)
    except StorageError:
        return None


def _headline(error: DamagedDatabaseError | ForeignSchemaError) -> str:
    if isinstance(error, ForeignSchemaError):
        return (
            "Your data file holds things the app did not put there, so the app did not change it."
        )
    if isinstance(error, MissingDatabaseError):
        return "Your data file is missing, so the app did not start on an empty one."
    return "Your data file was damaged, so the app did not open it."


def _repair_explanation(error: ForeignSchemaError) -> str:
    report = error.report
    parts = []
    if report.foreign:
        found = ", ".join(o.label() for o in report.foreign)
        parts.append(
            f"Another program, or a person, added to the file: {found}. A trigger runs on "
            "every change the app makes and could change or delete answers, so the app "
            "writes nothing to the file as it is."
        )
    if report.unrecorded or report.missing:
        parts.append(
            "Part of the file's own layout is missing, so the app cannot update it safely."
        )
    parts.append(
        "Repair makes a clean copy of all your answers in the app's own layout and opens it. "
        "The file as it is now is kept in the data folder, and whatever was removed is saved "
        "beside it as SQL, so nothing is lost."
    )
    return "\n\n".join(parts)


def _explanation(error: DamagedDatabaseError, backup: BackupInfo | None) -> str:
    moved = error.moved_to
    parts = [
        "It may have been deleted or moved, for instance by a sync program; backups of it "
        "are kept in the data folder."
        if isinstance(error, MissingDatabaseError)
        else "This can happen after a power cut, a failing disk, or when another program "
        "changed the file.",
        f"The damaged file was not deleted: it was moved aside to {moved}, so it can still "
        "be looked at later."
        if moved is not None
        else "",
    ]
    if backup is not None:
        parts.append(
            f"The newest good backup is {describe_backup(backup)}. Restoring it brings back "
            "your answers as they were then; anything entered after it is only in the "
            "damaged file."
        )
    else:
        parts.append(
            "No good backup was found. You can start with an empty database; the damaged "
            "file stays where it is."
        )
    return "\n\n".join(p for p in parts if p)


def failure_title(error: StorageError) -> str:
    if isinstance(error, ForeignSchemaError):
        return "Your data needs a repair"
    if isinstance(error, NewerDatabaseError):
        return "This data needs a newer version of the app"
    if isinstance(error, MissingDatabaseError):
        return "Your data file is missing"
    if isinstance(error, DamagedDatabaseError):
        return "Your data is damaged"
    return "Your data cannot be opened"


def recover_on_start(
    data_dir: Path, error: StorageError, fail: Fail, *, quit_when_ready: bool = False
) -> Store | None:
    """After Store.open failed at start: the store to go on with, or None to quit.

    Damage that was moved aside, or a missing file with backups beside it, gets the
    recovery dialog (a backup, a fresh start, or quit); a schema that is not the
    app's own gets it with a repair (or quit). Anything else, or a run
    that must not wait (`--quit-when-ready`), is reported through `fail` and the
    app does not start. It never starts on an empty database unless the user chose that.
    """
    recoverable = isinstance(error, MissingDatabaseError | ForeignSchemaError) or (
        isinstance(error, DamagedDatabaseError) and error.moved_to is not None
    )
    if quit_when_ready or not recoverable:
        fail(failure_title(error), str(error))
        return None
    assert isinstance(error, DamagedDatabaseError | ForeignSchemaError)
    dialog = RecoveryDialog(data_dir, error)
    # Nothing else is on screen: start-up waits for the choice, with the event loop running.
    waiting = QEventLoop()
    dialog.finished.connect(waiting.quit)
    dialog.open()
    waiting.exec()
    if dialog.store is None:
        print(f"error: {error}", file=sys.stderr)
    store = dialog.store
    dialog.deleteLater()
    return store
