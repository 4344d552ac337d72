"""Packets carry the link to last year's assessment, so a follow-up merges into the right year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_cli import run_app as cli
from helpers_years import make_years

from playbook_app.content import load_default
from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.exchange.packet import PacketError, build_packet, compute_checksum, serialize
from playbook_app.exchange.validate import parse_packet
from playbook_app.storage import Store

PB = load_default()


def two_years(folder: Path) -> tuple[int, int]:
    with Store.open(folder) as store:
        first, second = make_years(store, PB, 2)
    return first, second


def export(folder: Path, assessment: int, out: Path, *extra: str) -> dict[str, object]:
    made = cli(
        "export", "--data-dir", str(folder), "--assessment", str(assessment), "--out", str(out),
        *extra,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    loaded: dict[str, object] = json.loads(out.read_text("utf-8"))
    return loaded


def test_a_follow_ups_packet_names_the_year_before_and_others_stay_format_2(
    tmp_path: Path,
) -> None:
    first, second = two_years(tmp_path / "a")
    old = export(tmp_path / "a", first, tmp_path / "old.playbook.json")
    new = export(tmp_path / "a", second, tmp_path / "new.playbook.json")
    assert old["format_version"] == 2 and "follows" not in old["assessment"]  # type: ignore[operator]
    assert new["format_version"] == 3
    assert new["assessment"]["follows"] == old["assessment"]["uid"]  # type: ignore[index]


def test_both_years_travel_and_compare_on_the_other_computer(tmp_path: Path) -> None:
    first, second = two_years(tmp_path / "a")
    files = [tmp_path / "y1.playbook.json", tmp_path / "y2.playbook.json"]
    export(tmp_path / "a", first, files[0])
    export(tmp_path / "a", second, files[1])
    here = cli("compare", "--data-dir", str(tmp_path / "a"), "--json").stdout
    # The newer year first: the order of the files must not matter.
    b = str(tmp_path / "b")
    result = cli("import", "--data-dir", b, str(files[1]), str(files[0]))
    assert result.returncode == 0, result.stderr
    assert "not on this computer" not in result.stdout
    listed = json.loads(cli("list", "--data-dir", b, "--json").stdout)
    (follow_up,) = [a["id"] for a in listed if a["label"] == "Fall 2027 retreat"]
    there = json.loads(
        cli("compare", "--data-dir", b, "--assessment", str(follow_up), "--json").stdout
    )
    mine = json.loads(here)
    for key in ("overall", "recommendations", "key_actions", "agenda"):
        assert there[key] == mine[key]


def test_a_year_whose_predecessor_is_missing_imports_and_says_so(tmp_path: Path) -> None:
    first, second = two_years(tmp_path / "a")
    y1, y2 = tmp_path / "y1.playbook.json", tmp_path / "y2.playbook.json"
    export(tmp_path / "a", first, y1)
    export(tmp_path / "a", second, y2)
    b = str(tmp_path / "b")
    result = cli("import", "--data-dir", b, str(y2))
    assert result.returncode == 0, result.stderr
    assert "follows an assessment that is not on this computer" in result.stdout
    compared = cli("compare", "--data-dir", b)
    assert compared.returncode == 1
    assert "follows an assessment that is not on this computer" in compared.stderr
    agenda = cli("agenda", "--data-dir", b).stdout
    assert "follows one that is not on this computer" in agenda
    assert cli("import", "--data-dir", b, str(y1)).returncode == 0
    listed = json.loads(cli("list", "--data-dir", b, "--json").stdout)
    (follow_up,) = [a["id"] for a in listed if a["label"] == "Fall 2027 retreat"]
    compared = cli("compare", "--data-dir", b, "--assessment", str(follow_up), "--json")
    assert json.loads(compared.stdout)["from"]["label"] == "Fall 2026 cabinet retreat"


def test_a_follow_up_rated_on_another_laptop_merges_into_the_right_year(tmp_path: Path) -> None:
    first, second = two_years(tmp_path / "a")
    whole = tmp_path / "whole.playbook.json"
    export(tmp_path / "a", second, whole)
    laptop = tmp_path / "laptop"
    assert cli("import", "--data-dir", str(laptop), str(whole)).returncode == 0
    with Store.open(laptop) as store:
        (summary,) = store.list_assessments(())
        record = store.load(summary.id)
        person = record.participants[0]
        action = PB.action_ids[0]
        store.save_response(Response(person.uid, action, AnswerKind.RATED, Stage.ADVANCING))
    theirs = tmp_path / "theirs.playbook.json"
    export(laptop, summary.id, theirs, "--participant", person.name)
    assert cli("import", "--data-dir", str(tmp_path / "a"), str(theirs)).returncode == 0
    with Store.open(tmp_path / "a") as store:
        this_year, last_year = store.load(second), store.load(first)
    assert this_year.response(person.uid, action).stage is Stage.ADVANCING
    assert person.uid not in {p.uid for p in last_year.participants}
    assert this_year.assessment.follows == last_year.assessment.uid


def _packet_bytes(tmp_path: Path, change: object) -> bytes:
    _, second = two_years(tmp_path / "a")
    with Store.open(tmp_path / "a") as store:
        packet = build_packet(store.load(second))
    change(packet)  # type: ignore[operator]
    packet["checksum"] = compute_checksum(packet)
    return serialize(packet)


def test_a_packet_that_follows_itself_is_refused(tmp_path: Path) -> None:
    def loop(packet: dict[str, object]) -> None:
        a = packet["assessment"]
        assert isinstance(a, dict)
        a["follows"] = a["uid"]

    with pytest.raises(PacketError, match="names the assessment itself"):
        parse_packet(_packet_bytes(tmp_path, loop), PB)


def test_format_2_has_no_follows_and_format_3_must_say_it(tmp_path: Path) -> None:
    def as_format_2(packet: dict[str, object]) -> None:
        packet["format_version"] = 2

    with pytest.raises(PacketError, match='Unknown key "follows"'):
        parse_packet(_packet_bytes(tmp_path / "x", as_format_2), PB)

    def without_link(packet: dict[str, object]) -> None:
        a = packet["assessment"]
        assert isinstance(a, dict)
        del a["follows"]

    with pytest.raises(PacketError, match='"follows" is missing'):
        parse_packet(_packet_bytes(tmp_path / "y", without_link), PB)
