"""Who and whose a packet may bring: one district per assessment, one entry per person."""

from __future__ import annotations

from collections.abc import Mapping

from playbook_app.domain.assessment import AssessmentRecord, District, Participant, Response
from playbook_app.exchange.packet import Packet, PacketError


def name_key(name: str) -> str:
    """A name as people mean it: case and spacing do not make another person."""
    return " ".join(name.split()).casefold()


def same_district(packets: list[Packet], local: AssessmentRecord | None) -> None:
    """An assessment belongs to one district: a packet that names another is refused."""

    def key(d: District) -> tuple[str, str]:
        return name_key(d.name), d.state

    if local is not None:
        for packet in packets:
            if key(packet.district) != key(local.district):
                raise PacketError(
                    f"{packet.source or 'A packet'}: it is for assessment "
                    f'"{packet.assessment.label}" of {_district(packet.district)}, but on this '
                    f"computer that assessment belongs to {_district(local.district)}. "
                    "An assessment cannot move to another district, so nothing was imported."
                )
        return
    found = sorted({key(p.district): p for p in packets}.values(), key=lambda p: key(p.district))
    if len(found) > 1:
        first, second = found[0], found[1]
        raise PacketError(
            f"{first.source or 'A packet'} and {second.source or 'another packet'} are for the "
            f"same assessment but name different districts ({_district(first.district)} and "
            f"{_district(second.district)}), so nothing was imported."
        )


def _district(d: District) -> str:
    return f'"{d.name}" ({d.state})'


def aliases_of(packets: list[Packet], participants: list[Participant]) -> dict[str, str]:
    """uid -> uid of the same person, as the whole-assessment packets say (validation keeps
    "same_as" out of one person's packets)."""
    known = {p.uid for p in participants} | {
        p.uid for packet in packets for p in packet.participants
    }
    result: dict[str, str] = {}
    for packet in packets:
        for uid, same in packet.aliases:
            if result.setdefault(uid, same) != same:
                raise PacketError(
                    f"{packet.source or 'A packet'}: it says participant {uid!r} is the same "
                    f"person as {same!r}, but another packet says {result[uid]!r}."
                )
            if same not in known:
                raise PacketError(
                    f"{packet.source or 'A packet'}: it says a participant is the same person "
                    f"as {same!r}, but no participant has that id."
                )
    for uid, same in result.items():
        if same in result:
            raise PacketError(f"Participant {same!r} is itself named as the same as another.")
        if uid in {p.uid for p in participants}:
            raise PacketError(
                f"Participant {uid!r} is already on this computer in their own right, "
                "so a packet cannot make them the same person as someone else."
            )
    return result


def as_person(r: Response, aliases: Mapping[str, str]) -> Response:
    return r if r.participant not in aliases else r._replace(participant=aliases[r.participant])


def arrivals(
    packets: list[Packet],
    participants: list[Participant],
    notes: list[str],
    aliases: Mapping[str, str],
) -> list[Participant]:
    """Participants new to this computer. A name already on this computer stands.

    When packets name a newcomer differently, the last packet in the sorted order
    (newest) decides. A newcomer whose name is already taken (case and spacing
    ignored) would count one person twice: refused, unless a whole-assessment
    packet says it is the same person (then it is not a newcomer at all).
    """
    known = {p.uid: p for p in participants}
    arriving: dict[str, tuple[Participant, str]] = {}
    for packet in packets:
        for p in packet.participants:
            if p.uid in aliases:
                continue
            if p.uid in known:
                if p != known[p.uid]:
                    notes.append(
                        f"{packet.source or 'a packet'} names participant {known[p.uid].name!r} "
                        f"as {p.name!r} ({p.role}); the name on this computer is kept"
                    )
                continue
            arriving[p.uid] = (p, packet.source or "a packet")
    taken = {name_key(p.name): p for p in participants}
    for uid in sorted(arriving, key=lambda u: (name_key(arriving[u][0].name), u)):
        person, source = arriving[uid]
        twin = taken.setdefault(name_key(person.name), person)
        if twin is not person:
            raise PacketError(
                f"{source}: it adds {person.name!r} under a new id, but {twin.name!r} is already "
                "a participant of this assessment, so the same person would be counted twice. "
                "Nothing was imported. If it is the same person, import the facilitator's "
                "whole-assessment packet that says so; if it is someone else, give one of them "
                "a distinguishing name (a middle initial) and export again."
            )
    return [p for p, _ in arriving.values()]
