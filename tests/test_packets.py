"""Packets end to end on real SQLite files: round trip, two machines, bad packets, conflicts."""

from __future__ import annotations

import argparse
import io
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from playbook_app.commands import CommandError
from playbook_app.commands.packets import export_packet, import_packets
from playbook_app.domain.agenda import build_agenda
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    AssessmentRecord,
    Consensus,
    District,
    Mode,
    Participant,
    Response,
    Stage,
    Status,
)
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import build_packet, compute_checksum, serialize
from playbook_app.paths import database_path
from playbook_app.storage import Store
from playbook_app.storage.importing import load_by_uid

TABLES = ("district", "assessment", "participant", "response", "consensus", "agenda_item")


# Helpers shared with the property tests ---------------------------------------------


def dump(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    conn = sqlite3.connect(database_path(folder))
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def run_import(folder: Path, *files: Path) -> str:
    out = io.StringIO()
    args = argparse.Namespace(data_dir=str(folder), files=[str(f) for f in files])
    assert import_packets(args, out) == 0
    return out.getvalue()


def write_packet(path: Path, packet: dict[str, Any], *, resign: bool = True) -> Path:
    if resign:
        packet["checksum"] = compute_checksum(packet)
    path.write_bytes(serialize(packet))
    return path


def stored(folder: Path, uid: str) -> AssessmentRecord:
    with Store.open(folder) as store:
        record = load_by_uid(store, uid)
    assert record is not None
    return record


def same_answers(a: AssessmentRecord, b: AssessmentRecord) -> None:
    assert a.responses == b.responses
    assert a.consensus == b.consensus
    assert a.agenda == b.agenda
    assert a.participants == b.participants
    assert (a.district.name, a.district.state) == (b.district.name, b.district.state)
    assert a.assessment._replace(id=None, district_id=None) == b.assessment._replace(
        id=None, district_id=None
    )


def seeded(folder: Path, record: AssessmentRecord) -> AssessmentRecord:
    with Store.open(folder) as store:
        return store.load(store.add_record(record))


# Round trip and two machines ----------------------------------------------------------


def test_team_round_trip_into_an_empty_folder(tmp_path: Path, playbook: Playbook) -> None:
    original = seeded(tmp_path / "a", demo_record(playbook, participants=3))
    packet = tmp_path / "team.playbook.json"
    export_packet(original, playbook, packet)
    report = run_import(tmp_path / "b", packet)
    assert "new assessment" in report and "60 answers" in report
    same_answers(stored(tmp_path / "b", original.assessment.uid), original)


def test_one_participants_packet_carries_only_their_answers(
    tmp_path: Path, playbook: Playbook
) -> None:
    original = seeded(tmp_path / "a", demo_record(playbook, participants=3))
    who = original.participants[1]
    path = tmp_path / "one.playbook.json"
    packet = export_packet(original, playbook, path, participant=who)
    assert packet.participants == (who,)
    assert {r.participant for r in packet.responses} == {who.uid}
    assert len(packet.responses) == len(playbook.action_ids)
    assert packet.consensus == () and packet.agenda == ()


def _answers(demo: AssessmentRecord, n: int, uid: str) -> list[Response]:
    """Participant n's demo answers, given to the participant `uid`."""
    source = demo.participants[n].uid
    return [r._replace(participant=uid) for (p, _), r in demo.responses.items() if p == source]


def test_two_machines_merge_to_the_agenda_of_one(tmp_path: Path, playbook: Playbook) -> None:
    demo = demo_record(playbook, participants=2)
    district = District("Cedar Valley Unified School District", "KY")
    assessment = Assessment("retreat-uid", "Retreat", "2026-11-22", playbook.id, playbook.version,
                            Mode.TEAM)  # fmt: skip
    maria = Participant("uid-maria", "Dr. Maria Alvarez", "Superintendent")
    huong = Participant("uid-huong", "Nguyễn Thị Hương", "Assistant Superintendent")
    consensus = next(iter(demo.consensus.values()))
    entry = next(iter(demo.agenda.values()))

    # Machine A makes the assessment and hands it to B on a stick.
    with Store.open(tmp_path / "a") as a:
        a_id = a.create_assessment(district, assessment, [maria]).assessment.id
        assert a_id is not None
        export_packet(a.load(a_id), playbook, tmp_path / "start.playbook.json")
    run_import(tmp_path / "b", tmp_path / "start.playbook.json")

    # Each machine records its own person's answers; A the consensus, B an agenda entry.
    with Store.open(tmp_path / "a") as a:
        for r in _answers(demo, 0, maria.uid):
            a.save_response(r, keep_timestamp=True)
        a.save_consensus(a_id, consensus, keep_timestamp=True)
        export_packet(a.load(a_id), playbook, tmp_path / "a.playbook.json")
    with Store.open(tmp_path / "b") as b:
        b_id = b.assessment_id_for_uid("retreat-uid")
        assert b_id is not None
        b.add_participant(b_id, huong)
        for r in _answers(demo, 1, huong.uid):
            b.save_response(r, keep_timestamp=True)
        b.save_agenda_entry(b_id, entry, keep_timestamp=True)
        export_packet(b.load(b_id), playbook, tmp_path / "b.playbook.json")
    run_import(tmp_path / "c", tmp_path / "b.playbook.json", tmp_path / "a.playbook.json")
    merged = stored(tmp_path / "c", "retreat-uid")

    # The same answers entered in one place.
    with Store.open(tmp_path / "one") as one:
        one_id = one.create_assessment(district, assessment, [maria, huong]).assessment.id
        assert one_id is not None
        for r in _answers(demo, 0, maria.uid) + _answers(demo, 1, huong.uid):
            one.save_response(r, keep_timestamp=True)
        one.save_consensus(one_id, consensus, keep_timestamp=True)
        one.save_agenda_entry(one_id, entry, keep_timestamp=True)
        single = one.load(one_id)

    same_answers(merged, single)
    assert build_agenda(merged, playbook) == build_agenda(single, playbook)
    assert len(merged.responses) == 2 * len(playbook.action_ids)


# Idempotence and conflicts ---------------------------------------------------------


def test_importing_the_same_packet_twice_changes_nothing(
    tmp_path: Path, playbook: Playbook
) -> None:
    original = seeded(tmp_path / "a", demo_record(playbook, participants=3))
    packet = tmp_path / "team.playbook.json"
    export_packet(original, playbook, packet)
    run_import(tmp_path / "b", packet)
    before = dump(tmp_path / "b")
    report = run_import(tmp_path / "b", packet, packet)
    assert report.startswith("nothing to import")
    assert "up to date" in report and "new:" not in report and "changed:" not in report
    assert dump(tmp_path / "b") == before
    # Back home, where it came from, it is nothing new either.
    home = dump(tmp_path / "a")
    assert run_import(tmp_path / "a", packet).startswith("nothing to import")
    assert dump(tmp_path / "a") == home


def _conflict_setup(tmp_path: Path, playbook: Playbook) -> tuple[AssessmentRecord, str, str]:
    original = seeded(tmp_path / "a", demo_record(playbook, participants=2))
    key = next(k for k, r in original.responses.items() if r.answer is AnswerKind.RATED)
    return original, key[0], key[1]


def test_newer_packet_answer_wins_and_the_override_is_reported(
    tmp_path: Path, playbook: Playbook
) -> None:
    original, who, action = _conflict_setup(tmp_path, playbook)
    old = original.responses[(who, action)]
    assert old.stage is not None
    newer_stage = Stage((int(old.stage) + 1) % 4)
    packet = build_packet(original)
    row = next(r for r in packet["responses"] if (r["participant"], r["action"]) == (who, action))
    row.update(stage=newer_stage.key, updated_at="2026-12-01T00:00:00Z")
    report = run_import(tmp_path / "a", write_packet(tmp_path / "p.playbook.json", packet))
    assert "changed: 1 answer" in report
    assert f"kept {newer_stage.label} from {tmp_path / 'p.playbook.json'}" in report
    assert f"over {old.stage.label} from this computer" in report
    assert stored(tmp_path / "a", original.assessment.uid).responses[(who, action)].stage == (
        newer_stage
    )


def test_older_packet_answer_loses_to_this_computer(tmp_path: Path, playbook: Playbook) -> None:
    original, who, action = _conflict_setup(tmp_path, playbook)
    packet = build_packet(original)
    row = next(r for r in packet["responses"] if (r["participant"], r["action"]) == (who, action))
    row.update(note="an older thought", updated_at="2001-01-01T00:00:00Z")
    before = dump(tmp_path / "a")
    report = run_import(tmp_path / "a", write_packet(tmp_path / "p.playbook.json", packet))
    assert report.startswith("nothing to import")
    assert "overridden (the newer version wins): 1" in report and "[differs in note]" in report
    assert dump(tmp_path / "a") == before


def test_same_instant_conflict_is_decided_the_same_in_any_order(
    tmp_path: Path, playbook: Playbook
) -> None:
    original, who, action = _conflict_setup(tmp_path, playbook)
    files = []
    for n, note in enumerate(("from the left", "from the right")):
        packet = build_packet(original)
        row = next(
            r for r in packet["responses"] if (r["participant"], r["action"]) == (who, action)
        )
        # ".000Z" and "+00:00" name the same instant as "Z": a real tie.
        stamp = ("2026-12-01T00:00:00.000Z", "2026-12-01T01:00:00+01:00")[n]
        row.update(note=note, updated_at=stamp)
        files.append(write_packet(tmp_path / f"{n}.playbook.json", packet))
    run_import(tmp_path / "x", *files)
    run_import(tmp_path / "y", *reversed(files))
    assert dump(tmp_path / "x") != {} and _answers_only(tmp_path / "x") == _answers_only(
        tmp_path / "y"
    )


def _answers_only(folder: Path) -> list[tuple[Any, ...]]:
    return dump(folder)["response"]


def test_participants_join_a_solo_assessment_which_becomes_a_team(
    tmp_path: Path, playbook: Playbook
) -> None:
    solo = seeded(tmp_path / "a", demo_record(playbook, participants=1))
    guest = Participant("guest-uid", "Zoë Ødegaard", "Director of Data and Assessment")
    record = replace(solo, participants=[guest])
    stamp = "2026-11-23T09:00:00Z"
    record.responses = {
        ("guest-uid", a): Response("guest-uid", a, AnswerKind.UNSURE, updated_at=stamp)
        for a in playbook.action_ids[:3]
    }
    record.consensus, record.agenda = {}, {}
    path = tmp_path / "guest.playbook.json"
    path.write_bytes(serialize(build_packet(record, participant="guest-uid")))
    report = run_import(tmp_path / "a", path)
    assert "new: 1 participant, 3 answers" in report and "mode: team (was solo)" in report
    after = stored(tmp_path / "a", solo.assessment.uid)
    assert after.assessment.mode is Mode.TEAM
    assert [p.uid for p in after.participants] == [solo.participants[0].uid, "guest-uid"]


def test_a_participant_of_another_assessment_is_refused(tmp_path: Path, playbook: Playbook) -> None:
    here = seeded(tmp_path / "a", demo_record(playbook, participants=2))
    stranger = build_packet(replace(here, assessment=here.assessment._replace(uid="other-uid")))
    path = tmp_path / "p.playbook.json"
    path.write_bytes(serialize(stranger))
    before = dump(tmp_path / "a")
    with pytest.raises(CommandError, match="already part of another assessment"):
        run_import(tmp_path / "a", path)
    assert dump(tmp_path / "a") == before


def test_consensus_and_agenda_merge_by_action(tmp_path: Path, playbook: Playbook) -> None:
    original = seeded(tmp_path / "a", demo_record(playbook, participants=3))
    action = playbook.action_ids[0]
    record = replace(original)
    record.consensus = {
        action: Consensus(action, Stage.ADVANCING, "Agreed at the retreat", "2026-12-02T00:00:00Z")
    }
    record.agenda = {
        action: AgendaEntry(action, "Tanisha Brooks", "2031-02-01", "Call the co-op",
                            Status.DONE, "sustain", "Already routine", "2026-12-02T00:00:00Z")
    }  # fmt: skip
    path = tmp_path / "p.playbook.json"
    path.write_bytes(serialize(build_packet(record)))
    run_import(tmp_path / "a", path)
    after = stored(tmp_path / "a", original.assessment.uid)
    assert after.consensus[action] == record.consensus[action]
    assert after.agenda[action] == record.agenda[action]
    assert after.responses == original.responses


def test_storage_refuses_an_answer_without_its_participant(
    tmp_path: Path, playbook: Playbook
) -> None:
    from playbook_app.storage.importing import apply_import

    record = demo_record(playbook, participants=2)
    record.participants = record.participants[:1]
    # Merging never hands storage such a record: reaching it is a defect, raised as one.
    with Store.open(tmp_path / "a") as store, pytest.raises(sqlite3.IntegrityError):
        apply_import(store, record)
    assert all(rows == [] for rows in dump(tmp_path / "a").values())


def test_an_import_that_changes_something_is_backed_up_first(
    tmp_path: Path, playbook: Playbook
) -> None:
    backups = pytest.importorskip("playbook_app.storage.backups")
    original = seeded(tmp_path / "a", demo_record(playbook, participants=3))
    packet = tmp_path / "team.playbook.json"
    export_packet(original, playbook, packet)
    seeded(tmp_path / "b", demo_record(playbook, participants=1, seed=3))
    run_import(tmp_path / "b", packet)
    made = [b.reason for b in backups.list_backups(tmp_path / "b")]
    assert made == ["import"]
    run_import(tmp_path / "b", packet)  # nothing new: no second backup
    assert len(backups.list_backups(tmp_path / "b")) == 1


def test_export_leaves_out_what_the_playbook_no_longer_has(
    tmp_path: Path, playbook: Playbook
) -> None:
    original = seeded(tmp_path / "a", demo_record(playbook, participants=2))
    who = original.participants[0].uid
    action = playbook.action_ids[0]
    with Store.open(tmp_path / "a") as store:
        store.save_response(Response(who, "a-retired-action", AnswerKind.UNSURE))
        kept = original.responses[(who, action)]
        store.save_response(kept.with_changes(steps_done=kept.steps_done | {"a-retired-step"}))
        record = store.load(store.assessment_id_for_uid(original.assessment.uid) or 0)
    packet = export_packet(record, playbook, tmp_path / "p.playbook.json")
    assert {r.action for r in packet.responses} == set(playbook.action_ids)
    mine = next(r for r in packet.responses if (r.participant, r.action) == (who, action))
    assert mine.steps_done == kept.steps_done
