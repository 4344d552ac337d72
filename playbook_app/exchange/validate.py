"""Reading untrusted packet bytes: every check of DESIGN.md section 6, one clear message each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from playbook_app.domain.agenda import Bucket
from playbook_app.domain.assessment import (
    STATES,
    AgendaEntry,
    AnswerKind,
    Assessment,
    Confidence,
    Consensus,
    District,
    Mode,
    Participant,
    Response,
    Status,
)
from playbook_app.domain.limits import (
    MOVE_REASON_MAX,
    NEXT_STEP_MAX,
    NOTE_MAX,
    RATIONALE_MAX,
    REASON_MAX,
)
from playbook_app.domain.playbook import Control, Playbook
from playbook_app.exchange import checks as check
from playbook_app.exchange.packet import (
    FORMAT,
    FORMAT_VERSION,
    Packet,
    PacketError,
    compute_checksum,
)

_TOP = ("format", "format_version", "app_version", "created_at", "playbook", "assessment",
        "participants", "responses", "consensus", "agenda", "checksum")  # fmt: skip
_PLAYBOOK = ("id", "version")
_ASSESSMENT = ("uid", "label", "organization", "state", "date", "mode")
_PARTICIPANT = ("uid", "name", "role")
_RESPONSE = ("participant", "action", "answer", "stage", "reason", "steps_done", "importance",
             "effort", "control", "confidence", "note", "updated_at")  # fmt: skip
_CONSENSUS = ("action", "stage", "rationale", "updated_at")
_AGENDA = ("action", "owner", "target_date", "next_step", "status", "bucket", "bucket_reason",
           "updated_at")  # fmt: skip
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


def read_packet(path: Path, playbook: Playbook) -> Packet:
    """Read and validate one packet file; never reads more than the size cap allows."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(check.MAX_BYTES + 1)
    except FileNotFoundError:
        raise PacketError("The file does not exist.") from None
    except IsADirectoryError:
        raise PacketError("This is a folder, not a packet file.") from None
    except OSError as error:
        raise PacketError(f"The file cannot be read: {error.strerror or error}.") from None
    return parse_packet(data, playbook, source=path.name)


def read_packets(paths: Sequence[str | Path], playbook: Playbook) -> list[Packet]:
    """Read and validate every file before any is used: one bad file, and none is.

    Each packet's `source` is the path as given; a message starts with it.
    """
    packets = []
    for path in paths:
        try:
            packets.append(replace(read_packet(Path(path), playbook), source=str(path)))
        except PacketError as error:
            raise PacketError(f"{path}: {error}") from None
    return packets


def parse_packet(data: bytes, playbook: Playbook, source: str = "") -> Packet:
    """Validate untrusted bytes into a Packet, or raise PacketError with one message."""
    return _check(check.decode(data), playbook, source)


# The packet as a whole --------------------------------------------------------------


def _check(raw: object, playbook: Playbook, source: str) -> Packet:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise PacketError(f'This is not a packet: it has no "format": "{FORMAT}".')
    version = raw.get("format_version")
    if type(version) is not int or version < 1:
        raise PacketError('"format_version" must be a whole number (1 or more).')
    if version > FORMAT_VERSION:
        raise PacketError(
            f"This packet was made by a newer version (format {version}); "
            f"this app reads format {FORMAT_VERSION}."
        )
    checksum = raw.get("checksum")
    if not isinstance(checksum, str) or not _HEX64.fullmatch(checksum):
        raise PacketError('The packet has no valid "checksum", so it cannot be trusted.')
    try:
        expected = compute_checksum(raw)
    except UnicodeEncodeError:
        raise PacketError("The packet contains text that is not valid Unicode.") from None
    except RecursionError:
        raise PacketError("The file is nested too deeply to be a packet.") from None
    if checksum.lower() != expected:
        raise PacketError(
            "The packet was changed or damaged after it was exported: its checksum does not match."
        )
    top = check.fields(raw, _TOP, "the packet")
    book = check.fields(top["playbook"], _PLAYBOOK, '"playbook"')
    book_id = check.text(book, "id", '"playbook"', check.SHORT_TEXT)
    if book_id != playbook.id:
        raise PacketError(
            f'This packet is for another playbook ("{check.quote(book_id)}"); '
            f'this app has "{playbook.id}".'
        )
    book_version = check.text(book, "version", '"playbook"', check.SHORT_TEXT)
    assessment, district = _assessment(top["assessment"], book_id, book_version)
    participants = _participants(top["participants"])
    known = {p.uid for p in participants}
    return Packet(
        app_version=check.text(top, "app_version", "the packet", check.SHORT_TEXT),
        created_at=check.timestamp(top, "created_at", "the packet"),
        playbook_id=book_id,
        playbook_version=book_version,
        assessment=assessment,
        district=district,
        participants=participants,
        responses=_responses(top["responses"], playbook, known),
        consensus=_consensus(top["consensus"], playbook),
        agenda=_agenda(top["agenda"], playbook),
        checksum=expected,
        source=source,
    )


def _assessment(value: object, book_id: str, book_version: str) -> tuple[Assessment, District]:
    where = '"assessment"'
    a = check.fields(value, _ASSESSMENT, where)
    state = check.text(a, "state", where, check.SHORT_TEXT)
    if state not in STATES:
        check.fail(where, "state", f'"{check.quote(state)}" is not a US state or territory code')
    district = District(name=check.text(a, "organization", where, check.SHORT_TEXT), state=state)
    assessment = Assessment(
        uid=check.uid(a, "uid", where),
        label=check.text(a, "label", where, check.SHORT_TEXT),
        date=check.date(a, "date", where, required=True),
        playbook_id=book_id,
        playbook_version=book_version,
        mode=check.enum(a, "mode", where, Mode, required=True),
    )
    return assessment, district


def _participants(value: object) -> tuple[Participant, ...]:
    result: list[Participant] = []
    seen: set[str] = set()
    for where, item in check.items(value, "participants"):
        p = check.fields(item, _PARTICIPANT, where)
        uid = check.uid(p, "uid", where)
        if uid in seen:
            check.fail(where, "uid", f'participant "{check.quote(uid)}" is listed twice')
        seen.add(uid)
        name = check.text(p, "name", where, check.SHORT_TEXT)
        result.append(
            Participant(uid=uid, name=name, role=check.text(p, "role", where, check.SHORT_TEXT))
        )
    return tuple(result)


def _responses(value: object, playbook: Playbook, known: set[str]) -> tuple[Response, ...]:
    result: list[Response] = []
    seen: set[tuple[str, str]] = set()
    for where, item in check.items(value, "responses"):
        r = check.fields(item, _RESPONSE, where)
        who = check.uid(r, "participant", where)
        if who not in known:
            check.fail(
                where, "participant", f'"{check.quote(who)}" is not listed in "participants"'
            )
        action = check.action(r, where, playbook)
        if (who, action) in seen:
            check.fail(where, "action", "this participant answers this key action twice")
        seen.add((who, action))
        answer = check.enum(r, "answer", where, AnswerKind)
        stage = check.stage(r, where, required=False)
        if (answer is AnswerKind.RATED) != (stage is not None):
            check.fail(where, "stage", 'a stage is given exactly when "answer" is "rated"')
        result.append(
            Response(
                participant=who,
                action=action,
                answer=answer,
                stage=stage,
                reason=check.text(r, "reason", where, REASON_MAX),
                steps_done=check.steps(r, where, playbook, action),
                importance=check.scale(r, "importance", where),
                effort=check.scale(r, "effort", where),
                control=check.enum(r, "control", where, Control),
                confidence=check.enum(r, "confidence", where, Confidence),
                note=check.text(r, "note", where, NOTE_MAX),
                updated_at=check.timestamp(r, "updated_at", where),
            )
        )
    return tuple(result)


def _consensus(value: object, playbook: Playbook) -> tuple[Consensus, ...]:
    result: list[Consensus] = []
    seen: set[str] = set()
    for where, item in check.items(value, "consensus"):
        c = check.fields(item, _CONSENSUS, where)
        action = check.once(check.action(c, where, playbook), seen, where)
        stage = check.stage(c, where, required=True)
        assert stage is not None
        result.append(
            Consensus(
                action=action,
                stage=stage,
                rationale=check.text(c, "rationale", where, RATIONALE_MAX),
                updated_at=check.timestamp(c, "updated_at", where),
            )
        )
    return tuple(result)


def _agenda(value: object, playbook: Playbook) -> tuple[AgendaEntry, ...]:
    result: list[AgendaEntry] = []
    seen: set[str] = set()
    for where, item in check.items(value, "agenda"):
        g = check.fields(item, _AGENDA, where)
        action = check.once(check.action(g, where, playbook), seen, where)
        bucket = check.enum(g, "bucket", where, Bucket)
        result.append(
            AgendaEntry(
                action=action,
                owner=check.text(g, "owner", where, check.SHORT_TEXT),
                target_date=check.date(g, "target_date", where, required=False),
                next_step=check.text(g, "next_step", where, NEXT_STEP_MAX),
                status=check.enum(g, "status", where, Status, required=True),
                bucket=bucket.value if bucket else None,
                bucket_reason=check.text(g, "bucket_reason", where, MOVE_REASON_MAX),
                updated_at=check.timestamp(g, "updated_at", where),
            )
        )
    return tuple(result)
