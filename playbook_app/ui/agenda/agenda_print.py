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

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE
from playbook_app.reports.agenda_sections import STEPS_LABEL, ItemContent, agenda_sections
from playbook_app.reports.labels import (
    APP_CREDIT,
    PLAYBOOK_LINE,
    REPORT_TITLE,
    counts_sentence,
    mode_line,
    nice_date,
    placement_headline,
    profile_line,
)
from playbook_app.reports.notes import NOTES_LEFT_OUT, NotesChoice
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


def _labelled(label: str, text: str) -> str:
    return f"<b>{_e(label)}</b> {_e(text)}" if label else _e(text)


def _item_html(item: ItemContent) -> str:
    rank = f"{item.rank}. " if item.rank != "–" else "– "
    lines = [
        f"Stage: {_e(item.stage)} · Recommendation {_e(item.recommendation)}",
        _labelled(*item.why),
    ]
    if item.listed:
        owner = _e(item.owner) or "not assigned"
        target = _e(item.target_date) or "–"
        lines.append(
            f"<b>Owner:</b> {owner} · <b>Target date:</b> {target} · "
            f"<b>Status:</b> {_e(item.status)}"
        )
    lines += [_labelled(label, text) for label, text in item.lines]
    lines += [_labelled("Note:", note) for note in item.notes]
    html = (
        f"<p style='margin-top:10px; margin-bottom:2px'><b>{rank}{_e(item.number)} "
        f"{_e(item.title)}</b><br/>" + "<br/>".join(lines) + "</p>"
    )
    if item.steps:
        steps = "".join(f"<li>{_e(step)}</li>" for step in item.steps)
        html += (
            f"<p style='color:{_MUTED}; margin-bottom:0'>{_e(STEPS_LABEL)}</p>"
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
    for section in agenda_sections(record, playbook, agenda, notes=notes):
        parts.append(f"<h3>{_e(section.title)} · {len(section.items)}</h3>")
        parts.append(f"<p style='color:{_MUTED}'><i>{_e(section.intro)}</i></p>")
        if not section.items:
            parts.append(f"<p>{_e(section.empty_text)}</p>")
        parts += [_item_html(item) for item in section.items]
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
