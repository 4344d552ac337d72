"""The appendix: every answer and note, the agenda rules, and the content credit."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.agenda_content import (
    APPENDIX_B,
    APPENDIX_C,
    CREDIT_CLOSING,
    CREDIT_INTRO,
    SPREAD_SHADING,
    SPREAD_TITLE,
    AppendixA,
    agenda_rules,
    appendix_a,
)
from playbook_app.reports.agenda_sections import Line
from playbook_app.reports.notes import NotesChoice
from playbook_app.reports.pdf_canvas import Bookmark
from playbook_app.reports.pdf_styles import (
    FONT,
    HIGHLIGHT,
    INK,
    RULE,
    SHADE,
    Para,
    Styles,
    esc,
)

_MAX_COLUMNS = 12  # participants per spread table; a larger team gets more tables
_ACTION_COLUMN = 170.0
_TEAM_COLUMN = 108.0


def _lines(lines: Iterable[Line], joiner: str = "<br/>") -> str:
    return joiner.join(
        f"<b>{esc(label)}</b>&nbsp;{esc(text)}" if label else esc(text) for label, text in lines
    )


def _entries(content: AppendixA, s: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for entry in content.entries:
        if entry.group:
            story.append(Bookmark(entry.group, level=1))
            story.append(Para(esc(entry.group), s.h2))
        story.append(Para(esc(entry.title).replace("  ", "&nbsp;&nbsp;"), s.appendix_title))
        lines = [_lines(entry.facts, " · ")] if entry.facts else []
        lines += [
            f"<b>{esc(label)}</b> {esc(text)}" if label else esc(text)
            for label, text in entry.lines
        ]
        story.append(Para("<br/>".join(lines), s.appendix_line))
    return story


def _spread_tables(content: AppendixA, s: Styles, width: float) -> list[Flowable]:
    people = content.people
    story: list[Flowable] = []
    for start in range(0, max(1, len(people)), _MAX_COLUMNS):
        group = people[start : start + _MAX_COLUMNS]
        each = (width - _ACTION_COLUMN - _TEAM_COLUMN) / max(1, len(group))
        header: list[object] = [Para("Key action", s.cell_label)]
        header += [Para(f"<b>{start + n + 1}</b>", s.cell_center) for n in range(len(group))]
        header.append(Para("Team stage", s.cell_label))
        rows: list[list[object]] = [header]
        style: list[tuple[object, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (1, 1), (-2, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for r, row in enumerate(content.spread, start=1):
            codes = list(row.codes[start : start + _MAX_COLUMNS])
            rows.append(
                [
                    Para(f"<b>{esc(row.number)}</b> {esc(row.title)}", s.cell),
                    *codes,
                    Para(esc(row.team_stage), s.cell),
                ]
            )
            if row.disagreement:
                style.append(("BACKGROUND", (0, r), (-1, r), HIGHLIGHT))
            elif r % 2 == 0:
                style.append(("BACKGROUND", (0, r), (-1, r), SHADE))
        table = Table(
            rows,
            colWidths=[_ACTION_COLUMN, *([each] * len(group)), _TEAM_COLUMN],
            repeatRows=1,
        )
        table.setStyle(TableStyle(style))
        story.append(table)
    return story


def _team_answers(content: AppendixA, s: Styles, width: float) -> list[Flowable]:
    legend = " · ".join(f"<b>{n}</b>&nbsp;{esc(name)}" for n, name in enumerate(content.people, 1))
    story: list[Flowable] = [
        Bookmark(SPREAD_TITLE, level=1),
        Para(SPREAD_TITLE, s.h2),
        Para(f"Participants: {legend}", s.small),
        Para(esc(content.intro), s.small),
        Para(SPREAD_SHADING, s.intro),
    ]
    story += _spread_tables(content, s, width)
    story.append(Bookmark(content.notes_title, level=1))
    story.append(Para(esc(content.notes_title), s.h2))
    story.append(Para(esc(content.notes_intro), s.intro))
    story += _entries(content, s)
    return story


def appendix(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    s: Styles,
    width: float,
    notes: NotesChoice = NotesChoice.OMIT,
) -> list[Flowable]:
    content = appendix_a(record, playbook, agenda, notes)
    story: list[Flowable] = [Bookmark(content.title, level=0), Para(esc(content.title), s.h1)]
    if record.assessment.mode is Mode.TEAM:
        story += _team_answers(content, s, width)
    else:
        story.append(Para(esc(content.intro), s.intro))
        story += _entries(content, s)
    story.append(Spacer(1, 10))
    story += [Bookmark(APPENDIX_B, level=0), Para(APPENDIX_B, s.h1)]
    for rule in agenda_rules():
        story.append(Para(esc(rule), s.bullet, bulletText="•"))
    story.append(Spacer(1, 10))
    story += [Bookmark(APPENDIX_C, level=0), Para(APPENDIX_C, s.h1)]
    story.append(Para(esc(CREDIT_INTRO), s.small))
    story.extend(Para(esc(credit), s.small) for credit in playbook.credits)
    story.append(Spacer(1, 4))
    story.append(Para(esc(CREDIT_CLOSING), s.small))
    return story
