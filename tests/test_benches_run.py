"""Every benchmark still runs to its RESULT line (figures are not judged here: machines vary)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
# The reference programs some benchmarks measure against live beside the repository
# (or at $PLAYBOOK_FLOORS); a clone elsewhere may not have them.
FLOORS = Path(os.environ.get("PLAYBOOK_FLOORS") or REPO.parent / "shared" / "floors")
NEEDS_FLOORS = {"agenda.py", "memory.py", "startup.py"}
SMALLEST = {
    "agenda.py": ["--rounds", "1"],
    "autosave.py": ["--changes", "40"],
    "history.py": ["--runs", "1"],
    "memory.py": ["--runs", "1"],
    "merge.py": ["--runs", "1"],
    "startup.py": ["--runs", "1"],
}


def test_every_benchmark_is_listed_here() -> None:
    found = {p.name for p in BENCH.glob("*.py") if not p.name.startswith("_")}
    assert found - {"bundle.py"} == set(SMALLEST)  # bundle.py needs the built bundle


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(SMALLEST))
def test_the_benchmark_runs_and_prints_its_ratio(script: str, tmp_path: Path) -> None:
    if script in NEEDS_FLOORS and not FLOORS.is_dir():
        pytest.skip(f"the floor programs are not at {FLOORS} (set PLAYBOOK_FLOORS)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *SMALLEST[script]],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"^RESULT \w+ .*\bratio=\d+\.\d+", done.stdout, re.MULTILINE), done.stdout
