"""Keeping the data safe while the window is open: File > Backups…, automatic backups, and a
warning when the data folder sits somewhere risky.

Installed with every main window; what it shows is built only when needed (the
Backups dialog on first use), and nothing of it runs before the window is ready.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from playbook_app.storage import StorageError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from playbook_app.ui.safety.backup_runner import BackupRunner
    from playbook_app.ui.safety.backups_dialog import BackupsDialog
    from playbook_app.ui.shell.host import Host

FIRST_DAILY_CHECK_MS = 90_000  # well after start-up: opening the app stays fast
DAILY_CHECK_EVERY_MS = 30 * 60_000  # a window left open for days still gets one a day
LOCATION_CHECK_MS = 400  # after the first paint
LOCATION_SETTING = "location_warning_shown"
DAILY = "daily"  # the reason maybe_daily_backup gives its backups


class Safety(QObject):
    """Automatic backups (at most daily while open, and on quit after changes) and the
    Backups dialog for one main window."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget())
        self.host = host
        self.session = host.session
        self.data_dir = host.session.data_dir
        self._runner: BackupRunner | None = None
        self.dialog: BackupsDialog | None = None
        self.location_box: QMessageBox | None = None
        # Anything written after the window opened (the start itself only reads,
        # and remembers where it was): worth a backup on quit.
        self.changed = False
        self._changed_before_run = False
        self.session.agendaChanged.connect(self._mark_changed)
        self.session.assessmentChanged.connect(self._mark_changed)
        self.action = host.menu_actions.add_file_action("&Backups…", separate=True)
        self.action.triggered.connect(self.show_backups)
        self.daily_timer = QTimer(self)
        self.daily_timer.timeout.connect(self.check_daily)
        self.daily_timer.start(FIRST_DAILY_CHECK_MS)
        self._location_timer = QTimer(self)
        self._location_timer.setSingleShot(True)
        self._location_timer.timeout.connect(self.check_location)
        self._location_timer.start(LOCATION_CHECK_MS)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.back_up_on_quit)

    @property
    def runner(self) -> BackupRunner:
        """The backup worker, made with the first backup (start-up does not pay for it)."""
        if self._runner is None:
            from playbook_app.ui.safety.backup_runner import BackupRunner

            self._runner = BackupRunner(self.data_dir, self)
            self._runner.finished.connect(self._backup_done)
            self._runner.failed.connect(self._backup_failed)
        return self._runner

    def _mark_changed(self) -> None:
        self.changed = True

    def commit_typing(self) -> None:
        """Hand over text still being typed, so a backup or restore includes it."""
        self.host.commit_typing()

    # Backups ------------------------------------------------------------------------------

    def start_backup(self, reason: str) -> bool:
        """A backup on the worker thread; False when one is already running or not possible."""
        if self.session.read_only:
            return False
        self.commit_typing()
        if not self.runner.start(reason, daily=reason == DAILY):
            return False
        self._changed_before_run, self.changed = self.changed, False
        return True

    def check_daily(self) -> None:
        """The timer's turn: a daily backup if the newest is over a day old."""
        self.daily_timer.setInterval(DAILY_CHECK_EVERY_MS)
        if self.host.widget().isVisible():  # a closed window's store may be closed too
            self.start_backup(DAILY)

    def _backup_done(self, reason: str, info: object) -> None:
        if info is None:  # no daily backup was due: the changes still want one on quit
            self.changed = self.changed or self._changed_before_run

    def _backup_failed(self, reason: str, message: str, kind: str) -> None:
        self.changed = self.changed or self._changed_before_run
        if reason != DAILY:
            return  # the Backups dialog shows its own result
        if kind == "damaged":
            from playbook_app.ui.widgets.errors import show_error

            show_error(
                self.host.widget(),
                "Your data failed its check",
                "The daily backup found a problem in your data file, so no backup was made "
                "and your earlier backups are kept as they are. Close the app and open it "
                "again: it checks the file and offers to restore the newest good backup.",
                message,
            )
            return
        # Harmless for now (answers are still saved in the database): a calm note.
        self.host.show_status(f"No daily backup was made: {message}", 20_000)

    def back_up_on_quit(self) -> None:
        """At quit (the window is gone from the screen): one backup if anything changed."""
        if self._runner is not None:
            self._runner.wait()
        if not self.changed or self.session.read_only:
            return
        from playbook_app.ui.session.data_folder import back_up_on_close

        try:
            back_up_on_close(self.session)
        except StorageError as error:
            print(f"note: no backup was made on closing: {error}", file=sys.stderr)
        else:
            self.changed = False

    def show_backups(self) -> None:
        if self.dialog is None:
            from playbook_app.ui.safety.backups_dialog import BackupsDialog

            self.dialog = BackupsDialog(self, self.host.widget())
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    # A risky place for the data ------------------------------------------------------------

    def check_location(self) -> None:
        """Warn once per data folder (and again if it moves) about cloud sync or a network drive."""
        if not self.host.widget().isVisible():
            return
        from playbook_app.ui.session.data_folder import location_warning

        warning = location_warning(self.data_dir)
        if warning is None or self.session.setting(LOCATION_SETTING) == warning:
            return
        from PySide6.QtWidgets import QMessageBox

        from playbook_app.ui.widgets.errors import message_box

        box = message_box(
            self.host.widget(),
            "Your data folder is in a risky place",
            "Your answers are saved, but where they are kept could damage them one day.",
            warning,
        )
        box.addButton(QMessageBox.StandardButton.Ok)
        box.finished.connect(self._location_box_gone)
        # Modeless: the user may go on working and read it when they like.
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.location_box = box
        self.session.remember(LOCATION_SETTING, warning)

    def _location_box_gone(self) -> None:
        self.location_box = None
