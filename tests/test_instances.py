"""One app per data folder, with real processes: a second start is refused; after kill -9 the
stale lock is recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers_cli import app_env, run_app

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.storage.folder_lock import LOCK_NAME, is_locked


def _open(data_dir: Path, running: list[subprocess.Popen[str]]) -> subprocess.Popen[str]:
    """The app, left open as a user leaves it; returns once it holds the folder's lock."""
    child = subprocess.Popen(
        [sys.executable, "-m", "playbook_app", "--data-dir", str(data_dir)],
        env=app_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    running.append(child)
    _wait_for(lambda: _lock_pid(data_dir) == child.pid, "the app holds its lock", child)
    return child


def _wait_for(condition: Callable[[], bool], what: str, child: subprocess.Popen[str]) -> None:
    """Poll until `condition` holds; fails (never hangs) if the child dies or takes minutes."""
    deadline = time.monotonic() + 120
    while not condition():
        if child.poll() is not None:
            raise AssertionError(f"the app ended before {what}: {child.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _lock_pid(data_dir: Path) -> int | None:
    try:
        first = (data_dir / LOCK_NAME).read_text().split("\n", 1)[0]
    except OSError:
        return None
    return int(first) if first.isdigit() else None


@pytest.fixture
def running() -> Iterator[list[subprocess.Popen[str]]]:
    """Apps started by a test, killed at its end whatever happened."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        if child.poll() is None:
            child.kill()
            child.communicate(timeout=30)


def test_a_second_start_is_refused_and_a_kill_9_leaves_no_lasting_lock(
    data_dir: Path, playbook: Playbook, running: list[subprocess.Popen[str]]
) -> None:
    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
    first = _open(data_dir, running)

    second = run_app("--data-dir", str(data_dir), "--quit-when-ready")
    assert second.returncode == 1
    (line,) = [x for x in second.stderr.splitlines() if x.startswith("error: ")]
    assert "already open" in line and str(data_dir) in line
    assert first.poll() is None  # the first one is untouched

    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=30)
    assert first.returncode == -signal.SIGKILL
    assert _lock_pid(data_dir) == first.pid  # its note outlives the process...
    assert not is_locked(data_dir)  # ...but the operating system freed the lock with it

    third = run_app("--data-dir", str(data_dir), "--quit-when-ready")
    assert third.returncode == 0, third.stderr
    assert "error" not in third.stderr
    assert _lock_pid(data_dir) is None and not is_locked(data_dir)  # released on a clean exit
    listed = run_app("list", "--data-dir", str(data_dir))
    assert "20 of 20 answered" in listed.stdout


def test_a_lock_held_by_another_folder_does_not_matter(
    tmp_path: Path, running: list[subprocess.Popen[str]]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    _open(one, running)
    other = run_app("--data-dir", str(two), "--quit-when-ready")
    assert other.returncode == 0, other.stderr
