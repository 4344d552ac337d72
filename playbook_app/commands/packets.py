"""The `export` and `import` commands: packets written, verified, validated and merged."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from playbook_app import __version__
from playbook_app.commands import CommandError, choose_assessment, load_playbook, open_store
from playbook_app.domain.assessment import AssessmentRecord, Participant
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import (
    MergePlan,
    Packet,
    PacketError,
    build_packet,
    merge,
    read_packet,
    restrict_to,
    serialize,
)
from playbook_app.safe_write import WriteError, write_atomic
from playbook_app.storage import StorageError, Store
from playbook_app.storage.importing import import_records, load_existing


def export(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    with open_store(args) as store:
        assessment_id = choose_assessment(store, args.assessment)
        try:
            record = store.load(assessment_id)
        except StorageError as error:
            raise CommandError(str(error)) from None
    who = find_participant(record, args.participant) if args.participant else None
    path = Path(args.out)
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
    record, _ = restrict_to(record, playbook)
    data = build_packet(
        record,
        participant=participant.uid if participant else None,
        app_version=__version__,
    )
    try:
        write_atomic(path, serialize(data))
    except WriteError as error:
        raise CommandError(str(error)) from None
    try:
        written = read_packet(path, playbook)
        if written.checksum != data["checksum"]:
            raise PacketError("Its checksum does not match what was written.")
    except PacketError as error:
        # A packet that does not verify must not travel on a USB stick.
        path.unlink(missing_ok=True)
        raise CommandError(
            f"{path}: the written packet did not verify and was removed. {error}"
        ) from None
    return written


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
    packets: list[Packet] = []
    for name in args.files:
        try:
            packets.append(replace(read_packet(Path(name), playbook), source=name))
        except PacketError as error:
            raise CommandError(f"{name}: {error}") from None
    with open_store(args) as store:
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
    before = load_existing(store, uids)
    preview = merge(packets, before, playbook)
    if not preview.has_changes:
        return preview
    # A folder the app could only open read-only (older stores lack the flag).
    if getattr(store, "read_only", False):
        raise StorageError(
            f"The data folder {store.path.parent} cannot be written to (it is read-only), "
            "so nothing was imported."
        )
    if store.latest_assessment_id() is not None:  # an empty database has nothing to lose
        _backup(store)
    plans: list[MergePlan] = []

    def combine(existing: Mapping[str, AssessmentRecord]) -> list[AssessmentRecord]:
        # Inside the write transaction: merged again only if something was saved meanwhile.
        plan = preview if existing == before else merge(packets, existing, playbook)
        plans.append(plan)
        return plan.records_to_write()

    import_records(store, uids, combine)
    return plans[-1]


def _backup(store: Store) -> None:
    """A backup before an import, when this build has the backups module (it arrives
    separately from packets, so an import must also work without it)."""
    try:
        backups = importlib.import_module("playbook_app.storage.backups")
    except ImportError:
        return
    backup_now = getattr(backups, "backup_now", None)
    if not callable(backup_now):
        return
    try:
        backup_now(store, reason="import")
    except StorageError as error:
        raise CommandError(
            f"a backup could not be made before importing, so nothing was imported: {error}"
        ) from None
