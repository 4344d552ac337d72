"""Damage found at start-up, in the GUI: plainly told; then a backup, a fresh start, or quit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from faultlib.damage import garbage, zero_length
from helpers_cli import run_app, run_script
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.paths import database_path
from playbook_app.storage import DamagedDatabaseError, NewerDatabaseError, Store
from playbook_app.storage.backups import backup_database
from playbook_app.storage.database import ForeignSchemaError
from playbook_app.storage.recovery import damaged_copies
from playbook_app.ui.safety.backup_words import backup_when
from playbook_app.ui.safety.recovery_dialog import RecoveryDialog, failure_title


def _damaged_folder(data_dir: Path, playbook: Playbook, *, with_backup: bool) -> int:
    """A folder whose database was just damaged (a backup of it first, if asked)."""
    with Store.open(data_dir) as store:
        assessment_id = store.add_record(demo_record(playbook))
        if with_backup:
            backup_database(store.conn, store.path.parent, "daily")
    path = database_path(data_dir)
    path.write_bytes(garbage(path.read_bytes()))
    return assessment_id


def _error(data_dir: Path) -> DamagedDatabaseError:
    with pytest.raises(DamagedDatabaseError) as caught:
        Store.open(data_dir)
    return caught.value


def _dialog(qtbot: QtBot, data_dir: Path) -> tuple[RecoveryDialog, DamagedDatabaseError]:
    """What the app shows after the failed open: the dialog, and the error it explains."""
    error = _error(data_dir)
    dialog = RecoveryDialog(data_dir, error)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog, error


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_newest_good_backup_is_offered_and_restored(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    assessment_id = _damaged_folder(data_dir, playbook, with_backup=True)
    dialog, error = _dialog(qtbot, data_dir)
    assert error.moved_to is not None
    text = dialog.explanation.text()
    assert "damaged" in dialog.headline.text()
    assert str(error.moved_to) in text and "not deleted" in text
    assert dialog.backup is not None and backup_when(dialog.backup) in text
    assert dialog.restore_button is not None and dialog.restore_button.isDefault()
    assert backup_when(dialog.backup) in dialog.restore_button.text()
    for button in (dialog.restore_button, dialog.fresh_button, dialog.quit_button):
        assert button.accessibleName()

    dialog.restore_button.click()
    assert dialog.result() == RecoveryDialog.DialogCode.Accepted
    assert dialog.store is not None
    try:
        record = dialog.store.load(assessment_id)
        assert len(record.responses) == 20
        assert dialog.store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        dialog.store.close()
    assert error.moved_to.exists()  # the damaged file is kept


def test_without_a_backup_an_empty_start_is_only_made_when_chosen(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    _damaged_folder(data_dir, playbook, with_backup=False)
    dialog, _ = _dialog(qtbot, data_dir)
    assert dialog.restore_button is None
    assert "No good backup" in dialog.explanation.text()
    assert not database_path(data_dir).exists()  # nothing was put in its place unasked
    dialog.fresh_button.click()
    assert dialog.store is not None
    try:
        assert dialog.store.latest_assessment_id() is None
    finally:
        dialog.store.close()
    assert damaged_copies(database_path(data_dir))


def test_quit_changes_nothing(qtbot: QtBot, data_dir: Path, playbook: Playbook) -> None:
    _damaged_folder(data_dir, playbook, with_backup=True)
    dialog, _ = _dialog(qtbot, data_dir)  # the failed open has moved the damaged file aside
    before = _files(data_dir)
    dialog.quit_button.click()
    assert dialog.result() == RecoveryDialog.DialogCode.Rejected and dialog.store is None
    assert _files(data_dir) == before


def test_a_failed_restore_is_reported_in_the_dialog(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    _damaged_folder(data_dir, playbook, with_backup=True)
    dialog, _ = _dialog(qtbot, data_dir)
    assert dialog.backup is not None and dialog.restore_button is not None
    dialog.backup.path.write_bytes(zero_length(b""))  # the backup went bad meanwhile
    dialog.restore_button.click()
    assert dialog.isVisible() and dialog.store is None
    assert dialog.status.isVisible() and "Nothing else was changed" in dialog.status.text()
    assert not database_path(data_dir).exists()


_DRIVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from playbook_app.app import run_gui
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.safety.recovery_dialog import RecoveryDialog

app = QApplication(sys.argv[:1])
choice = sys.argv[2]

def step():
    for widget in app.topLevelWidgets():
        if isinstance(widget, RecoveryDialog) and widget.isVisible():
            print("dialog:", widget.explanation.text().split(chr(10))[0], flush=True)
            button = {"restore": widget.restore_button, "fresh": widget.fresh_button,
                      "repair": widget.repair_button, "quit": widget.quit_button}[choice]
            button.click()
        if isinstance(widget, MainWindow) and widget.isVisible():
            print("window:", widget.windowTitle(), flush=True)
            widget.close()

timer = QTimer()
timer.timeout.connect(step)
timer.start(50)
sys.exit(run_gui(Path(sys.argv[1])))
"""


@pytest.mark.parametrize("choice", ["restore", "fresh", "quit"])
def test_the_app_starts_only_on_what_the_user_chose(
    data_dir: Path, playbook: Playbook, choice: str
) -> None:
    _damaged_folder(data_dir, playbook, with_backup=True)
    result = run_script(_DRIVER, str(data_dir), choice)
    assert "dialog: This can happen after a power cut" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
    (moved,) = damaged_copies(database_path(data_dir))
    if choice == "quit":
        assert result.returncode == 1 and "window:" not in result.stdout
        (line,) = [x for x in result.stderr.splitlines() if x.startswith("error: ")]
        assert moved.name in line
        assert not database_path(data_dir).exists()
        return
    assert result.returncode == 0, result.stderr
    with Store.open(data_dir) as store:
        labels = [s.label for s in store.list_assessments(())]
    if choice == "restore":
        assert f"window: {labels[0]}" in result.stdout
        assert labels == ["Fall 2026 superintendent review"]
    else:
        assert labels == [] and "window: Playbook Readiness" in result.stdout


def test_quit_when_ready_never_waits_on_the_recovery_dialog(
    data_dir: Path, playbook: Playbook
) -> None:
    _damaged_folder(data_dir, playbook, with_backup=True)
    result = run_app("--data-dir", str(data_dir), "--quit-when-ready")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "damaged" in result.stderr
    assert "moved to" in result.stderr and "--restore" in result.stderr
    assert result.stderr.count("error: ") == 1 and "Traceback" not in result.stderr
    assert not database_path(data_dir).exists()


def test_a_database_from_a_newer_version_is_refused_clearly(data_dir: Path) -> None:
    with Store.open(data_dir):
        pass
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('playbook_app', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = run_app("--data-dir", str(data_dir), "--quit-when-ready")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "newer version" in result.stderr
    assert path.read_bytes() == before
    assert failure_title(NewerDatabaseError("x")) == "This data needs a newer version of the app"


def _planted_trigger(data_dir: Path, playbook: Playbook) -> None:
    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
        backup_database(store.conn, store.path.parent, "daily")
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute(
        "CREATE TRIGGER wipe_agenda AFTER INSERT ON agenda_item BEGIN "
        "DELETE FROM agenda_item WHERE assessment_id != NEW.assessment_id; END"
    )
    conn.commit()
    conn.close()


def test_a_planted_trigger_is_explained_and_repaired_from_the_start_dialog(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    _planted_trigger(data_dir, playbook)
    with pytest.raises(ForeignSchemaError) as caught:
        Store.open(data_dir)
    dialog = RecoveryDialog(data_dir, caught.value)
    qtbot.addWidget(dialog)
    dialog.open()
    assert "did not put there" in dialog.headline.text()
    assert "trigger wipe_agenda (on agenda_item)" in dialog.explanation.text()
    assert dialog.fresh_button is None and dialog.restore_button is None
    assert dialog.repair_button is not None and dialog.repair_button.isDefault()
    dialog.repair_button.click()
    assert dialog.result() == RecoveryDialog.DialogCode.Accepted and dialog.store is not None
    try:
        names = [r[0] for r in dialog.store.conn.execute("SELECT name FROM sqlite_master")]
        assert "wipe_agenda" not in names
        assert [s.label for s in dialog.store.list_assessments(())] == [
            "Fall 2026 superintendent review"
        ]
    finally:
        dialog.store.close()
    assert list(data_dir.glob("playbook.sqlite3.foreign-*.sql"))


@pytest.mark.parametrize("choice", ["repair", "quit"])
def test_the_app_starts_on_a_planted_trigger_only_after_a_repair(
    data_dir: Path, playbook: Playbook, choice: str
) -> None:
    _planted_trigger(data_dir, playbook)
    before = database_path(data_dir).read_bytes()
    result = run_script(_DRIVER, str(data_dir), choice)
    assert "dialog: Another program, or a person, added" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
    if choice == "quit":
        assert result.returncode == 1 and "window:" not in result.stdout
        assert database_path(data_dir).read_bytes() == before
        return
    assert result.returncode == 0, result.stderr
    assert "window: Fall 2026 superintendent review" in result.stdout
