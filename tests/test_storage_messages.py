"""What stands where the database should be, and a full disk: each named for what it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from faultlib.mounts import fill_disk, small_tmpfs
from helpers_cli import app_env, run_app

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.paths import database_path
from playbook_app.storage import StorageError, Store
from playbook_app.storage.database import describe

REPO = Path(__file__).resolve().parent.parent


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    return lines[0]


def _gui_start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from playbook_app.app import run_gui\n"
        "sys.exit(run_gui(Path(sys.argv[1]), quit_when_ready=True))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=app_env(),
        cwd=REPO,
        timeout=120,
    )


def _dangling(data_dir: Path) -> Path:
    data_dir.mkdir()
    target = data_dir.parent / "unplugged-drive" / "playbook.sqlite3"
    os.symlink(target, database_path(data_dir))
    return target


@pytest.mark.parametrize("command", ["list", "check", "demo"])
def test_a_dangling_database_link_is_named_on_the_command_line(
    data_dir: Path, command: str
) -> None:
    target = _dangling(data_dir)
    line = _one_error_line(run_app(command, "--data-dir", str(data_dir)))
    assert "is a link to" in line and str(target) in line and "does not exist" in line
    assert not target.exists() and os.path.islink(database_path(data_dir))


def test_a_dangling_database_link_at_start_up_is_a_message_not_a_traceback(
    data_dir: Path,
) -> None:
    target = _dangling(data_dir)
    result = _gui_start(data_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is a link to" in result.stderr and str(target) in result.stderr


@pytest.mark.parametrize("command", ["list", "check", "demo"])
def test_a_folder_named_like_the_database_is_reported_as_a_folder(
    data_dir: Path, command: str
) -> None:
    (database_path(data_dir)).mkdir(parents=True)
    line = _one_error_line(run_app(command, "--data-dir", str(data_dir)))
    assert "is a folder, not the database file" in line
    assert "disk" not in line and "drive" not in line
    assert database_path(data_dir).is_dir()


def test_a_folder_named_like_the_database_at_start_up_is_reported_as_a_folder(
    data_dir: Path,
) -> None:
    (database_path(data_dir)).mkdir(parents=True)
    result = _gui_start(data_dir)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is a folder, not the database file" in result.stderr


def test_a_full_disk_at_open_is_named_full_not_a_drive_error(
    tmp_path: Path, playbook: Playbook
) -> None:
    with small_tmpfs(tmp_path / "small", "4m") as disk:
        folder = disk / "data"
        with Store.open(folder) as store:
            store.add_record(demo_record(playbook))
        filler = fill_disk(disk)
        with pytest.raises(StorageError) as opened:
            Store.open(folder)
        assert opened.value.kind == "full" and "is full" in str(opened.value)
        for command in ("list", "demo"):
            line = _one_error_line(run_app(command, "--data-dir", str(folder)))
            assert "is full" in line and "Free some space" in line
            assert "reported an error" not in line
            assert "kept on screen" not in line  # a command has no screen to keep it on
        filler.unlink()
        with Store.open(folder) as store:
            assert store.latest_assessment_id() is not None


def test_a_full_disk_on_write_from_the_command_line_is_named_full(
    tmp_path: Path, playbook: Playbook
) -> None:
    with small_tmpfs(tmp_path / "small", "4m") as disk:
        folder = disk / "data"
        with Store.open(folder) as store:
            store.set_setting("opened", "yes")
        fill_disk(disk)
        line = _one_error_line(run_app("demo", "--data-dir", str(folder)))
        assert "is full" in line and "kept on screen" not in line


def test_messages_say_kept_on_screen_only_when_worded_for_the_window(tmp_path: Path) -> None:
    path = tmp_path / "playbook.sqlite3"
    for error in (OSError(28, "No space left on device"), PermissionError(13, "denied")):
        command = describe(error, path)
        window = describe(error, path, on_screen=True)
        assert "kept on screen" not in command and "kept on screen" in window
        assert ". Free some space" in command or ". Fix the folder" in command
