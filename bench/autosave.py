"""Benchmark: one saved change through the store API against a raw sqlite3 upsert.

Both sides use the same file system, journal (WAL), synchronous=FULL and the
same response table, and alternate in blocks so machine noise hits both.

    python bench/autosave.py [--changes 2000]

Last line: RESULT autosave ratio=<median store / median raw> budget=2.0 ...
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playbook_app.domain.assessment import (
    AnswerKind,
    Assessment,
    District,
    Mode,
    Participant,
    Response,
    Stage,
)
from playbook_app.storage import Store, new_uid
from playbook_app.storage.database import utc_now
from playbook_app.storage.migrations import INITIAL_SCHEMA

# The floor writes the same row the store writes (every column of a response),
# so the ratio measures our layer, not a smaller write.
RAW_UPSERT = """
INSERT INTO response (participant_uid, action_id, answer, stage, reason, steps_done,
    importance, effort, control, confidence, note, updated_at)
VALUES (?, ?, 'rated', ?, '', '[]', NULL, NULL, NULL, NULL, ?, ?)
ON CONFLICT (participant_uid, action_id) DO UPDATE SET
    answer = excluded.answer, stage = excluded.stage, reason = excluded.reason,
    steps_done = excluded.steps_done, importance = excluded.importance,
    effort = excluded.effort, control = excluded.control,
    confidence = excluded.confidence, note = excluded.note, updated_at = excluded.updated_at
"""
ACTIONS = [f"action-{i}" for i in range(20)]
BLOCK = 100


def raw_setup(folder: Path) -> tuple[sqlite3.Connection, str]:
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in INITIAL_SCHEMA:
        conn.execute(statement)
    conn.execute("INSERT INTO district VALUES (1, 'D', 'KY', NULL, '', 3, 'now')")
    conn.execute(
        "INSERT INTO assessment VALUES (1, 'u', 1, 'L', '2026-11-22', 'p', '1', 'solo', 'n', 'n')"
    )
    me = new_uid()  # the same kind of key the store uses
    conn.execute("INSERT INTO participant VALUES (?, 1, 'Me', '', 0, 'now')", [me])
    return conn, me


def raw_change(conn: sqlite3.Connection, me: str, i: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(RAW_UPSERT, (me, ACTIONS[i % 20], i % 4, f"note {i}", utc_now()))
    conn.execute("COMMIT")


def store_setup(folder: Path) -> tuple[Store, str]:
    store = Store.open(folder / "store")
    me = new_uid()
    store.create_assessment(
        District("D", "KY"),
        Assessment(new_uid(), "L", "2026-11-22", "p", "1", Mode.SOLO),
        [Participant(me, "Me")],
    )
    return store, me


def store_change(store: Store, me: str, i: int) -> None:
    store.save_response(
        Response(me, ACTIONS[i % 20], AnswerKind.RATED, Stage(i % 4), note=f"note {i}")
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        conn, raw_me = raw_setup(folder)
        store, me = store_setup(folder)
        raw_times: list[float] = []
        store_times: list[float] = []
        for start in range(0, args.changes, BLOCK):
            for i in range(start, min(start + BLOCK, args.changes)):
                t = time.perf_counter()
                store_change(store, me, i)
                store_times.append(time.perf_counter() - t)
            for i in range(start, min(start + BLOCK, args.changes)):
                t = time.perf_counter()
                raw_change(conn, raw_me, i)
                raw_times.append(time.perf_counter() - t)
        store.close()
        conn.close()

    def p99(values: list[float]) -> float:
        return statistics.quantiles(values, n=100)[98]

    store_median = statistics.median(store_times) * 1000
    raw_median = statistics.median(raw_times) * 1000
    print(f"changes={args.changes}")
    print(f"store median_ms={store_median:.3f} p99_ms={p99(store_times) * 1000:.3f}")
    print(f"raw   median_ms={raw_median:.3f} p99_ms={p99(raw_times) * 1000:.3f}")
    print(
        f"RESULT autosave ratio={store_median / raw_median:.2f} budget=2.0 "
        f"median_ms={store_median:.3f} p99_ms={p99(store_times) * 1000:.3f} p99_budget_ms=5"
    )


if __name__ == "__main__":
    main()
