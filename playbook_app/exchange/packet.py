"""Building and serializing `.playbook.json` packets (DESIGN.md section 6, followed exactly)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from playbook_app import __version__
from playbook_app.domain.agenda import Bucket
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    AssessmentRecord,
    Consensus,
    District,
    Participant,
    Response,
)
from playbook_app.domain.playbook import Playbook

FORMAT = "playbook-packet"
# Format 2 added "scope" (whose answers a packet carries) and a participant's optional
# "same_as"; format 3 adds the assessment's "follows" (the uid of last year's assessment).
# A packet is written in the oldest format that carries it all: only a follow-up's packet
# needs format 3, so the other packets still open in an app that reads format 2. Formats 1
# and 2 are still read.
FORMAT_VERSION = 3
FOLLOWS_VERSION = 3
PLAIN_VERSION = 2
SCOPE_ASSESSMENT = "assessment"  # the whole assessment: the facilitator's copy
SCOPE_PARTICIPANT = "participant"  # one person's answers, nothing of the team's
SUFFIX = ".playbook.json"

TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_OLDEST = datetime.min.replace(tzinfo=UTC)
_Stampable = TypeVar("_Stampable", Consensus, AgendaEntry)


class PacketError(Exception):
    """A packet that cannot be read or merged, worded for the person importing it."""


@dataclass(frozen=True)
class Packet:
    """A validated packet as domain objects; `source` names where it came from, for reports."""

    app_version: str
    created_at: str
    playbook_id: str
    playbook_version: str
    assessment: Assessment
    district: District  # only the name and the state travel
    participants: tuple[Participant, ...]
    responses: tuple[Response, ...]
    consensus: tuple[Consensus, ...]
    agenda: tuple[AgendaEntry, ...]
    checksum: str
    source: str = ""
    whole: bool = True  # the whole assessment's packet, not one person's
    aliases: tuple[tuple[str, str], ...] = ()  # (uid, same_as uid): one person, two ids


def utc_timestamp(moment: datetime | None = None) -> str:
    """A packet's `created_at`: whole seconds, UTC, with a Z, as the format shows."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime | None:
    """An ISO 8601 instant with its offset, or None when `text` is not one."""
    if not TIMESTAMP.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text).astimezone(UTC)
    except (ValueError, OverflowError):  # year 1 with a + offset falls before datetime.min
        return None


def timestamp_key(text: str) -> datetime:
    """Sort key for `updated_at`: real instants compared as instants (".5Z" vs "Z" as text
    would sort wrongly); anything unreadable counts as older than everything."""
    return parse_timestamp(text) or _OLDEST


# Entities in their packet form ------------------------------------------------------
# These are also the canonical values the merge compares, so a tie between two
# versions stamped with the same instant is broken the same way on every machine.


def participant_json(p: Participant) -> dict[str, Any]:
    return {"uid": p.uid, "name": p.name, "role": p.role}


def response_json(r: Response) -> dict[str, Any]:
    rated = r.answer is AnswerKind.RATED and r.stage is not None
    return {
        "participant": r.participant,
        "action": r.action,
        "answer": r.answer.value if r.answer else None,
        "stage": r.stage.key if rated and r.stage is not None else None,
        "reason": r.reason,
        "steps_done": sorted(r.steps_done),
        "importance": r.importance,
        "effort": r.effort,
        "control": r.control.value if r.control else None,
        "confidence": r.confidence.value if r.confidence else None,
        "note": r.note,
        "updated_at": r.updated_at,
    }


def consensus_json(c: Consensus) -> dict[str, Any]:
    return {
        "action": c.action,
        "stage": c.stage.key,
        "rationale": c.rationale,
        "updated_at": c.updated_at,
    }


def agenda_json(g: AgendaEntry) -> dict[str, Any]:
    # A stored move that names no bucket the app knows is treated as none by
    # the agenda, so it travels as none rather than failing the read-back.
    bucket = Bucket.parse(g.bucket)
    return {
        "action": g.action,
        "owner": g.owner,
        "target_date": g.target_date or None,
        "next_step": g.next_step,
        "status": g.status.value,
        "bucket": bucket.value if bucket else None,
        "bucket_reason": g.bucket_reason,
        "updated_at": g.updated_at,
    }


def canonical_bytes(value: object) -> bytes:
    """The serialization the checksum is defined over (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def compute_checksum(packet: dict[str, Any]) -> str:
    """SHA-256 hex of the packet without its `checksum` key, canonically serialized."""
    body = {k: v for k, v in packet.items() if k != "checksum"}
    return hashlib.sha256(canonical_bytes(body)).hexdigest()


def build_packet(
    record: AssessmentRecord,
    *,
    participant: str | None = None,
    created_at: str | None = None,
    app_version: str = __version__,
) -> dict[str, Any]:
    """The packet of a whole assessment, or of one participant's answers (by uid).

    One participant's packet carries their answers only: the team's consensus
    and agenda stay with the facilitator's copy, so a member's packet can never
    overwrite them.
    """
    people = record.participants
    responses: Iterable[Response] = record.responses.values()
    if participant is not None:
        people = [p for p in people if p.uid == participant]
        if not people:
            raise ValueError(f"no participant with uid {participant}")
        responses = (r for r in responses if r.participant == participant)
    stamp = created_at or utc_timestamp()
    order = {p.uid: n for n, p in enumerate(people)}
    # Timestamps are required by the format; an answer never saved has none yet.
    rows = sorted(
        (r if r.updated_at else r.with_changes(updated_at=stamp) for r in responses),
        key=lambda r: (order.get(r.participant, len(order)), r.action),
    )
    whole = participant is None
    a = record.assessment
    packet: dict[str, Any] = {
        "format": FORMAT,
        "format_version": PLAIN_VERSION if a.follows is None else FOLLOWS_VERSION,
        "app_version": app_version,
        "created_at": stamp,
        "playbook": {"id": a.playbook_id, "version": a.playbook_version},
        "scope": SCOPE_ASSESSMENT if whole else SCOPE_PARTICIPANT,
        "assessment": {
            "uid": a.uid,
            "label": a.label,
            "organization": record.district.name,
            "state": record.district.state,
            "date": a.date,
            "mode": a.mode.value,
        }
        | ({} if a.follows is None else {"follows": a.follows}),
        "participants": [participant_json(p) for p in people],
        "responses": [response_json(r) for r in rows if r.participant in order],
        "consensus": [
            consensus_json(c if c.updated_at else _stamped(c, stamp))
            for _, c in sorted(record.consensus.items())
        ]
        if whole
        else [],
        "agenda": [
            agenda_json(g if g.updated_at else _stamped(g, stamp))
            for _, g in sorted(record.agenda.items())
        ]
        if whole
        else [],
    }
    packet["checksum"] = compute_checksum(packet)
    return packet


def _stamped(entity: _Stampable, stamp: str) -> _Stampable:
    return entity._replace(updated_at=stamp)


def restrict_to(record: AssessmentRecord, playbook: Playbook) -> tuple[AssessmentRecord, int]:
    """The record without answers to key actions or steps the playbook no longer has.

    Ids are stable, but a content update may still retire one; an export must not
    fail because of it. Returns the record and how many entries were left out.
    """
    known = set(playbook.action_ids)
    steps = {a.id: frozenset(a.step_ids) for a in playbook.key_actions}
    responses = {
        k: r
        if r.steps_done <= steps[r.action]
        else r.with_changes(steps_done=r.steps_done & steps[r.action])
        for k, r in record.responses.items()
        if r.action in known
    }
    kept = AssessmentRecord(
        record.assessment,
        record.district,
        list(record.participants),
        responses,
        {a: c for a, c in record.consensus.items() if a in known},
        {a: g for a, g in record.agenda.items() if a in known},
    )
    left_out = sum(len(x) for x in (record.responses, record.consensus, record.agenda)) - sum(
        len(x) for x in (kept.responses, kept.consensus, kept.agenda)
    )
    return kept, left_out


def serialize(packet: dict[str, Any]) -> bytes:
    """The file's bytes: readable (indented, in the format's key order), UTF-8, final newline."""
    return (json.dumps(packet, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode(
        "utf-8"
    )
