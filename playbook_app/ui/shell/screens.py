"""The composition root: every feature beyond rating is made here, given the host, and kept.

Each feature receives the narrow `Host` (ui/shell/host.py), never the main window, and
the features that need one another are handed each other here. Feature modules
are imported inside these functions so start-up loads only what the first
screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playbook_app.ui.agenda.agenda_menus import AgendaFeature
    from playbook_app.ui.assessments.assessment_edit import AssessmentEditing
    from playbook_app.ui.packets.packets_menu import PacketsFeature
    from playbook_app.ui.safety.safety import Safety
    from playbook_app.ui.shell.host import Host
    from playbook_app.ui.shell.view_options import ViewOptions
    from playbook_app.ui.shell.views import ViewTabs
    from playbook_app.ui.team.team import TeamController
    from playbook_app.ui.yearly.yearly import YearlyFeature


@dataclass(frozen=True)
class Features:
    """The window's features, installed once when the window is made."""

    agenda: AgendaFeature  # View > Summary, Agenda; export, print
    packets: PacketsFeature  # File > Export packet, Import packets
    team: TeamController  # Team menu, team mode
    safety: Safety  # File > Backups…, automatic backups, risky-folder warning
    assessments: AssessmentEditing  # Assessment > District profile, rename, delete
    yearly: YearlyFeature  # next year's review, Export history, Since last time
    view_options: ViewOptions  # View > Theme, Rate > Single-key rating


def install_features(host: Host) -> Features:
    """Menus and actions of every feature, once, when the window is made."""
    from playbook_app.ui.agenda.agenda_menus import AgendaFeature
    from playbook_app.ui.assessments.assessment_edit import AssessmentEditing
    from playbook_app.ui.packets.packets_menu import PacketsFeature
    from playbook_app.ui.safety.safety import Safety
    from playbook_app.ui.shell.view_options import ViewOptions
    from playbook_app.ui.team.team import TeamController
    from playbook_app.ui.yearly.yearly import YearlyFeature

    agenda = AgendaFeature(host)
    packets = PacketsFeature(host)
    team = TeamController(host)
    safety = Safety(host)
    assessments = AssessmentEditing(host, safety)
    yearly = YearlyFeature(host, assessments)
    view_options = ViewOptions(host, host.settings)
    return Features(
        agenda=agenda,
        packets=packets,
        team=team,
        safety=safety,
        assessments=assessments,
        yearly=yearly,
        view_options=view_options,
    )


def install_screens(features: Features, tabs: ViewTabs) -> None:
    """The workspace's tabs after Rate, once, when the workspace is first made."""
    features.agenda.install_screens(tabs)  # Summary, Agenda
    features.team.install_screen(tabs)  # Team review
    features.yearly.install_screens(tabs)  # Since last time
