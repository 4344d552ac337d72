"""The yearly cycle in the window: Assessment > Start next year's review…, File > Export
history…, Rate > Keep last time's answer (K) and the "Since last time" screen.

Imported at start-up, so it stays light: the dialog and the screen load when first used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from playbook_app.domain.assessment import Mode
from playbook_app.ui.widgets.keys import KEEP_KEY

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog, QMenu

    from playbook_app.ui.shell.host import Host
    from playbook_app.ui.shell.views import ViewTabs
    from playbook_app.ui.yearly.follow_up_dialog import FollowUpDialog
    from playbook_app.ui.yearly.since_view import SinceView

SINCE = "since"
HISTORY_FOLDER = "history_export_folder"


class AssessmentMenu(Protocol):
    """The Assessment menu the review's entry joins, above Delete."""

    @property
    def menu(self) -> QMenu: ...

    @property
    def delete_action(self) -> QAction: ...


class YearlyFeature(QObject):
    """The yearly cycle's actions; its entry sits in the Assessment menu of `editing`."""

    def __init__(self, host: Host, editing: AssessmentMenu) -> None:
        super().__init__(host.widget())
        self._host = host
        session = host.session
        a = host.menu_actions
        self.follow_up_action = a.add(editing.menu, "Start &next year's review…")
        # Above the separator and Delete: starting a review sits with the everyday entries.
        editing.menu.removeAction(self.follow_up_action)
        editing.menu.insertAction(editing.delete_action, self.follow_up_action)
        self.since_action = a.add(a.view_menu, "Since &last time", "Ctrl+5")
        self.history_action = a.add_file_action("Export &history…")
        self.keep_action = a.add(a.rate_menu, "&Keep last time's answer", KEEP_KEY)
        self.follow_up_action.triggered.connect(self.ask_follow_up)
        self.history_action.triggered.connect(self.choose_history)
        self.keep_action.triggered.connect(self.keep_last_answer)
        self.dialog: FollowUpDialog | None = None
        self.file_dialog: QFileDialog | None = None
        session.assessmentChanged.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_record = self._host.session.record is not None
        for action in (self.follow_up_action, self.since_action, self.history_action):
            action.setEnabled(has_record)

    def keep_last_answer(self) -> None:
        self._host.keep_last_answer()

    def ask_follow_up(self) -> None:
        from playbook_app.ui.yearly.follow_up_dialog import FollowUpDialog

        host = self._host
        if host.session.record is None:
            return
        host.commit_typing()
        dialog = FollowUpDialog(host.session, host.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._started)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _started(self) -> None:
        record = self._host.session.record
        if record is not None:
            self._host.show_rating()
            self._host.show_status(
                f"Started “{record.assessment.label}”. Each key action shows what was given "
                f"last time; {KEEP_KEY} keeps the same answer.",
                15_000,
            )

    # File > Export history… --------------------------------------------------------------

    def export_history(self, path: Path) -> bool:
        """Write the history CSV to `path`; False (and a message) when it could not be."""
        from playbook_app.reports import ReportError
        from playbook_app.safe_write import WriteError, data_folder_refusal, write_atomic
        from playbook_app.storage import StorageError
        from playbook_app.ui.widgets.errors import show_error

        session = self._host.session
        path = Path(path).expanduser()
        try:
            refusal = data_folder_refusal(path, session.data_dir)
            if refusal:
                raise WriteError(refusal)
            write_atomic(path, session.history_csv())
        except (WriteError, ReportError, StorageError, OSError) as error:
            show_error(
                self._host.widget(),
                "The history was not saved",
                f"The history CSV was not saved. {error}",
                "Nothing was written. Choose another folder or file name and try again.",
            )
            return False
        session.remember(HISTORY_FOLDER, str(path.parent))
        self._host.show_status(f"Saved the history CSV as {path}", 10_000)
        return True

    def choose_history(self) -> None:
        session = self._host.session
        if session.record is None:
            return
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        folder = session.setting(HISTORY_FOLDER) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        dialog = QFileDialog(self._host.widget(), "Export the history of every assessment as CSV")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("CSV spreadsheets (*.csv)")
        dialog.setDefaultSuffix("csv")
        if folder:
            dialog.setDirectory(folder)
        dialog.selectFile(f"History - {session.record.district.name}.csv".replace("/", " "))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_history(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    # The screen ----------------------------------------------------------------------------

    def install_screens(self, tabs: ViewTabs) -> None:
        tabs.add_view(SINCE, "Since last time", self._make_since, self.since_action,
                      private=self._is_team)  # fmt: skip

    def _is_team(self) -> bool:
        record = self._host.session.record
        return record is not None and record.assessment.mode is Mode.TEAM

    def _make_since(self, parent: QWidget) -> SinceView:
        from playbook_app.ui.yearly.since_view import SinceView

        return SinceView(self._host.session, parent)
