"""Team mode in the main window: menus, the rater bar, the reveal, Team review, projector.

Only this module loads with the window; each screen and dialog is imported
when first opened, so start-up pays for none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from playbook_app.domain.assessment import Mode

if TYPE_CHECKING:
    from playbook_app.domain.scoring import Standing
    from playbook_app.ui.shell.host import Host
    from playbook_app.ui.shell.views import ViewTabs
    from playbook_app.ui.team.participants_dialog import ParticipantsDialog
    from playbook_app.ui.team.projector import ProjectorWindow
    from playbook_app.ui.team.rater_bar import HandOverDialog, RaterBar

TEAM_VIEW = "team"


class TeamController(QObject):
    """What the Team review screen and the projector share: which key action, what is revealed.

    Reveals are kept per assessment for the session only: a reopened app starts
    hidden again, so the next retreat never opens on last time's spread. A key
    action with an agreed stage counts as revealed: it has been discussed.
    """

    revealChanged = Signal(str)  # key action id
    currentChanged = Signal(str)  # key action id

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget())
        self.host = host
        self.session = session = host.session
        self._revealed: dict[str, set[str]] = {}
        self._current = session.playbook.action_ids[0]
        self._tabs: ViewTabs | None = None
        self.rater_bar: RaterBar | None = None
        self.projector: ProjectorWindow | None = None
        self.participants_dialog: ParticipantsDialog | None = None
        self.handover_dialog: HandOverDialog | None = None

        a = host.menu_actions
        self.review_action = a.add(a.view_menu, "&Team review", "Ctrl+4")
        self.projector_action = a.add(a.view_menu, "&Projector view", "F5")
        menu = a.add_menu("&Team", before=a.help_menu)
        self.team_menu = menu
        self.participants_action = a.add(menu, "&Participants…", "Ctrl+Shift+P")
        self.handover_action = a.add(menu, "&Hand over to…", "Ctrl+Shift+H")
        self.projector_action.triggered.connect(self.show_projector)
        self.participants_action.triggered.connect(self.show_participants)
        self.handover_action.triggered.connect(self.show_handover)

        session.assessmentChanged.connect(self.update_mode)
        session.districtChanged.connect(self.update_mode)
        session.participantsChanged.connect(self.update_mode)
        session.participantsChanged.connect(self._people_changed)
        self._rater_before_removal: str | None = None
        self.update_mode()

    # State --------------------------------------------------------------------------

    @property
    def is_team(self) -> bool:
        record = self.session.record
        return record is not None and record.assessment.mode is Mode.TEAM

    @property
    def current_action(self) -> str:
        return self._current

    def set_current(self, action_id: str) -> None:
        if action_id != self._current and self.session.playbook.has_action(action_id):
            self._current = action_id
            self.currentChanged.emit(action_id)

    def standing(self, action_id: str) -> Standing:
        return self.session.agenda().item(action_id).standing

    def _revealed_here(self) -> set[str]:
        record = self.session.record
        return set() if record is None else self._revealed.setdefault(record.assessment.uid, set())

    def is_revealed(self, action_id: str) -> bool:
        record = self.session.record
        if record is None:
            return False
        return action_id in self._revealed_here() or action_id in record.consensus

    def reveal(self, action_id: str) -> None:
        if self.session.record is not None and not self.is_revealed(action_id):
            self._revealed_here().add(action_id)
            self.revealChanged.emit(action_id)

    # Mode -----------------------------------------------------------------------------

    def update_mode(self) -> None:
        """Team parts show in team mode only; solo mode shows none of them."""
        team = self.is_team
        for action in (self.review_action, self.projector_action, self.handover_action):
            action.setVisible(team)
            action.setEnabled(team)
        has_record = self.session.record is not None
        self.participants_action.setEnabled(has_record)
        if team and self.rater_bar is None:
            from playbook_app.ui.team.rater_bar import RaterBar

            self.rater_bar = RaterBar(self.session, self.host.widget())
            self.rater_bar.handOverRequested.connect(self.show_handover)
            self.host.add_tool_bar(self.rater_bar)
        if self.rater_bar is not None:
            self.rater_bar.setVisible(team)
        tabs = self._tabs
        if tabs is not None and tabs.has_view(TEAM_VIEW):
            showing = tabs.view(TEAM_VIEW)
            if not team and showing is not None and tabs.currentWidget() is showing.parent():
                self.host.show_rating()
            tabs.set_view_visible(TEAM_VIEW, team)
        if not team and self.projector is not None:
            self.projector.close()

    def install_screen(self, tabs: ViewTabs) -> None:
        self._tabs = tabs
        tabs.add_view(TEAM_VIEW, "Team review", self._build_review, self.review_action)
        self.update_mode()

    def _build_review(self, parent: QWidget) -> QWidget:
        from playbook_app.ui.team.team_review import TeamReview

        return TeamReview(self, parent)

    def show_review(self) -> QWidget | None:
        if self._tabs is None or not self.is_team:
            return None
        return self._tabs.show_view(TEAM_VIEW)

    # Windows and dialogs ----------------------------------------------------------------

    def show_projector(self) -> None:
        if not self.is_team:
            return
        if self.projector is None:
            from playbook_app.ui.team.projector import ProjectorWindow

            self.projector = ProjectorWindow(self, self.host.widget())
        self.projector.refresh()
        self.projector.place()

    def show_participants(self) -> None:
        if self.session.record is None:
            return
        if self.participants_dialog is None:
            from playbook_app.ui.team.participants_dialog import ParticipantsDialog

            self.participants_dialog = ParticipantsDialog(self.session, self.host.widget())
            self.participants_dialog.aboutToRemove.connect(self._before_removal)
        self.participants_dialog.refresh()
        self.participants_dialog.show()
        self.participants_dialog.raise_()
        self.participants_dialog.activateWindow()

    def show_handover(self) -> None:
        record = self.session.record
        if not self.is_team or record is None or not record.participants:
            return
        if self.session.participant is not None and len(record.participants) < 2:
            return  # nobody to hand over to
        if self.handover_dialog is None:
            from playbook_app.ui.team.rater_bar import HandOverDialog

            self.handover_dialog = HandOverDialog(self.session, self.host.widget())
            self.handover_dialog.chosen.connect(self.hand_over)
        self.handover_dialog.refresh()
        self.handover_dialog.open()

    def hand_over(self, uid: str) -> None:
        """The next person rates: their own answers only, from their own first unanswered one.

        No undo reaches into the last person's answers.
        """
        self._settle()
        self.session.set_active_participant(uid)
        self.host.show_rating()
        # Each person starts where their own answers stop, not where the last one was.
        first_open = next(
            (a for a in self.session.playbook.action_ids if not self.session.response(a).answered),
            None,
        )
        if first_open is not None:
            self.host.show_action(first_open)
        person = self.session.participant
        if person is not None:
            self.host.show_status(f"Now rating: {person.name}", 6000)
        self.host.focus_rating()

    def _settle(self) -> None:
        # Typing belongs to the person who typed it: hand it over before the rater changes.
        self.host.commit_typing()
        self.host.undo_stack.clear()

    def _before_removal(self) -> None:
        self._settle()
        self._rater_before_removal = self.session.participant_uid

    def _people_changed(self) -> None:
        # The rater was removed: nobody's answers show until someone says who rates now.
        before, self._rater_before_removal = self._rater_before_removal, None
        if before is not None and before != self.session.participant_uid:
            self.show_handover()
