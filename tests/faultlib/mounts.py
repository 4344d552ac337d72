"""Real mounts for fault tests: a small tmpfs (disk full) and read-only bind mounts."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _require_mount() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to mount file systems")
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("mount/umount are not installed")


def _unmount(point: Path) -> None:
    if _run("umount", str(point)).returncode != 0:
        _run("umount", "-l", str(point))


@contextmanager
def small_tmpfs(point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` at `point`, unmounted afterwards whatever happens."""
    _require_mount()
    point.mkdir(parents=True, exist_ok=True)
    result = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point))
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield point
    finally:
        _unmount(point)


@contextmanager
def read_only_bind(folder: Path) -> Iterator[Path]:
    """`folder` made read-only in place by a read-only bind mount of itself."""
    _require_mount()
    result = _run("mount", "--bind", str(folder), str(folder))
    if result.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {result.stderr.strip()}")
    try:
        result = _run("mount", "-o", "remount,bind,ro", str(folder))
        if result.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {result.stderr.strip()}")
        yield folder
    finally:
        _unmount(folder)


def fill_disk(folder: Path) -> Path:
    """Write a file until the disk is full, down to the last byte it takes; returns it."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (1 << 20, 1 << 16, 1 << 12, 512, 1):
            try:
                while True:
                    handle.write(b"\xa5" * chunk)
            except OSError:
                continue
    return filler
