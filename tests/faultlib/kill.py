"""kill -9 trials: a child saves changes and acknowledges each; we kill it and check them all."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from faultlib.saver import kind_of, note
from playbook_app.storage import Store
from playbook_app.storage.backups import list_backups

SAVER = Path(__file__).resolve().parent / "saver.py"


@dataclass
class Totals:
    trials: int = 0
    acknowledged: int = 0  # acknowledged changes checked after the kills
    lost: int = 0
    unacknowledged_present: int = 0  # saved, but killed before it could say so
    fresh_folders: int = 0
    backups_checked: int = 0
    failures: list[str] = field(default_factory=list)


def _acknowledged(output: str) -> list[tuple[str, int]]:
    """Complete acknowledgement lines only: a line cut by the kill promised nothing."""
    lines = output.split("\n")[:-1]
    return [(kind, int(n)) for kind, n in (line.split() for line in lines if line != "ready")]


def _present(store: Store, kind: str, token: str, n: int) -> bool:
    action = f"kill-{token}-{n}"
    expected = note(token, n)
    if kind == "setting":
        return store.get_setting(action, "") == expected
    if kind == "agenda":
        sql = "SELECT next_step FROM agenda_item WHERE action_id = ?"
    else:
        sql = "SELECT note FROM response WHERE action_id = ?"
    row = store.db.execute(sql, [action]).fetchone()
    return row is not None and row[0] == expected


def one_trial(folder: Path, token: str, delay: float, totals: Totals) -> None:
    """Start a saver, kill -9 it `delay` seconds after it is ready, then check everything."""
    child = subprocess.Popen(
        [sys.executable, str(SAVER), str(folder), token],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    ready = child.stdout.readline()
    if ready != "ready\n":
        child.kill()
        raise AssertionError(f"the saver did not start: {child.stderr.read()}")
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    output, errors = child.communicate(timeout=30)
    if child.returncode != -signal.SIGKILL:  # it died by itself: a bug, not the kill
        raise AssertionError(f"the saver failed before the kill: {errors}")
    acknowledged = _acknowledged(output)
    totals.trials += 1
    with Store.open(folder) as store:  # raises if the database were damaged
        result = store.db.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            totals.failures.append(f"trial {token}: integrity_check {result[:3]}")
        last = max((n for kind, n in acknowledged if kind != "backup"), default=0)
        for kind, n in acknowledged:
            if kind == "backup":
                continue
            totals.acknowledged += 1
            if not _present(store, kind, token, n):
                totals.lost += 1
                totals.failures.append(f"trial {token}: acknowledged {kind} {n} is missing")
        if _present(store, kind_of(last + 1), token, last + 1):
            totals.unacknowledged_present += 1
    for backup in list_backups(folder, verify=True):
        totals.backups_checked += 1
        if not backup.ok:
            totals.failures.append(f"trial {token}: backup {backup.name} fails its check")
    leftovers = [
        p.name for p in folder.iterdir() if ".damaged-" in p.name or ".orphaned-" in p.name
    ]
    if leftovers:
        totals.failures.append(f"trial {token}: files moved aside: {leftovers}")


def run_trials(root: Path, trials: int, seed: int) -> Totals:
    """`trials` kills; every fifth starts from an empty folder, so some kills hit its creation."""
    rng = random.Random(seed)
    totals = Totals()
    shared = root / "shared"
    for trial in range(trials):
        fresh = trial % 5 == 4
        folder = root / f"fresh-{trial}" if fresh else shared
        totals.fresh_folders += fresh
        # Short delays land in opening and creating; longer ones in saves,
        # checkpoints and backups.
        delay = rng.uniform(0.0, 0.06) if fresh else rng.uniform(0.0, 0.3)
        one_trial(folder, f"t{trial}", delay, totals)
    return totals
