"""The agenda CSV: BOM, header, one row per key action in agenda order, formulas neutralized."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from playbook_app.domain.agenda import build_agenda
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Mode,
    Response,
)
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import CSV_COLUMNS, NotesChoice, agenda_csv
from playbook_app.reports.csv_export import neutralize


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def solo(playbook: Playbook) -> AssessmentRecord:
    return demo_record(playbook)


def test_bom_header_and_one_row_per_key_action(solo: AssessmentRecord, playbook: Playbook) -> None:
    data = agenda_csv(solo, playbook)
    assert data.startswith("\ufeffrank,bucket,recommendation,key action id,".encode())
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header) == tuple(c for c in CSV_COLUMNS if c != "note")
    rows = rows_of(data)
    assert len(rows) == 20
    assert {row["key action id"] for row in rows} == set(playbook.action_ids)
    assert all(len(row) == len(CSV_COLUMNS) - 1 and None not in row for row in rows)
    # With notes chosen, the note column comes last.
    with_notes = agenda_csv(solo, playbook, notes=NotesChoice.WITHOUT_NAMES).decode("utf-8-sig")
    assert tuple(next(csv.reader(io.StringIO(with_notes)))) == CSV_COLUMNS


def test_rows_follow_the_agenda_with_contiguous_ranks(
    solo: AssessmentRecord, playbook: Playbook
) -> None:
    agenda = build_agenda(solo, playbook)
    rows = rows_of(agenda_csv(solo, playbook))
    assert [row["key action id"] for row in rows] == [i.action_id for i in agenda.all_items()]
    ranked = [row for row in rows if row["rank"]]
    assert [int(row["rank"]) for row in ranked] == list(range(1, len(agenda.items) + 1))
    assert rows[: len(ranked)] == ranked  # ranked rows first, then the rest
    outside = rows[len(ranked) :]
    assert outside, "the demo has a not-applicable action"
    assert all(row["rank"] == "" for row in outside)
    assert {row["bucket"] for row in outside} <= {"Not applicable", "Not yet answered"}
    na = next(row for row in outside if row["bucket"] == "Not applicable")
    assert na["stage"] == "Not applicable"
    assert na["reason"].startswith("Not applicable: ")
    first = rows[0]
    item = agenda.items[0]
    assert first["bucket"] == "Start now (next 90 days)"
    assert first["recommendation"] == f"{item.recommendation.number}. {item.recommendation.title}"
    assert first["key action number"] == item.key_action.number
    assert first["key action title"] == item.key_action.title
    assert first["owner"] == item.entry.owner
    assert first["status"] == item.entry.status.label
    assert first["importance"] in {"Low", "Medium", "High"}
    assert first["effort"] in {"Light", "Moderate", "Heavy"}
    assert first["reason"] == item.reason
    unsure = [row for row in rows if row["stage"] == "Unsure"]
    assert unsure and all(row["bucket"] == "Find out first" for row in unsure)


def test_formula_like_cells_are_neutralized(solo: AssessmentRecord, playbook: Playbook) -> None:
    agenda = build_agenda(solo, playbook)
    first, second = agenda.items[0].action_id, agenda.items[1].action_id
    person = solo.participants[0].uid
    responses = dict(solo.responses)
    responses[(person, first)] = solo.response(person, first).with_changes(note="@cmd")
    record = replace(
        solo,
        responses=responses,
        agenda={
            **solo.agenda,
            first: AgendaEntry(first, owner="=SUM(A1)", next_step="+1 call", target_date="-2"),
            second: AgendaEntry(second, owner="\tTAB", target_date="\rCR"),
        },
    )
    data = agenda_csv(record, playbook, notes=NotesChoice.WITHOUT_NAMES)
    rows = {row["key action id"]: row for row in rows_of(data)}
    assert rows[first]["owner"] == "'=SUM(A1)"
    assert rows[first]["note"] == "'@cmd"
    assert rows[first]["next step"] == "'+1 call"
    assert rows[first]["target date"] == "'-2"
    assert rows[second]["owner"] == "'\tTAB"
    assert rows[second]["target date"] == "'\rCR"


def test_neutralize_leaves_ordinary_text_alone() -> None:
    assert neutralize("Director of Curriculum") == "Director of Curriculum"
    assert neutralize("2027-01-15") == "2027-01-15"
    assert neutralize("") == ""
    for start in "=+-@\t\r":
        assert neutralize(f"{start}x") == f"'{start}x"


def test_team_notes_are_joined_by_name_when_that_is_chosen(playbook: Playbook) -> None:
    record = demo_record(playbook, participants=8)
    assert record.assessment.mode is Mode.TEAM
    data = agenda_csv(record, playbook, notes=NotesChoice.WITH_NAMES)
    rows = {row["key action id"]: row for row in rows_of(data)}
    written = 0
    for (uid, action), response in record.responses.items():
        if response.note:
            name = next(p.name for p in record.participants if p.uid == uid)
            assert f"{name}: {response.note}" in rows[action]["note"]
            written += 1
    assert written >= 2
    assert any("Dr. Maria Alvarez: Board asked" in row["note"] for row in rows.values())


def test_unanswered_rows_leave_ratings_blank(playbook: Playbook) -> None:
    record = demo_record(playbook)
    person = record.participants[0].uid
    gone = playbook.key_actions[0].id
    responses = {k: v for k, v in record.responses.items() if k[1] != gone}
    responses[(person, playbook.key_actions[1].id)] = Response(
        person, playbook.key_actions[1].id, answer=AnswerKind.NOT_APPLICABLE, reason="Co-op."
    )
    record = replace(record, responses=responses)
    rows = rows_of(agenda_csv(record, playbook))
    last = rows[-1]
    assert last["key action id"] == gone
    assert (last["rank"], last["stage"], last["bucket"]) == (
        "",
        "Not yet answered",
        "Not yet answered",
    )
    assert (last["importance"], last["effort"], last["control"]) == ("", "", "")
    assert rows[-2]["bucket"] == "Not applicable"


def test_the_same_agenda_object_gives_the_same_bytes(
    solo: AssessmentRecord, playbook: Playbook
) -> None:
    agenda = build_agenda(solo, playbook)
    assert agenda_csv(solo, playbook, agenda=agenda) == agenda_csv(solo, playbook)
