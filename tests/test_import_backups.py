"""Backups around imports: a refused import makes none; the way back from the last import stays."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_packets import dump, run_import, seeded, write_packet

from playbook_app.commands import CommandError
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import build_packet
from playbook_app.storage import Store
from playbook_app.storage.backups import backup_database, list_backups
from playbook_app.storage.repair import restore


def _good_then_refused(tmp_path: Path, playbook: Playbook) -> tuple[Path, Path, Path]:
    """A folder after one good import; a packet that the same folder must refuse."""
    folder = tmp_path / "home"
    home = seeded(folder, demo_record(playbook, participants=2))
    visitor = demo_record(playbook, participants=2, seed=11)
    visitor = replace(visitor, assessment=visitor.assessment._replace(uid="visitor-uid"))
    good = write_packet(tmp_path / "good.playbook.json", build_packet(visitor))
    # The same people's ids under yet another assessment: storage refuses it.
    stranger = replace(home, assessment=home.assessment._replace(uid="stranger-uid"))
    bad = write_packet(tmp_path / "bad.playbook.json", build_packet(stranger))
    return folder, good, bad


def test_a_refused_import_makes_no_backup(tmp_path: Path, playbook: Playbook) -> None:
    folder, good, bad = _good_then_refused(tmp_path, playbook)
    run_import(folder, good)
    before = [b.name for b in list_backups(folder)]
    assert len(before) == 1
    for _ in range(12):
        with pytest.raises(CommandError, match="already part of another assessment"):
            run_import(folder, bad)
    assert [b.name for b in list_backups(folder)] == before


def test_thinning_keeps_the_backup_taken_before_the_last_import(
    tmp_path: Path, playbook: Playbook
) -> None:
    folder, good, _ = _good_then_refused(tmp_path, playbook)
    run_import(folder, good)
    (before_import,) = list_backups(folder)
    with Store.open(folder) as store:
        for _ in range(12):  # more than the recent ones thinning keeps
            backup_database(store.conn, store.path.parent, "manual")
    names = [b.name for b in list_backups(folder)]
    assert before_import.name in names
    assert len(names) < 13  # thinning did run


def test_a_later_import_moves_the_protection_to_its_own_backup(
    tmp_path: Path, playbook: Playbook
) -> None:
    folder, good, _ = _good_then_refused(tmp_path, playbook)
    run_import(folder, good)
    (first,) = list_backups(folder)
    later = demo_record(playbook, participants=1, seed=5)
    later = replace(later, assessment=later.assessment._replace(uid="later-uid"))
    run_import(folder, write_packet(tmp_path / "later.playbook.json", build_packet(later)))
    second = list_backups(folder)[0]
    assert second.reason == "import" and second.name != first.name
    with Store.open(folder) as store:
        for _ in range(12):
            backup_database(store.conn, store.path.parent, "manual")
    names = {b.name for b in list_backups(folder)}
    assert second.name in names and first.name not in names


def test_thinning_keeps_the_backup_taken_before_the_last_restore(
    tmp_path: Path, playbook: Playbook
) -> None:
    folder = tmp_path / "home"
    seeded(folder, demo_record(playbook, participants=2))
    with Store.open(folder) as store:
        chosen = backup_database(store.conn, store.path.parent, "manual")
    replaced = restore(folder, chosen.name).saved_as
    assert replaced is not None
    before = dump(folder)
    with Store.open(folder) as store:
        for _ in range(12):
            backup_database(store.conn, store.path.parent, "manual")
    assert replaced.name in {b.name for b in list_backups(folder)}
    assert dump(folder) == before
