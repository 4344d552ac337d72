"""One writer per data folder, and no path that loses an answer: the window against real files,
real locks and real commands (issue 10, items 1 to 5)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from helpers_cli import run_app
from helpers_gui import safety_of
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import write_packet
from playbook_app.logs import LOG_NAME
from playbook_app.storage import Store
from playbook_app.storage.backups import backup_database, list_backups
from playbook_app.storage.folder_lock import is_locked
from playbook_app.ui.session.session import GUI_WAIT_MS
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _row(path: Path, participant: str, action: str) -> dict[str, object]:
    """One stored answer, read by a connection of the test's own."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(
            "SELECT * FROM response WHERE participant_uid = ? AND action_id = ?",
            [participant, action],
        ).fetchone()
    finally:
        conn.close()
    return dict(row) if row is not None else {}


def _other_stage(stage: Stage | None) -> Stage:
    return Stage.ADVANCING if stage is not Stage.ADVANCING else Stage.EMERGING


def test_an_answer_given_after_restoring_over_a_damaged_database_is_in_the_live_file(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    made = backup_database(store.conn, store.path.parent, "manual")
    window = open_window(store)
    # The file on disk is damaged while the window has it open (a failing disk, a sync tool).
    store.path.write_bytes(b"\0" * 4096)
    safety = safety_of(window)
    safety.show_backups()
    dialog = safety.dialog
    assert dialog is not None
    assert dialog.restore_backup(next(b for b in dialog.backups if b.name == made.name))

    action = playbook.action_ids[2]
    window.show_action(action)
    participant = window.session.participant_uid or ""
    target = _other_stage(window.session.response(action).stage)
    window.rate(AnswerKind.RATED, target)
    assert not window.session.has_pending
    window.session.store.close()

    # What the next start opens: the live file, with the answer in it.
    with Store.open(store.path.parent) as reopened:
        record = reopened.load(reopened.latest_assessment_id() or 0)
        assert record.response(participant, action).stage is target


def test_a_command_line_import_is_refused_while_the_window_holds_the_folder(
    tmp_path: Path, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    record = demo_record(playbook, participants=2, seed=5)
    packet = tmp_path / "team.playbook.json"
    write_packet(record, playbook, packet)
    store.add_record(demo_record(playbook))
    window = open_window(store)
    assert window.session.holds_folder and is_locked(store.path.parent)
    before = store.conn.execute("SELECT count(*) FROM assessment").fetchone()[0]
    backups_before = list_backups(store.path.parent)

    for args in (("import", str(packet)), ("demo",)):
        refused = run_app(*args, "--data-dir", str(store.path.parent))
        assert refused.returncode == 1, refused.stdout
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert "close its window" in refused.stderr and "File menu" in refused.stderr
    assert store.conn.execute("SELECT count(*) FROM assessment").fetchone()[0] == before
    assert list_backups(store.path.parent) == backups_before  # not even a backup was made

    # Reading commands keep working while the window is open.
    listed = run_app("list", "--data-dir", str(store.path.parent), "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == before


def test_an_edit_writes_only_what_the_user_changed(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    action = playbook.action_ids[0]
    window.show_action(action)
    participant = window.session.participant_uid or ""
    shown = window.session.response(action)

    # Another writer slips past (say, a tool run by hand): new stage and note on disk.
    other = sqlite3.connect(str(store.path), isolation_level=None)
    try:
        stage = _other_stage(shown.stage)
        other.execute(
            "UPDATE response SET answer = 'rated', stage = ?, note = 'written elsewhere' "
            "WHERE participant_uid = ? AND action_id = ?",
            [int(stage), participant, action],
        )
    finally:
        other.close()

    # The user changes only importance, with a click on the real button.
    assert window.page is not None
    choice = window.page.details.choices["importance"]
    new_importance = 1 if shown.importance != 1 else 3
    button = choice.buttons()[[1, 2, 3].index(new_importance)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.session.has_pending

    row = _row(store.path, participant, action)
    assert row["importance"] == new_importance
    assert row["stage"] == int(stage) and row["note"] == "written elsewhere"


def test_a_defect_in_one_write_is_logged_and_later_changes_still_save(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    session = window.session
    participant = session.participant_uid or ""
    first, second = playbook.action_ids[3], playbook.action_ids[4]
    broken = session.response(first).with_changes(importance=7, note="private words")
    with qtbot.waitSignal(session.defectRecorded) as shown:
        session.set_response(broken)  # a defect: importance 7 breaks a CHECK constraint
    message = str(shown.args[0])
    log = store.path.parent / LOG_NAME
    assert str(log) in message and "IntegrityError" in message
    text = log.read_text(encoding="utf-8")
    assert "IntegrityError" in text and "save_response" in text  # the whole traceback
    assert "private words" not in text  # and no user text
    # The user is told, in the window, that a defect was recorded and where.
    box = window.save_alerts.defect_box
    assert box is not None and box.isVisible()
    assert str(log) in box.informativeText() and "defect" in box.text()
    box.close()

    window.show_action(second)
    target = _other_stage(session.response(second).stage)
    window.rate(AnswerKind.RATED, target)
    assert not session.has_pending and "Not saved" not in session.save_state_text
    assert _row(store.path, participant, second)["stage"] == int(target)


def test_a_locked_database_never_holds_the_window_and_saves_once_free(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    session = window.session
    assert session.store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == GUI_WAIT_MS
    participant = session.participant_uid or ""
    action = playbook.action_ids[5]
    target = _other_stage(session.response(action).stage)

    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        changes = session.store.conn.total_changes
        # Moving between key actions writes nothing: no wait on the lock, no failure.
        for step in playbook.action_ids[:6]:
            window.show_action(step)
        assert session.store.conn.total_changes == changes and not session.has_pending
        window.rate(AnswerKind.RATED, target)
        assert session.has_pending and "Not saved" in session.save_state_text
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Nobody presses Retry: the window tries again by itself.
    qtbot.waitUntil(lambda: not session.has_pending, timeout=10_000)
    assert _row(store.path, participant, action)["stage"] == int(target)
    qtbot.waitUntil(lambda: window.save_alerts.failure_box is None)


def test_the_last_position_is_written_on_close_not_on_each_move(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    session = window.session
    changes = session.store.conn.total_changes
    for step in playbook.action_ids[:8]:
        window.show_action(step)
    assert session.store.conn.total_changes == changes
    window.close()
    assert session.store.conn.total_changes > changes
    assert session.last_action_id() == playbook.action_ids[7]


def test_answers_survive_a_window_import_then_an_edit(
    tmp_path: Path, qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    """The window's own import re-reads what it wrote, so the next edit reverts nothing."""
    from playbook_app.exchange import merge, read_packets
    from playbook_app.ui.session.data_folder import import_into

    mine = demo_record(playbook, participants=2, seed=8, id_salt=8)
    store.add_record(mine)
    window = open_window(store)
    session = window.session
    action = playbook.action_ids[0]
    person = mine.participants[1]
    newer = mine.response(person.uid, action).with_changes(
        answer=AnswerKind.RATED,
        stage=_other_stage(mine.response(person.uid, action).stage),
        note="from the retreat laptop",
        updated_at="2026-12-01T10:00:00Z",
    )
    changed = demo_record(playbook, participants=2, seed=8, id_salt=8)
    changed.responses[(person.uid, action)] = newer
    packet = tmp_path / "laptop.playbook.json"
    write_packet(changed, playbook, packet, participant=person)
    packets = read_packets([packet], playbook)
    import_into(session, {mine.assessment.uid}, lambda got: merge(packets, got, playbook))

    session.set_active_participant(person.uid)
    window.show_action(action)
    assert session.response(action).note == "from the retreat laptop"
    edited = session.response(action).with_changes(importance=1)
    session.set_response(edited)
    row = _row(store.path, person.uid, action)
    assert row["note"] == "from the retreat laptop" and row["importance"] == 1
    assert row["stage"] == int(newer.stage or 0)


def test_a_blank_answer_edited_for_the_first_time_is_stored_whole(
    store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    session = window.session
    record = session.record
    assert record is not None
    action = playbook.action_ids[0]
    # A participant with no row yet: the insert carries every field given.
    fresh = Response(record.participants[0].uid, action, AnswerKind.UNSURE, note="n")
    store.conn.execute(
        "DELETE FROM response WHERE participant_uid = ? AND action_id = ?",
        [fresh.participant, action],
    )
    record.responses.pop((fresh.participant, action), None)
    session.set_response(fresh)
    row = _row(store.path, fresh.participant, action)
    assert row["answer"] == "unsure" and row["note"] == "n"
