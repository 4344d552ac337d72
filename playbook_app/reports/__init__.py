"""Reports: the agenda as a PDF, a Word document and CSV; domain objects in, bytes out.

reportlab and python-docx load only when a PDF or a Word document is made, never when
this package is imported.
Both reports take their order from one domain `Agenda` (pass the one already
built, or let them build it), so the app, the PDF and the CSV agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.csv_export import COLUMNS as CSV_COLUMNS
from playbook_app.reports.csv_export import build_agenda_csv
from playbook_app.reports.labels import ReportError
from playbook_app.reports.notes import NotesChoice

if TYPE_CHECKING:
    # Loaded only when a report needs it: the window imports this package at start.
    from playbook_app.domain.years import Years

__all__ = ["CSV_COLUMNS", "NotesChoice", "ReportError", "agenda_csv", "agenda_docx", "agenda_pdf"]


def agenda_pdf(
    record: AssessmentRecord,
    playbook: Playbook,
    *,
    agenda: Agenda | None = None,
    generated_on: str | None = None,
    font_dir: Path | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
    years: Years | None = None,
) -> bytes:
    """The agenda as a letter-size PDF for a school board; identical input, identical bytes.

    `generated_on` (an ISO date) is the document's creation date and the
    "prepared" date in its footer; it defaults to the assessment's date, never
    the clock. Participants' notes are printed only when `notes` says so. `years` (see
    domain.followup.years) adds the "Since last time" page and, from three linked
    assessments, the chart over time. Raises ReportError when the report font cannot be
    loaded.
    """
    from playbook_app.reports.pdf_agenda import build_agenda_pdf

    return build_agenda_pdf(
        record,
        playbook,
        agenda,
        generated_on=generated_on,
        font_dir=font_dir,
        notes=notes,
        years=years,
    )


def agenda_csv(
    record: AssessmentRecord,
    playbook: Playbook,
    *,
    agenda: Agenda | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
    carried: frozenset[str] = frozenset(),
) -> bytes:
    """One row per key action in agenda order; UTF-8 with a byte-order mark, CRLF lines.

    The note column is written only when `notes` includes notes; `carried` names the key
    actions whose agenda items carried over from the assessment this one follows.
    """
    return build_agenda_csv(record, playbook, agenda, notes, carried)


def agenda_docx(
    record: AssessmentRecord,
    playbook: Playbook,
    *,
    agenda: Agenda | None = None,
    generated_on: str | None = None,
    font_dir: Path | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
    years: Years | None = None,
) -> bytes:
    """The agenda as a Word document with the PDF's content: headings, tables, the chart.

    Notes go in only when `notes` says so, as in the PDF; `years` marks the items that
    carried over from the assessment this one follows. Raises ReportError when the
    report font (for the chart's picture) cannot be loaded.
    """
    from playbook_app.reports.docx_agenda import build_agenda_docx

    carried = years.carried if years is not None else frozenset()
    return build_agenda_docx(
        record,
        playbook,
        agenda,
        generated_on=generated_on,
        font_dir=font_dir,
        notes=notes,
        carried=carried,
    )
