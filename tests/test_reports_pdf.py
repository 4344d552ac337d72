"""The agenda PDF read back with pypdf: order, literal text, fonts, pages, determinism."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Participant,
    Response,
)
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import NotesChoice, agenda_csv, agenda_pdf

MARKUP_NOTE = "Use <b>bold</b> claims? R&D with AT&T;\nsee <Appendix B> & \"quotes\" 'too'"


def flat(text: str) -> str:
    """Extracted text with every run of whitespace (line breaks, no-break spaces) as one space."""
    return " ".join(text.split())


def read(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() or "" for page in reader.pages]


def with_note(record: AssessmentRecord, action_id: str, note: str) -> AssessmentRecord:
    """A copy of a record whose first participant's note on one key action is `note`."""
    person = record.participants[0].uid
    responses = dict(record.responses)
    responses[(person, action_id)] = record.response(person, action_id).with_changes(note=note)
    return replace(record, responses=responses)


@pytest.fixture(scope="module")
def team(playbook: Playbook) -> AssessmentRecord:
    return demo_record(playbook, participants=8)


@pytest.fixture(scope="module")
def team_pdf(team: AssessmentRecord, playbook: Playbook) -> bytes:
    return agenda_pdf(team, playbook)


@pytest.fixture(scope="module")
def team_text(team_pdf: bytes) -> str:
    return flat("\n".join(read(team_pdf)[1]))


@pytest.fixture(scope="module")
def solo(playbook: Playbook) -> AssessmentRecord:
    record = demo_record(playbook)
    first = build_agenda(record, playbook).items[0]
    return with_note(record, first.action_id, MARKUP_NOTE)


@pytest.fixture(scope="module")
def solo_pdf(solo: AssessmentRecord, playbook: Playbook) -> bytes:
    return agenda_pdf(solo, playbook, notes=NotesChoice.WITHOUT_NAMES)


def agenda_part(text: str) -> str:
    """The agenda section: after its heading, before the appendix."""
    start = text.index("The action agenda")
    return text[start : text.index("Appendix A. Every answer", start)]


def test_every_ranked_item_appears_in_rank_order(
    team: AssessmentRecord, playbook: Playbook, team_text: str
) -> None:
    agenda = build_agenda(team, playbook)
    part = agenda_part(team_text)
    position = 0
    for item in agenda.items:
        line = flat(f"{item.key_action.number} {item.key_action.title}")
        found = part.find(line, position)
        assert found >= 0, (item.rank, line)
        assert part[:found].rstrip().endswith(str(item.rank)), item.rank
        position = found + len(line)
    for item in agenda.not_applicable:
        assert flat(item.key_action.title) in part[position:]


def test_buckets_are_listed_in_order(team_text: str) -> None:
    part = agenda_part(team_text)
    positions = [part.index(bucket.label) for bucket in Bucket]
    positions += [part.index("Not applicable Key actions"), part.index("Not yet answered Key")]
    assert positions == sorted(positions)


def test_agenda_csv_and_pdf_list_the_same_items_in_the_same_order(
    team: AssessmentRecord, playbook: Playbook, team_pdf: bytes, team_text: str
) -> None:
    agenda = build_agenda(team, playbook)
    expected = [item.action_id for item in agenda.all_items()]

    rows = list(csv.DictReader(io.StringIO(agenda_csv(team, playbook).decode("utf-8-sig"))))
    assert [row["key action id"] for row in rows] == expected

    part = agenda_part(team_text)
    titles = {a.id: flat(f"{a.number} {a.title}") for a in playbook.key_actions}
    in_pdf = sorted(expected, key=lambda action_id: part.index(titles[action_id]))
    assert in_pdf == expected
    # The same agenda passed in gives the same document as one built inside.
    assert agenda_pdf(team, playbook, agenda=agenda) == team_pdf


def test_markup_like_note_prints_literally_with_its_line_break(solo_pdf: bytes) -> None:
    _, pages = read(solo_pdf)
    raw = "\n".join(pages)
    text = flat(raw)
    for literal in ("<b>bold</b>", "R&D with AT&T;", "<Appendix B>", "& \"quotes\" 'too'"):
        assert literal in text
    assert "&amp;" not in text and "&lt;" not in text
    # The note's line break survives: its two halves sit on separate lines.
    assert "AT&T;\nsee <Appendix B>" in raw


def test_content_strings_with_ampersands_print_literally(team_text: str) -> None:
    assert "STATE EDUCATION R&D PLAYBOOK" in team_text
    assert "Make R&D part of the system's everyday language" in team_text


def test_names_outside_latin1_print(team_text: str) -> None:
    assert "Nguyễn Thị Hương" in team_text
    assert "Zoë Ødegaard" in team_text
    assert "Rafael Domínguez" in team_text


def test_only_the_embedded_dejavu_family_is_used(team_pdf: bytes) -> None:
    reader, _ = read(team_pdf)
    names = set()
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"])
        fonts = cast(DictionaryObject, resources["/Font"])
        for ref in fonts.values():
            font = cast(DictionaryObject, ref.get_object())
            names.add(str(font["/BaseFont"]).split("+")[-1])
            descriptor = cast(DictionaryObject, font["/FontDescriptor"].get_object())
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert names == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_page_count_and_numbered_footers(team_pdf: bytes) -> None:
    _, pages = read(team_pdf)
    total = len(pages)
    assert 4 <= total <= 20
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page


def test_header_names_district_and_assessment_after_the_cover(team_pdf: bytes) -> None:
    _, pages = read(team_pdf)
    for page in pages[1:]:
        assert "Cedar Valley Unified School District" in page
        assert "Fall 2026 cabinet retreat" in page


def test_cover_carries_district_state_people_placement_and_rule(team_text: str) -> None:
    cover = team_text[: team_text.index("The action agenda")]
    for expected in (
        "Cedar Valley Unified School District",
        "Kentucky",
        "Fall 2026 cabinet retreat",
        "November 22, 2026",
        "Who took part",
        "Assistant Superintendent for Teaching and Learning",
        "Overall placement:",
        "Emerging",
        "Developing",
        "Advancing",
        "not an official ALI score",
        "2 unsure, 1 not applicable, 0 not yet answered",
    ):
        assert expected in cover, expected


def test_team_appendix_shows_the_spread_and_agreed_reasons(
    team: AssessmentRecord, team_text: str
) -> None:
    appendix = team_text[team_text.index("Appendix A. Every answer") :]
    assert "each participant's stage side by side" in appendix
    for n, person in enumerate(team.participants, start=1):
        assert f"{n} {person.name}" in appendix
    rationale = next(c.rationale for c in team.consensus.values() if c.rationale)
    assert rationale in appendix
    assert "(median, no consensus yet)" in appendix and "(agreed by the team)" in appendix
    assert "Appendix B. How the agenda is built" in appendix
    assert "Alliance for Learning Innovation" in appendix


def test_solo_appendix_lists_every_answer(
    solo: AssessmentRecord, playbook: Playbook, solo_pdf: bytes
) -> None:
    text = flat("\n".join(read(solo_pdf)[1]))
    appendix = text[text.index("Appendix A. Every answer") :]
    for action in playbook.key_actions:
        assert flat(f"{action.number} {action.title}") in appendix
    assert appendix.count("Importance:") >= 19
    assert "Confidence:" in appendix


def test_deterministic_bytes_and_input_dates(
    team: AssessmentRecord, playbook: Playbook, team_pdf: bytes
) -> None:
    assert agenda_pdf(team, playbook) == team_pdf
    reader, _ = read(team_pdf)
    meta = reader.metadata
    assert meta is not None
    created = meta.creation_date
    assert created is not None
    assert created == datetime(2026, 11, 22, tzinfo=created.tzinfo)
    assert meta.title == "Prioritized action agenda: Cedar Valley Unified School District"
    assert meta.author == "Cedar Valley Unified School District"
    later = agenda_pdf(team, playbook, generated_on="2027-01-05")
    assert later != team_pdf
    assert "prepared January 5, 2027" in flat(read(later)[1][0])


def test_a_changed_note_changes_the_bytes_only_when_notes_are_included(
    team: AssessmentRecord, playbook: Playbook, team_pdf: bytes
) -> None:
    action = playbook.key_actions[5].id
    changed = with_note(team, action, "A new note for the board.")
    data = agenda_pdf(changed, playbook, notes=NotesChoice.WITH_NAMES)
    assert data != agenda_pdf(team, playbook, notes=NotesChoice.WITH_NAMES)
    assert "A new note for the board." in flat("\n".join(read(data)[1]))
    # Left out (the default), a note cannot change a byte of the board copy.
    assert agenda_pdf(changed, playbook) == team_pdf


def test_a_moved_item_shows_the_move_and_its_reason(
    team: AssessmentRecord, playbook: Playbook
) -> None:
    item = build_agenda(team, playbook).items[-1]  # at the end of Sustain and share
    assert item.bucket is Bucket.SUSTAIN
    moved = replace(
        team,
        agenda={
            **team.agenda,
            item.action_id: AgendaEntry(
                item.action_id, bucket=Bucket.START_NOW.value, bucket_reason="The board asked."
            ),
        },
    )
    text = flat("\n".join(read(agenda_pdf(moved, playbook))[1]))
    assert "Moved here from Sustain and share by the district: The board asked." in text


def test_unanswered_and_not_applicable_actions_are_listed(playbook: Playbook) -> None:
    record = demo_record(playbook)
    person = record.participants[0].uid
    first, second = playbook.key_actions[0].id, playbook.key_actions[1].id
    responses = {k: v for k, v in record.responses.items() if k[1] != first}
    responses[(person, second)] = Response(
        person, second, answer=AnswerKind.NOT_APPLICABLE, reason="Our county <co-op> does it."
    )
    record = replace(record, responses=responses)
    text = agenda_part(flat("\n".join(read(agenda_pdf(record, playbook))[1])))
    unanswered = text[text.index("Not yet answered Key actions nobody") :]
    assert flat(playbook.key_actions[0].title) in unanswered
    assert "Reason: Our county <co-op> does it." in text


def test_an_empty_assessment_still_makes_a_sensible_document(playbook: Playbook) -> None:
    record = demo_record(playbook)
    record = replace(record, responses={}, consensus={}, agenda={})
    reader, pages = read(agenda_pdf(record, playbook))
    text = flat("\n".join(pages))
    assert "not yet placed" in text
    assert "0 rated, 0 unsure, 0 not applicable, 20 not yet answered" in text
    assert len(reader.pages) >= 3


def test_long_values_wrap_instead_of_failing(playbook: Playbook) -> None:
    record = demo_record(playbook, participants=3)
    action = build_agenda(record, playbook).items[0].action_id
    long_owner = "The assistant superintendent for teaching, learning and innovation " * 3
    long_role = "Director of many things " * 60
    record = with_note(record, action, "A long note line.\n" * 250)
    record = replace(
        record,
        participants=[
            record.participants[0]._replace(role=long_role),
            *record.participants[1:],
        ],
        agenda={**record.agenda, action: AgendaEntry(action, owner=long_owner)},
    )
    reader, pages = read(agenda_pdf(record, playbook))
    assert "assistant superintendent for teaching" in flat("\n".join(pages))
    assert len(reader.pages) >= 5


def test_a_large_team_gets_every_participant_in_the_spread(playbook: Playbook) -> None:
    record = demo_record(playbook, participants=14)
    text = flat("\n".join(read(agenda_pdf(record, playbook))[1]))
    assert "14 Cabinet member 14" in text


def test_a_missing_font_is_a_clear_error(tmp_path: object) -> None:
    code = (
        "from pathlib import Path\n"
        "from playbook_app.content import load_default\n"
        "from playbook_app.domain.demo import demo_record\n"
        "from playbook_app.reports import ReportError, agenda_pdf\n"
        "pb = load_default()\n"
        "try:\n"
        "    agenda_pdf(demo_record(pb), pb, font_dir=Path('/nonexistent/fonts'))\n"
        "except ReportError as error:\n"
        "    print('ReportError', error)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.startswith("ReportError The report font /nonexistent/fonts/DejaVuSans.ttf")


_TRICKY = st.lists(
    st.sampled_from([*"ab <>&;/\"'=\n\t\r\x00\x0bễ", "<b>", "</i>", "&amp;", "<br/>"]),
    max_size=30,
).map("".join)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(note=_TRICKY, name=_TRICKY, owner=_TRICKY)
def test_any_user_text_builds(playbook: Playbook, note: str, name: str, owner: str) -> None:
    record = demo_record(playbook)
    action = build_agenda(record, playbook).items[0].action_id
    record = with_note(record, action, note)
    record = replace(
        record,
        participants=[Participant(record.participants[0].uid, name or "x", owner)],
        agenda={**record.agenda, action: AgendaEntry(action, owner=owner, next_step=note)},
    )
    assert agenda_pdf(record, playbook).startswith(b"%PDF-")


def test_an_agenda_with_nothing_answered_says_so_instead_of_ranking_zero(
    playbook: Playbook,
) -> None:
    from playbook_app.reports.agenda_content import agenda_intro

    record = demo_record(playbook)
    blank = replace(record, responses={})
    text = agenda_intro(build_agenda(blank, playbook))
    assert "ranked 1 to 0" not in text and text.startswith("No key action is ranked yet")
    ranked = len(build_agenda(record, playbook).items)
    assert agenda_intro(build_agenda(record, playbook)).startswith(
        f"{ranked} key actions ranked 1 to {ranked}"
    )
