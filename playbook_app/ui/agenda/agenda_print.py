"""The agenda for Qt printing: the same items, in the same order, as a paginated QTextDocument.

Qt printing goes through the system's printer dialog and drivers on Linux,
macOS and Windows alike, offline; the exported PDF stays the full report
(with the appendix), this is the agenda itself on paper.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from playbook_app.domain.agenda import Agenda, AgendaItem, Bucket
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE
from playbook_app.reports.labels import (
    APP_CREDIT,
    NOT_APPLICABLE_INTRO,
    NOT_APPLICABLE_TEXT,
    PLAYBOOK_LINE,
    REPORT_TITLE,
    UNANSWERED_INTRO,
    UNANSWERED_TEXT,
    bucket_rule_text,
    counts_sentence,
    mode_line,
    nice_date,
    note_lines,
    origins,
    placement_headline,
    profile_line,
    stage_detail,
    why_text,
)
from playbook_app.reports.notes import NOTES_LEFT_OUT, NotesChoice
from playbook_app.ui.agenda.agenda_card import STEPS_HEADING
from playbook_app.ui.agenda.placement_chart import ChartRow, chart_height, chart_rows, paint_chart
from playbook_app.ui.widgets import theme

CHART_URL = QUrl("playbook:placement-chart")
CHART_SHOWN = 640  # document pixels: about 6.7 inches on paper
CHART_WIDTH = 820  # drawn this wide and shown smaller: its text comes out about 8 points
_SCALE = 2  # and drawn at twice that in pixels, so it prints sharp
_MUTED = theme.PRINT_MUTED.name()


def _e(text: str) -> str:
    return escape(" ".join(text.split()))


def _chart_image(rows: list[ChartRow], font: QFont) -> QImage:
    height = chart_height(rows, CHART_WIDTH, font)
    image = QImage(CHART_WIDTH * _SCALE, height * _SCALE, QImage.Format.Format_RGB32)
    image.fill(theme.PRINT_PAPER)
    palette = theme.print_palette()  # paper is white whichever theme the screen shows
    painter = QPainter(image)
    painter.scale(_SCALE, _SCALE)
    paint_chart(painter, rows, CHART_WIDTH, font, palette)
    painter.end()
    return image


def _item_html(
    item: AgendaItem, origin: str | None, record: AssessmentRecord, notes: NotesChoice
) -> str:
    mode = record.assessment.mode
    action, entry = item.key_action, item.entry
    rank = f"{item.rank}. " if item.rank is not None else "– "
    lines = [
        f"Stage: {_e(stage_detail(item.standing, mode))} · "
        f"Recommendation {item.recommendation.number}",
        # A moved item's text begins "Moved here…" already.
        ("" if item.moved else "Why here: ") + _e(why_text(item, origin, mode)),
    ]
    if item.bucket is not None:
        owner = _e(entry.owner) or "not assigned"
        target = _e(nice_date(entry.target_date, short=True)) or "–"
        lines.append(
            f"<b>Owner:</b> {owner} · <b>Target date:</b> {target} · "
            f"<b>Status:</b> {_e(entry.status.label)}"
        )
        if item.bucket is Bucket.FIND_OUT:
            lines.append(f"<b>Task:</b> {_e(item.task_text(nice_date))}")
        elif entry.next_step.strip():
            lines.append(f"<b>Next step:</b> {_e(entry.next_step)}")
    lines += [f"<b>Note:</b> {_e(note)}" for note in note_lines(item.standing, mode, notes)]
    html = (
        f"<p style='margin-top:10px; margin-bottom:2px'><b>{rank}{_e(action.number)} "
        f"{_e(action.title)}</b><br/>" + "<br/>".join(lines) + "</p>"
    )
    if item.bucket not in (None, Bucket.SUSTAIN) and item.next_steps:
        steps = "".join(f"<li>{_e(step.text)}</li>" for step in item.next_steps)
        html += (
            f"<p style='color:{_MUTED}; margin-bottom:0'>{_e(STEPS_HEADING)}</p>"
            f"<ul style='margin-top:0'>{steps}</ul>"
        )
    return html


def agenda_html(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    today: str,
    notes: NotesChoice = NotesChoice.OMIT,
) -> str:
    """The printed agenda as HTML; every user and content string is escaped.

    Participants' notes are printed only when `notes` includes them.
    """
    district, assessment = record.district, record.assessment
    overall = chart_rows([i.standing for i in agenda.all_items()], playbook)[-1].placement
    before, placed, after = placement_headline(overall)
    people = ", ".join(
        _e(p.name) + (f" ({_e(p.role)})" if p.role.strip() else "") for p in record.participants
    )
    parts = [
        f"<p style='color:{_MUTED}'>{_e(PLAYBOOK_LINE.upper())}</p>",
        f"<h1>{_e(REPORT_TITLE)}</h1>",
        f"<h2>{_e(district.name)}</h2>",
        f"<p>{_e(profile_line(district))}<br/><b>{_e(assessment.label)}</b> · "
        f"{_e(nice_date(assessment.date))} · {_e(mode_line(record))}<br/>"
        f"Who took part: {people or 'no participants recorded'}</p>",
        "<h3>Where the district stands</h3>",
        f"<p>{escape(before)}<b>{escape(placed)}</b>{escape(after)}<br/>"
        f"{_e(counts_sentence(overall))}</p>",
        f"<p><img src='{CHART_URL.toString()}' width='{CHART_SHOWN}'/></p>",
        f"<p style='color:{_MUTED}'><i>{_e(PLACEMENT_RULE)}</i></p>",
        "<h2>The action agenda</h2>",
    ]
    moved_from = origins(record, playbook, agenda)
    sections: list[tuple[str, str, tuple[AgendaItem, ...]]] = [
        (bucket.label, bucket_rule_text(bucket), items)
        for bucket, items in agenda.by_bucket().items()
    ]
    sections.append((NOT_APPLICABLE_TEXT, NOT_APPLICABLE_INTRO, agenda.not_applicable))
    sections.append((UNANSWERED_TEXT, UNANSWERED_INTRO, agenda.unanswered))
    for title, intro, items in sections:
        parts.append(f"<h3>{_e(title)} · {len(items)}</h3>")
        parts.append(f"<p style='color:{_MUTED}'><i>{_e(intro)}</i></p>")
        if not items:
            parts.append("<p>None.</p>")
        parts += [_item_html(i, moved_from.get(i.action_id), record, notes) for i in items]
    left_out = "" if notes.included else " " + NOTES_LEFT_OUT
    parts.append(
        f"<p style='color:{_MUTED}; margin-top:18px'>Printed {_e(nice_date(today))} with "
        f"{_e(APP_CREDIT)}. The exported PDF adds every answer and how the agenda is built."
        f"{_e(left_out)}</p>"
    )
    return "".join(parts)


def agenda_document(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    today: str | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
) -> QTextDocument:
    font = QFont()
    font.setPointSizeF(10)
    doc = QTextDocument()
    doc.setDefaultFont(font)
    rows = chart_rows([i.standing for i in agenda.all_items()], playbook)
    doc.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, _chart_image(rows, font))
    doc.setHtml(agenda_html(record, playbook, agenda, today or date.today().isoformat(), notes))
    return doc


def print_agenda(
    printer: QPrinter,
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    notes: NotesChoice = NotesChoice.OMIT,
) -> None:
    """Lay the agenda out on the printer's pages (with page numbers) and print it."""
    agenda_document(record, playbook, agenda, notes=notes).print_(printer)
