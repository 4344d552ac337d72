"""The agenda as CSV: one row per key action, in agenda order, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from playbook_app.domain.agenda import ASSUMED, Agenda, AgendaItem, build_agenda
from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import Placement, placements
from playbook_app.reports.labels import (
    effort_text,
    importance_text,
    next_step_text,
    notes_text,
    stage_text,
)
from playbook_app.reports.notes import NotesChoice

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
    "recommendation placement",
    "carried over",
    "note",  # last: left out unless notes are chosen (see columns)
)

# A spreadsheet runs a cell that starts with one of these as a formula (tab and
# carriage return too: some programs strip them and then read what follows).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would take for a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def columns(choice: NotesChoice) -> tuple[str, ...]:
    """The header: the note column is there only when notes are chosen, so none can slip in."""
    return COLUMNS if choice.included else COLUMNS[:-1]


def _assumed(text: str, assumed: bool) -> str:
    return text + ASSUMED if text and assumed else text


def placement_cell(placement: Placement) -> str:
    """ "Not yet started (mean stage 0.00)", as the Summary and the PDF place it, or "not rated"."""
    if placement.placement is None:
        return "not rated"
    return f"{placement.placement.label} (mean stage {placement.mean_text})"


def _row(
    item: AgendaItem, mode: Mode, choice: NotesChoice, placed: str, carried: bool
) -> list[str]:
    standing = item.standing
    answered = standing.answered
    rec = item.recommendation
    row = [
        str(item.rank) if item.rank is not None else "",
        item.section,
        f"{rec.number}. {rec.title}",
        item.action_id,
        item.key_action.number,
        item.key_action.title,
        stage_text(standing),
        _assumed(importance_text(standing.importance), standing.importance_assumed)
        if answered
        else "",
        _assumed(effort_text(standing.effort), standing.effort_assumed) if answered else "",
        standing.control.label if answered else "",
        item.entry.owner,
        item.entry.target_date,
        next_step_text(item),
        item.entry.status.label,
        item.reason,
        placed,
        "yes" if carried else "",
    ]
    if choice.included:
        row.append(notes_text(standing, mode, choice))
    return row


def build_agenda_csv(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
    carried: frozenset[str] = frozenset(),
) -> bytes:
    """UTF-8 with a byte-order mark, CRLF line ends, a header row, then one row per key action.

    The note column comes only with notes chosen (`notes`); by default no note is written.
    `carried`: the key actions whose agenda items carried over from the assessment this one
    follows ("yes" in the "carried over" column).
    """
    if agenda is None:
        agenda = build_agenda(record, playbook)
    mode = record.assessment.mode
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(notes))
    items = agenda.all_items()
    _, per_recommendation = placements([i.standing for i in items], playbook)
    placed = {rec.id: placement_cell(p) for rec, p in per_recommendation}
    for item in items:
        row = _row(item, mode, notes, placed[item.recommendation.id], item.action_id in carried)
        writer.writerow([neutralize(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
