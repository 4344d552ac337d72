"""The window under real environment faults: a full disk and a read-only data folder.

The change stays on screen with a clear message, nothing saved before is lost,
and Retry writes it once the cause is gone. (A locked database: see
test_gui_walkthrough.test_a_locked_database_keeps_the_change_and_retry_saves_it.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from faultlib.mounts import fill_disk, read_only_bind, small_tmpfs
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _other(stage: Stage | None) -> Stage:
    return Stage.ADVANCING if stage is not Stage.ADVANCING else Stage.EMERGING


def _stored_stages(folder: Path, assessment_id: int) -> dict[str, Stage | None]:
    with Store.open(folder) as store:
        record = store.load(assessment_id)
    return {action: response.stage for (_, action), response in record.responses.items()}


def _assert_kept_on_screen(window: MainWindow, action: str, stage: Stage, words: str) -> None:
    assert window.session.has_pending
    assert window.session.response(action).stage is stage
    status = window.save_status.label.toolTip()  # the whole text; the bar may cut it short
    assert status.startswith("Not saved") and words in status
    box = window.save_alerts.failure_box
    assert box is not None and box.isVisible() and words in box.informativeText()


def test_a_full_disk_keeps_the_change_and_retry_saves_it_after_space_is_freed(
    qtbot: QtBot, tmp_path: Path, playbook: Playbook, open_window: OpenWindow
) -> None:
    with small_tmpfs(tmp_path / "small", "4m") as disk:
        folder = disk / "data"
        with Store.open(folder) as store:
            assessment_id = store.add_record(demo_record(playbook))
        before = _stored_stages(folder, assessment_id)
        store = Store.open(folder)
        try:
            window = open_window(store)
            action = playbook.action_ids[0]
            window.show_action(action)
            target = _other(window.session.response(action).stage)
            # An empty WAL must grow to take the change, and the disk has no room left.
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            filler = fill_disk(disk)
            window.rate(AnswerKind.RATED, target)
            _assert_kept_on_screen(window, action, target, "is full")
            window.retry_saving()  # still full: fails again, calmly
            assert window.session.has_pending

            filler.unlink()
            window.save_status.retry_button.click()
            assert not window.session.has_pending
            assert window.save_status.label.text().endswith("All changes saved")
            window.close()
        finally:
            store.close()
        after = _stored_stages(folder, assessment_id)
        assert after == {**before, action: target}


def test_a_folder_read_only_from_the_start_shows_the_data_and_saves_once_writable(
    qtbot: QtBot, data_dir: Path, playbook: Playbook, open_window: OpenWindow
) -> None:
    with Store.open(data_dir) as store:
        assessment_id = store.add_record(demo_record(playbook))
    before = _stored_stages(data_dir, assessment_id)
    action = playbook.action_ids[3]
    target = _other(before[action])
    with read_only_bind(data_dir):
        store = Store.open(data_dir)
        try:
            assert store.read_only
            window = open_window(store)
            assert window.progress.label.text() == "20 of 20 key actions answered"
            window.show_action(action)
            window.rate(AnswerKind.RATED, target)
            _assert_kept_on_screen(window, action, target, "cannot be written to")
            assert _stored_stages(data_dir, assessment_id) == before
        except BaseException:
            store.close()
            raise
    try:
        # The folder is writable again: Retry saves without a restart.
        window.save_status.retry_button.click()
        assert not window.session.has_pending and not store.read_only
        window.close()
    finally:
        store.close()
    assert _stored_stages(data_dir, assessment_id) == {**before, action: target}
