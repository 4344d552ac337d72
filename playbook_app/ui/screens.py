"""The composition root: every feature beyond rating is made here, given the host, and kept.

Each feature receives the narrow `Host` (ui/host.py), never the main window, and
the features that need one another are handed each other here. Feature modules
are imported inside these functions so start-up loads only what the first
screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playbook_app.ui.agenda_menus import AgendaFeature
    from playbook_app.ui.assessment_edit import AssessmentEditing
    from playbook_app.ui.host import Host
    from playbook_app.ui.safety import Safety
    from playbook_app.ui.team import TeamController
    from playbook_app.ui.view_options import ViewOptions
    from playbook_app.ui.views import ViewTabs
    from playbook_app.ui.yearly import YearlyFeature


@dataclass(frozen=True)
class Features:
    """The window's features, installed once when the window is made."""

    agenda: AgendaFeature  # View > Summary, Agenda; export, print
    team: TeamController  # Team menu, team mode, packets
    safety: Safety  # File > Backups…, automatic backups, risky-folder warning
    assessments: AssessmentEditing  # Assessment > District profile, rename, delete
    yearly: YearlyFeature  # next year's review, Export history, Since last time
    view_options: ViewOptions  # View > Theme, Rate > Single-key rating


def install_features(host: Host) -> Features:
    """Menus and actions of every feature, once, when the window is made."""
    from playbook_app.ui.agenda_menus import AgendaFeature
    from playbook_app.ui.assessment_edit import AssessmentEditing
    from playbook_app.ui.safety import Safety
    from playbook_app.ui.team import TeamController
    from playbook_app.ui.view_options import ViewOptions
    from playbook_app.ui.yearly import YearlyFeature

    agenda = AgendaFeature(host)
    team = TeamController(host)
    safety = Safety(host)
    assessments = AssessmentEditing(host, safety)
    yearly = YearlyFeature(host, assessments)
    view_options = ViewOptions(host, host.settings)
    return Features(
        agenda=agenda,
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
