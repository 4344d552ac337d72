"""The agenda as CSV: one row per key action, in agenda order, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from playbook_app.domain.agenda import Agenda, AgendaItem, build_agenda
from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.labels import (
    effort_text,
    importance_text,
    next_step_text,
    notes_text,
    stage_text,
)

COLUMNS: tuple[str, ...] = (
    "rank",
    "bucket",
    "recommendation",
    "key action id",
    "key action number",
    "key action title",
    "stage",
    "importance",
    "effort",
    "control",
    "owner",
    "target date",
    "next step",
    "status",
    "reason",
    "note",
)

# A spreadsheet runs a cell that starts with one of these as a formula (tab and
# carriage return too: some programs strip them and then read what follows).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would take for a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _row(item: AgendaItem, mode: Mode) -> list[str]:
    standing = item.standing
    answered = standing.answered
    rec = item.recommendation
    return [
        str(item.rank) if item.rank is not None else "",
        item.section,
        f"{rec.number}. {rec.title}",
        item.action_id,
        item.key_action.number,
        item.key_action.title,
        stage_text(standing),
        importance_text(standing.importance) if answered else "",
        effort_text(standing.effort) if answered else "",
        standing.control.label if answered else "",
        item.entry.owner,
        item.entry.target_date,
        next_step_text(item),
        item.entry.status.label,
        item.reason,
        notes_text(standing, mode),
    ]


def build_agenda_csv(
    record: AssessmentRecord, playbook: Playbook, agenda: Agenda | None = None
) -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends, a header row, then one row per key action."""
    if agenda is None:
        agenda = build_agenda(record, playbook)
    mode = record.assessment.mode
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in agenda.all_items():
        writer.writerow([neutralize(cell) for cell in _row(item, mode)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
