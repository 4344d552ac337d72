"""Reading untrusted packet bytes: every check of DESIGN.md section 6, one clear message each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    SCOPE_ASSESSMENT,
    SCOPE_PARTICIPANT,
    Packet,
    PacketError,
    compute_checksum,
)

_TOP = ("format", "format_version", "app_version", "created_at", "playbook", "assessment",
        "participants", "responses", "consensus", "agenda", "checksum")  # fmt: skip
_TOP_2 = (*_TOP, "scope")  # format 2 says whose answers it carries
_PLAYBOOK = ("id", "version")
_ASSESSMENT = ("uid", "label", "organization", "state", "date", "mode")
_FOLLOWS = "follows"  # format 3: the uid of the assessment this one follows
_PARTICIPANT = ("uid", "name", "role")
_SAME_AS = "same_as"  # format 2, whole-assessment packets only: "this is that person"
_RESPONSE = ("participant", "action", "answer", "stage", "reason", "steps_done", "importance",
             "effort", "control", "confidence", "note", "updated_at")  # fmt: skip
_CONSENSUS = ("action", "stage", "rationale", "updated_at")
_AGENDA = ("action", "owner", "target_date", "next_step", "status", "bucket", "bucket_reason",
           "updated_at")  # fmt: skip
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


def read_packet(
    path: Path, playbook: Playbook, *, now: datetime | None = None, own: bool = False
) -> Packet:
    """Read and validate one packet file; never reads more than the size cap allows.

    `own`: this computer's export read back, whose stamps are this computer's own;
    the clock window (see parse_packet) is not applied to them.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(check.MAX_BYTES + 1)
    except FileNotFoundError:
        raise PacketError("The file does not exist.") from None
    except IsADirectoryError:
        raise PacketError("This is a folder, not a packet file.") from None
    except OSError as error:
        raise PacketError(f"The file cannot be read: {error.strerror or error}.") from None
    return parse_packet(data, playbook, source=path.name, now=now, own=own)


class PacketErrors(PacketError):
    """Files refused together: `problems` holds one line per bad file ("path: reason")."""

    def __init__(self, problems: Sequence[str], total: int) -> None:
        self.problems = tuple(problems)
        self.total = total
        if len(problems) == 1:
            super().__init__(problems[0])
        else:
            super().__init__("\n".join([self.headline, *problems]))

    @property
    def headline(self) -> str:
        return f"{len(self.problems)} of the {self.total} files cannot be imported:"


def read_packets(
    paths: Sequence[str | Path], playbook: Playbook, *, now: datetime | None = None
) -> list[Packet]:
    """Read and validate every file before any is used: one bad file, and none is.

    Every file is read, so every bad one is reported at once (PacketErrors, one
    line each, starting with the path as given); each packet's `source` is that path.
    """
    moment = now or datetime.now(UTC)
    packets, problems = [], []
    for path in paths:
        try:
            packets.append(replace(read_packet(Path(path), playbook, now=moment), source=str(path)))
        except PacketError as error:
            problems.append(f"{path}: {error}")
    if problems:
        raise PacketErrors(problems, len(paths))
    return packets


def parse_packet(
    data: bytes,
    playbook: Playbook,
    source: str = "",
    *,
    now: datetime | None = None,
    own: bool = False,
) -> Packet:
    """Validate untrusted bytes into a Packet, or raise PacketError with one message.

    `now` is this computer's clock (default: the time now), for refusing stamps from a
    laptop whose clock is wrong; `own` skips that window (see read_packet).
    """
    return _check(check.decode(data), playbook, source, None if own else now or datetime.now(UTC))


# The packet as a whole --------------------------------------------------------------


def _check(raw: object, playbook: Playbook, source: str, now: datetime | None) -> Packet:
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
    top = check.fields(raw, _TOP if version == 1 else _TOP_2, "the packet")
    book = check.fields(top["playbook"], _PLAYBOOK, '"playbook"')
    book_id = check.text(book, "id", '"playbook"', check.SHORT_TEXT)
    if book_id != playbook.id:
        raise PacketError(
            f'This packet is for another playbook ("{check.quote(book_id)}"); '
            f'this app has "{playbook.id}".'
        )
    book_version = check.text(book, "version", '"playbook"', check.SHORT_TEXT)
    if book_version != playbook.version:
        _all_answered_exist(top, playbook, book_version)
    assessment, district = _assessment(top["assessment"], book_id, book_version, version)
    participants, aliases = _participants(top["participants"], version)
    known = {p.uid for p in participants}
    whole = _is_whole(top, version, assessment, participants)
    if not whole:
        _one_persons(top, participants, aliases)
    packet = Packet(
        app_version=check.text(top, "app_version", "the packet", check.SHORT_TEXT),
        created_at=check.timestamp(top, "created_at", "the packet", now),
        playbook_id=book_id,
        playbook_version=book_version,
        assessment=assessment,
        district=district,
        participants=participants,
        responses=_responses(top["responses"], playbook, known, now),
        consensus=_consensus(top["consensus"], playbook, now),
        agenda=_agenda(top["agenda"], playbook, now),
        checksum=expected,
        source=source,
        whole=whole,
        aliases=aliases,
    )
    return packet


def _is_whole(
    top: dict[str, Any], version: int, assessment: Assessment, people: tuple[Participant, ...]
) -> bool:
    """Whether the packet is a whole assessment's (the facilitator's) or one person's.

    Format 2 says so in "scope". Format 1 did not: there a team packet naming one
    person is that person's, as the app only ever wrote such packets for one person.
    """
    if version == 1:
        return assessment.mode is Mode.SOLO or len(people) != 1
    scope = top["scope"]
    if scope not in (SCOPE_ASSESSMENT, SCOPE_PARTICIPANT):
        shown = f'"{check.quote(scope)}"' if isinstance(scope, str) else check.kind_of(scope)
        check.fail(
            "the packet", "scope", f"{shown} is not one of {SCOPE_ASSESSMENT}, {SCOPE_PARTICIPANT}"
        )
    return bool(scope == SCOPE_ASSESSMENT)


def _one_persons(
    top: dict[str, Any], people: tuple[Participant, ...], aliases: tuple[tuple[str, str], ...]
) -> None:
    """One person's packet carries that person's answers and nothing of the team's."""
    if len(people) != 1:
        raise PacketError(
            f"This packet says it holds one person's answers but lists {len(people)} people."
        )
    (person,) = people
    team = [n for n in ("consensus", "agenda") if isinstance(top[n], list) and top[n]]
    if team:
        raise PacketError(
            f"This is {check.quote(person.name)}'s own packet, but it also carries the team's "
            f"{' and '.join('agreed stages' if n == 'consensus' else 'agenda' for n in team)}. "
            "Those come only from the whole assessment's packet (the facilitator's), "
            "so this packet is refused."
        )
    if aliases:
        raise PacketError(
            "Only the whole assessment's packet may say that two entries are the same person."
        )


def _all_answered_exist(top: dict[str, Any], playbook: Playbook, theirs: str) -> None:
    """A packet of another playbook version is taken only if this version has everything
    it answers: every key action and every how-step."""
    missing: list[str] = []
    for name in ("responses", "consensus", "agenda"):
        items = top[name] if isinstance(top[name], list) else []
        for item in items:
            action = item.get("action") if isinstance(item, dict) else None
            if not isinstance(action, str):
                continue
            if not playbook.has_action(action):
                missing.append(f'key action "{check.quote(action)}"')
                continue
            steps = item.get("steps_done") if name == "responses" else None
            known = set(playbook.action(action).step_ids)
            for step in steps if isinstance(steps, list) else []:
                if isinstance(step, str) and step not in known:
                    missing.append(f'how-step "{check.quote(step)}" of key action "{action}"')
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise PacketError(
            f'This packet was made with version "{check.quote(theirs)}" of the playbook; this '
            f'app has version "{playbook.version}", which has no {missing[0]}{more}. '
            "Nothing of it can be imported here without losing answers."
        )


def _assessment(
    value: object, book_id: str, book_version: str, version: int
) -> tuple[Assessment, District]:
    where = '"assessment"'
    a = check.fields(value, _ASSESSMENT if version < 3 else (*_ASSESSMENT, _FOLLOWS), where)
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
        follows=check.uid(a, _FOLLOWS, where) if version >= 3 else None,
    )
    if assessment.follows == assessment.uid:
        check.fail(where, _FOLLOWS, "names the assessment itself")
    return assessment, district


def _participants(
    value: object, version: int
) -> tuple[tuple[Participant, ...], tuple[tuple[str, str], ...]]:
    """The participants, and the (uid, same_as uid) pairs that say two ids are one person."""
    result: list[Participant] = []
    aliases: list[tuple[str, str]] = []
    seen: set[str] = set()
    for where, item in check.items(value, "participants"):
        optional = isinstance(item, dict) and version >= 2 and _SAME_AS in item
        p = check.fields(item, (*_PARTICIPANT, _SAME_AS) if optional else _PARTICIPANT, where)
        uid = check.uid(p, "uid", where)
        if uid in seen:
            check.fail(where, "uid", f'participant "{check.quote(uid)}" is listed twice')
        seen.add(uid)
        name = check.text(p, "name", where, check.SHORT_TEXT)
        if optional:
            same = check.uid(p, _SAME_AS, where)
            if same == uid:
                check.fail(where, _SAME_AS, "names the participant's own id")
            aliases.append((uid, same))
        result.append(
            Participant(uid=uid, name=name, role=check.text(p, "role", where, check.SHORT_TEXT))
        )
    return tuple(result), tuple(sorted(aliases))


def _responses(
    value: object, playbook: Playbook, known: set[str], now: datetime | None
) -> tuple[Response, ...]:
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
                updated_at=check.timestamp(r, "updated_at", where, now),
            )
        )
    return tuple(result)


def _consensus(value: object, playbook: Playbook, now: datetime | None) -> tuple[Consensus, ...]:
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
                updated_at=check.timestamp(c, "updated_at", where, now),
            )
        )
    return tuple(result)


def _agenda(value: object, playbook: Playbook, now: datetime | None) -> tuple[AgendaEntry, ...]:
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
                updated_at=check.timestamp(g, "updated_at", where, now),
            )
        )
    return tuple(result)
