"""Hypothesis properties of packets: merge laws, no answer dropped, a parser that never breaks."""

from __future__ import annotations

import argparse
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_packets import dump, seeded

from playbook_app.commands import CommandError
from playbook_app.commands.agenda import agenda
from playbook_app.commands.packets import import_packets
from playbook_app.content import load_default
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    AssessmentRecord,
    Confidence,
    Consensus,
    District,
    Mode,
    Participant,
    Response,
    Stage,
    Status,
)
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Control, Playbook
from playbook_app.exchange import (
    MergePlan,
    Packet,
    PacketError,
    build_packet,
    compute_checksum,
    merge,
    parse_packet,
    serialize,
)
from playbook_app.exchange.merge import tie_break
from playbook_app.exchange.packet import (
    agenda_json,
    consensus_json,
    response_json,
    timestamp_key,
)
from playbook_app.storage import Store
from playbook_app.storage.importing import load_by_uid

PLAYBOOK = load_default()
ACTIONS = PLAYBOOK.action_ids[:4]
PEOPLE = (
    Participant("p-1", "Dr. Maria Alvarez", "Superintendent"),
    Participant("p-2", "Nguyễn Thị Hương", "Assistant Superintendent"),
    Participant("p-3", "James O'Connell", "Chief Financial Officer"),
)
# Few distinct instants, several spellings of each: ties and mixed formats are the point.
STAMPS = (
    "2026-11-22T18:00:00Z",
    "2026-11-22T18:00:00.000000Z",
    "2026-11-22T19:00:00+01:00",
    "2026-11-22T18:00:01Z",
    "2026-11-22T18:00:00.5Z",
    "2026-11-23T08:30:00Z",
)
FAST = settings(max_examples=100, deadline=None)

stamps = st.sampled_from(STAMPS)
short_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12)


@st.composite
def responses(draw: st.DrawFn, who: str, action: str) -> Response:
    answer = draw(st.sampled_from([None, *AnswerKind]))
    steps = PLAYBOOK.action(action).step_ids
    return Response(
        participant=who,
        action=action,
        answer=answer,
        stage=draw(st.sampled_from(Stage)) if answer is AnswerKind.RATED else None,
        reason=draw(short_text),
        steps_done=frozenset(draw(st.lists(st.sampled_from(steps), max_size=3))),
        importance=draw(st.sampled_from([None, 1, 2, 3])),
        effort=draw(st.sampled_from([None, 1, 2, 3])),
        control=draw(st.sampled_from([None, *Control])),
        confidence=draw(st.sampled_from([None, *Confidence])),
        note=draw(short_text),
        updated_at=draw(stamps),
    )


@st.composite
def packets(draw: st.DrawFn) -> Packet:
    """A valid packet of the one shared assessment, from some of its participants."""
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from([p.uid for p in people]), st.sampled_from(ACTIONS)),
            unique=True,
            max_size=6,
        )
    )
    record = AssessmentRecord(
        Assessment("shared", "Retreat", "2026-11-22", PLAYBOOK.id, PLAYBOOK.version, Mode.TEAM),
        District("Cedar Valley USD", "KY"),
        people,
    )
    record.responses = {k: draw(responses(*k)) for k in keys}
    for action in draw(st.lists(st.sampled_from(ACTIONS), unique=True, max_size=2)):
        record.consensus[action] = Consensus(
            action, draw(st.sampled_from(Stage)), draw(short_text), draw(stamps)
        )
    for action in draw(st.lists(st.sampled_from(ACTIONS), unique=True, max_size=2)):
        record.agenda[action] = AgendaEntry(
            action,
            owner=draw(short_text),
            status=draw(st.sampled_from(Status)),
            updated_at=draw(stamps),
        )
    data = build_packet(record, created_at=draw(stamps))
    # Through the bytes and the validator, as an imported packet would come.
    return parse_packet(serialize(data), PLAYBOOK, source=f"{draw(st.integers(0, 9))}.json")


def only(plan: MergePlan) -> AssessmentRecord:
    (result,) = plan.assessments
    return result.record


@FAST
@given(st.lists(packets(), min_size=1, max_size=4), st.randoms())
def test_merge_is_order_independent(batch: list[Packet], rng: Any) -> None:
    shuffled = list(batch)
    rng.shuffle(shuffled)
    first, second = merge(batch, {}, PLAYBOOK), merge(shuffled, {}, PLAYBOOK)
    assert only(first) == only(second)
    assert first.report_lines() == second.report_lines()


@FAST
@given(st.lists(packets(), min_size=1, max_size=4))
def test_merge_is_idempotent(batch: list[Packet]) -> None:
    once = only(merge(batch, {}, PLAYBOOK))
    again = merge(batch, {"shared": once}, PLAYBOOK)
    assert not again.has_changes
    assert only(again) == once
    assert only(merge(batch + batch, {}, PLAYBOOK)) == once


@FAST
@given(st.lists(packets(), min_size=2, max_size=4))
def test_merging_one_by_one_equals_merging_at_once(batch: list[Packet]) -> None:
    at_once = only(merge(batch, {}, PLAYBOOK))
    record = only(merge(batch[:1], {}, PLAYBOOK))
    for packet in batch[1:]:
        record = only(merge([packet], {"shared": record}, PLAYBOOK))
    assert (record.responses, record.consensus, record.agenda) == (
        at_once.responses,
        at_once.consensus,
        at_once.agenda,
    )
    assert {p.uid for p in record.participants} == {p.uid for p in at_once.participants}


def _newest(values: list[Any], as_json: Any) -> Any:
    return max(values, key=lambda v: (timestamp_key(v.updated_at), tie_break(as_json(v))))


@FAST
@given(st.lists(packets(), min_size=1, max_size=4))
def test_no_answer_is_dropped_and_the_newest_wins(batch: list[Packet]) -> None:
    result = only(merge(batch, {}, PLAYBOOK))
    seen: dict[Any, list[Any]] = {}
    for packet in batch:
        for r in packet.responses:
            seen.setdefault(("r", r.participant, r.action), []).append(r)
        for c in packet.consensus:
            seen.setdefault(("c", c.action), []).append(c)
        for g in packet.agenda:
            seen.setdefault(("g", g.action), []).append(g)
    assert len(result.responses) == sum(1 for k in seen if k[0] == "r")
    for key, versions in seen.items():
        if key[0] == "r":
            kept = result.responses[(key[1], key[2])]
            assert kept == _newest(versions, response_json)
        elif key[0] == "c":
            assert result.consensus[key[1]] == _newest(versions, consensus_json)
        else:
            assert result.agenda[key[1]] == _newest(versions, agenda_json)
        newest_instant = max(timestamp_key(v.updated_at) for v in versions)
        assert newest_instant == timestamp_key(
            (
                result.responses[(key[1], key[2])]
                if key[0] == "r"
                else (result.consensus if key[0] == "c" else result.agenda)[key[1]]
            ).updated_at
        )
    assert {p.uid for p in result.participants} == {
        p.uid for packet in batch for p in packet.participants
    }


# The parser and the importer against anything ---------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
GOOD = build_packet(demo_record(PLAYBOOK, participants=2))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:2]):
            found += _paths(v, (*prefix, i))
    return found


PATHS = [p for p in _paths(GOOD) if p]


def _parses_or_refuses(data: bytes) -> None:
    try:
        parse_packet(data, PLAYBOOK)
    except PacketError as error:
        assert str(error) and "\n" not in str(error)


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_only_ever_give_a_packet_error(data: bytes) -> None:
    _parses_or_refuses(data)


@FAST
@given(st.sampled_from(PATHS), json_values, st.booleans())
def test_any_value_anywhere_in_a_packet_only_gives_a_packet_error(
    path: tuple[Any, ...], value: Any, resign: bool
) -> None:
    packet = json.loads(json.dumps(GOOD))
    holder = packet
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    if resign:
        packet["checksum"] = compute_checksum(packet)
    _parses_or_refuses(json.dumps(packet, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def _import_refused(folder: Path, bad: Path, before: dict[str, Any]) -> None:
    args = argparse.Namespace(data_dir=str(folder), files=[str(bad)])
    try:
        import_packets(args, io.StringIO())
    except CommandError as error:
        assert str(error).startswith(f"{bad}: ") and "\n" not in str(error)
    else:
        raise AssertionError("a packet that is not one was imported")
    assert dump(folder) == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_importer_never_crashes_or_changes_the_database(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "data"
    if not folder.exists():
        seeded(folder, demo_record(PLAYBOOK, participants=3))
    before = dump(folder)
    bad = tmp_path / "bad.playbook.json"
    bad.write_bytes(data)
    _import_refused(folder, bad, before)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=st.dictionaries(st.text(max_size=8), json_values, max_size=5))
def test_importer_refuses_signed_packets_of_nonsense(
    tmp_path: Path, header: dict[str, Any]
) -> None:
    folder = tmp_path / "data"
    if not folder.exists():
        seeded(folder, demo_record(PLAYBOOK, participants=3))
    before = dump(folder)
    packet = {**header, "format": "playbook-packet", "format_version": 1}
    packet["checksum"] = compute_checksum(packet)
    bad = tmp_path / "bad.playbook.json"
    bad.write_bytes(json.dumps(packet).encode())
    _import_refused(folder, bad, before)


def test_a_participants_packet_merges_like_the_whole(tmp_path: Path, playbook: Playbook) -> None:
    record = demo_record(playbook, participants=3)
    whole = parse_packet(serialize(build_packet(record)), playbook)
    parts = [
        parse_packet(serialize(build_packet(record, participant=p.uid)), playbook)
        for p in record.participants
    ]
    merged = only(merge(parts, {}, playbook))
    assert merged.responses == only(merge([whole], {}, playbook)).responses
    assert set(merged.participants) == set(record.participants)
    assert merged.assessment == record.assessment


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(packets(), min_size=1, max_size=3))
def test_valid_packets_store_exactly_the_merge_and_only_once(
    tmp_path_factory: Any, batch: list[Packet]
) -> None:
    folder = tmp_path_factory.mktemp("merge")
    files = []
    for n, packet in enumerate(batch):
        path = folder / f"{n}.playbook.json"
        path.write_bytes(serialize(_as_json(packet)))
        files.append(str(path))
    args = argparse.Namespace(data_dir=str(folder / "data"), files=files)
    assert import_packets(args, io.StringIO()) == 0
    expected = only(merge(batch, {}, PLAYBOOK))
    with Store.open(folder / "data") as store:
        got = load_by_uid(store, "shared")
    assert got is not None
    assert (got.responses, got.consensus, got.agenda) == (
        expected.responses,
        expected.consensus,
        expected.agenda,
    )
    assert got.participants == expected.participants
    before = dump(folder / "data")
    out = io.StringIO()
    assert import_packets(args, out) == 0
    assert out.getvalue().startswith("nothing to import")
    assert dump(folder / "data") == before


def _as_json(packet: Packet) -> dict[str, Any]:
    """A validated packet back in its file form (the validator's inverse, for the tests)."""
    record = AssessmentRecord(packet.assessment, packet.district, list(packet.participants))
    record.responses = {(r.participant, r.action): r for r in packet.responses}
    record.consensus = {c.action: c for c in packet.consensus}
    record.agenda = {g.action: g for g in packet.agenda}
    return build_packet(record, created_at=packet.created_at)


# Order of import, down to the byte ----------------------------------------------------

TEAM = demo_record(PLAYBOOK, participants=3)
LATER = "2026-12-01T09:00:00Z"


def _team_files(folder: Path) -> list[Path]:
    """The facilitator's whole packet, and each person's packet with later notes of their own."""
    files = [folder / "whole.playbook.json"]
    files[0].write_bytes(serialize(build_packet(TEAM)))
    for n, person in enumerate(TEAM.participants):
        record = AssessmentRecord(TEAM.assessment, TEAM.district, list(TEAM.participants))
        record.responses = {
            k: r.with_changes(note=f"{person.name}, later", updated_at=LATER)
            if k[0] == person.uid
            else r
            for k, r in TEAM.responses.items()
        }
        files.append(folder / f"person-{n}.playbook.json")
        files[-1].write_bytes(serialize(build_packet(record, participant=person.uid)))
    return files


def _outputs(folder: Path) -> tuple[bytes, bytes]:
    """The agenda CSV (`playbook-app agenda --csv`) and the whole export, as bytes."""
    csv_path = folder / "agenda.csv"
    args = argparse.Namespace(
        data_dir=str(folder / "data"), assessment=None, pdf=None, csv=str(csv_path),
        include_notes=True,
    )  # fmt: skip
    assert agenda(args, io.StringIO()) == 0
    with Store.open(folder / "data") as store:
        record = load_by_uid(store, TEAM.assessment.uid)
    assert record is not None
    export = serialize(build_packet(record, created_at="2026-12-05T00:00:00Z"))
    return csv_path.read_bytes(), export


_REFERENCE: list[tuple[bytes, bytes]] = []


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(range(1 + len(TEAM.participants))), one_by_one=st.booleans())
def test_any_import_order_gives_the_same_bytes_of_agenda_csv_and_export(
    tmp_path_factory: Any, order: list[int], one_by_one: bool
) -> None:
    if not _REFERENCE:
        folder = tmp_path_factory.mktemp("reference")
        files = _team_files(folder)
        for path in files:
            import_packets(
                argparse.Namespace(data_dir=str(folder / "data"), files=[str(path)]), io.StringIO()
            )
        _REFERENCE.append(_outputs(folder))
    folder = tmp_path_factory.mktemp("order")
    files = [_team_files(folder)[n] for n in order]
    batches = [[f] for f in files] if one_by_one else [files]
    for batch in batches:
        args = argparse.Namespace(data_dir=str(folder / "data"), files=[str(f) for f in batch])
        assert import_packets(args, io.StringIO()) == 0
    assert _outputs(folder) == _REFERENCE[0]


# Clocks -----------------------------------------------------------------------------------

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@FAST
@given(
    moment=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    offset_minutes=st.integers(-14 * 60, 14 * 60),
    seconds=st.sampled_from(["", ".5", ".000000"]),
)
def test_any_stamp_is_taken_only_inside_the_clock_window(
    moment: datetime, offset_minutes: int, seconds: str
) -> None:
    sign = "+" if offset_minutes >= 0 else "-"
    offset = f"{sign}{abs(offset_minutes) // 60:02d}:{abs(offset_minutes) % 60:02d}"
    stamp = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}{seconds}{offset}"
    packet = build_packet(demo_record(PLAYBOOK, participants=2), created_at=stamp)
    data = serialize(packet)
    # As written: the year 2000 or later, and at most a day ahead of this computer's clock.
    inside = moment.year >= 2000 and (
        moment.replace(tzinfo=UTC) - timedelta(minutes=offset_minutes) <= NOW + timedelta(days=1)
    )
    try:
        parse_packet(data, PLAYBOOK, now=NOW)
    except PacketError as error:
        assert not inside, str(error)
        assert "The clock of the laptop that made this packet is wrong" in str(error)
    else:
        assert inside
