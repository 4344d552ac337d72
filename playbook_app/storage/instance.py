"""Whether the app is open on a data folder, read from the lock file it holds (no Qt here).

The GUI takes the lock with QLockFile; the command line only reads it, so that
a restore never swaps the database under a window that is still writing to it.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_NAME = "playbook.lock"


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


def open_elsewhere(data_dir: Path) -> int | None:
    """The process id of a running app holding this folder, or None.

    QLockFile writes the owner's process id, app name and host name on separate
    lines. A lock from another host, or whose process is gone (a crash), does
    not count. Where a process cannot be probed without harm (Windows, where
    os.kill ends it), the lock is not trusted either way and None is returned.
    """
    try:
        lines = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit() or os.name != "posix":
        return None
    import platform  # here, not at start-up: the app imports this module for LOCK_NAME

    pid = int(lines[0])
    host = lines[2].strip() if len(lines) > 2 else ""
    if pid == os.getpid() or (host and host != platform.node()):
        return None
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, another user's
    return pid
