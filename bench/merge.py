"""Benchmark: importing 12 participants' packets for 20 key actions into a fresh data folder.

The import runs in process through the same function as `playbook-app import`
(read and validate every file, merge, back up when the app can, write in one
transaction). The floor is a raw sqlite3 insert of the same rows into a fresh
file with the same schema and settings (WAL, synchronous=FULL), schema creation
included on both sides. Runs alternate so machine noise hits both.

    python bench/merge.py [--runs 9]

Last line: RESULT merge ms=<median> participants=12 actions=20 ratio=<median / raw median>
"""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playbook_app.commands.packets import import_packets
from playbook_app.content import load_default
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.demo import demo_record
from playbook_app.exchange import build_packet, serialize
from playbook_app.storage.migrations import INITIAL_SCHEMA

PARTICIPANTS = 12


def write_packets(record: AssessmentRecord, folder: Path) -> list[str]:
    """One packet per participant, as each cabinet member would bring on a stick."""
    files = []
    for n, person in enumerate(record.participants):
        path = folder / f"member-{n + 1:02d}.playbook.json"
        path.write_bytes(serialize(build_packet(record, participant=person.uid)))
        files.append(str(path))
    return files


def app_import(files: list[str], data: Path) -> float:
    args = argparse.Namespace(data_dir=str(data), files=files)
    start = time.perf_counter()
    status = import_packets(args, io.StringIO())
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit("error: the import failed")
    return elapsed


def raw_import(record: AssessmentRecord, path: Path) -> float:
    a, d = record.assessment, record.district
    start = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in INITIAL_SCHEMA:
        conn.execute(statement)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO district (id, name, state, updated_at) VALUES (1, ?, ?, 'now')",
        [d.name, d.state],
    )
    conn.execute(
        "INSERT INTO assessment VALUES (1, ?, 1, ?, ?, ?, ?, ?, 'now', 'now')",
        [a.uid, a.label, a.date, a.playbook_id, a.playbook_version, a.mode.value],
    )
    conn.executemany(
        "INSERT INTO participant VALUES (?, 1, ?, ?, ?, 'now')",
        [(p.uid, p.name, p.role, n) for n, p in enumerate(record.participants)],
    )
    conn.executemany(
        "INSERT INTO response VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (r.participant, r.action, r.answer.value if r.answer else None,
             int(r.stage) if r.stage is not None else None, r.reason,
             json.dumps(sorted(r.steps_done)), r.importance, r.effort,
             r.control.value if r.control else None,
             r.confidence.value if r.confidence else None, r.note, r.updated_at)
            for r in record.responses.values()
        ],
    )  # fmt: skip
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    playbook = load_default()
    record = demo_record(playbook, participants=PARTICIPANTS)
    actions = len(playbook.action_ids)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        files = write_packets(record, folder)
        app_import(files, folder / "warm-up")
        raw_import(record, folder / "warm-up.sqlite3")
        app_ms: list[float] = []
        raw_ms: list[float] = []
        for n in range(runs):
            app_ms.append(app_import(files, folder / f"data-{n}") * 1000)
            raw_ms.append(raw_import(record, folder / f"raw-{n}.sqlite3") * 1000)
            print(f"run {n + 1}: import {app_ms[-1]:.1f} ms, raw sqlite3 {raw_ms[-1]:.1f} ms")
    app, raw = statistics.median(app_ms), statistics.median(raw_ms)
    print(f"median: import {app:.1f} ms, raw sqlite3 insert of the same rows {raw:.1f} ms")
    print(
        f"RESULT merge ms={app:.1f} participants={PARTICIPANTS} actions={actions} "
        f"ratio={app / raw:.2f}"
    )


if __name__ == "__main__":
    main()
