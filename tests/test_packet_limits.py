"""Packets carry every text at its limit for a 12-person team, and old over-long text cut."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from test_packets import run_import, seeded, stored

from playbook_app.commands.packets import export_packet
from playbook_app.domain.assessment import AgendaEntry, AssessmentRecord, Consensus, Stage
from playbook_app.domain.demo import demo_record
from playbook_app.domain.limits import (
    CUT_MARK,
    MOVE_REASON_MAX,
    NAME_MAX,
    NEXT_STEP_MAX,
    NOTE_MAX,
    RATIONALE_MAX,
    REASON_MAX,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import MAX_BYTES

# The widest characters a packet can hold: four bytes of UTF-8 each.
WIDE = "😀"


def _full(text: str, limit: int) -> str:
    return (text * limit)[:limit]


def _everything_at_its_limit(playbook: Playbook) -> AssessmentRecord:
    record = demo_record(playbook, participants=12)
    assert len(record.participants) == 12
    people = [p._replace(name=f"{n} " + _full(WIDE, NAME_MAX - 3)) for n, p in
              enumerate(record.participants, start=10)]  # fmt: skip
    template = next(iter(record.responses.values()))
    responses = {
        (p.uid, a.id): template.with_changes(
            participant=p.uid,
            action=a.id,
            note=_full(f"{WIDE} note {a.id} ", NOTE_MAX),
            reason=_full(WIDE, REASON_MAX),
        )
        for p in people
        for a in playbook.key_actions
    }
    return replace(
        record,
        participants=people,
        responses=responses,
        consensus={
            a.id: Consensus(
                a.id, Stage.DEVELOPING, _full(WIDE, RATIONALE_MAX), "2026-11-22T18:00:00Z"
            )
            for a in playbook.key_actions
        },
        agenda={
            a.id: AgendaEntry(
                a.id,
                owner=_full(WIDE, NAME_MAX),
                next_step=_full(WIDE, NEXT_STEP_MAX),
                bucket_reason=_full(WIDE, MOVE_REASON_MAX),
                updated_at="2026-11-22T18:00:00Z",
            )
            for a in playbook.key_actions
        },
    )


def test_a_team_of_twelve_at_every_limit_exports_and_imports_as_one_packet(
    tmp_path: Path, playbook: Playbook
) -> None:
    original = seeded(tmp_path / "a", _everything_at_its_limit(playbook))
    path = tmp_path / "team.playbook.json"
    export_packet(original, playbook, path)
    assert path.stat().st_size <= MAX_BYTES

    run_import(tmp_path / "b", path)
    copy = stored(tmp_path / "b", original.assessment.uid)
    assert len(copy.responses) == 12 * 20
    assert all(len(r.note) == NOTE_MAX for r in copy.responses.values())
    assert {r.note for r in copy.responses.values()} == {
        r.note for r in original.responses.values()
    }
    assert [p.name for p in copy.participants] == [p.name for p in original.participants]


def test_an_old_over_long_note_with_control_characters_still_exports_cut_with_a_mark(
    tmp_path: Path, playbook: Playbook
) -> None:
    # An older version took any length and pasted control characters into notes.
    record = demo_record(playbook)
    key = next(iter(record.responses))
    old_note = "Bell\x07 and NEL\x85 kept out. " + "Long story. " * 1_500
    record.responses[key] = record.responses[key].with_changes(note=old_note)
    original = seeded(tmp_path / "a", record)
    assert original.responses[key].note == old_note  # the database holds it as it was

    path = tmp_path / "solo.playbook.json"
    export_packet(original, playbook, path)

    run_import(tmp_path / "b", path)
    note = stored(tmp_path / "b", original.assessment.uid).responses[key].note
    assert len(note) <= NOTE_MAX
    assert note.startswith("Bell and NEL kept out. Long story.")
    assert note.endswith(CUT_MARK)
    # Exporting cuts the packet's copy only: the database keeps the whole note.
    assert stored(tmp_path / "a", original.assessment.uid).responses[key].note == old_note
