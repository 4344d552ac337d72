"""The main window: navigator and key-action page, menus, status bar, and the flows between them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playbook_app import APP_NAME
from playbook_app.domain.assessment import AnswerKind, Mode, Stage
from playbook_app.storage import StorageError
from playbook_app.ui.rating.action_page import ActionPage
from playbook_app.ui.rating.navigator import NavigatorModel, NavigatorView
from playbook_app.ui.session.commands import ResponseCommand
from playbook_app.ui.session.session import Session
from playbook_app.ui.shell.actions import WindowActions
from playbook_app.ui.shell.save_alerts import SaveAlerts
from playbook_app.ui.shell.screens import Features, install_features, install_screens
from playbook_app.ui.shell.status import ProgressStatus, SaveStatus
from playbook_app.ui.shell.views import ViewTabs
from playbook_app.ui.shell.window_state import WindowState
from playbook_app.ui.widgets.controls import plain_tooltip, text_label
from playbook_app.ui.widgets.text_commit import commit_typing_in

# Screens and dialogs that the first screen does not show are imported when
# first opened: start-up pays only for what it puts on screen.
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from playbook_app.ui.assessments.welcome import WelcomePage
    from playbook_app.ui.session.new_assessment import NewAssessment
    from playbook_app.ui.shell.help import AboutDialog, RatingHelpDialog
    from playbook_app.ui.shell.host import AssessmentAsker


class MainWindow(QMainWindow):
    """Shows the welcome flow until an assessment exists, then the workspace."""

    def __init__(
        self,
        session: Session,
        data_dir: Path,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        session.setParent(self)
        self._data_dir = data_dir
        self._window_state = WindowState(settings)
        self.undo_stack = QUndoStack(self)
        self.menu_actions = WindowActions(self)
        self.page: ActionPage | None = None
        self.navigator: NavigatorView | None = None
        self.welcome: WelcomePage | None = None
        self._workspace: ViewTabs | None = None
        self._rating: QSplitter | None = None
        self._caption = text_label("", bold=True)
        self._help: RatingHelpDialog | None = None
        self._help_keys: list[tuple[str, str]] = []
        self._about: AboutDialog | None = None
        self.save_alerts = SaveAlerts(self, session)

        self._stack = QStackedWidget(self)
        self.setCentralWidget(self._stack)
        self.save_status = SaveStatus(self)
        self.progress = ProgressStatus(self)
        self.statusBar().addWidget(self.save_status, 1)
        self.statusBar().addPermanentWidget(self.progress)

        self._connect()
        self.features: Features = install_features(self)
        self.features.view_options.singleKeysChanged.connect(self._show_single_keys)
        self._window_state.restore_window(self)
        if session.record is None:
            self._show_welcome()
        else:
            self._assessment_changed()

    def _connect(self) -> None:
        a = self.menu_actions
        a.new_assessment.triggered.connect(self.new_assessment)
        a.open_assessment.triggered.connect(self.open_assessment)
        a.retry.triggered.connect(self.retry_saving)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.previous.triggered.connect(lambda: self.go(-1))
        a.next.triggered.connect(lambda: self.go(1))
        a.next_unanswered.triggered.connect(self.go_next_unanswered)
        for stage, action in a.stages.items():
            action.triggered.connect(lambda _c=False, s=stage: self.rate(AnswerKind.RATED, s))
        a.unsure.triggered.connect(lambda: self.rate(AnswerKind.UNSURE))
        a.not_applicable.triggered.connect(lambda: self.rate(AnswerKind.NOT_APPLICABLE))
        a.clear_answer.triggered.connect(self._clear_answer)
        a.rating_help.triggered.connect(self.show_rating_help)
        a.about.triggered.connect(self.show_about)
        a.about_qt.triggered.connect(lambda: QApplication.aboutQt())
        stack = self.undo_stack
        stack.canUndoChanged.connect(a.undo.setEnabled)
        stack.canRedoChanged.connect(a.redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: a.undo.setText(f"&Undo {text}".rstrip()))
        stack.redoTextChanged.connect(lambda text: a.redo.setText(f"&Redo {text}".rstrip()))
        s = self.session
        s.assessmentChanged.connect(self._assessment_changed)
        s.responseChanged.connect(self._update_progress)
        # Team mode: the progress and the title are the active rater's.
        s.participantChanged.connect(self._update_progress)
        s.participantChanged.connect(self._update_title)
        s.participantsChanged.connect(self._update_title)
        s.districtChanged.connect(self._update_title)
        s.saveStateChanged.connect(self._save_state_changed)
        self.save_status.retryRequested.connect(self.retry_saving)

    # Screens ---------------------------------------------------------------------------

    def _show_welcome(self) -> None:
        if self.welcome is None:
            from playbook_app.ui.assessments.welcome import WelcomePage

            self.welcome = WelcomePage(self.session.playbook, self)
            self.welcome.submitted.connect(self.create_assessment)
            self._stack.addWidget(self.welcome)
        self._stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(APP_NAME)
        # Nothing to save or count yet: an empty bar and "saved" would only puzzle.
        self.save_status.setVisible(False)
        self.progress.setVisible(False)
        self._update_page_actions()
        self.welcome.focus_first()

    def _ensure_workspace(self) -> None:
        if self._workspace is not None:
            return
        self._workspace = ViewTabs(self)
        self._workspace.currentChanged.connect(lambda _i: self._update_page_actions())
        self._rating = QSplitter(Qt.Orientation.Horizontal, self._workspace)
        left = QWidget(self._rating)
        column = QVBoxLayout(left)
        column.setContentsMargins(8, 10, 0, 0)
        column.setSpacing(6)
        self._caption.setContentsMargins(4, 0, 4, 4)
        column.addWidget(self._caption)
        self.navigator = NavigatorView(NavigatorModel(self.session, left), left)
        self.navigator.actionActivated.connect(self.show_action)
        column.addWidget(self.navigator, 1)
        self.page = ActionPage(self.session, self.undo_stack, self._rating)
        self.page.stepRequested.connect(self.go)
        self._rating.addWidget(left)
        self._rating.addWidget(self.page)
        self._rating.setStretchFactor(0, 0)
        self._rating.setStretchFactor(1, 1)
        # About a quarter for the navigator, so small screens keep room for the page.
        left_width = max(260, min(360, round(self.width() * 0.28)))
        self._rating.setSizes([left_width, max(self.width() - left_width, 400)])
        self._rating.setChildrenCollapsible(False)
        left.setMinimumWidth(220)
        self._workspace.add_built(self._rating, "Rate", self.menu_actions.rate_view)
        install_screens(self.features, self._workspace)
        self._stack.addWidget(self._workspace)
        self._window_state.restore_splitter(self._rating)
        # The rating cards show their keys only while the keys work.
        self._show_single_keys(self.features.view_options.single_keys_on)

    @property
    def settings(self) -> QSettings | None:
        """The window's remembered preferences; None when it remembers nothing (tests)."""
        return self._window_state.settings

    def show_rating(self) -> None:
        """Back to rating key actions, from any other screen."""
        if self._workspace is not None and self._rating is not None:
            self._workspace.setCurrentWidget(self._rating)

    @property
    def views(self) -> ViewTabs | None:
        """The workspace's screens (Rate, Agenda, ...); None until an assessment is open."""
        return self._workspace

    def _assessment_changed(self) -> None:
        record = self.session.record
        self.undo_stack.clear()
        if record is None:
            self._show_welcome()
            return
        self._ensure_workspace()
        assert self._workspace is not None and self.page is not None
        self._stack.setCurrentWidget(self._workspace)
        self.save_status.setVisible(True)
        self.progress.setVisible(True)
        self._update_title()
        self._update_progress()
        self._update_page_actions()
        self.show_action(self.session.last_action_id() or self.session.playbook.action_ids[0])

    def _update_page_actions(self) -> None:
        on_page = (
            self.page is not None
            and self._workspace is not None
            and self._stack.currentWidget() is self._workspace
            and self._workspace.currentWidget() is self._rating
        )
        for action in self.menu_actions.page_actions:
            action.setEnabled(on_page)
        if on_page:
            self._update_go_actions()

    def _update_go_actions(self) -> None:
        action_id = self.current_action_id
        if action_id is None:
            return
        position = self.session.playbook.position(action_id)
        self.menu_actions.previous.setEnabled(position > 0)
        self.menu_actions.next.setEnabled(position < self.session.total - 1)

    def _update_title(self, *_args: object) -> None:
        record = self.session.record
        if record is None:
            return
        self._caption.setText(f"{record.district.name}\n{record.assessment.label}")
        # District names are the user's text: the tooltip must not read them as HTML.
        self._caption.setToolTip(
            plain_tooltip(f"{record.district.name} · {record.assessment.label}")
        )
        parts = [record.assessment.label, record.district.name]
        person = self.session.participant
        if record.assessment.mode is Mode.TEAM and person is not None:
            parts.append(f"rating: {person.name}")
        self.setWindowTitle(" — ".join([*parts, APP_NAME]))

    def _update_progress(self, *_args: object) -> None:
        self.progress.set_progress(self.session.answered_count(), self.session.total)

    # What features may ask (ui/shell/host.py) ------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def commit_typing(self) -> None:
        commit_typing_in(self)

    def focus_rating(self) -> None:
        if self.page is not None:
            self.page.focus_rating()

    def keep_last_answer(self) -> None:
        if self.page is not None:
            self.page.keep_last_answer()

    def _show_single_keys(self, on: bool) -> None:
        if self.page is not None:
            self.page.picker.show_keys(on)

    def add_tool_bar(self, bar: QToolBar) -> None:
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # Navigation ------------------------------------------------------------------------

    @property
    def current_action_id(self) -> str | None:
        return None if self.page is None else self.page.current_action_id

    def show_action(self, action_id: str) -> None:
        if self.page is None or not self.session.playbook.has_action(action_id):
            return
        self.show_rating()
        self.page.show_action(action_id)
        assert self.navigator is not None
        self.navigator.select_action(action_id)
        self.session.remember_action(action_id)
        self._update_go_actions()

    def go(self, delta: int) -> None:
        """Previous (-1) or next (+1) key action in playbook order; the keyboard follows."""
        current = self.current_action_id
        if current is None:
            return
        ids = self.session.playbook.action_ids
        target = self.session.playbook.position(current) + delta
        if 0 <= target < len(ids):
            self.show_action(ids[target])
            assert self.page is not None
            self.page.focus_rating()

    def go_next_unanswered(self) -> None:
        current = self.current_action_id
        if current is None:
            return
        ids = self.session.playbook.action_ids
        start = self.session.playbook.position(current)
        for offset in range(1, len(ids) + 1):
            candidate = ids[(start + offset) % len(ids)]
            if not self.session.response(candidate).answered:
                self.show_action(candidate)
                assert self.page is not None
                self.page.focus_rating()
                return
        self.statusBar().showMessage("Every key action has an answer.", 4000)

    # Rating and undo ------------------------------------------------------------------

    def rate(self, kind: AnswerKind, stage: Stage | None = None) -> None:
        """Number keys and the Rate menu.

        A text box with the focus keeps its keys: Qt offers every key to the
        focused widget first (ShortcutOverride), and text boxes claim the keys
        that type, so a "2" typed into the notes never rates the action.
        """
        if self.page is None:
            return
        self.page.apply_answer(kind, stage)
        self.page.reveal_rating()

    def _clear_answer(self) -> None:
        if self.page is not None:
            self.page.clear_answer()

    def undo(self) -> None:
        self.commit_typing()  # so undo takes back the typing too
        if self.undo_stack.canUndo():
            self._reveal(self.undo_stack.index() - 1)
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo():
            self._reveal(self.undo_stack.index())
            self.undo_stack.redo()

    def _reveal(self, index: int) -> None:
        # Undo may reach back to another key action: show it so the change is seen.
        command = self.undo_stack.command(index)
        if isinstance(command, ResponseCommand) and command.action_id != self.current_action_id:
            self.show_action(command.action_id)

    # Saving ---------------------------------------------------------------------------

    def retry_saving(self) -> None:
        self.session.retry()

    def _save_state_changed(self, text: str) -> None:
        self.save_status.set_state(text)
        self.menu_actions.retry.setEnabled(self.session.has_pending)

    # Assessments ------------------------------------------------------------------------

    def new_assessment(self) -> None:
        if self.session.record is None:
            self._show_welcome()
            return
        from playbook_app.ui.assessments.assessment_flows import ask_new_assessment

        ask_new_assessment(self)

    def create_assessment(self, new: NewAssessment, dialog: AssessmentAsker | None = None) -> None:
        """Store the new assessment and open it; a failure is shown where it was asked for."""
        try:
            self.session.create_assessment(new.district, new.assessment, new.participants)
        except StorageError as error:
            target = dialog if dialog is not None else self.welcome
            if target is not None:
                target.show_error(str(error))
            return
        if dialog is not None:
            dialog.accept()
        if self.page is not None:
            self.page.focus_rating()

    def open_assessment(self) -> None:
        from playbook_app.ui.assessments.assessment_flows import ask_which_assessment

        ask_which_assessment(self)

    # Help -------------------------------------------------------------------------------

    def show_rating_help(self) -> None:
        keys = self.menu_actions.shortcut_table()
        # Rebuilt when the keys changed (single-key rating switched off or on).
        if self._help is None or self._help_keys != keys:
            from playbook_app.ui.shell.help import RatingHelpDialog

            if self._help is not None:
                self._help.deleteLater()
            self._help = RatingHelpDialog(keys, self)
            self._help_keys = keys
        self._help.show()
        self._help.raise_()

    def show_about(self) -> None:
        if self._about is None:
            from playbook_app.ui.shell.help import AboutDialog

            self._about = AboutDialog(self.session.playbook, self._data_dir, self)
        self._about.show()
        self._about.raise_()

    # Closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_typing()
        if (
            self.session.has_pending
            and not self.save_alerts.quit_unsaved
            and not self.session.retry()
        ):
            event.ignore()
            self.save_alerts.confirm_quit()
            return
        self._window_state.save(self, self._rating)
        self.session.write_settings()
        event.accept()
