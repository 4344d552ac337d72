"""Two writers on one data folder, as real processes: whatever the timing, nothing is lost.

- `check --restore` started at a random moment of a command-line import of many packets;
- an import attempted while a window holds the folder and goes on saving answers.

Every command's exit status must tell the truth: an import that says "imported" has its
assessments in the live database, or (when a restore ran after it) in the backup that
restore says it made of what it replaced; a refused command changed nothing.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from playbook_app.content import load_default
from playbook_app.domain.demo import demo_record
from playbook_app.exchange import write_packet
from playbook_app.paths import database_path
from playbook_app.storage import Store
from playbook_app.storage.backups import backup_database, list_backups

REPO = Path(__file__).resolve().parent.parent.parent


@dataclass
class RaceTotals:
    trials: int = 0
    imported_then_restored: int = 0  # both ran, one after the other
    restore_refused: int = 0
    import_refused: int = 0
    lost: int = 0  # an import that said "imported" whose assessments are nowhere
    partial: int = 0  # some of the packets' assessments, not all
    failures: list[str] = field(default_factory=list)


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "playbook_app", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )


def _uids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {str(row[0]) for row in conn.execute("SELECT uid FROM assessment")}
    finally:
        conn.close()


def make_packets(root: Path, count: int) -> tuple[list[Path], set[str]]:
    """`count` packets, each a different solo assessment; their assessment uids."""
    playbook = load_default()
    packets: list[Path] = []
    uids: set[str] = set()
    for n in range(count):
        record = demo_record(playbook, seed=1000 + n)
        path = root / f"packet-{n:03}.playbook.json"
        write_packet(record, playbook, path)
        packets.append(path)
        uids.add(record.assessment.uid)
    return packets, uids


def make_base(folder: Path) -> str:
    """A data folder with one assessment and a backup of it; the backup's name."""
    with Store.open(folder) as store:
        store.add_record(demo_record(load_default(), seed=1))
        return backup_database(store.conn, store.path.parent, "manual").name


def _classify(
    folder: Path, wanted: set[str], imported: bool, restored: bool, totals: RaceTotals
) -> None:
    live = _uids(database_path(folder)) & wanted
    if live and live != wanted:
        totals.partial += 1
        totals.failures.append(f"{folder.name}: {len(live)} of {len(wanted)} in the live file")
    if not imported:
        if live:
            totals.failures.append(f"{folder.name}: a refused import left assessments behind")
        return
    if live == wanted:
        return
    kept = [b for b in list_backups(folder) if wanted <= _uids(b.path)]
    if not (restored and kept):
        totals.lost += 1
        totals.failures.append(f"{folder.name}: the import said done, its data is nowhere")


def restore_during_import(root: Path, trials: int, packet_count: int, seed: int) -> RaceTotals:
    """`check --restore` started at random moments of an import of `packet_count` packets."""
    rng = random.Random(seed)
    packets, wanted = make_packets(root, packet_count)
    base = root / "base"
    name = make_base(base)
    timing = root / "timing"
    shutil.copytree(base, timing)
    started = time.perf_counter()
    _cli("import", "--data-dir", str(timing), *map(str, packets)).communicate(timeout=600)
    seconds = time.perf_counter() - started
    totals = RaceTotals()
    for trial in range(trials):
        folder = root / f"race-{trial}"
        shutil.copytree(base, folder)
        importer = _cli("import", "--data-dir", str(folder), *map(str, packets))
        time.sleep(rng.uniform(0, seconds * 1.2))
        restorer = _cli("check", "--data-dir", str(folder), "--restore", name)
        i_out, i_err = importer.communicate(timeout=600)
        r_out, r_err = restorer.communicate(timeout=600)
        totals.trials += 1
        imported = importer.returncode == 0
        restored = restorer.returncode == 0
        if imported and f"imported {packet_count} packets" not in i_out:
            totals.failures.append(f"{folder.name}: import exit 0 but said {i_out[:80]!r}")
        if not imported and "Another copy" not in i_err and "is open on" not in i_err:
            totals.failures.append(f"{folder.name}: import failed: {i_err.strip()[:120]}")
        if not restored and "Another copy" not in r_err:
            totals.failures.append(f"{folder.name}: restore failed: {r_err.strip()[:120]}")
        if restored and "backed up" not in r_out:
            totals.failures.append(f"{folder.name}: restore did not back up what it replaced")
        if imported and restored:
            totals.imported_then_restored += 1
        totals.restore_refused += not restored
        totals.import_refused += not imported
        _classify(folder, wanted, imported, restored, totals)
        shutil.rmtree(folder)
    return totals


WINDOW_DRIVER = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from playbook_app.app import build_main_window
from playbook_app.content import load_default
from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.storage import Store
from playbook_app.storage.folder_lock import WINDOW, FolderLock

folder = Path(sys.argv[1])
app = QApplication([])
lock = FolderLock(folder, WINDOW)
lock.acquire()
store = Store.open(folder)
window = build_main_window(store, load_default(), remember_window=False, lock=lock)
window.show()
session = window.session
ids = session.playbook.action_ids
count = 0

def step():
    global count
    action = ids[count % len(ids)]
    stage = Stage(count % 4)
    answer = session.response(action).with_changes(answer=AnswerKind.RATED, stage=stage)
    session.set_response(answer)
    if not session.has_pending:
        print(f"saved {action} {int(stage)}", flush=True)
    count += 1

timer = QTimer()
timer.timeout.connect(step)
timer.start(5)
print("ready", flush=True)
QTimer.singleShot(int(float(sys.argv[2]) * 1000), app.quit)
app.exec()
window.session.write_settings()
store.close()
print("closed", flush=True)
"""


def import_while_window_open(root: Path, trials: int, seed: int) -> RaceTotals:
    """An import attempted while a window holds the folder and keeps saving answers."""
    rng = random.Random(seed)
    packets, wanted = make_packets(root, 3)
    base = root / "base"
    make_base(base)
    totals = RaceTotals()
    for trial in range(trials):
        folder = root / f"window-{trial}"
        shutil.copytree(base, folder)
        window = subprocess.Popen(
            [sys.executable, "-c", WINDOW_DRIVER, str(folder), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**_env(), "QT_QPA_PLATFORM": "offscreen"},
        )
        assert window.stdout is not None
        if window.stdout.readline() != "ready\n":
            window.kill()
            totals.failures.append(f"{folder.name}: the window did not start")
            continue
        time.sleep(rng.uniform(0, 1.5))
        importer = _cli("import", "--data-dir", str(folder), *map(str, packets))
        _, i_err = importer.communicate(timeout=600)
        w_out, _ = window.communicate(timeout=600)
        totals.trials += 1
        imported = importer.returncode == 0
        totals.import_refused += not imported
        if imported:
            totals.failures.append(f"{folder.name}: an import ran while the window wrote")
        elif "close its window" not in i_err:
            totals.failures.append(f"{folder.name}: refused with {i_err.strip()[:120]!r}")
        _classify(folder, wanted, imported, False, totals)
        saved = [line.split() for line in w_out.splitlines() if line.startswith("saved ")]
        last: dict[str, int] = {action: int(stage) for _, action, stage in saved}
        stages = _stages(database_path(folder))
        missing = [a for a, s in last.items() if stages.get(a) != s]
        if missing or "closed" not in w_out:
            totals.lost += len(missing)
            totals.failures.append(f"{folder.name}: {len(missing)} saved answers not on disk")
        shutil.rmtree(folder)
    return totals


def _stages(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT r.action_id, r.stage FROM response r JOIN participant p "
            "ON p.uid = r.participant_uid WHERE p.assessment_id = (SELECT min(id) FROM assessment)"
        ).fetchall()
    finally:
        conn.close()
    return {str(a): int(s) for a, s in rows if s is not None}


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PLAYBOOK_DATA_DIR"} | {
        "PYTHONPATH": str(REPO)
    }
