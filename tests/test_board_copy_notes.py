"""Notes are the user's: the PDF, the CSV and the text agenda carry them only when chosen."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from helpers_cli import run_app as cli
from pypdf import PdfReader

from playbook_app.commands.agenda import agenda_text
from playbook_app.domain.agenda import build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.demo import NOTES, TRICKY_NOTE, demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import NotesChoice, agenda_csv, agenda_pdf

SECRET = "Quokka-7 says the budget office is hiding a surplus"
OTHER_SECRET = "Marmot-3 thinks the union will walk"


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def csv_text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def text_agenda(record: AssessmentRecord, playbook: Playbook, notes: NotesChoice) -> str:
    built = build_agenda(record, playbook)
    return agenda_text(record, playbook, built, notes)


def planted(playbook: Playbook, participants: int) -> AssessmentRecord:
    """The demo with two distinctive notes on the first agenda item, by two people if a team."""
    record = demo_record(playbook, participants=participants)
    action = build_agenda(record, playbook).items[0].action_id
    people = record.participants
    responses = dict(record.responses)
    for person, note in zip(people[:2], (SECRET, OTHER_SECRET), strict=False):
        key = (person.uid, action)
        responses[key] = record.response(person.uid, action).with_changes(note=note)
    return replace(record, responses=responses)


def outputs(record: AssessmentRecord, playbook: Playbook, notes: NotesChoice) -> dict[str, str]:
    return {
        "PDF": pdf_text(agenda_pdf(record, playbook, notes=notes)),
        "CSV": csv_text(agenda_csv(record, playbook, notes=notes)),
        "text": text_agenda(record, playbook, notes),
    }


@pytest.mark.parametrize("participants", [1, 4])
def test_by_default_no_note_text_is_in_any_output(playbook: Playbook, participants: int) -> None:
    record = planted(playbook, participants)
    for kind, text in outputs(record, playbook, NotesChoice.OMIT).items():
        for note in (SECRET, OTHER_SECRET, *NOTES, *TRICKY_NOTE.splitlines()):
            assert note not in text, (kind, note)
    # The defaults are the board copy: left out without asking.
    assert (
        pdf_text(agenda_pdf(record, playbook)) == outputs(record, playbook, NotesChoice.OMIT)["PDF"]
    )
    assert b"note" not in agenda_csv(record, playbook).splitlines()[0]


def test_a_solo_assessment_prints_its_notes_when_chosen(playbook: Playbook) -> None:
    record = planted(playbook, 1)
    for kind, text in outputs(record, playbook, NotesChoice.WITHOUT_NAMES).items():
        assert SECRET in text, kind


def test_a_team_s_notes_go_without_names_unless_names_are_chosen(playbook: Playbook) -> None:
    record = planted(playbook, 4)
    first, second = (p.name for p in record.participants[:2])
    for kind, text in outputs(record, playbook, NotesChoice.WITHOUT_NAMES).items():
        assert SECRET in text and OTHER_SECRET in text, kind
        assert f"{first}: {SECRET}" not in text, kind
        assert f"{second}: {OTHER_SECRET}" not in text, kind
    for kind, text in outputs(record, playbook, NotesChoice.WITH_NAMES).items():
        assert f"{first}: {SECRET}" in text, kind
        assert f"{second}: {OTHER_SECRET}" in text, kind


def test_the_pdf_says_when_notes_were_left_out(playbook: Playbook) -> None:
    record = planted(playbook, 4)
    omitted = pdf_text(agenda_pdf(record, playbook))
    assert "Participants' notes are not included in this copy." in omitted
    assert "Appendix A. Every answer and note" not in omitted
    included = pdf_text(agenda_pdf(record, playbook, notes=NotesChoice.WITHOUT_NAMES))
    assert "Appendix A. Every answer and note" in included
    assert "not included in this copy" not in included


@pytest.fixture(scope="module")
def team_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("notes") / "data"
    made = cli("demo", "--team", "4", "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    return data


def written_notes(text: str) -> list[str]:
    return [n for n in (*NOTES, *TRICKY_NOTE.splitlines()) if n in text]


@pytest.mark.parametrize(
    ("flags", "included"),
    [
        ((), False),
        (("--include-notes",), True),
        (("--include-notes", "with-names"), True),
    ],
)
def test_the_agenda_command_writes_notes_only_with_include_notes(
    team_data: Path, tmp_path: Path, flags: tuple[str, ...], included: bool
) -> None:
    pdf, table = tmp_path / "agenda.pdf", tmp_path / "agenda.csv"
    files = cli("agenda", "--data-dir", str(team_data), "--pdf", str(pdf), "--csv", str(table),
                *flags)  # fmt: skip
    assert files.returncode == 0, files.stderr
    text = cli("agenda", "--data-dir", str(team_data), *flags)
    assert text.returncode == 0, text.stderr
    rows = list(csv.DictReader(io.StringIO(csv_text(table.read_bytes()))))
    named = "with-names" in flags
    for kind, out in (
        ("PDF", pdf_text(pdf.read_bytes())),
        ("CSV", csv_text(table.read_bytes())),
        ("text", text.stdout),
    ):
        found = written_notes(out)
        assert bool(found) is included, kind
        # A name goes before a note only when asked for.
        assert ("Dr. Maria Alvarez: Board asked" in " ".join(out.split())) is named, kind
    assert ("note" in rows[0]) is included
