"""Bad packets, each refused with one clear message while the database stays byte for byte."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_packets import dump, run_import, seeded, write_packet

from playbook_app.commands import CommandError
from playbook_app.commands.packets import export_packet
from playbook_app.domain.demo import demo_record
from playbook_app.domain.limits import NOTE_MAX
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import MAX_BYTES, serialize
from playbook_app.paths import database_path


def _mutate(key: str) -> Any:
    """Packet edits, each re-signed so that only the intended check can fail."""

    def first(packet: dict[str, Any], section: str) -> dict[str, Any]:
        item: dict[str, Any] = packet[section][0]
        return item

    edits: dict[str, Any] = {
        "unknown key": lambda p: p.update(extra=1),
        "nested unknown key": lambda p: first(p, "responses").update(colour="red"),
        "wrong type": lambda p: first(p, "responses").update(importance="3"),
        "boolean for a number": lambda p: first(p, "responses").update(effort=True),
        "long note": lambda p: first(p, "responses").update(note="x" * (NOTE_MAX + 1)),
        "long name": lambda p: first(p, "participants").update(name="n" * 201),
        "unknown action": lambda p: first(p, "responses").update(action="no-such-action"),
        "unknown step": lambda p: first(p, "responses").update(steps_done=["no-such-step"]),
        "bad stage": lambda p: first(p, "consensus").update(stage="great"),
        "bad date": lambda p: p["assessment"].update(date="2026-13-45"),
        "bad timestamp": lambda p: first(p, "agenda").update(updated_at="yesterday"),
        "other playbook": lambda p: p["playbook"].update(id="someone-elses"),
        "missing key": lambda p: p["assessment"].pop("mode"),
        "stranger answers": lambda p: first(p, "responses").update(participant="nobody"),
    }
    return edits[key]


BAD_EDITS = {
    "unknown key": 'Unknown key "extra" in the packet.',
    "nested unknown key": 'Unknown key "colour" in "responses" item 1.',
    "wrong type": 'In "responses" item 1, "importance": must be 1, 2, 3 or null, not text.',
    "boolean for a number": '"effort": must be 1, 2, 3 or null, not true/false.',
    "long note": f'"note": is {NOTE_MAX + 1:,} characters long; the limit is {NOTE_MAX:,}.',
    "long name": '"name": is 201 characters long; the limit is 200.',
    "unknown action": '"no-such-action" is not a key action of this playbook.',
    "unknown step": '"no-such-step" is not a step of key action',
    "bad stage": '"great" is not one of not_started, emerging, developing, advancing.',
    "bad date": '"2026-13-45" is not a date written YYYY-MM-DD.',
    "bad timestamp": '"yesterday" is not a date and time like 2026-11-22T18:04:05Z.',
    "other playbook": 'This packet is for another playbook ("someone-elses")',
    "missing key": '"mode" is missing from "assessment".',
    "stranger answers": '"nobody" is not listed in "participants".',
}


def _raw_variants(good: bytes) -> dict[str, tuple[bytes, str]]:
    text = good.decode("utf-8")
    unsigned = json.loads(text)
    unsigned["assessment"]["label"] = "Edited by hand"
    return {
        "size cap": (b"{" + b" " * MAX_BYTES + b"}", "The file is too large to be a packet"),
        "not UTF-8": (text.encode("utf-16"), "The file is not UTF-8 text"),
        "duplicate key": (
            text.replace(
                '"format_version"', '"format": "playbook-packet",\n  "format_version"', 1
            ).encode(),
            'The file is not valid JSON (the key "format" appears twice in one object).',
        ),
        "NaN": (
            text.replace('"importance": 3', '"importance": NaN', 1).encode(),
            "The file is not valid JSON (it contains NaN, which is not a number JSON allows).",
        ),
        "Infinity": (text.replace('"effort": 1', '"effort": 1e999', 1).encode(), "1e999"),
        "bad checksum": (
            serialize(unsigned),
            "The packet was changed or damaged after it was exported: its checksum does not match.",
        ),
        "truncated": (good[: len(good) // 2], "The file is incomplete"),
        "truncated in a string": (good[: good.index(b"Cedar") + 3], "The file is incomplete"),
        "empty": (b"", "The file is empty."),
        "not JSON": (b"PK\x03\x04 a zip file", "The file is not valid JSON"),
        "control character": (
            text.replace('"Cedar', '"\tCedar', 1).encode(),
            "(line 14, column 22: a text value contains a tab, line break or other control "
            "character; write it as \\t or \\n).",
        ),
        "a list": (b"[1, 2]", "The file is not a packet: it holds an array"),
        "newer format": (
            text.replace('"format_version": 2', '"format_version": 4', 1).encode(),
            "This packet was made by a newer version (format 4); this app reads format 3.",
        ),
    }


@pytest.fixture
def target(tmp_path: Path, playbook: Playbook) -> tuple[Path, Path, bytes]:
    """A data folder with a team assessment in it, and a good packet of that assessment."""
    folder = tmp_path / "data"
    record = seeded(folder, demo_record(playbook, participants=3))
    good = tmp_path / "good.playbook.json"
    export_packet(record, playbook, good)
    return folder, good, good.read_bytes()


def _refused(folder: Path, good: Path, bad: Path, message: str) -> None:
    db = database_path(folder)
    before_bytes, before_rows = db.read_bytes(), dump(folder)
    # The good file first: a bad file anywhere in the list must stop everything.
    with pytest.raises(CommandError) as caught:
        run_import(folder, good, bad)
    assert str(caught.value).startswith(f"{bad}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert db.read_bytes() == before_bytes
    assert dump(folder) == before_rows


@pytest.mark.parametrize("kind", sorted(BAD_EDITS))
def test_bad_packet_is_refused_with_one_message(
    kind: str, tmp_path: Path, target: tuple[Path, Path, bytes]
) -> None:
    folder, good, data = target
    packet = json.loads(data)
    packet["assessment"]["uid"] = "another-uid"  # so the good file alone would change things
    _mutate(kind)(packet)
    bad = write_packet(tmp_path / "bad.playbook.json", packet)
    _refused(folder, good, bad, BAD_EDITS[kind])


@pytest.mark.parametrize(
    "kind",
    ["size cap", "not UTF-8", "duplicate key", "NaN", "Infinity", "bad checksum", "truncated",
     "truncated in a string", "empty", "not JSON", "control character", "a list",
     "newer format"],
)  # fmt: skip
def test_bad_file_is_refused_with_one_message(
    kind: str, tmp_path: Path, target: tuple[Path, Path, bytes]
) -> None:
    folder, good, data = target
    content, message = _raw_variants(data)[kind]
    bad = tmp_path / "bad.playbook.json"
    bad.write_bytes(content)
    _refused(folder, good, bad, message)


def test_newer_format_message_names_both_versions_before_anything_else(
    tmp_path: Path, target: tuple[Path, Path, bytes]
) -> None:
    folder, good, data = target
    packet = json.loads(data)
    packet.update(format_version=7, new_section_of_format_7=[])
    bad = write_packet(tmp_path / "future.playbook.json", packet, resign=False)
    message = "This packet was made by a newer version (format 7); this app reads format 3."
    _refused(folder, good, bad, message)


def test_missing_file_and_folder_are_refused(
    tmp_path: Path, target: tuple[Path, Path, bytes]
) -> None:
    folder, good, _ = target
    _refused(folder, good, tmp_path / "nowhere.playbook.json", "The file does not exist.")
    _refused(folder, good, tmp_path, "This is a folder, not a packet file.")
