"""Atomic file writes: all or nothing, private, verified."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from playbook_app.safe_write import WriteError, write_atomic


def test_writes_privately_and_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "agenda.csv"
    target.write_bytes(b"old")
    write_atomic(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.csv"]


def test_a_missing_folder_or_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "a.pdf", b"x")
    with pytest.raises(WriteError, match="is a folder"):
        write_atomic(tmp_path, b"x")
