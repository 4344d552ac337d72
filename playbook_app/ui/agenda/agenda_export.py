"""File > Export agenda PDF/CSV and Print agenda: non-blocking dialogs, atomic writes, clear errors.

`export_pdf(path)`, `export_csv(path)` and `print_to(printer)` do the work and
are what the dialogs call once a place is chosen, so tests need no dialog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.reports import NotesChoice, ReportError, agenda_csv, agenda_docx, agenda_pdf
from playbook_app.safe_write import WriteError, data_folder_refusal, write_atomic
from playbook_app.ui.widgets.export_notes import NotesChoiceDialog, for_mode, notes_key

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from playbook_app.ui.shell.host import Host

EXPORT_FOLDER = "agenda_export_folder"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def default_name(record: AssessmentRecord, suffix: str) -> str:
    """ "Agenda - Cedar Valley USD - Fall 2026 readiness review.pdf", safe on every system."""
    words = f"Agenda - {record.district.name} - {record.assessment.label}"
    return " ".join(_UNSAFE.sub(" ", words).split())[:120].rstrip(" .") + f".{suffix}"


class AgendaExport(QObject):
    """Exports and prints the open assessment's agenda for one window."""

    def __init__(self, host: Host, commit: Callable[[], None]) -> None:
        super().__init__(host.widget())
        self._host = host
        self._session = host.session
        self._commit = commit  # hands over typing in progress on every screen
        self.file_dialog: QFileDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self.notes_dialog: NotesChoiceDialog | None = None
        self._printer: QPrinter | None = None

    # Notes: left out unless chosen, and the choice is remembered per assessment -------

    def notes_choice(self) -> NotesChoice:
        record = self._session.record
        if record is None:
            return NotesChoice.OMIT
        stored = NotesChoice.parse(self._session.setting(notes_key(record.assessment.uid)))
        return for_mode(stored, record.assessment.mode is Mode.TEAM)

    def set_notes_choice(self, choice: NotesChoice) -> None:
        record = self._session.record
        if record is not None:
            self._session.remember(notes_key(record.assessment.uid), choice.value)

    # With a path: no dialog ------------------------------------------------------------

    def export_pdf(self, path: Path) -> bool:
        """Write the agenda PDF to `path`; False (and a message) when it could not be."""
        return self._export(
            Path(path),
            "PDF",
            lambda record, agenda: agenda_pdf(
                record,
                self._session.playbook,
                agenda=agenda,
                generated_on=date.today().isoformat(),
                notes=self.notes_choice(),
                years=self._session.years(),
            ),
        )

    def export_docx(self, path: Path) -> bool:
        """Write the agenda as a Word document, with the PDF's content and notes choice."""
        return self._export(
            Path(path),
            "Word document",
            lambda record, agenda: agenda_docx(
                record,
                self._session.playbook,
                agenda=agenda,
                generated_on=date.today().isoformat(),
                notes=self.notes_choice(),
            ),
        )

    def export_csv(self, path: Path) -> bool:
        return self._export(
            Path(path),
            "CSV",
            lambda record, agenda: agenda_csv(
                record,
                self._session.playbook,
                agenda=agenda,
                notes=self.notes_choice(),
                carried=self._session.years().carried,
            ),
        )

    def print_to(self, printer: QPrinter) -> bool:
        """Print the agenda on a printer already set up (by the dialog, or a test)."""
        from playbook_app.ui.agenda.agenda_print import print_agenda

        record = self._session.record
        if record is None:
            return False
        self._commit()
        notes = self.notes_choice()
        print_agenda(printer, record, self._session.playbook, self._session.agenda(), notes)
        self._host.show_status(f"The agenda was sent to the printer ({notes_words(notes)}).", 8000)
        return True

    def _export(
        self,
        path: Path,
        kind: str,
        build: Callable[[AssessmentRecord, Agenda], bytes],
    ) -> bool:
        record = self._session.record
        if record is None:
            return False
        self._commit()
        path = path.expanduser()
        problem = self._refusal(path)
        if problem:
            self._fail(kind, problem)
            return False
        try:
            data = build(record, self._session.agenda())
            write_atomic(path, data)
        except (ReportError, WriteError) as error:
            self._fail(kind, str(error))
            return False
        self._session.remember(EXPORT_FOLDER, str(path.parent))
        self._host.show_status(
            f"Saved the agenda {kind} as {path} ({notes_words(self.notes_choice())}).", 10000
        )
        return True

    def _refusal(self, path: Path) -> str:
        return data_folder_refusal(path, self._session.data_dir)

    def _fail(self, kind: str, reason: str) -> None:
        from playbook_app.ui.widgets.errors import show_error

        show_error(
            self._host.widget(),
            f"The agenda {kind} was not saved",
            f"The agenda {kind} was not saved. {reason}",
            "Nothing was written. Choose another folder or file name and try again.",
        )

    # With dialogs ----------------------------------------------------------------------

    def choose_pdf(self) -> None:
        self._ask_notes(
            "Export the agenda as PDF",
            lambda: self._choose("PDF", "pdf", "PDF documents (*.pdf)", self.export_pdf),
        )

    def choose_docx(self) -> None:
        self._ask_notes(
            "Export the agenda as a Word document",
            lambda: self._choose(
                "Word document", "docx", "Word documents (*.docx)", self.export_docx
            ),
        )

    def choose_csv(self) -> None:
        self._ask_notes(
            "Export the agenda as CSV",
            lambda: self._choose("CSV", "csv", "CSV spreadsheets (*.csv)", self.export_csv),
        )

    def _ask_notes(self, title: str, then: Callable[[], None]) -> None:
        """First whether notes go in (remembered), then the file or printer dialog."""
        record = self._session.record
        if record is None:
            return
        self._commit()
        team = record.assessment.mode is Mode.TEAM
        dialog = NotesChoiceDialog(title, team, self.notes_choice(), self._host.widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(value: str) -> None:
            self.set_notes_choice(NotesChoice.parse(value))
            then()

        dialog.chosen.connect(chosen)
        self.notes_dialog = dialog
        dialog.open()

    def _choose(
        self, kind: str, suffix: str, name_filter: str, export: Callable[[Path], bool]
    ) -> None:
        record = self._session.record
        if record is None:
            return
        self._commit()
        folder = self._session.setting(EXPORT_FOLDER) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        dialog = QFileDialog(self._host.widget(), f"Export the agenda as {kind}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(name_filter)
        dialog.setDefaultSuffix(suffix)
        if folder:
            dialog.setDirectory(folder)
        dialog.selectFile(default_name(record, suffix))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: export(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def choose_printer(self) -> None:
        self._ask_notes("Print the agenda", self._open_printer)

    def _open_printer(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self._session.record is None:
            return
        self._commit()
        if self._printer is None:
            # Kept between prints, so the chosen printer and its settings stay chosen.
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._printer.setDocName(default_name(self._session.record, "pdf")[:-4])
        printer = self._printer
        parent: QWidget = self._host.widget()
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print the agenda")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.print_dialog = dialog
        QDialog.open(dialog)  # the binding's QPrintDialog.open() insists on a receiver


def notes_words(choice: NotesChoice) -> str:
    return {
        NotesChoice.OMIT: "notes left out",
        NotesChoice.WITHOUT_NAMES: "notes included, without names",
        NotesChoice.WITH_NAMES: "notes included, with names",
    }[choice]
