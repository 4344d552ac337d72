"""The window's QActions and menus, with their shortcuts, in one place that Help can list."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton

from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.ui.widgets.keys import NOT_APPLICABLE_KEYS, STAGE_KEYS, UNSURE_KEYS

Shortcut = QKeySequence | QKeySequence.StandardKey | str


def _keys(*shortcuts: Shortcut) -> list[QKeySequence]:
    found: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            found.extend(QKeySequence.keyBindings(shortcut))
        else:
            found.append(QKeySequence(shortcut))
    unique: list[QKeySequence] = []
    for key in found:
        # The same key twice on one action would make Qt call the shortcut ambiguous.
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique


def _help_keys(*shortcuts: Shortcut) -> list[QKeySequence]:
    """What Help lists: a platform binding's main key only, plus keys we chose ourselves.

    Platforms add rarely used alternatives (a dedicated Undo key, Alt+Backspace)
    that would clutter the list without helping anyone.
    """
    listed: list[QKeySequence] = []
    for shortcut in shortcuts:
        keys = (
            _keys(shortcut)[:1]
            if isinstance(shortcut, QKeySequence.StandardKey)
            else _keys(shortcut)
        )
        listed.extend(key for key in keys if key not in listed)
    return listed


class WindowActions:
    """Builds the menus of a main window; the window connects the actions to its slots."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._help: list[tuple[QAction, list[QKeySequence]]] = []
        menu_bar = window.menuBar()

        self.file_menu = file_menu = menu_bar.addMenu("&File")
        self.new_assessment = self._add(file_menu, "&New assessment…", QKeySequence.StandardKey.New)
        self.open_assessment = self._add(
            file_menu, "&Open assessment…", QKeySequence.StandardKey.Open
        )
        # Export, import and backup entries go in here, see add_file_action.
        self._file_point = file_menu.addSeparator()
        self.retry = self._add(file_menu, "&Retry saving")
        self.retry.setEnabled(False)
        file_menu.addSeparator()
        # Windows has no standard Quit key; Ctrl+Q is what people try there too.
        self.quit = self._add(file_menu, "&Quit", QKeySequence.StandardKey.Quit)
        if not self.quit.shortcuts():
            self.quit.setShortcut(QKeySequence("Ctrl+Q"))
            self._help.append((self.quit, [QKeySequence("Ctrl+Q")]))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = menu_bar.addMenu("&Edit")
        self.undo = self._add(edit_menu, "&Undo", QKeySequence.StandardKey.Undo)
        self.redo = self._add(edit_menu, "&Redo", QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z")
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)

        # Screens (Agenda, Summary, Team review) add themselves here; see MainWindow.add_view.
        self.view_menu = menu_bar.addMenu("&View")
        self.rate_view = self._add(self.view_menu, "&Rate key actions", "Ctrl+1")

        go_menu = menu_bar.addMenu("&Go")
        self.previous = self._add(go_menu, "&Previous key action", "Ctrl+Left", "Alt+Left")
        self.next = self._add(go_menu, "&Next key action", "Ctrl+Right", "Alt+Right")
        self.next_unanswered = self._add(go_menu, "Next &unanswered key action", "Ctrl+J")

        self.rate_menu = rate_menu = menu_bar.addMenu("&Rate")
        self.stages: dict[Stage, QAction] = {}
        for stage in Stage:
            self.stages[stage] = self._add(rate_menu, stage.label, STAGE_KEYS[stage])
        rate_menu.addSeparator()
        self.unsure = self._add(rate_menu, AnswerKind.UNSURE.label, *UNSURE_KEYS)
        self.not_applicable = self._add(
            rate_menu, AnswerKind.NOT_APPLICABLE.label, *NOT_APPLICABLE_KEYS
        )
        rate_menu.addSeparator()
        self.clear_answer = self._add(rate_menu, "&Clear answer")

        self.help_menu = help_menu = menu_bar.addMenu("&Help")
        self.rating_help = self._add(
            help_menu, "&How rating works", QKeySequence.StandardKey.HelpContents
        )
        self.about = self._add(help_menu, "&About Playbook Readiness")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = self._add(help_menu, "About &Qt")
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        # Qt's own "more menus" button (shown when the window is too narrow) has no name.
        for button in menu_bar.findChildren(QToolButton):
            if not button.accessibleName():
                button.setAccessibleName("More menus")

    def add_menu(self, title: str, *, before: QMenu) -> QMenu:
        """A new menu in the menu bar, just before `before` (say, Team before Help)."""
        menu = QMenu(title, self._window)
        self._window.menuBar().insertMenu(before.menuAction(), menu)
        return menu

    def add(self, menu: QMenu, text: str, *shortcuts: Shortcut) -> QAction:
        """A new action at the end of a menu, listed in Help with its keys."""
        return self._add(menu, text, *shortcuts)

    def add_file_action(self, text: str, *shortcuts: Shortcut, separate: bool = False) -> QAction:
        """A new File-menu action, after Open and before Retry saving and Quit.

        `separate` starts a new group with a separator above it.
        """
        menu = self.file_menu
        if separate:
            menu.insertSeparator(self._file_point)
        action = self._add(menu, text, *shortcuts)
        menu.removeAction(action)
        menu.insertAction(self._file_point, action)
        return action

    def _add(self, menu: QMenu, text: str, *shortcuts: Shortcut) -> QAction:
        action = QAction(text, self._window)
        keys = _keys(*shortcuts)
        if keys:
            action.setShortcuts(keys)
            self._help.append((action, _help_keys(*shortcuts)))
        menu.addAction(action)
        return action

    @property
    def single_key_actions(self) -> list[QAction]:
        """Rate actions with single-character keys (WCAG 2.1.4: users can turn these off)."""
        return [*self.stages.values(), self.unsure, self.not_applicable]

    def set_single_keys(self, on: bool) -> None:
        for action in self.single_key_actions:
            keys = next(k for a, k in self._help if a is action)
            action.setShortcuts(_keys(*keys) if on else [])

    @property
    def page_actions(self) -> list[QAction]:
        """Actions that only make sense while a key-action page is showing."""
        return [
            self.previous,
            self.next,
            self.next_unanswered,
            *self.stages.values(),
            self.unsure,
            self.not_applicable,
            self.clear_answer,
        ]

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(what it does, its keys) for every action with keys, in menu order, for Help."""
        return [
            (
                action.text().replace("&", ""),
                " or ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys),
            )
            for action, keys in self._help
            if keys and action.shortcuts()  # single-key rating may be switched off
        ]
