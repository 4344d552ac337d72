"""The agenda PDF: cover and summary, the agenda by bucket, then the appendix.

Domain objects in, bytes out. The item order comes from one domain Agenda,
the same one the CSV and the app list. Every user and content string goes
through `esc` before it reaches a Paragraph. The output is byte-identical for
identical input: reportlab's invariant mode, and a creation date taken from
the input rather than the clock.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from playbook_app.domain.agenda import Agenda, build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE, placements
from playbook_app.domain.years import Years
from playbook_app.reports.agenda_content import (
    AGENDA_TITLE,
    agenda_intro,
)
from playbook_app.reports.agenda_sections import (
    STEPS_LABEL,
    ItemContent,
    Line,
    Section,
    agenda_sections,
)
from playbook_app.reports.labels import (
    APP_CREDIT,
    CARRIED_OVER_TEXT,
    NO_PREDECESSOR_TEXT,
    PLAYBOOK_LINE,
    REPORT_TITLE,
    counts_sentence,
    mode_line,
    nice_date,
    parse_iso,
    placement_headline,
    profile_line,
)
from playbook_app.reports.notes import NotesChoice
from playbook_app.reports.pdf_appendix import appendix
from playbook_app.reports.pdf_canvas import Bookmark, PageFurniture
from playbook_app.reports.pdf_chart import summary_chart
from playbook_app.reports.pdf_since import since_page
from playbook_app.reports.pdf_styles import (
    FONT,
    FONT_BOLD,
    INK,
    MOVED_HEX,
    MUTED,
    RULE,
    SHADE,
    Para,
    Styles,
    esc,
    plain,
    register_fonts,
    styles,
)
from playbook_app.reports.pdf_text import is_plain

DOCUMENT_LANGUAGE = "en-US"  # the app's words are American English; screen readers need it
MARGIN = 0.75 * inch
PAGE_WIDTH, PAGE_HEIGHT = letter
# The frame keeps 6 points of padding each side; tables and the chart fill what is left.
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12


def _pdf_date(generated_on: str) -> str:
    day = parse_iso(generated_on)
    stamp = day.strftime("%Y%m%d") if day is not None else "20000101"
    return f"D:{stamp}000000+00'00'"


def _cover(
    record: AssessmentRecord, playbook: Playbook, agenda: Agenda, s: Styles
) -> list[Flowable]:
    district, assessment = record.district, record.assessment
    story: list[Flowable] = [
        Bookmark(f"{REPORT_TITLE}: {district.name}", level=0),
        Para(esc(PLAYBOOK_LINE.upper()), s.kicker),
        Para(esc(REPORT_TITLE), s.title),
        Para(esc(district.name), s.district),
        Para(esc(profile_line(district)), s.lead),
        Para(
            f"<b>{esc(assessment.label)}</b> · {esc(nice_date(assessment.date))} · "
            f"{esc(mode_line(record))}",
            s.lead,
        ),
    ]
    story.append(Bookmark("Who took part", level=1))
    story.append(Para("Who took part", s.h2))
    story.append(_people_table(record, s))

    overall, per_rec = placements([i.standing for i in agenda.all_items()], playbook)
    before, placed, after = placement_headline(overall)
    headline = f"{esc(before)}<b>{esc(placed)}</b>{esc(after)}"
    counts = esc(counts_sentence(overall))
    # The summary is never split: if it does not fit under a long list of people,
    # it moves whole to the next page.
    story.append(
        KeepTogether(
            [
                Bookmark("Where the district stands", level=1),
                Para("Where the district stands", s.h2),
                Para(f"{headline}<br/>{counts}", s.body),
                Spacer(1, 4),
                summary_chart(overall, per_rec, CONTENT_WIDTH),
                Spacer(1, 4),
                Para(esc(PLACEMENT_RULE), s.rule_text),
            ]
        )
    )
    return story


def _people_table(record: AssessmentRecord, s: Styles) -> Table:
    cells = [
        Para(f"<b>{esc(p.name)}</b>" + (f"<br/>{esc(p.role)}" if p.role.strip() else ""), s.cell)
        for p in record.participants
    ] or [Para("No participants recorded.", s.cell)]
    columns = 2 if len(cells) > 1 else 1
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if len(rows[-1]) < columns:
        rows[-1].append(Para("", s.cell))
    table = Table(rows, colWidths=[CONTENT_WIDTH / columns] * columns, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return table


_META_LABELS = ("OWNER", "TARGET DATE", "STATUS")
_META_SHARES = (0.5, 0.25, 0.25)
_META_PAD = 5.0
_META_VALUE_SIZE = 8.5


class _MetaStrip(Flowable):  # type: ignore[misc]
    """Owner, target date and status in one shaded strip, drawn directly (a table is slower).

    Used when every value fits its column on one line; otherwise `_meta_table`.
    """

    def __init__(self, values: list[str], widths: list[float]) -> None:
        super().__init__()
        self.values = values
        self.widths = widths
        self.hAlign = "RIGHT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return sum(self.widths), 24.0

    def draw(self) -> None:
        c = self.canv
        width = sum(self.widths)
        c.setFillColor(SHADE)
        c.rect(0, 0, width, 24, stroke=0, fill=1)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(0, 0, width, 0)
        x = 0.0
        for label, value, column in zip(_META_LABELS, self.values, self.widths, strict=True):
            c.setFillColor(MUTED)
            c.setFont(FONT, 6.5)
            c.drawString(x + _META_PAD, 16.5, label)
            c.setFillColor(INK)
            c.setFont(FONT_BOLD, _META_VALUE_SIZE)
            c.drawString(x + _META_PAD, 5.5, value)
            x += column


def _meta(item: ItemContent, s: Styles) -> Flowable:
    width = CONTENT_WIDTH - s.item_line.leftIndent
    widths = [width * share for share in _META_SHARES]
    values = [plain(item.owner) or "not assigned", plain(item.target_date) or "–", item.status]
    fits = all(
        is_plain(value)
        and stringWidth(value, FONT_BOLD, _META_VALUE_SIZE) <= column - 2 * _META_PAD
        for value, column in zip(values, widths, strict=True)
    )
    if fits:
        return _MetaStrip(values, widths)
    # A long value, or one in another script, goes in a table cell as an escaped paragraph.
    cells = [Para(esc(value), s.cell_bold) for value in values]
    table = Table([list(_META_LABELS), cells], colWidths=widths, splitInRow=1)
    table.hAlign = "RIGHT"
    table.setStyle(_META_STYLE)
    return table


_META_STYLE = TableStyle(
    [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), FONT_BOLD, _META_VALUE_SIZE),
        ("FONT", (0, 0), (-1, 0), FONT, 6.5, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("LEFTPADDING", (0, 0), (-1, -1), _META_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _META_PAD),
        ("TOPPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 1),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 3.5),
    ]
)


def _lines(lines: Iterable[Line]) -> str:
    return "<br/>".join(f"<b>{esc(label)}</b> {esc(text)}" if label else esc(text)
                        for label, text in lines)  # fmt: skip


def _why(item: ItemContent) -> str:
    label, why = item.why
    if item.moved:
        return f"<font color='{MOVED_HEX}'>{esc(why)}</font>"
    return _lines([(label, why)])


def _item(item: ItemContent, s: Styles) -> list[Flowable]:
    """The item's flowables, for the caller to keep together (with a heading, for the first)."""
    head = (
        f"<b>Stage:</b> {esc(item.stage)}"
        f"&nbsp;&nbsp;·&nbsp;&nbsp;Recommendation {esc(item.recommendation)}"
        f"<br/>{_why(item)}"
    )
    parts: list[Flowable] = [
        Bookmark(f"{item.rank}. {item.number} {item.title}" if item.rank != "–"
                 else f"{item.number} {item.title}", level=2),
        Para(f"{esc(item.number)}&nbsp;&nbsp;{esc(item.title)}", s.item_title,
             bulletText=item.rank),
        Para(head, s.item_line),
        _meta(item, s),
    ]  # fmt: skip
    if item.carried:
        parts.insert(3, Para(f"<i>{esc(CARRIED_OVER_TEXT)}</i>", s.item_line))
    if item.lines:
        parts.append(Para(_lines(item.lines), s.item_after))
    if item.steps:
        parts.append(Para(esc(STEPS_LABEL.upper()), s.steps_label))
        parts.extend(Para(esc(step), s.step, bulletText="•") for step in item.steps)
    return parts


def _outside(section: Section, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Bookmark(section.title, level=1),
        Para(esc(section.title), s.h2),
        Para(esc(section.intro), s.bucket_rule),
    ]
    if not section.outside:
        story.append(Para(esc(section.empty_text), s.muted))
    for entry in section.outside:
        text = f"<b>{esc(entry.number)}&nbsp;&nbsp;{esc(entry.title)}</b>"
        if entry.reason is not None:
            text += f"<br/>Reason: {esc(entry.reason)}"
        story.append(Para(text, s.item_line))
        story.append(Spacer(1, 3))
    return story


def _agenda_section(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    s: Styles,
    carried: frozenset[str] = frozenset(),
) -> list[Flowable]:
    story: list[Flowable] = [
        Bookmark(AGENDA_TITLE, level=0),
        Para(AGENDA_TITLE, s.h1),
        Para(esc(agenda_intro(agenda)), s.body),
    ]
    for section in agenda_sections(record, playbook, agenda, carried):
        if section.is_outside:
            story += _outside(section, s)
            continue
        heading: list[Flowable] = [
            Bookmark(section.title, level=1),
            Para(esc(section.title), s.h2),
            Para(esc(section.intro), s.bucket_rule),
        ]
        if not section.items:
            story += [*heading, Para(esc(section.empty_text), s.muted)]
        for n, item in enumerate(section.items):
            parts = _item(item, s)
            # The heading goes with its first item: never alone at the foot of a page.
            story.append(KeepTogether(heading + parts if n == 0 else parts))
    return story


def build_agenda_pdf(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda | None = None,
    *,
    generated_on: str | None = None,
    font_dir: Path | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
    years: Years | None = None,
) -> bytes:
    """The agenda as a letter-size PDF; identical input gives identical bytes."""
    register_fonts(font_dir)
    s = styles()
    if agenda is None:
        agenda = build_agenda(record, playbook)
    district, assessment = record.district, record.assessment
    when = generated_on if generated_on is not None else assessment.date
    years = years or Years()
    story = _cover(record, playbook, agenda, s)
    if years.missing:
        story.append(Para(esc(NO_PREDECESSOR_TEXT), s.rule_text))
    since = since_page(years, playbook, s, CONTENT_WIDTH)
    if since:
        story += [PageBreak(), *since]
    story.append(PageBreak())
    story += _agenda_section(record, playbook, agenda, s, years.carried)
    story.append(PageBreak())
    story += appendix(record, playbook, agenda, s, CONTENT_WIDTH, notes)

    furniture = PageFurniture(
        header_left=district.name,
        header_right=f"{assessment.label} · {nice_date(assessment.date)}",
        footer_left=f"{REPORT_TITLE} · prepared {nice_date(when)} with {APP_CREDIT}",
        pdf_date=_pdf_date(when),
        margin=MARGIN,
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=0.8 * inch,
        bottomMargin=0.8 * inch,
        title=f"{REPORT_TITLE}: {district.name}",
        author=district.name,
        subject=f"{assessment.label} ({assessment.date}), {PLAYBOOK_LINE}",
        creator=APP_CREDIT,
        producer=APP_CREDIT,
        invariant=1,
        lang=DOCUMENT_LANGUAGE,
        initialFontName=FONT,
        initialFontSize=9,
    )
    doc.build(story, canvasmaker=furniture.canvas_maker())
    return buffer.getvalue()
