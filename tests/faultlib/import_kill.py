"""kill -9 during an import: the database must hold all of the packets or none of them."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from playbook_app.commands.packets import import_into
from playbook_app.content import load_default
from playbook_app.domain.demo import demo_record
from playbook_app.exchange import read_packets, write_packet
from playbook_app.paths import database_path
from playbook_app.storage import Store

IMPORTER = Path(__file__).resolve().parent / "importer.py"
TABLES = ("district", "assessment", "participant", "response", "consensus", "agenda_item")
Dump = dict[str, list[tuple[object, ...]]]


@dataclass
class ImportTotals:
    trials: int = 0
    all_of_it: int = 0  # killed after the commit: everything is there
    none_of_it: int = 0  # killed before: the database is as it was
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    base: Path  # the data folder before the import
    packets: list[Path]
    before: Dump
    after: Dump
    seconds: float  # how long one import took, unkilled


def dump(folder: Path) -> Dump:
    """Every row the import may touch, without the times the app stamps on its own."""
    conn = sqlite3.connect(f"{database_path(folder).as_uri()}?mode=ro", uri=True)
    try:
        result: Dump = {}
        for table in TABLES:
            columns = [
                row[1]
                for row in conn.execute(f"PRAGMA table_info({table})")
                if row[1] not in ("created_at", "updated_at")
            ]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        conn.close()


def _import(folder: Path, packets: list[Path]) -> float:
    """The child's own run, unkilled: its duration from "ready" to "done"."""
    child = subprocess.run(
        [sys.executable, str(IMPORTER), str(folder), *map(str, packets)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return float(child.stdout.split()[-1])


def build_case(root: Path) -> Case:
    """A team assessment already here, a revised packet of it and a packet of a new one."""
    playbook = load_default()
    source, base = root / "source", root / "base"
    with Store.open(source) as store:
        team_id = store.add_record(demo_record(playbook, participants=8, seed=7))
        first = write_packet(store.load(team_id), playbook, root / "team.playbook.json")
        for response in store.load(team_id).responses.values():
            revised = response.with_changes(
                note=f"revised after the retreat: {response.action}",
                updated_at="2026-11-30T09:00:00Z",
            )
            store.save_response(revised, keep_timestamp=True)
        revised_packet = root / "team-revised.playbook.json"
        write_packet(store.load(team_id), playbook, revised_packet)
        other_id = store.add_record(demo_record(playbook, participants=8, seed=9))
        other_packet = root / "other.playbook.json"
        write_packet(store.load(other_id), playbook, other_packet)
    with Store.open(base) as store:
        store.add_record(demo_record(playbook, seed=1))
        import_into(store, read_packets([root / "team.playbook.json"], playbook), playbook)
    assert first.responses
    packets = [revised_packet, other_packet]
    reference = root / "reference"
    shutil.copytree(base, reference)
    seconds = _import(reference, packets)
    return Case(base, packets, dump(base), dump(reference), seconds)


def one_trial(case: Case, folder: Path, delay: float, totals: ImportTotals) -> None:
    shutil.copytree(case.base, folder)
    child = subprocess.Popen(
        [sys.executable, str(IMPORTER), str(folder), *map(str, case.packets)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline() != "ready\n":
        child.kill()
        raise AssertionError(f"the importer did not start: {child.communicate()}")
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    totals.trials += 1
    with Store.open(folder) as store:  # raises if the kill had damaged the database
        check = store.conn.execute("PRAGMA integrity_check").fetchall()
    if check != [("ok",)]:
        totals.failures.append(f"{folder.name}: integrity_check {check[:3]}")
    now = dump(folder)
    if now == case.after:
        totals.all_of_it += 1
    elif now == case.before:
        totals.none_of_it += 1
    else:
        changed = [t for t in TABLES if now[t] not in (case.before[t], case.after[t])]
        totals.failures.append(f"{folder.name}: part of the import is there ({changed})")
    shutil.rmtree(folder)


def run_import_trials(root: Path, trials: int, seed: int) -> ImportTotals:
    """`trials` kills spread over the import (and a little beyond, so both outcomes occur)."""
    case = build_case(root)
    rng = random.Random(seed)
    totals = ImportTotals()
    for trial in range(trials):
        one_trial(case, root / f"trial-{trial}", rng.uniform(0, case.seconds * 1.5), totals)
    return totals
