"""The agenda as a Word document: the PDF's content, in real headings and tables a cabinet can edit.

Words and order come from agenda_content, as for the PDF. Headings use Word's
own Heading styles (so the navigation pane and screen readers list them),
every table repeats its header row, and the chart is a picture with
alternative text, followed by its numbers as a table.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from playbook_app.domain.agenda import Agenda, build_agenda
from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE, placements
from playbook_app.reports.agenda_content import (
    AGENDA_TITLE,
    APPENDIX_B,
    APPENDIX_C,
    CREDIT_CLOSING,
    CREDIT_INTRO,
    SPREAD_SHADING,
    SPREAD_TITLE,
    AppendixA,
    ChartRow,
    agenda_intro,
    agenda_rules,
    appendix_a,
    chart_description,
    chart_rows,
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

LANGUAGE = "en-US"
CHART_WIDTH_POINTS = 500.0  # the chart as drawn for the PDF's page width
CHART_TITLE = "Mean stage per recommendation"
_MOVED = RGBColor(0x8A, 0x53, 0x00)  # the PDF's dark amber for a moved item's reason
_DISAGREEMENT_FILL = "FFF4D6"  # the PDF's pale yellow for rows where the team is apart
# Characters XML 1.0 cannot hold; a pasted control character must not break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: str) -> str:
    return _NOT_XML.sub("", text)


def _paragraph(doc: DocumentObject, parts: Iterable[Line], style: str | None = None) -> Paragraph:
    """One paragraph of (bold label, text) runs, lines separated by breaks."""
    paragraph = doc.add_paragraph(style=style)
    for n, (label, text) in enumerate(parts):
        if n:
            paragraph.add_run().add_break()
        if label:
            paragraph.add_run(_t(label) + " ").bold = True
        paragraph.add_run(_t(text))
    return paragraph


def _repeat_header(table: Table) -> None:
    """The first row is a header row: Word repeats it on each page, screen readers read it out."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def _shade(cells: Sequence[_Cell], fill: str) -> None:
    for cell in cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


def _table(doc: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table: Table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_t(text)).bold = True
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = _t(text)
    _repeat_header(table)
    return table


def _page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _set_language(doc: DocumentObject) -> None:
    """Every run is American English unless it says otherwise: spelling, hyphenation, speech."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _cover(
    doc: DocumentObject,
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    font_dir: Path | None,
) -> None:
    district, assessment = record.district, record.assessment
    doc.add_paragraph(_t(PLAYBOOK_LINE.upper()), style="Subtitle")
    doc.add_heading(_t(REPORT_TITLE), level=0)
    doc.add_paragraph(_t(district.name), style="Subtitle")
    doc.add_paragraph(_t(profile_line(district)))
    _paragraph(
        doc,
        [(assessment.label, f"· {nice_date(assessment.date)} · {mode_line(record)}")],
    )

    doc.add_heading("Who took part", level=1)
    people = [(p.name, p.role.strip()) for p in record.participants]
    _table(doc, ("Name", "Role"), people or [("No participants recorded.", "")])

    doc.add_heading("Where the district stands", level=1)
    rows, overall = chart_rows(agenda, playbook)
    before, placed, after = placement_headline(overall)
    headline = doc.add_paragraph(_t(before))
    headline.add_run(_t(placed)).bold = True
    headline.add_run(_t(after))
    doc.add_paragraph(_t(counts_sentence(overall)))
    _chart(doc, record, playbook, agenda, rows, font_dir)
    doc.add_paragraph(_t(PLACEMENT_RULE))


def _chart(
    doc: DocumentObject,
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    rows: list[ChartRow],
    font_dir: Path | None,
) -> None:
    # reportlab and Pillow load only here, when a Word agenda is made.
    from playbook_app.reports.chart_image import drawing_png
    from playbook_app.reports.pdf_chart import summary_chart
    from playbook_app.reports.pdf_fonts import register_fonts

    register_fonts(font_dir)
    overall, per_rec = placements([i.standing for i in agenda.all_items()], playbook)
    png = drawing_png(summary_chart(overall, per_rec, CHART_WIDTH_POINTS), font_dir=font_dir)
    doc.add_picture(io.BytesIO(png), width=Inches(6.5))
    picture = doc.inline_shapes[-1]
    properties = picture._inline.docPr
    properties.set("descr", _t(chart_description(rows)))  # the alternative text
    properties.set("title", CHART_TITLE)
    doc.add_paragraph(CHART_TITLE + ", in numbers:")
    _table(
        doc,
        ("Recommendation", "Mean stage and placement", "Taken from"),
        [(row.label, row.value, row.counts) for row in rows],
    )


def _item(doc: DocumentObject, item: ItemContent) -> None:
    title = f"{item.number}  {item.title}"
    doc.add_heading(_t(f"{item.rank}. {title}" if item.rank != "–" else title), level=3)
    _paragraph(doc, [("Stage:", f"{item.stage} · Recommendation {item.recommendation}")])
    label, why = item.why
    paragraph = _paragraph(doc, [(label, why)])
    if item.moved:
        for run in paragraph.runs:
            run.font.color.rgb = _MOVED
    owner = " ".join(item.owner.split()) or "not assigned"
    target = " ".join(item.target_date.split()) or "–"
    if item.carried:
        doc.add_paragraph().add_run(_t(CARRIED_OVER_TEXT)).italic = True
    _table(doc, ("Owner", "Target date", "Status"), [(owner, target, item.status)])
    if item.lines:
        _paragraph(doc, item.lines)
    if item.steps:
        doc.add_paragraph().add_run(STEPS_LABEL).bold = True
        for step in item.steps:
            doc.add_paragraph(_t(step), style="List Bullet")


def _section(doc: DocumentObject, section: Section) -> None:
    doc.add_heading(_t(section.title), level=2)
    doc.add_paragraph(_t(section.intro)).runs[0].italic = True
    if not section.items and not section.outside:
        doc.add_paragraph(_t(section.empty_text))
    if not section.is_outside:
        for item in section.items:
            _item(doc, item)
    for entry in section.outside:
        lines: list[Line] = [(f"{entry.number}  {entry.title}", "")]
        if entry.reason is not None:
            lines.append(("", f"Reason: {entry.reason}"))
        _paragraph(doc, lines)


def _appendix_a(doc: DocumentObject, content: AppendixA, team: bool) -> None:
    doc.add_heading(_t(content.title), level=1)
    if team:
        doc.add_heading(SPREAD_TITLE, level=2)
        legend = " · ".join(f"{n} {name}" for n, name in enumerate(content.people, start=1))
        _paragraph(doc, [("Participants:", legend)])
        doc.add_paragraph(_t(content.intro))
        doc.add_paragraph(SPREAD_SHADING)
        header = ["Key action", *(str(n) for n in range(1, len(content.people) + 1))]
        table = _table(
            doc,
            [*header, "Team stage"],
            [(f"{r.number} {r.title}", *r.codes, r.team_stage) for r in content.spread],
        )
        for row, spread in zip(table.rows[1:], content.spread, strict=True):
            if spread.disagreement:
                _shade(row.cells, _DISAGREEMENT_FILL)
        doc.add_heading(_t(content.notes_title), level=2)
        doc.add_paragraph(_t(content.notes_intro))
    else:
        doc.add_paragraph(_t(content.intro))
    for entry in content.entries:
        if entry.group:
            doc.add_heading(_t(entry.group), level=2)
        doc.add_heading(_t(entry.title), level=3)
        if entry.facts:
            facts = doc.add_paragraph()
            for n, (label, text) in enumerate(entry.facts):
                if n:
                    facts.add_run(" · ")
                if label:
                    facts.add_run(label + " ").bold = True
                facts.add_run(_t(text))
        if entry.lines:
            _paragraph(doc, entry.lines)


def build_agenda_docx(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda | None = None,
    *,
    generated_on: str | None = None,
    font_dir: Path | None = None,
    notes: NotesChoice = NotesChoice.OMIT,
    carried: frozenset[str] = frozenset(),
) -> bytes:
    """The agenda as a .docx; participants' notes only as `notes` says, as in the PDF."""
    if agenda is None:
        agenda = build_agenda(record, playbook)
    district, assessment = record.district, record.assessment
    doc = Document()
    _set_language(doc)
    properties = doc.core_properties
    properties.title = _t(f"{REPORT_TITLE}: {district.name}")
    properties.author = _t(district.name)
    properties.subject = _t(f"{assessment.label} ({assessment.date}), {PLAYBOOK_LINE}")
    properties.language = LANGUAGE
    properties.comments = f"Made with {APP_CREDIT}"
    # The date comes from the input, never the clock: the same input, the same document.
    day = parse_iso(generated_on if generated_on is not None else assessment.date)
    stamp = datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    if stamp is not None:
        properties.created = properties.modified = stamp
    properties.last_modified_by = APP_CREDIT

    _cover(doc, record, playbook, agenda, font_dir)
    _page_break(doc)
    doc.add_heading(AGENDA_TITLE, level=1)
    doc.add_paragraph(_t(agenda_intro(agenda)))
    for section in agenda_sections(record, playbook, agenda, carried):
        _section(doc, section)
    _page_break(doc)
    _appendix_a(
        doc, appendix_a(record, playbook, agenda, notes), record.assessment.mode is Mode.TEAM
    )
    doc.add_heading(APPENDIX_B, level=1)
    for rule in agenda_rules():
        doc.add_paragraph(_t(rule), style="List Bullet")
    doc.add_heading(APPENDIX_C, level=1)
    doc.add_paragraph(CREDIT_INTRO)
    for credit in playbook.credits:
        doc.add_paragraph(_t(credit))
    doc.add_paragraph(CREDIT_CLOSING)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
