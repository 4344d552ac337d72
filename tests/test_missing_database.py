"""A lost database file with its backups still here: never quietly replaced by an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_cli import run_app
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.paths import database_path
from playbook_app.storage import Store
from playbook_app.storage.backups import backup_database
from playbook_app.storage.database import MissingDatabaseError
from playbook_app.ui.safety.recovery_dialog import RecoveryDialog


def _lost(data_dir: Path, playbook: Playbook) -> str:
    """A folder whose database was deleted (a sync tool, a clean-up) after a backup."""
    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
        name = backup_database(store.conn, store.path.parent, "daily").name
    database_path(data_dir).unlink()
    return name


def test_opening_refuses_to_start_empty_and_names_the_backup(
    data_dir: Path, playbook: Playbook
) -> None:
    name = _lost(data_dir, playbook)
    with pytest.raises(MissingDatabaseError) as caught:
        Store.open(data_dir)
    assert caught.value.backup_name == name and caught.value.moved_to is None
    assert "missing" in str(caught.value) and f"--restore {name}" in str(caught.value)
    assert not database_path(data_dir).exists()
    with Store.open(data_dir, start_fresh=True) as store:  # only when chosen
        assert store.latest_assessment_id() is None


def test_check_reports_it_and_start_fresh_only_replaces_what_is_not_there(
    data_dir: Path, playbook: Playbook
) -> None:
    name = _lost(data_dir, playbook)
    checked = run_app("check", "--data-dir", str(data_dir))
    assert checked.returncode == 1 and checked.stderr.count("\n") == 1
    assert "missing" in checked.stderr and f"--restore {name}" in checked.stderr
    assert "--start-fresh" in checked.stderr
    assert run_app("demo", "--data-dir", str(data_dir)).returncode == 1  # nothing made behind it
    assert not database_path(data_dir).exists()

    fresh = run_app("check", "--data-dir", str(data_dir), "--start-fresh")
    assert fresh.returncode == 0 and "started with an empty database" in fresh.stdout
    assert run_app("demo", "--data-dir", str(data_dir)).returncode == 0
    before = database_path(data_dir).read_bytes()
    again = run_app("check", "--data-dir", str(data_dir), "--start-fresh")
    assert again.returncode == 1 and "was kept; nothing was changed" in again.stderr
    assert database_path(data_dir).read_bytes() == before

    restored = run_app("check", "--data-dir", str(data_dir), "--restore", name)
    assert restored.returncode == 0, restored.stderr
    assert "the database it replaced was backed up" in restored.stdout


def test_the_app_says_the_file_is_missing_and_restores_the_backup(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    _lost(data_dir, playbook)
    with pytest.raises(MissingDatabaseError) as caught:
        Store.open(data_dir)
    dialog = RecoveryDialog(data_dir, caught.value)
    qtbot.addWidget(dialog)
    dialog.open()
    assert "missing" in dialog.headline.text()
    assert "deleted or moved" in dialog.explanation.text()
    assert dialog.restore_button is not None
    dialog.restore_button.click()
    assert dialog.store is not None
    try:
        assert [s.label for s in dialog.store.list_assessments(())] == [
            "Fall 2026 superintendent review"
        ]
    finally:
        dialog.store.close()
