"""What a feature may ask of the window: the narrow host every feature is given.

Features (agenda, team, packets, safety, assessment editing) receive a `Host`
and talk back through Qt signals; none imports the main window or looks for
another feature in the widget tree. The main window is the one implementation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QToolBar, QWidget

    from playbook_app.ui.session.new_assessment import NewAssessment
    from playbook_app.ui.session.session import Session
    from playbook_app.ui.shell.actions import WindowActions
    from playbook_app.ui.shell.views import ViewTabs


class AssessmentAsker(Protocol):
    """Where a new assessment was asked for: told of a failure, or closed once it is made."""

    def show_error(self, message: str) -> None: ...

    def accept(self) -> None: ...


class Host(Protocol):
    """The window as features see it."""

    @property
    def session(self) -> Session:
        """The open data folder and assessment: every write goes through it."""
        ...

    @property
    def undo_stack(self) -> QUndoStack: ...

    @property
    def menu_actions(self) -> WindowActions:
        """Where features add their menu entries (listed in Help with their keys)."""
        ...

    @property
    def views(self) -> ViewTabs | None:
        """The workspace's screens (Rate, Summary, Agenda, ...), once an assessment is open."""
        ...

    @property
    def settings(self) -> QSettings | None:
        """The window's remembered preferences; None when it remembers nothing (tests)."""
        ...

    def widget(self) -> QWidget:
        """The parent for a feature's dialogs and boxes."""
        ...

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A message in the status bar (0: until replaced)."""
        ...

    def commit_typing(self) -> None:
        """Hand over what is being typed in any field of the window before anything else."""
        ...

    def show_action(self, action_id: str) -> None:
        """Open a key action on the Rate screen."""
        ...

    def show_rating(self) -> None:
        """Bring the Rate screen forward."""
        ...

    def focus_rating(self) -> None: ...

    def keep_last_answer(self) -> None:
        """On the Rate screen, give the same answer as last year (one undoable change)."""
        ...

    def add_tool_bar(self, bar: QToolBar) -> None:
        """A bar across the top of the window (the team's rater bar)."""
        ...

    def undo(self) -> None: ...

    def redo(self) -> None: ...

    def create_assessment(
        self, new: NewAssessment, dialog: AssessmentAsker | None = None
    ) -> None: ...

    def close(self) -> bool: ...
