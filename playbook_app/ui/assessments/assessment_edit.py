"""The Assessment menu: change the district profile, rename an assessment, delete one (after a
backup made the way File > Backups… > Back up now makes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from playbook_app.storage import StorageError

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMessageBox

    from playbook_app.ui.assessments.profile_dialogs import ProfileDialog, RenameDialog
    from playbook_app.ui.shell.host import Host

BEFORE_DELETE = "before-delete"  # the backup's reason, shown as "Before a delete"


class BackupSignals(Protocol):
    @property
    def finished(self) -> SignalInstance:
        """(reason, backup info) once a backup is made."""
        ...

    @property
    def failed(self) -> SignalInstance:
        """(reason, message, kind) when none could be made."""
        ...


class BackupMaker(Protocol):
    """What deleting asks of the safety feature: a backup made first, and word of how it went."""

    @property
    def runner(self) -> BackupSignals: ...

    def start_backup(self, reason: str) -> bool: ...


class AssessmentEditing(QObject):
    """The menu's actions and what they do; deleting backs up first through `safety`."""

    def __init__(self, host: Host, safety: BackupMaker) -> None:
        super().__init__(host.widget())
        self.host = host
        self.session = host.session
        self._safety_feature = safety
        a = host.menu_actions
        self.menu = a.add_menu("&Assessment", before=a.view_menu)
        self.profile_action = a.add(self.menu, "District &profile…")
        self.rename_action = a.add(self.menu, "&Rename assessment…")
        self.menu.addSeparator()
        self.delete_action = a.add(self.menu, "&Delete assessment…")
        self.profile_action.triggered.connect(self.edit_profile)
        self.rename_action.triggered.connect(self.rename)
        self.delete_action.triggered.connect(self.ask_delete)
        self.session.assessmentChanged.connect(self._update_actions)
        self._update_actions()
        self.profile_dialog: ProfileDialog | None = None
        self.rename_dialog: RenameDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._deleting: int | None = None  # the assessment waiting for its backup
        self._listening = False

    @property
    def actions(self) -> list[QAction]:
        return [self.profile_action, self.rename_action, self.delete_action]

    def _update_actions(self) -> None:
        for action in self.actions:
            action.setEnabled(self.session.record is not None)

    def _safety(self) -> BackupMaker:
        return self._safety_feature

    # Profile and name --------------------------------------------------------------------

    def edit_profile(self) -> None:
        from playbook_app.ui.assessments.profile_dialogs import ProfileDialog

        record = self.session.record
        if record is None:
            return
        dialog = ProfileDialog(self.session, self.host.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "profile_dialog", None))
        self.profile_dialog = dialog
        dialog.open()

    def rename(self) -> None:
        from playbook_app.ui.assessments.profile_dialogs import RenameDialog

        if self.session.record is None:
            return
        dialog = RenameDialog(self.session, self.host.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "rename_dialog", None))
        self.rename_dialog = dialog
        dialog.open()

    # Deleting ------------------------------------------------------------------------------

    def ask_delete(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from playbook_app.ui.widgets.errors import message_box

        record = self.session.record
        if record is None:
            return
        self.host.commit_typing()
        label, district = record.assessment.label, record.district.name
        box = message_box(
            self.host.widget(),
            "Delete assessment",
            f"Delete “{label}” of {district} ({record.assessment.date}) with every answer, "
            "agreed stage and agenda line in it?",
            "A backup of all your data is made first; File > Backups… can bring it back. "
            "Your other assessments stay as they are.",
            QMessageBox.Icon.Question,
        )
        delete = box.addButton("Delete assessment", QMessageBox.ButtonRole.DestructiveRole)
        delete.setAccessibleName("Delete assessment")
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        assessment_id = record.assessment.id
        box.finished.connect(
            lambda _r: self._confirmed(assessment_id) if box.clickedButton() is delete else None
        )
        box.finished.connect(lambda _r: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def _confirmed(self, assessment_id: int | None) -> None:
        from playbook_app.ui.widgets.errors import show_error

        safety = self._safety()
        if self.session.read_only:
            show_error(
                self.host.widget(),
                "The assessment was not deleted",
                "The data folder is read-only, so nothing in it can be changed.",
            )
            return
        if not self._listening:  # the runner is made with the first backup: not at start-up
            safety.runner.finished.connect(self._backup_done)
            safety.runner.failed.connect(self._backup_failed)
            self._listening = True
        if self._deleting is not None or not safety.start_backup(BEFORE_DELETE):
            show_error(
                self.host.widget(),
                "The assessment was not deleted",
                "A backup is being made right now. Try again in a moment.",
            )
            return
        self._deleting = assessment_id
        self.host.show_status("Making a backup before deleting…")

    def _backup_done(self, reason: str, _info: object) -> None:
        if reason != BEFORE_DELETE or self._deleting is None:
            return
        from playbook_app.ui.widgets.errors import show_error

        waiting, self._deleting = self._deleting, None
        record = self.session.record
        if record is None or record.assessment.id != waiting:
            self.host.show_status(
                "Nothing was deleted: another assessment was opened meanwhile.", 10_000
            )
            return
        label = record.assessment.label
        try:
            self.session.delete_assessment()
        except StorageError as error:
            show_error(self.host.widget(), "The assessment was not deleted", str(error))
            return
        self.host.show_status(
            f"Deleted “{label}”. The backup made just before is under File > Backups…", 15_000
        )

    def _backup_failed(self, reason: str, message: str, _kind: str) -> None:
        if reason != BEFORE_DELETE or self._deleting is None:
            return
        from playbook_app.ui.widgets.errors import show_error

        self._deleting = None
        self.host.show_status("")
        show_error(
            self.host.widget(),
            "The assessment was not deleted",
            "No backup could be made, so nothing was deleted.",
            message,
        )
