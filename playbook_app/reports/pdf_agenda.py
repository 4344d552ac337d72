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

from playbook_app.domain.agenda import Agenda, AgendaItem, Bucket, build_agenda
from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE, placements
from playbook_app.domain.years import Years
from playbook_app.reports.labels import (
    APP_CREDIT,
    CARRIED_OVER_TEXT,
    NO_ITEMS_TEXT,
    NO_PREDECESSOR_TEXT,
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
    origins,
    parse_iso,
    placement_headline,
    profile_line,
    stage_detail,
    state_name,
    why_text,
)
from playbook_app.reports.notes import NotesChoice
from playbook_app.reports.pdf_appendix import appendix
from playbook_app.reports.pdf_canvas import PageFurniture
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


def _meta(item: AgendaItem, s: Styles) -> Flowable:
    entry = item.entry
    width = CONTENT_WIDTH - s.item_line.leftIndent
    widths = [width * share for share in _META_SHARES]
    values = [
        plain(entry.owner) or "not assigned",
        plain(nice_date(entry.target_date, short=True)) or "–",
        entry.status.label,
    ]
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


def _why(item: AgendaItem, origin: str | None, mode: Mode) -> str:
    why = esc(why_text(item, origin, mode))
    if item.moved:
        # why_text already begins "Moved here…": a "Moved:" label would say it twice.
        return f"<font color='{MOVED_HEX}'>{why}</font>"
    return f"<b>Why here:</b> {why}"


def _item(
    item: AgendaItem,
    record: AssessmentRecord,
    playbook: Playbook,
    origin: str | None,
    s: Styles,
) -> list[Flowable]:
    """The item's flowables, for the caller to keep together (with a heading, for the first)."""
    action = item.key_action
    mode = record.assessment.mode
    head = (
        f"<b>Stage:</b> {esc(stage_detail(item.standing, mode))}"
        f"&nbsp;&nbsp;·&nbsp;&nbsp;Recommendation {item.recommendation.number}"
        f"<br/>{_why(item, origin, mode)}"
    )
    parts: list[Flowable] = [
        Para(f"{esc(action.number)}&nbsp;&nbsp;{esc(action.title)}", s.item_title,
             bulletText=str(item.rank) if item.rank is not None else "–"),
        Para(head, s.item_line),
        _meta(item, s),
    ]  # fmt: skip
    lines = []
    if item.bucket is Bucket.FIND_OUT:
        lines.append(f"<b>Task:</b> {esc(item.task_text(nice_date))}")
    elif item.entry.next_step.strip():
        lines.append(f"<b>Next step:</b> {esc(item.entry.next_step)}")
    for program in playbook.programs_for(record.district.state, item.action_id):
        lines.append(f"<b>In {esc(state_name(program.state))}:</b> {esc(program.name)}")
    if lines:
        parts.append(Para("<br/>".join(lines), s.item_after))
    if item.next_steps and item.bucket is not Bucket.SUSTAIN:
        parts.append(Para("SUGGESTED NEXT STEPS (PLAYBOOK HOW-STEPS NOT YET DONE)",
                          s.steps_label))  # fmt: skip
        parts.extend(Para(esc(step.text), s.step, bulletText="•") for step in item.next_steps)
    return parts


def _outside(
    title: str, intro: str, items: Iterable[AgendaItem], s: Styles, with_reason: bool
) -> list[Flowable]:
    listed = list(items)
    story: list[Flowable] = [Para(esc(title), s.h2), Para(esc(intro), s.bucket_rule)]
    if not listed:
        story.append(Para("None.", s.muted))
    for item in listed:
        text = f"<b>{esc(item.key_action.number)}&nbsp;&nbsp;{esc(item.key_action.title)}</b>"
        if with_reason:
            reasons = item.standing.reasons
            given = "; ".join(reasons) if reasons else "no reason given"
            text += f"<br/>Reason: {esc(given)}"
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
    moved_from = origins(record, playbook, agenda)
    count = len(agenda.items)
    story: list[Flowable] = [
        Para("The action agenda", s.h1),
        Para(
            f"{count} key action{'s' if count != 1 else ''} ranked 1 to {count} in five groups, "
            f"highest priority first within each group. Start now holds at most "
            f"{agenda.capacity} (the number the district says it can start at once) unless the "
            "district moved more there. Appendix B explains the rules.",
            s.body,
        ),
    ]
    for bucket, items in agenda.by_bucket().items():
        heading: list[Flowable] = [
            Para(esc(bucket.label), s.h2),
            Para(esc(bucket_rule_text(bucket)), s.bucket_rule),
        ]
        if not items:
            story += [*heading, Para(esc(NO_ITEMS_TEXT), s.muted)]
        for n, item in enumerate(items):
            parts = _item(item, record, playbook, moved_from.get(item.action_id), s)
            if item.action_id in carried:
                parts.insert(2, Para(f"<i>{esc(CARRIED_OVER_TEXT)}</i>", s.item_line))
            # The heading goes with its first item: never alone at the foot of a page.
            story.append(KeepTogether(heading + parts if n == 0 else parts))
    story += _outside(
        NOT_APPLICABLE_TEXT,
        NOT_APPLICABLE_INTRO,
        agenda.not_applicable,
        s,
        with_reason=True,
    )
    story += _outside(
        UNANSWERED_TEXT,
        UNANSWERED_INTRO,
        agenda.unanswered,
        s,
        with_reason=False,
    )
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
        initialFontName=FONT,
        initialFontSize=9,
    )
    doc.build(story, canvasmaker=furniture.canvas_maker())
    return buffer.getvalue()
