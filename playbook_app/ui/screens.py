"""Where every screen and menu entry beyond rating is plugged into the main window.

Each feature module offers `install_menus(window)` (File-menu and other
actions, made with the window) and/or `install_screen(window, tabs)` (a tab,
built lazily). Keeping the list here keeps main_window.py about the window.
Feature modules are imported inside these functions so start-up loads only
what the first screen shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playbook_app.ui.main_window import MainWindow
    from playbook_app.ui.views import ViewTabs


def install_menus(window: MainWindow) -> None:
    """Menu actions of the features, once, when the window is made."""
    from playbook_app.ui import agenda_menus, team

    agenda_menus.install_menus(window)  # View > Summary, Agenda; export, print (issue 3)

    team.install_menus(window)  # Team menu, team mode, packets (issue 4)
    from playbook_app.ui import safety

    safety.install(window)  # File > Backups…, automatic backups, risky-folder warning (issue 5)
    from playbook_app.ui import assessment_edit

    assessment_edit.install_menus(window)  # Assessment > District profile, rename, delete
    from playbook_app.ui import view_options

    view_options.install(window)  # View > Theme, Rate > Single-key rating (issue 15)


def install_screens(window: MainWindow, tabs: ViewTabs) -> None:
    """The workspace's tabs after Rate, once, when the workspace is first made."""
    from playbook_app.ui import agenda_menus, team

    agenda_menus.install_screens(window, tabs)  # Summary, Agenda (issue 3)

    team.install_screens(window, tabs)  # Team review
