"""File > Backups… and the automatic backups of a running window, on real files and real faults."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from faultlib.damage import bit_flips
from helpers_cli import run_script
from helpers_gui import safety_of
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.paths import database_path
from playbook_app.storage import Store
from playbook_app.storage.backups import backup_database, backups_dir, list_backups
from playbook_app.ui.safety.backup_words import backup_when, size_text
from playbook_app.ui.safety.backups_dialog import BackupsDialog
from playbook_app.ui.safety.safety import FIRST_DAILY_CHECK_MS
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _open_backups(window: MainWindow) -> BackupsDialog:
    safety = safety_of(window)
    assert safety.action.text() == "&Backups…"
    assert safety.action in window.menu_actions.file_menu.actions()
    safety.action.trigger()
    dialog = safety.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    return dialog


def _cells(dialog: BackupsDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def _stage_in(path: Path, participant: str, action: str) -> int | None:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT stage FROM response WHERE participant_uid = ? AND action_id = ?",
            [participant, action],
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def _other_stage(stage: Stage | None) -> Stage:
    return Stage.ADVANCING if stage is not Stage.ADVANCING else Stage.EMERGING


def test_the_backups_dialog_lists_backs_up_and_restores(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    now = datetime.now(UTC).replace(microsecond=0)
    older = backup_database(store.conn, store.path.parent, "daily", now=now - timedelta(hours=5))
    newer = backup_database(store.conn, store.path.parent, "import", now=now - timedelta(hours=2))
    window = open_window(store)
    dialog = _open_backups(window)
    assert _cells(dialog) == [
        [backup_when(newer), "Before an import", size_text(newer.size), "OK"],
        [backup_when(older), "Daily", size_text(older.size), "OK"],
    ]
    assert size_text(newer.size).endswith(" KB")
    assert dialog.restore_button.isEnabled() and dialog.backup_button.isEnabled()

    # A backup that fails its check is shown as such and cannot be restored.
    older.path.write_bytes(bit_flips(older.path.read_bytes()))
    dialog.refresh()
    assert _cells(dialog)[1][3] == "Damaged: cannot be restored"
    dialog.table.selectRow(1)
    assert not dialog.restore_button.isEnabled()

    # Back up now runs on a worker thread; the list shows the new one when it is done.
    with qtbot.waitSignal(safety_of(window).runner.finished, timeout=30_000):
        dialog.backup_button.click()
    assert "Backed up" in dialog.status.text()
    assert _cells(dialog)[0][1] == "Made by you"
    mine = dialog.selected
    assert mine is not None and mine.reason == "manual" and mine.ok

    # A change after that backup, then restoring it.
    action = playbook.action_ids[0]
    participant = window.session.participant_uid or ""
    before = window.session.response(action).stage
    changed_to = _other_stage(before)
    window.show_action(action)
    window.rate(AnswerKind.RATED, changed_to)
    assert _stage_in(store.path, participant, action) == int(changed_to)

    dialog.ask_restore()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "backed up first" in box.informativeText()
    assert window.session.response(action).stage is changed_to  # nothing happens unasked
    restore_button = next(b for b in box.buttons() if b.text() == "Restore")
    restore_button.click()

    assert window.session.response(action).stage is before
    assert window.page is not None and window.current_action_id is not None
    assert _stage_in(store.path, participant, action) == (None if before is None else int(before))
    assert "Restored" in dialog.status.text()
    kept = [b for b in list_backups(store.path.parent) if b.reason == "before-restore"]
    assert len(kept) == 1 and kept[0].of is not None
    purposes = [row[1] for row in _cells(dialog)]
    assert any(p.startswith("Before restoring the backup of") for p in purposes), purposes
    # The data the restore replaced is in that backup, change and all.
    assert _stage_in(kept[0].path, participant, action) == int(changed_to)
    assert not window.undo_stack.canUndo()  # undo would reach into the replaced data


def test_restore_waits_until_every_change_is_saved(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    made = backup_database(store.conn, store.path.parent, "manual")
    window = open_window(store)
    dialog = _open_backups(window)
    action = playbook.action_ids[1]
    window.show_action(action)
    target = _other_stage(window.session.response(action).stage)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        window.rate(AnswerKind.RATED, target)
        assert window.session.has_pending
        assert not dialog.restore_backup(made)
        assert "not saved yet" in dialog.status.text()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [b.reason for b in list_backups(store.path.parent)] == ["manual"]  # nothing restored
    assert window.session.response(action).stage is target  # still on screen
    assert dialog.restore_backup(made)  # once saved, the restore goes ahead
    assert not window.session.has_pending


def test_daily_backups_while_open_and_one_on_quit_after_changes(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    safety = safety_of(window)
    assert safety.daily_timer.isActive()
    assert safety.daily_timer.interval() == FIRST_DAILY_CHECK_MS
    assert not safety.changed  # opening the window is not a change worth a backup

    with qtbot.waitSignal(safety.runner.finished, timeout=30_000) as first:
        safety.daily_timer.timeout.emit()  # what the timer does when it fires
    assert first.args is not None and first.args[0] == "daily" and first.args[1] is not None
    assert safety.daily_timer.interval() > FIRST_DAILY_CHECK_MS
    with qtbot.waitSignal(safety.runner.finished, timeout=30_000) as again:
        safety.check_daily()
    assert again.args is not None and again.args[1] is None  # under a day old: not due
    assert [b.reason for b in list_backups(store.path.parent)] == ["daily"]

    safety.back_up_on_quit()
    assert [b.reason for b in list_backups(store.path.parent)] == ["daily"]  # nothing changed
    action = playbook.action_ids[2]
    window.show_action(action)
    window.rate(AnswerKind.RATED, _other_stage(window.session.response(action).stage))
    assert safety.changed
    safety.back_up_on_quit()
    made = list_backups(store.path.parent, verify=True)
    assert sorted(b.reason for b in made) == ["close", "daily"] and all(b.ok for b in made)
    assert not safety.changed


def test_a_failed_daily_backup_is_a_calm_note_and_damage_is_not(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    safety = safety_of(window)
    blocker = backups_dir(store.path.parent)
    blocker.write_text("a file where the backups folder should be")
    with qtbot.waitSignal(safety.runner.failed, timeout=30_000):
        safety.check_daily()
    note = window.statusBar().currentMessage()
    assert note.startswith("No daily backup was made:") and "cannot be created" in note
    assert not any(isinstance(w, QMessageBox) and w.isVisible() for w in window.children())
    blocker.unlink()

    # Damage found by the daily check is not harmless: it gets a box that says what to do.
    path = database_path(store.path.parent)
    path.write_bytes(bit_flips(path.read_bytes()))
    with qtbot.waitSignal(safety.runner.failed, timeout=30_000) as failed:
        safety.check_daily()
    assert failed.args is not None and failed.args[2] == "damaged"
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and "open it again" in boxes[0].text()
    assert not backups_dir(store.path.parent).exists() or not list_backups(store.path.parent)
    for box in boxes:
        box.close()


_DRIVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from playbook_app.app import run_gui
from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.ui.shell.main_window import MainWindow

app = QApplication(sys.argv[:1])

def step():
    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            if sys.argv[2] == "change":
                action = widget.session.playbook.action_ids[5]
                widget.show_action(action)
                now = widget.session.response(action).stage
                widget.rate(AnswerKind.RATED, Stage(3 if now != Stage(3) else 1))
                print(int(widget.session.response(action).stage), flush=True)
            widget.close()  # the last window: the app quits as it does for a user

timer = QTimer()
timer.timeout.connect(step)
timer.start(50)
sys.exit(run_gui(Path(sys.argv[1])))
"""


def test_the_real_app_backs_up_on_quit_only_after_changes(
    data_dir: Path, playbook: Playbook
) -> None:
    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
    looked = run_script(_DRIVER, str(data_dir), "look")
    assert looked.returncode == 0, looked.stderr
    assert list_backups(data_dir) == []  # opened and closed, nothing changed
    changed = run_script(_DRIVER, str(data_dir), "change")
    assert changed.returncode == 0, changed.stderr
    (made,) = list_backups(data_dir, verify=True)
    assert made.reason == "close" and made.ok
    conn = sqlite3.connect(made.path)
    stage = conn.execute(
        "SELECT stage FROM response WHERE action_id = ?", [playbook.action_ids[5]]
    ).fetchone()
    conn.close()
    assert stage == (int(changed.stdout.split()[-1]),)
