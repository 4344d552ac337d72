"""Where the data lives: --data-dir, the environment, a portable folder beside the bundled app,
the user's folder; and a calm warning (never a refusal) for removable media."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_app.paths import (
    DATA_DIR_ENV,
    PORTABLE_FOLDER,
    DataMode,
    app_folder,
    data_location,
    data_mode,
    user_data_dir,
)
from playbook_app.storage.location import location_warning, removable_mount


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled app on a stick: the folder with its executable and a PlaybookReadinessData."""
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    bundle = tmp_path / "stick" / "PlaybookReadiness"
    bundle.mkdir(parents=True)
    (bundle / "playbook-app").write_bytes(b"")
    (bundle / PORTABLE_FOLDER).mkdir()
    return bundle


def test_a_data_folder_beside_the_bundled_app_makes_it_portable(stick: Path) -> None:
    where = data_location(executable=str(stick / "playbook-app"), frozen=True)
    assert where.mode is DataMode.PORTABLE
    assert where.folder == (stick / PORTABLE_FOLDER).resolve()


def test_without_that_folder_the_bundled_app_uses_the_user_data_folder(stick: Path) -> None:
    (stick / PORTABLE_FOLDER).rmdir()
    where = data_location(executable=str(stick / "playbook-app"), frozen=True)
    assert where.mode is DataMode.STANDARD and where.folder == user_data_dir()


def test_running_from_source_is_never_portable(stick: Path) -> None:
    # A checkout that happens to hold such a folder beside python is not a bundle.
    where = data_location(executable=str(stick / "playbook-app"), frozen=False)
    assert where.mode is DataMode.STANDARD


def test_an_explicit_folder_or_the_environment_wins_over_portable(
    stick: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = str(stick / "playbook-app")
    given = data_location(tmp_path / "given", executable=program, frozen=True)
    assert (given.mode, given.folder) == (DataMode.GIVEN, tmp_path / "given")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    from_env = data_location(executable=program, frozen=True)
    assert (from_env.mode, from_env.folder) == (DataMode.ENVIRONMENT, tmp_path / "env")


def test_on_macos_the_portable_folder_sits_beside_the_app_bundle(tmp_path: Path) -> None:
    macos = tmp_path / "Playbook Readiness.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    (tmp_path / PORTABLE_FOLDER).mkdir()
    program = str(macos / "PlaybookReadiness")
    assert app_folder(program, frozen=True) == tmp_path.resolve()
    where = data_location(executable=program, frozen=True)
    assert where.mode is DataMode.PORTABLE


def test_about_names_the_mode_in_use(stick: Path, tmp_path: Path) -> None:
    program = str(stick / "playbook-app")
    portable = stick / PORTABLE_FOLDER
    assert data_mode(portable, executable=program, frozen=True).startswith("Portable")
    assert data_mode(user_data_dir(), executable=program, frozen=True).startswith("Standard")
    assert data_mode(tmp_path / "elsewhere", executable=program, frozen=True).startswith(
        "A chosen folder"
    )


MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/sdb1 /media/ana/CABINET vfat rw,nosuid,nodev 0 0
/dev/sdc1 /srv/usb\\040stick exfat rw 0 0
/dev/sdd1 /data ext4 rw 0 0
"""


@pytest.fixture
def sys_block(tmp_path: Path) -> Path:
    """/sys/class/block as the kernel lays it out: sdc is removable, sdd is not."""
    block = tmp_path / "block"
    for disk, flag in (("sdc", "1"), ("sdd", "0")):
        (block / disk / f"{disk}1").mkdir(parents=True)
        (block / disk / "removable").write_text(f"{flag}\n")
        (block / f"{disk}1").symlink_to(block / disk / f"{disk}1")
    return block


def test_removable_media_are_known_by_mount_place_or_by_the_kernels_flag(
    sys_block: Path,
) -> None:
    assert removable_mount(Path("/media/ana/CABINET/PlaybookReadinessData"), MOUNTS, sys_block)
    assert removable_mount(Path("/srv/usb stick/data"), MOUNTS, sys_block)
    assert not removable_mount(Path("/data/playbook"), MOUNTS, sys_block)
    assert not removable_mount(Path("/home/ana/.local/share/x"), MOUNTS, sys_block)


def test_a_data_folder_on_a_stick_gets_a_warning_that_does_not_refuse() -> None:
    warning = location_warning(Path("/media/ana/CABINET/PlaybookReadinessData"), mounts=MOUNTS)
    assert warning is not None
    assert "removable media" in warning and "close the app before you unplug it" in warning
    assert location_warning(Path("/data/playbook"), mounts=MOUNTS) is None
