"""Benchmark: ten yearly assessments of one district, 12 raters x 20 key actions each.

Three things a returning district does, each timed in process on the same data folder:

- open:    open the store, load the newest assessment and every year it follows (what the
           window and `agenda` read for the Since last time page and the chart);
- compare: load the newest year and the one before and compare them (`compare --json`);
- print:   the agenda PDF of the newest year, with its Since last time page and the chart
           of all ten years.

The floor is raw sqlite3 reading the same rows (every assessment, participant, response,
agreed stage and agenda line of the ten years) with fetchall, on a fresh connection.
Runs alternate so machine noise hits both.

Budget (DESIGN section 9: "well under 1 s each"): each of open, compare and print at
most 500 ms (median), and open at most 10 x the raw read of the same rows.

    python bench/history.py [--runs 7]

Last line: RESULT history ratio=<open / raw> budget=10 open_ms=... compare_ms=...
print_ms=... raw_ms=... years=10 raters=12 actions=20
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playbook_app.content import load_default
from playbook_app.domain.demo import demo_record
from playbook_app.domain.followup import compare
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.years import years
from playbook_app.paths import database_path
from playbook_app.reports import agenda_pdf
from playbook_app.storage import Store, new_uid
from playbook_app.storage.follow_up import line_of_years, predecessor_id

YEARS = 10
RATERS = 12
BUDGET_MS = 500
BUDGET_RATIO = 10


def build(folder: Path, playbook: Playbook) -> int:
    """Ten linked years, each rated by twelve people; returns the newest one's id."""
    follows = None
    newest = 0
    with Store.open(folder) as store:
        for year in range(YEARS):
            record = demo_record(playbook, participants=RATERS, seed=year + 1)
            uid = new_uid()
            record.assessment = record.assessment._replace(
                uid=uid, label=f"Fall {2026 + year} retreat", date=f"{2026 + year}-11-20",
                follows=follows,
            )  # fmt: skip
            newest = store.add_record(record)
            follows = uid
    return newest


def open_years(folder: Path, newest: int) -> float:
    start = time.perf_counter()
    with Store.open(folder) as store:
        line = line_of_years(store, store.load(newest))
    elapsed = time.perf_counter() - start
    assert len(line) == YEARS
    return elapsed


def compare_years(folder: Path, newest: int, playbook: Playbook) -> float:
    start = time.perf_counter()
    with Store.open(folder) as store:
        record = store.load(newest)
        previous = predecessor_id(store, record)
        assert previous is not None
        data = compare(store.load(previous), record, playbook).to_json()
    json.dumps(data)
    return time.perf_counter() - start


def print_years(folder: Path, newest: int, playbook: Playbook) -> float:
    start = time.perf_counter()
    with Store.open(folder) as store:
        record = store.load(newest)
        line = line_of_years(store, record)
    pdf = agenda_pdf(record, playbook, generated_on="2036-01-05", years=years(line, playbook))
    elapsed = time.perf_counter() - start
    assert pdf.startswith(b"%PDF")
    return elapsed


def raw_read(folder: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(database_path(folder))
    rows = 0
    for sql in (
        "SELECT * FROM assessment",
        "SELECT * FROM district",
        "SELECT * FROM participant",
        "SELECT * FROM response",
        "SELECT * FROM consensus",
        "SELECT * FROM agenda_item",
    ):
        rows += len(conn.execute(sql).fetchall())
    conn.close()
    elapsed = time.perf_counter() - start
    assert rows >= YEARS * RATERS * 20
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    playbook = load_default()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "data"
        newest = build(folder, playbook)
        # Warm-up: imports, fonts and the OS cache, on both sides.
        print_years(folder, newest, playbook)
        raw_read(folder)
        times: dict[str, list[float]] = {"open": [], "compare": [], "print": [], "raw": []}
        for n in range(runs):
            times["open"].append(open_years(folder, newest) * 1000)
            times["raw"].append(raw_read(folder) * 1000)
            times["compare"].append(compare_years(folder, newest, playbook) * 1000)
            times["print"].append(print_years(folder, newest, playbook) * 1000)
            print(
                f"run {n + 1}: "
                + ", ".join(f"{name} {values[-1]:.1f} ms" for name, values in times.items())
            )
    median = {name: statistics.median(values) for name, values in times.items()}
    print(
        "median: "
        + ", ".join(f"{name} {value:.1f} ms" for name, value in median.items())
        + f" (budget: each at most {BUDGET_MS} ms; open at most {BUDGET_RATIO} x raw)"
    )
    over = [n for n in ("open", "compare", "print") if median[n] > BUDGET_MS]
    if over:
        print(f"over budget: {', '.join(over)}")
    print(
        f"RESULT history ratio={median['open'] / median['raw']:.2f} budget={BUDGET_RATIO} "
        f"open_ms={median['open']:.1f} compare_ms={median['compare']:.1f} "
        f"print_ms={median['print']:.1f} raw_ms={median['raw']:.1f} "
        f"compare_ratio={median['compare'] / median['raw']:.2f} "
        f"print_ratio={median['print'] / median['raw']:.2f} "
        f"years={YEARS} raters={RATERS} actions={len(playbook.action_ids)}"
    )


if __name__ == "__main__":
    main()
