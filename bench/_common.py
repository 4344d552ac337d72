"""Shared pieces of the benchmarks: where the floors are, and a child process's cost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def floors_dir() -> Path:
    """The reference programs: $PLAYBOOK_FLOORS, else ../shared/floors beside the repo."""
    env = os.environ.get("PLAYBOOK_FLOORS")
    folder = Path(env) if env else REPO.parent / "shared" / "floors"
    if not folder.is_dir():
        sys.exit(f"error: floors not found at {folder} (set PLAYBOOK_FLOORS)")
    return folder


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_kib: int


def run(argv: list[str], env: dict[str, str] | None = None, pass_fds: tuple[int, ...] = ()) -> Run:
    """Wall time from spawn to exit, and peak resident memory, of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=pass_fds
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        err = child.stderr.read().decode(errors="replace") if child.stderr else ""
        sys.exit(f"error: {' '.join(argv)} exited {child.returncode}: {err.strip()}")
    if child.stderr:
        child.stderr.close()
    return Run(elapsed, int(usage.ru_maxrss))


@dataclass(frozen=True)
class Start:
    ready_seconds: float  # spawn to the first turn of the event loop: the window is usable
    exit_seconds: float  # spawn to exit, teardown included
    max_rss_kib: int


PROBE = Path(__file__).resolve().parent / "_ready_probe.py"


def start(argv: list[str], env: dict[str, str]) -> Start:
    """Time a Qt program's start to its interactive window, run unchanged under _ready_probe.

    argv is the program as it would be run: [python, script, ...] or [python, -m, module, ...].
    """
    read_end, write_end = os.pipe()
    try:
        begun = time.monotonic()
        result = run(
            [argv[0], str(PROBE), *argv[1:]],
            {**env, "READY_FD": str(write_end)},
            pass_fds=(write_end,),
        )
    finally:
        os.close(write_end)  # the child has exited: the mark, if any, is in the pipe
    try:
        mark = os.read(read_end, 64)
    finally:
        os.close(read_end)
    if not mark:
        sys.exit(f"error: {' '.join(argv)} never reached its event loop")
    # run() times from its own spawn; both clocks are monotonic, and the gap between
    # `begun` and that spawn is the same few microseconds for every program.
    return Start(float(mark) - begun, result.seconds, result.max_rss_kib)


def offscreen_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def demo_data_dir(folder: Path) -> Path:
    """A data folder holding the demo assessment, as a returning user would have."""
    data = folder / "data"
    subprocess.run(
        [sys.executable, "-m", "playbook_app", "demo", "--data-dir", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=REPO,
    )
    return data
