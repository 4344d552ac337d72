"""Running `playbook-app` as a user does: a fresh process, no data folder from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from playbook_app.paths import DATA_DIR_ENV

REPO = Path(__file__).resolve().parent.parent


def app_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child process: Qt offscreen, this source tree, `extra` added."""
    base = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    return base | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)} | (extra or {})


def run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m playbook_app ARGS`, as a user starts it."""
    return _run([sys.executable, "-m", "playbook_app", *args], env)


def run_script(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -c CODE ARGS`: a driver that starts the real app and plays the user's part."""
    return _run([sys.executable, "-c", code, *args], None)


def _run(command: list[str], env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, env=app_env(env), cwd=REPO, timeout=120
    )
