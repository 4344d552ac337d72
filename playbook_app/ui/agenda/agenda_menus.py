"""The agenda feature's place in the window: View > Summary and Agenda, File > Export and Print,
Help > How the agenda is built, and the two tabs.

Imported at start-up, so it stays light: the screens, reportlab and Qt's
printing load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from playbook_app.domain.assessment import Mode

if TYPE_CHECKING:
    from playbook_app.ui.agenda.agenda_export import AgendaExport
    from playbook_app.ui.agenda.agenda_help import AgendaHelpDialog
    from playbook_app.ui.agenda.agenda_view import AgendaView
    from playbook_app.ui.agenda.summary_view import SummaryView
    from playbook_app.ui.shell.host import Host
    from playbook_app.ui.shell.views import ViewTabs

AGENDA = "agenda"
SUMMARY = "summary"


class AgendaFeature(QObject):
    """Owns the feature's actions; builds its screens and helpers when first needed."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget())
        self._host = host
        self._export: AgendaExport | None = None
        self._help: AgendaHelpDialog | None = None
        a = host.menu_actions
        self.summary_action = a.add(a.view_menu, "&Summary", "Ctrl+2")
        self.agenda_action = a.add(a.view_menu, "&Agenda", "Ctrl+3")
        self.export_pdf_action = a.add_file_action("Export agenda &PDF…", separate=True)
        self.export_docx_action = a.add_file_action("Export agenda as &Word…")
        self.export_csv_action = a.add_file_action("Export agenda &CSV…")
        self.print_action = a.add_file_action("&Print agenda…", QKeySequence.StandardKey.Print)
        self.help_action = a.add(a.help_menu, "How the &agenda is built")
        # Next to "How rating works", before About.
        a.help_menu.removeAction(self.help_action)
        a.help_menu.insertAction(a.about, self.help_action)

        self.export_pdf_action.triggered.connect(lambda: self.exporter.choose_pdf())
        self.export_docx_action.triggered.connect(lambda: self.exporter.choose_docx())
        self.export_csv_action.triggered.connect(lambda: self.exporter.choose_csv())
        self.print_action.triggered.connect(lambda: self.exporter.choose_printer())
        self.help_action.triggered.connect(self.show_help)
        host.session.assessmentChanged.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_record = self._host.session.record is not None
        for action in (
            self.summary_action,
            self.agenda_action,
            self.export_pdf_action,
            self.export_docx_action,
            self.export_csv_action,
            self.print_action,
        ):
            action.setEnabled(has_record)

    @property
    def exporter(self) -> AgendaExport:
        if self._export is None:
            from playbook_app.ui.agenda.agenda_export import AgendaExport

            self._export = AgendaExport(self._host, self._host.commit_typing)
        return self._export

    def show_help(self) -> None:
        if self._help is None:
            from playbook_app.ui.agenda.agenda_help import AgendaHelpDialog

            self._help = AgendaHelpDialog(self._host.widget())
        self._help.show()
        self._help.raise_()

    # The tabs ----------------------------------------------------------------------------

    def install_screens(self, tabs: ViewTabs) -> None:
        # Both combine everyone's answers: a team still rating privately keeps them covered.
        session = self._host.session
        tabs.add_view(
            SUMMARY, "Summary", self._make_summary, self.summary_action, private=self._is_team
        )
        tabs.add_view(
            AGENDA, "Agenda", self._make_agenda, self.agenda_action, private=self._is_team
        )
        session.participantChanged.connect(lambda _uid: tabs.close_private())
        session.assessmentChanged.connect(tabs.close_private)

    def _is_team(self) -> bool:
        record = self._host.session.record
        return record is not None and record.assessment.mode is Mode.TEAM

    def _help_button(self, parent: QWidget) -> QPushButton:
        button = QPushButton("How the agenda is built", parent)
        button.setAccessibleName("How the agenda is built")
        button.clicked.connect(self.show_help)
        return button

    def _make_summary(self, parent: QWidget) -> SummaryView:
        from playbook_app.ui.agenda.summary_view import SummaryView

        view = SummaryView(self._host.session, parent)
        view.add_button(self._help_button(view))
        return view

    def _make_agenda(self, parent: QWidget) -> AgendaView:
        from playbook_app.ui.agenda.agenda_view import AgendaView

        host = self._host
        view = AgendaView(host.session, host.undo_stack, parent)
        view.actionRequested.connect(host.show_action)
        view.add_command(self.help_action, "How it is built")
        view.add_command(self.export_pdf_action, "Export PDF…")
        view.add_command(self.export_docx_action, "Export Word…")
        view.add_command(self.export_csv_action, "Export CSV…")
        view.add_command(self.print_action, "Print…")
        return view
