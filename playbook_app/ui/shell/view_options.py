"""View > Theme (Light, Dark, Follow the system) and Rate > Single-key rating, both remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup

from playbook_app.ui.widgets import theme

if TYPE_CHECKING:
    from playbook_app.ui.shell.host import Host

SINGLE_KEYS_SETTING = "rate/single_keys"
SINGLE_KEYS_TEXT = "Single-&key rating (1–6, U, N)"


class ViewOptions(QObject):
    """Owns the two choices and puts them into effect whenever they change."""

    # The rating cards show their keys only while the keys work; the window listens.
    singleKeysChanged = Signal(bool)

    def __init__(self, host: Host, settings: QSettings | None) -> None:
        super().__init__(host.widget())
        self._host = host
        self._settings = settings
        a = host.menu_actions

        menu = a.view_menu.addMenu("T&heme")
        self.theme_actions: dict[theme.Theme, QAction] = {}
        group = QActionGroup(self)
        chosen = theme.load_choice(settings)
        for choice in (theme.Theme.LIGHT, theme.Theme.DARK, theme.Theme.SYSTEM):
            action = QAction(choice.label, self)
            action.setCheckable(True)
            action.setChecked(choice is chosen)
            action.triggered.connect(lambda _c=False, c=choice: self.choose_theme(c))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[choice] = action
        # Start-up applied it before the first widget; a window made on its own applies it now.
        theme.ensure(chosen)

        a.rate_menu.addSeparator()
        self.single_keys = QAction(SINGLE_KEYS_TEXT, self)
        self.single_keys.setCheckable(True)
        self.single_keys.setToolTip(
            "Off: only the menu, the mouse and Ctrl-shortcuts rate, so a stray key press "
            "never changes an answer"
        )
        on = settings is None or str(settings.value(SINGLE_KEYS_SETTING, "true")) != "false"
        self.single_keys.setChecked(on)
        self.single_keys.toggled.connect(self.set_single_keys)
        a.rate_menu.addAction(self.single_keys)
        self.set_single_keys(on)

    def choose_theme(self, choice: theme.Theme) -> None:
        self.theme_actions[choice].setChecked(True)
        theme.save_choice(self._settings, choice)
        theme.apply(choice)

    def set_single_keys(self, on: bool) -> None:
        self.single_keys.setChecked(on)
        self._host.menu_actions.set_single_keys(on)
        self.singleKeysChanged.emit(on)
        if self._settings is not None:
            self._settings.setValue(SINGLE_KEYS_SETTING, "true" if on else "false")

    @property
    def single_keys_on(self) -> bool:
        return self.single_keys.isChecked()
