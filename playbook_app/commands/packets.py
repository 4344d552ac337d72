"""The `export` and `import` commands: packets written, verified, validated and merged."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from playbook_app.commands import (
    CommandError,
    load_chosen_record,
    load_playbook,
    open_store,
    output_file,
)
from playbook_app.domain.assessment import AssessmentRecord, Participant
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import (
    MergePlan,
    Packet,
    PacketError,
    PacketErrors,
    merge,
    read_packets,
    write_packet,
)
from playbook_app.storage import StorageError, Store
from playbook_app.storage.importing import import_planned


def export(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    record = load_chosen_record(args)
    who = find_participant(record, args.participant) if args.participant else None
    path = output_file(args.out, args)
    packet = export_packet(record, playbook, path, participant=who)
    scope = f"{who.name}'s answers" if who else "the whole assessment"
    out.write(f"wrote {path}\n")
    out.write(
        f"  {record.assessment.label}: {scope}; {len(packet.participants)} participant(s), "
        f"{len(packet.responses)} answers, {len(packet.consensus)} consensus records, "
        f"{len(packet.agenda)} agenda items\n"
    )
    return 0


def export_packet(
    record: AssessmentRecord,
    playbook: Playbook,
    path: Path,
    *,
    participant: Participant | None = None,
) -> Packet:
    """Write the packet atomically, then read it back through the importer's own checks."""
    try:
        return write_packet(record, playbook, path, participant=participant)
    except PacketError as error:
        raise CommandError(str(error)) from None


def find_participant(record: AssessmentRecord, wanted: str) -> Participant:
    """A participant by name (exact, then ignoring case) or by uid."""
    tests: list[Callable[[Participant], bool]] = [
        lambda p: p.name == wanted,
        lambda p: p.name.casefold() == wanted.casefold(),
        lambda p: p.uid == wanted,
    ]
    for match in tests:
        found = [p for p in record.participants if match(p)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise CommandError(
                f"{len(found)} participants are named {wanted!r}; give one's id instead: "
                + ", ".join(p.uid for p in found)
            )
    names = ", ".join(repr(p.name) for p in record.participants) or "none"
    raise CommandError(f"no participant {wanted!r} in this assessment (participants: {names})")


def import_packets(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    # Every file is checked before the database is even opened: one bad file, nothing changes.
    try:
        packets = read_packets(args.files, playbook)
    except PacketErrors as error:
        # Every bad file on its own `error:` line, so all can be fixed in one go.
        lines = error.problems if len(error.problems) == 1 else (error.headline, *error.problems)
        raise CommandError("\nerror: ".join(lines)) from None
    with open_store(args, writes=True) as store:
        try:
            plan = import_into(store, packets, playbook)
        except (PacketError, StorageError) as error:
            raise CommandError(str(error)) from None
    count = len(packets)
    if plan.has_changes:
        out.write(f"imported {count} packet{'s' if count != 1 else ''}\n")
    else:
        out.write("nothing to import: everything in these packets is already here\n")
    for line in plan.report_lines():
        out.write(f"{line}\n")
    return 0


def import_into(store: Store, packets: Sequence[Packet], playbook: Playbook) -> MergePlan:
    """Merge validated packets into the store: back up, then load, merge and write in one go."""
    uids = {p.assessment.uid for p in packets}
    present = store.follows_map().keys()
    return import_planned(
        store, uids, lambda existing: merge(packets, existing, playbook, present=present)
    )
