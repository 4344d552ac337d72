"""Writing a packet file: atomically, then read back through the importer's checks and verified."""

from __future__ import annotations

from pathlib import Path

from playbook_app import __version__
from playbook_app.domain.assessment import AssessmentRecord, Participant
from playbook_app.domain.limits import within_limits
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange.packet import (
    SUFFIX,
    Packet,
    PacketError,
    build_packet,
    restrict_to,
    serialize,
)
from playbook_app.exchange.validate import read_packet
from playbook_app.safe_write import WriteError, write_atomic


def write_packet(
    record: AssessmentRecord,
    playbook: Playbook,
    path: Path,
    *,
    participant: Participant | None = None,
) -> Packet:
    """Write the packet of a whole assessment, or of one participant's answers, to `path`.

    Raises PacketError, worded for the user, when it cannot be written or does
    not read back exactly; a packet that fails the check is removed, since one
    that does not verify must not travel on a USB stick.
    """
    record, _ = restrict_to(record, playbook)
    # Text an older version stored past today's limits travels cut, with a mark.
    record = within_limits(record)
    data = build_packet(
        record,
        participant=participant.uid if participant else None,
        app_version=__version__,
    )
    try:
        write_atomic(path, serialize(data))
    except WriteError as error:
        raise PacketError(str(error)) from None
    try:
        written = read_packet(path, playbook, own=True)
        if written.checksum != data["checksum"]:
            raise PacketError("Its checksum does not match what was written.")
    except PacketError as error:
        path.unlink(missing_ok=True)
        raise PacketError(
            f"{path}: the written packet did not verify and was removed. {error}"
        ) from None
    return written


def packet_file_name(record: AssessmentRecord, participant: Participant | None = None) -> str:
    """A file name people recognise on a USB stick: label, and whose answers, if one person's."""
    parts = [record.assessment.label, participant.name if participant else ""]
    stem = " - ".join(p for p in parts if p.strip())
    # Characters that some file systems (FAT on USB sticks, Windows) refuse.
    safe = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in stem).strip(" .")
    return f"{safe or 'assessment'}{SUFFIX}"


def with_suffix(path: Path) -> Path:
    """The path as a packet file name: a name without `.json` gets `.playbook.json`."""
    return path if path.name.lower().endswith(".json") else path.with_name(path.name + SUFFIX)
