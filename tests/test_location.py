"""A data folder in a cloud-sync folder or on a network drive: a warning that explains the risk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers_cli import run_app
from helpers_gui import safety_of
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


@pytest.mark.parametrize("where", ["Dropbox", "OneDrive - Cedar Valley USD"])
def test_a_cloud_sync_folder_gets_one_calm_warning(
    qtbot: QtBot, tmp_path: Path, playbook: Playbook, open_window: OpenWindow, where: str
) -> None:
    folder = tmp_path / where / "playbook"
    with Store.open(folder) as store:
        window = open_window(store)
        safety = safety_of(window)
        qtbot.waitUntil(lambda: safety.location_box is not None, timeout=10_000)
        box = safety.location_box
        assert box is not None and box.isVisible() and not box.isModal()
        assert "cloud-sync" in box.informativeText() and "half written" in box.informativeText()
        box.close()
        window.close()
        # Once per folder: the next window on it stays quiet.
        again = open_window(store, for_keys=False)
        safety_of(again).check_location()
        assert safety_of(again).location_box is None
        again.close()


def test_check_warns_about_a_cloud_sync_folder(tmp_path: Path, playbook: Playbook) -> None:
    folder = tmp_path / "Dropbox" / "playbook"
    with Store.open(folder) as store:
        store.add_record(demo_record(playbook))
    result = run_app("check", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr  # a warning, not an error
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("warning:")]
    assert "cloud-sync folder (Dropbox)" in line and "older copy" in line
