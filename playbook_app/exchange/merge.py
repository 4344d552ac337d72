"""Merging validated packets into what this computer holds: pure, order-independent, idempotent."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    AssessmentRecord,
    Consensus,
    Mode,
    Response,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange.packet import (
    Packet,
    PacketError,
    agenda_json,
    canonical_bytes,
    consensus_json,
    parse_timestamp,
    response_json,
    timestamp_key,
)
from playbook_app.exchange.people import aliases_of, arrivals, as_person, name_key, same_district

LOCAL = "this computer"
_T = TypeVar("_T", Response, Consensus, AgendaEntry)
_K = TypeVar("_K", tuple[str, str], str)


@dataclass(frozen=True)
class Version:
    """One version of an entity that took part in a merge, and where it came from."""

    source: str  # a packet's file name, or LOCAL
    updated_at: str
    summary: str  # "Developing", "Unsure", "owner Tanisha Brooks"...


@dataclass(frozen=True)
class Change:
    """Something the import adds or alters."""

    kind: str  # "participant", "answer", "consensus", "agenda item", "assessment"
    subject: str  # who and which key action, for people
    detail: str


@dataclass(frozen=True)
class Override:
    """Versions that lost to a newer one (or, at the same instant, to the tie-break)."""

    kind: str
    subject: str
    kept: Version
    dropped: tuple[Version, ...]
    fields: tuple[str, ...]  # the fields in which the dropped versions differ


@dataclass(frozen=True)
class AssessmentMerge:
    """The outcome for one assessment: the record to store and what happened to get it."""

    uid: str
    label: str
    is_new: bool
    record: AssessmentRecord
    new: tuple[Change, ...]
    changed: tuple[Change, ...]
    overridden: tuple[Override, ...]
    notes: tuple[str, ...]

    @property
    def has_changes(self) -> bool:
        return self.is_new or bool(self.new or self.changed)


@dataclass(frozen=True)
class MergePlan:
    assessments: tuple[AssessmentMerge, ...]

    @property
    def has_changes(self) -> bool:
        return any(a.has_changes for a in self.assessments)

    def records_to_write(self) -> list[AssessmentRecord]:
        return [a.record for a in self.assessments if a.has_changes]

    def report_lines(self) -> list[str]:
        """The plan in words, for the command line and the import preview."""
        lines: list[str] = []
        for a in self.assessments:
            district = a.record.district
            head = f"{a.label} ({district.name}, {district.state})"
            if a.is_new:
                lines.append(f"{head}: new assessment")
            else:
                state = "updated" if a.has_changes else "already up to date"
                lines.append(f"{head}: {state}")
            if a.new:
                lines.append(f"  new: {_counts(a.new)}")
                lines += [f"    {c.subject}" for c in a.new if c.kind == "participant"]
            if a.changed:
                lines.append(f"  changed: {_counts(a.changed)}")
                lines += [f"    {c.subject}: {c.detail}" for c in a.changed]
            if a.overridden:
                lines.append(f"  overridden (the newer version wins): {len(a.overridden)}")
                lines += [f"    {_describe(o)}" for o in a.overridden]
            lines += [f"  note: {n}" for n in a.notes]
        return lines


def merge(
    packets: Sequence[Packet],
    existing: Mapping[str, AssessmentRecord],
    playbook: Playbook,
    *,
    present: Collection[str] | None = None,
) -> MergePlan:
    """Merge packets (any order) into the stored records they name (by assessment uid).

    `present`: the uids of every assessment on this computer, so that a follow-up whose
    year before is neither here nor among the packets is imported with a note saying so
    (None: not known, no such note).
    """
    groups: dict[str, list[Packet]] = {}
    for packet in packets:
        groups.setdefault(packet.assessment.uid, []).append(packet)
    owner: dict[str, str] = {}
    for uid, group in sorted(groups.items()):
        for packet in sorted(group, key=lambda p: (p.source, p.checksum)):
            for p in packet.participants:
                if owner.setdefault(p.uid, uid) != uid:
                    raise PacketError(
                        f"{packet.source or 'A packet'}: participant {p.name!r} also appears "
                        "in a packet of another assessment; these packets do not belong together."
                    )
    here = None if present is None else set(present) | set(groups)
    merged = [_merge_one(group, existing.get(uid), playbook, here) for uid, group in groups.items()]
    merged.sort(key=lambda m: (m.label.casefold(), m.uid))
    return MergePlan(tuple(merged))


def _merge_one(
    packets: list[Packet],
    local: AssessmentRecord | None,
    playbook: Playbook,
    present: set[str] | None,
) -> AssessmentMerge:
    # Sorting by content first makes everything below independent of file order.
    packets = sorted(packets, key=lambda p: (timestamp_key(p.created_at), p.checksum, p.source))
    newest = packets[-1]
    notes: list[str] = []
    new: list[Change] = []
    changed: list[Change] = []
    for packet in packets:
        if local is not None and packet.playbook_id != local.assessment.playbook_id:
            raise PacketError(
                f"{packet.source or 'A packet'}: it is for playbook {packet.playbook_id!r}, "
                f"but this assessment was taken against {local.assessment.playbook_id!r}."
            )
        if packet.playbook_version != playbook.version:
            notes.append(
                f"{packet.source or 'a packet'} was made with playbook version "
                f"{packet.playbook_version} (this app has {playbook.version}); every key action "
                "it answers is in this version"
            )
    same_district(packets, local)
    if local is None:
        assessment, district = newest.assessment, newest.district
        head = {(p.assessment, p.district) for p in packets}
        if len(head) > 1:
            notes.append(
                f"the packets describe the assessment differently; the newest "
                f"({newest.source or newest.created_at}) was used"
            )
        participants = []
    else:
        assessment, district = local.assessment, local.district
        participants = list(local.participants)
        for packet in packets:
            theirs = (packet.assessment.label, packet.assessment.date)
            if theirs != (assessment.label, assessment.date):
                notes.append(
                    f"{packet.source or 'a packet'} describes the assessment differently "
                    "(label or date); this computer's description is kept"
                )

    aliases = aliases_of(packets, participants)
    newcomers = arrivals(packets, participants, notes, aliases)
    for p in newcomers:
        participants.append(p)
        new.append(Change("participant", f"{p.name} ({p.role})" if p.role else p.name, ""))
    if newcomers:
        # Who arrived first must not matter: with newcomers, the roster is in a fixed
        # order of names, so every output lists people the same whatever the order.
        participants.sort(key=lambda p: (name_key(p.name), p.name, p.uid))
    names = {p.uid: p.name for p in participants}

    mode = assessment.mode
    if any(p.assessment.mode is Mode.TEAM for p in packets) or len(participants) > 1:
        mode = Mode.TEAM
    if local is not None and mode is not local.assessment.mode:
        changed.append(
            Change("assessment", "mode", f"{mode.value} (was {local.assessment.mode.value})")
        )
    follows = _follows(packets, local, changed, notes, present)
    record = AssessmentRecord(
        assessment._replace(mode=mode, follows=follows), district, participants
    )

    positions = {p.uid: n for n, p in enumerate(participants)}
    merger = _Merger(new, changed)
    record.responses = merger.entities(
        local.responses if local else {},
        [
            ((aliases.get(r.participant, r.participant), r.action), as_person(r, aliases), p.source)
            for p in packets
            for r in p.responses
        ],
        _Kind(
            "answer",
            response_json,
            _response_summary,
            lambda key: f"{names.get(key[0], key[0])}, {_action_name(playbook, key[1])}",
            lambda key: (positions.get(key[0], -1), _position(playbook, key[1]), key),
        ),
    )
    record.consensus = merger.entities(
        local.consensus if local else {},
        [(c.action, c, p.source) for p in packets if p.whole for c in p.consensus],
        _Kind(
            "consensus",
            consensus_json,
            lambda c: c.stage.label,
            lambda key: _action_name(playbook, key),
            lambda key: (_position(playbook, key), key),
        ),
    )
    record.agenda = merger.entities(
        local.agenda if local else {},
        [(g.action, g, p.source) for p in packets if p.whole for g in p.agenda],
        _Kind(
            "agenda item",
            agenda_json,
            _agenda_summary,
            lambda key: _action_name(playbook, key),
            lambda key: (_position(playbook, key), key),
        ),
    )
    return AssessmentMerge(
        uid=assessment.uid,
        label=assessment.label,
        is_new=local is None,
        record=record,
        new=tuple(new),
        changed=tuple(changed),
        overridden=tuple(merger.overridden),
        notes=tuple(dict.fromkeys(notes)),
    )


def _follows(
    packets: list[Packet],
    local: AssessmentRecord | None,
    changed: list[Change],
    notes: list[str],
    present: set[str] | None,
) -> str | None:
    """The assessment this one follows: a link, once made, is kept; else the newest packet's."""
    links = [p.assessment.follows for p in packets if p.assessment.follows is not None]
    mine = local.assessment.follows if local is not None else None
    follows = mine if mine is not None else (links[-1] if links else None)
    if any(link != follows for link in links):
        notes.append(
            "the packets name different assessments that this one follows; "
            + (
                "this computer's link is kept"
                if mine is not None
                else "the newest packet's is used"
            )
        )
    if local is not None and mine is None and follows is not None:
        changed.append(Change("assessment", "follows", "now linked to the assessment it follows"))
    if follows is not None and present is not None and follows not in present:
        notes.append(
            "it follows an assessment that is not on this computer; it is imported all the "
            "same, and what moved since then shows once that one's packet is imported too"
        )
    return follows


@dataclass(frozen=True)
class _Kind(Generic[_K, _T]):
    """How one kind of entity is named, compared and listed."""

    name: str
    as_json: Callable[[_T], dict[str, Any]]
    summary: Callable[[_T], str]
    subject: Callable[[_K], str]
    order: Callable[[_K], Any]


class _Merger:
    def __init__(self, new: list[Change], changed: list[Change]) -> None:
        self.new = new
        self.changed = changed
        self.overridden: list[Override] = []

    def entities(
        self,
        local: Mapping[_K, _T],
        incoming: Iterable[tuple[_K, _T, str]],
        kind: _Kind[_K, _T],
    ) -> dict[_K, _T]:
        """Per key, the newest version wins; at the same instant, see `tie_break`."""
        candidates: dict[_K, dict[_T, set[str]]] = {}
        for key, value, source in incoming:
            candidates.setdefault(key, {}).setdefault(value, set()).add(source or "a packet")
        result = dict(local)
        for key in sorted(candidates, key=kind.order):
            versions = candidates[key]
            old = local.get(key)
            if old is not None:
                versions.setdefault(old, set()).add(LOCAL)
                if len(versions) == 1:
                    continue  # the very same version came back
            # Canonical JSON only where there is a choice to make: it is the costly part.
            ordered = sorted(
                versions.items(),
                key=lambda item: (
                    timestamp_key(item[0].updated_at),
                    tie_break(kind.as_json(item[0])) if len(versions) > 1 else (0, b""),
                ),
            )
            winner, _ = ordered[-1]
            result[key] = winner
            subject = kind.subject(key)
            if old is None:
                self.new.append(Change(kind.name, subject, kind.summary(winner)))
            elif old != winner:
                was, now = kind.summary(old), kind.summary(winner)
                detail = f"{now} (was {was})" if now != was else f"{now} (details updated)"
                self.changed.append(Change(kind.name, subject, detail))
            if len(ordered) > 1:
                self._overrides(kind, subject, ordered)
        return result

    def _overrides(
        self, kind: _Kind[_K, _T], subject: str, ordered: list[tuple[_T, set[str]]]
    ) -> None:
        """Report the versions that lost, unless they only differ in when they were saved."""
        winner, sources = ordered[-1]
        kept = _content(kind.as_json(winner))
        dropped: list[Version] = []
        differing: set[str] = set()
        for value, where in ordered[:-1]:
            other = _content(kind.as_json(value))
            if other == kept:
                continue
            differing |= {f for f in kept if kept[f] != other[f]}
            dropped.append(Version(_sources(where), value.updated_at, kind.summary(value)))
        if dropped:
            self.overridden.append(
                Override(
                    kind.name,
                    subject,
                    Version(_sources(sources), winner.updated_at, kind.summary(winner)),
                    tuple(dropped),
                    tuple(sorted(differing)),
                )
            )


def tie_break(data: dict[str, Any]) -> tuple[int, bytes]:
    """Between versions saved at the same instant: the one with more filled in wins (an
    answer over none, a note over an empty one); if still equal, the one whose content,
    written out canonically (the instant's spelling too), sorts last. Only the contents
    decide, so every computer, and every order of import, picks the same."""
    filled = sum(1 for v in _content(data).values() if v not in (None, "", []))
    return filled, canonical_bytes(data)


def _action_name(playbook: Playbook, action: str) -> str:
    if not playbook.has_action(action):
        return action
    key_action = playbook.action(action)
    return f"{key_action.number} {key_action.title}"


def _position(playbook: Playbook, action: str) -> int:
    return playbook.position(action) if playbook.has_action(action) else len(playbook.action_ids)


def _content(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "updated_at"}


def _sources(names: set[str]) -> str:
    ordered = sorted(names, key=lambda n: (n != LOCAL, n))
    return ", ".join(ordered)


def _response_summary(r: Response) -> str:
    if r.answer is AnswerKind.RATED and r.stage is not None:
        return r.stage.label
    if r.answer is None:
        return "not answered yet"
    return "Unsure" if r.answer is AnswerKind.UNSURE else "Not applicable"


def _agenda_summary(g: AgendaEntry) -> str:
    parts = [g.status.label]
    if g.owner:
        parts.append(f"owner {g.owner}")
    if g.target_date:
        parts.append(f"by {g.target_date}")
    return ", ".join(parts)


def _counts(changes: tuple[Change, ...]) -> str:
    tally: dict[str, int] = {}
    for c in changes:
        tally[c.kind] = tally.get(c.kind, 0) + 1
    plural = {"consensus": "consensus records", "answer": "answers"}
    return ", ".join(f"{n} {c if n == 1 else plural.get(c, c + 's')}" for c, n in tally.items())


# Field names as the person importing knows them from the screens.
FIELD_WORDS = {
    "answer": "answer",
    "stage": "stage",
    "reason": "not-applicable reason",
    "steps_done": "how-steps",
    "importance": "importance",
    "effort": "effort",
    "control": "who controls it",
    "confidence": "confidence",
    "note": "note",
    "rationale": "why agreed",
    "owner": "owner",
    "target_date": "target date",
    "next_step": "next step",
    "status": "status",
    "bucket": "section",
    "bucket_reason": "reason for the move",
}


def readable_time(stamp: str) -> str:
    """An `updated_at` as people read it: this computer's local time, to the minute."""
    moment = parse_timestamp(stamp)
    if moment is None:
        return stamp
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def _describe(o: Override) -> str:
    dropped = "; ".join(
        f"{v.summary} from {v.source} ({readable_time(v.updated_at)})" for v in o.dropped
    )
    words = ", ".join(FIELD_WORDS.get(f, f.replace("_", " ")) for f in o.fields)
    fields = f" [differs in {words}]" if o.fields else ""
    return (
        f"{o.subject}: kept {o.kept.summary} from {o.kept.source} "
        f"({readable_time(o.kept.updated_at)}) over {dropped}{fields}"
    )
