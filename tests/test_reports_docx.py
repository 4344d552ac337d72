"""The agenda as Word, read back with python-docx: headings, header rows, chart alt text, notes."""

from __future__ import annotations

import io
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from helpers_cli import run_app as cli

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.demo import NOTES, demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import NotesChoice, agenda_docx
from playbook_app.reports.labels import REPORT_TITLE

CONTROL = "Owner\x07 with a bell"


def _open(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def _headings(doc: DocumentObject) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]


def _text(doc: DocumentObject) -> str:
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture(scope="module")
def solo(playbook: Playbook) -> AssessmentRecord:
    record = demo_record(playbook)
    first = build_agenda(record, playbook).items[0]
    entries = dict(record.agenda)
    entries[first.action_id] = first.entry._replace(owner=CONTROL)
    return replace(record, agenda=entries)


def test_the_word_agenda_uses_real_headings_in_agenda_order(
    solo: AssessmentRecord, playbook: Playbook
) -> None:
    doc = _open(agenda_docx(solo, playbook))
    headings = _headings(doc)
    assert headings[0] == ("Title", REPORT_TITLE)
    level_1 = [text for style, text in headings if style == "Heading 1"]
    assert level_1 == [
        "Who took part",
        "Where the district stands",
        "The action agenda",
        "Appendix A. Every answer",
        "Appendix B. How the agenda is built",
        "Appendix C. Content credit",
    ]
    level_2 = [text for style, text in headings if style == "Heading 2"]
    buckets = [bucket.label for bucket in Bucket] + ["Not applicable", "Not yet answered"]
    assert level_2[: len(buckets)] == buckets
    # Each ranked item is a heading of its own, in the order the app and the PDF list them.
    agenda = build_agenda(solo, playbook)
    ranked = [f"{i.rank}. {i.key_action.number}  {i.key_action.title}" for i in agenda.items]
    assert [text for style, text in headings if text in ranked] == ranked
    assert doc.core_properties.title.startswith(REPORT_TITLE)
    assert doc.core_properties.language == "en-US"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "en-US"


def test_every_table_has_a_header_row_and_the_chart_has_alt_text_and_its_numbers(
    solo: AssessmentRecord, playbook: Playbook
) -> None:
    doc = _open(agenda_docx(solo, playbook))
    for table in doc.tables:
        properties = table.rows[0]._tr.trPr
        assert properties is not None and properties.find(qn("w:tblHeader")) is not None
    headers = [tuple(c.text for c in t.rows[0].cells) for t in doc.tables]
    assert ("Name", "Role") in headers
    assert ("Owner", "Target date", "Status") in headers
    (picture,) = doc.inline_shapes
    alt = picture._inline.docPr.get("descr")
    assert alt.startswith("Bar chart of the mean stage")
    assert "All key actions (overall)" in alt
    numbers = next(t for t in doc.tables if t.rows[0].cells[0].text == "Recommendation")
    rows = [tuple(c.text for c in row.cells) for row in numbers.rows[1:]]
    assert len(rows) == len(playbook.recommendations) + 1
    assert rows[-1][0] == "All key actions (overall)"
    assert rows[-1][1] in alt  # the picture's words and the table agree
    # A control character someone pasted does not break the file; the rest is kept.
    assert "Owner with a bell" in _text(doc)


@pytest.mark.parametrize("choice", list(NotesChoice))
def test_the_word_agenda_carries_notes_only_as_chosen(
    playbook: Playbook, choice: NotesChoice
) -> None:
    team = demo_record(playbook, participants=3)
    doc = _open(agenda_docx(team, playbook, notes=choice))
    text = _text(doc)
    written = [note for note in NOTES if note in text]
    named = f"{team.participants[0].name}:" in text
    if choice is NotesChoice.OMIT:
        assert written == []
        assert "Participants' notes are not included in this copy." in text
    else:
        assert written
        assert named is (choice is NotesChoice.WITH_NAMES)
    spread = next(t for t in doc.tables if t.rows[0].cells[0].text == "Key action")
    assert [c.text for c in spread.rows[0].cells] == ["Key action", "1", "2", "3", "Team stage"]


def test_agenda_docx_on_the_command_line_writes_a_private_word_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli("demo", "--data-dir", str(data), "--team", "3").returncode == 0
    out = tmp_path / "agenda.docx"
    result = cli("agenda", "--data-dir", str(data), "--docx", str(out), "--include-notes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = _text(_open(out.read_bytes()))
    assert "Appendix A. Every answer and note" in text
    same = cli("agenda", "--data-dir", str(data), "--docx", str(out), "--pdf", str(out))
    assert same.returncode == 1 and "name the same file" in same.stderr
