"""The merge rules a facilitator relies on (DESIGN.md section 6), through the real importer."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers_cli import run_app as cli
from test_packets import dump, run_import, seeded, stored, write_packet

from playbook_app.commands import CommandError
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Consensus,
    Participant,
    Stage,
    Status,
)
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import build_packet, parse_packet, serialize
from playbook_app.exchange.packet import utc_timestamp
from playbook_app.storage import Store


def _team(tmp_path: Path, playbook: Playbook) -> AssessmentRecord:
    return seeded(tmp_path / "home", demo_record(playbook, participants=3))


def _refused(folder: Path, *files: Path) -> str:
    before = dump(folder)
    with pytest.raises(CommandError) as caught:
        run_import(folder, *files)
    assert dump(folder) == before
    return str(caught.value)


def _first_rated(packet: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in packet["responses"] if r["answer"] == "rated")


# Clocks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stamp",
    [
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-01:00",  # past the largest instant Python can hold
        "0001-01-01T00:00:00+01:00",  # before the smallest (was "unexpected OverflowError")
        "1999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "in two days",
    ],
)
def test_a_stamp_from_a_laptop_whose_clock_is_wrong_is_refused(
    tmp_path: Path, playbook: Playbook, stamp: str
) -> None:
    home = _team(tmp_path, playbook)
    if stamp == "in two days":
        stamp = utc_timestamp(datetime.now(UTC) + timedelta(days=2))
    packet = build_packet(home)
    _first_rated(packet)["updated_at"] = stamp
    message = _refused(tmp_path / "home", write_packet(tmp_path / "p.playbook.json", packet))
    assert "The clock of the laptop that made this packet is wrong" in message
    assert stamp in message and "\n" not in message


def test_the_year_1_stamp_gets_the_clock_message_on_the_command_line(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    packet = build_packet(home)
    packet["created_at"] = "0001-01-01T00:00:00+01:00"
    path = write_packet(tmp_path / "p.playbook.json", packet)
    result = cli("import", "--data-dir", str(tmp_path / "home"), str(path))
    assert result.returncode == 1
    assert "OverflowError" not in result.stderr and "unexpected" not in result.stderr
    assert "is before 2000. The clock of the laptop" in result.stderr


def test_a_clock_a_few_hours_fast_is_still_accepted(tmp_path: Path, playbook: Playbook) -> None:
    home = _team(tmp_path, playbook)
    packet = build_packet(home)
    row = _first_rated(packet)
    row.update(note="written in another time zone")
    row["updated_at"] = utc_timestamp(datetime.now(UTC) + timedelta(hours=20))
    run_import(tmp_path / "home", write_packet(tmp_path / "p.playbook.json", packet))
    (after,) = [
        r for r in stored(tmp_path / "home", home.assessment.uid).responses.values() if r.note
        if r.note == "written in another time zone"
    ]  # fmt: skip
    assert after.updated_at == row["updated_at"]


def test_at_the_same_instant_the_version_with_more_filled_in_wins(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    files = []
    for n, confidence in enumerate((None, "high")):
        packet = build_packet(home)
        row = _first_rated(packet)
        # As canonical JSON, null sorts after "high": the old "larger content wins"
        # rule kept the version with less in it.
        row.update(confidence=confidence, updated_at="2026-12-01T00:00:00Z")
        files.append(write_packet(tmp_path / f"{n}.playbook.json", packet))
    for order, folder in ((files, "x"), (files[::-1], "y")):
        run_import(tmp_path / folder, *order)
        (kept,) = [
            r
            for r in stored(tmp_path / folder, home.assessment.uid).responses.values()
            if r.updated_at == "2026-12-01T00:00:00Z"
        ]
        assert kept.confidence is not None and kept.confidence.value == "high"


# Whose assessment ----------------------------------------------------------------------


def test_a_packet_naming_another_district_is_refused_naming_both(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    packet = build_packet(home)
    packet["assessment"]["organization"] = "Riverside Unified"
    message = _refused(tmp_path / "home", write_packet(tmp_path / "p.playbook.json", packet))
    assert '"Riverside Unified" (KY)' in message
    assert f'"{home.district.name}" ({home.district.state})' in message


def test_new_packets_naming_two_districts_are_refused(tmp_path: Path, playbook: Playbook) -> None:
    home = demo_record(playbook, participants=2)
    one = write_packet(tmp_path / "1.playbook.json", build_packet(home))
    other = build_packet(home)
    other["assessment"]["state"] = "TN"
    two = write_packet(tmp_path / "2.playbook.json", other)
    Store.open(tmp_path / "empty").close()
    for order in ((one, two), (two, one)):
        message = _refused(tmp_path / "empty", *order)
        assert "(KY)" in message and "(TN)" in message


def test_a_district_spelled_with_other_case_and_spacing_is_the_same(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    packet = build_packet(home)
    packet["assessment"]["organization"] = "  " + home.district.name.upper().replace(" ", "  ")
    run_import(tmp_path / "home", write_packet(tmp_path / "p.playbook.json", packet))


# Who is rating ----------------------------------------------------------------------------


def _twin(home: AssessmentRecord, name: str) -> dict[str, Any]:
    """One person's packet from a laptop where someone was added again under a new id."""
    alex = home.participants[0]
    twin = Participant("twin-uid", name, alex.role)
    record = replace(home, participants=[*home.participants, twin])
    record.responses = {
        ("twin-uid", action): r._replace(participant="twin-uid", note="my own view")
        for (who, action), r in home.responses.items()
        if who == alex.uid
    }
    return build_packet(record, participant="twin-uid")


@pytest.mark.parametrize("variant", ["same", "case and spacing"])
def test_the_same_name_under_a_new_id_is_refused_naming_the_person(
    tmp_path: Path, playbook: Playbook, variant: str
) -> None:
    home = _team(tmp_path, playbook)
    name = home.participants[0].name
    if variant != "same":
        name = "  " + name.upper().replace(" ", "   ") + " "
    path = write_packet(tmp_path / "twin.playbook.json", _twin(home, name))
    message = _refused(tmp_path / "home", path)
    assert f"{home.participants[0].name!r} is already a participant" in message
    assert "counted twice" in message


def test_the_facilitators_packet_can_say_two_ids_are_one_person(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    alex = home.participants[0]
    twin = _twin(home, alex.name)
    # The facilitator's whole-assessment packet: the team, plus the twin marked "same_as".
    whole = build_packet(home)
    whole["participants"].append({**twin["participants"][0], "same_as": alex.uid})
    whole["responses"] += twin["responses"]
    for row in twin["responses"]:
        row["updated_at"] = "2026-12-01T00:00:00Z"
    path = write_packet(tmp_path / "whole.playbook.json", whole)
    run_import(tmp_path / "home", path)
    after = stored(tmp_path / "home", home.assessment.uid)
    assert [p.uid for p in after.participants] == [p.uid for p in home.participants]
    mine = [r for (who, _), r in after.responses.items() if who == alex.uid]
    assert mine and all(r.note == "my own view" for r in mine)


def test_only_a_whole_assessment_packet_may_say_same_as(tmp_path: Path, playbook: Playbook) -> None:
    home = _team(tmp_path, playbook)
    twin = _twin(home, "Someone Else")
    twin["participants"][0]["same_as"] = home.participants[0].uid
    message = _refused(tmp_path / "home", write_packet(tmp_path / "t.playbook.json", twin))
    assert "Only the whole assessment's packet" in message


def test_one_persons_packet_never_brings_consensus_or_agenda(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    action = playbook.action_ids[0]
    packet = build_packet(home, participant=home.participants[1].uid)
    packet["consensus"] = [
        {"action": action, "stage": "advancing", "rationale": "mine",
         "updated_at": "2026-12-01T00:00:00Z"}
    ]  # fmt: skip
    message = _refused(tmp_path / "home", write_packet(tmp_path / "p.playbook.json", packet))
    assert f"{home.participants[1].name}'s own packet" in message
    assert "only from the whole assessment's packet" in message


def test_a_format_1_packet_of_one_person_is_still_read_but_never_brings_agenda(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    person = home.participants[1]
    packet = build_packet(home, participant=person.uid)
    del packet["scope"]
    packet["format_version"] = 1
    for row in packet["responses"]:
        row.update(note="from an older laptop", updated_at="2026-12-01T00:00:00Z")
    run_import(tmp_path / "home", write_packet(tmp_path / "old.playbook.json", packet))
    after = stored(tmp_path / "home", home.assessment.uid)
    assert all(
        r.note == "from an older laptop" for (w, _), r in after.responses.items() if w == person.uid
    )
    action = playbook.action_ids[0]
    packet["agenda"] = [
        {"action": action, "owner": "Me", "target_date": None, "next_step": "", "status":
         "planned", "bucket": None, "bucket_reason": "", "updated_at": "2026-12-02T00:00:00Z"}
    ]  # fmt: skip
    message = _refused(tmp_path / "home", write_packet(tmp_path / "old.playbook.json", packet))
    assert "also carries the team's agenda" in message


def test_the_whole_packet_still_brings_consensus_and_agenda(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    action = playbook.action_ids[0]
    record = replace(home)
    record.consensus = {
        action: Consensus(action, Stage.ADVANCING, "Agreed", "2026-12-01T00:00:00Z")
    }
    record.agenda = {
        action: AgendaEntry(action, "Tanisha Brooks", status=Status.PLANNED,
                            updated_at="2026-12-01T00:00:00Z")
    }  # fmt: skip
    path = tmp_path / "whole.playbook.json"
    path.write_bytes(serialize(build_packet(record)))
    run_import(tmp_path / "home", path)
    after = stored(tmp_path / "home", home.assessment.uid)
    assert after.consensus[action] == record.consensus[action]
    assert after.agenda[action] == record.agenda[action]


# Playbook versions --------------------------------------------------------------------------


def test_another_playbook_version_is_merged_when_this_one_has_everything_it_answers(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    packet = build_packet(home)
    packet["playbook"]["version"] = "2025.01"
    _first_rated(packet).update(note="from last year's laptop", updated_at="2026-12-01T00:00:00Z")
    report = run_import(tmp_path / "home", write_packet(tmp_path / "old.playbook.json", packet))
    assert f"made with playbook version 2025.01 (this app has {playbook.version})" in report


def test_another_playbook_version_missing_a_key_action_is_refused(
    tmp_path: Path, playbook: Playbook
) -> None:
    home = _team(tmp_path, playbook)
    packet = build_packet(home)
    packet["playbook"]["version"] = "2027.01"
    _first_rated(packet)["action"] = "a-key-action-of-2027"
    message = _refused(tmp_path / "home", write_packet(tmp_path / "new.playbook.json", packet))
    assert 'made with version "2027.01" of the playbook' in message
    assert f'this app has version "{playbook.version}"' in message
    assert 'no key action "a-key-action-of-2027"' in message


# Many files at once ----------------------------------------------------------------------------


def test_every_bad_file_is_reported_at_once(tmp_path: Path, playbook: Playbook) -> None:
    home = _team(tmp_path, playbook)
    good = write_packet(tmp_path / "good.playbook.json", build_packet(home))
    empty = tmp_path / "empty.playbook.json"
    empty.write_bytes(b"")
    future = build_packet(home)
    future["created_at"] = "9999-01-01T00:00:00Z"
    future_path = write_packet(tmp_path / "future.playbook.json", future)
    message = _refused(tmp_path / "home", empty, good, future_path)
    assert "2 of the 3 files cannot be imported" in message
    assert f"{empty}: The file is empty." in message
    assert f"{future_path}: " in message and "clock" in message
    result = cli("import", "--data-dir", str(tmp_path / "home"), str(empty), str(good),
                 str(future_path))  # fmt: skip
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and len(lines) == 3
    assert all(line.startswith("error: ") for line in lines)


def test_a_packet_reads_back_as_whole_or_one_persons(playbook: Playbook) -> None:
    home = demo_record(playbook, participants=3)
    whole = parse_packet(serialize(build_packet(home)), playbook)
    mine = parse_packet(
        serialize(build_packet(home, participant=home.participants[0].uid)), playbook
    )
    assert whole.whole and not mine.whole
    assert json.loads(serialize(build_packet(home)))["scope"] == "assessment"
    assert AnswerKind.RATED in {r.answer for r in whole.responses}


def test_this_computers_own_export_is_written_even_with_a_stamp_ahead(
    tmp_path: Path, playbook: Playbook
) -> None:
    from playbook_app.exchange import write_packet as export

    home = _team(tmp_path, playbook)
    ahead = utc_timestamp(datetime.now(UTC) + timedelta(days=3))
    key = next(iter(home.responses))
    home.responses[key] = home.responses[key].with_changes(updated_at=ahead)
    path = tmp_path / "ahead.playbook.json"
    export(home, playbook, path)  # read back and verified here...
    message = _refused(tmp_path / "home", path)  # ...but another computer refuses it
    assert "more than a day ahead" in message
