"""Backups on real files: the backup API, checks before they count, thinning, restore, `check`."""

from __future__ import annotations

import re
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faultlib.damage import bit_flips
from helpers_cli import run_app as cli

from playbook_app.content import load_default
from playbook_app.domain.demo import NOTES, RATIONALES, TRICKY_NOTE, demo_record
from playbook_app.paths import database_path
from playbook_app.storage import DamagedDatabaseError, StorageError, Store
from playbook_app.storage.backups import (
    BackupInfo,
    backup_database,
    backups_dir,
    list_backups,
    maybe_daily_backup,
    newest_good_backup,
    plan_thinning,
    thin,
)
from playbook_app.storage.database import connect
from playbook_app.storage.folder_lock import LOCK_NAME
from playbook_app.storage.location import location_warning
from playbook_app.storage.repair import restore

NAME = re.compile(r"^playbook-\d{8}T\d{6}Z-[a-z-]+\.sqlite3$")
T0 = datetime(2026, 11, 22, 18, 4, 5, tzinfo=UTC)


def _filled(folder: Path) -> int:
    with Store.open(folder) as store:
        return store.add_record(demo_record(load_default()))


def _notes(folder: Path) -> list[str]:
    with Store.open(folder) as store:
        rows = store.db.execute("SELECT note FROM response ORDER BY rowid").fetchall()
    return [row[0] for row in rows]


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of the folder but its write lock (which holds only who is writing)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != LOCK_NAME
    }


def test_backup_list_restore_round_trip(data_dir: Path) -> None:
    assessment_id = _filled(data_dir)
    with Store.open(data_dir) as store:
        before = store.load(assessment_id)
        made = backup_database(store.conn, store.path.parent, "manual")
        me = before.participants[0].uid
        changed = next(iter(before.responses.values())).with_changes(note="changed later")
        assert changed.participant == me
        store.save_response(changed)
    assert NAME.match(made.name) and made.ok and made.reason == "manual"
    assert stat.S_IMODE(backups_dir(data_dir).stat().st_mode) == 0o700
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    (listed,) = list_backups(data_dir, verify=True)
    assert (listed.name, listed.size, listed.ok) == (made.name, made.path.stat().st_size, True)
    # A self-contained file: rollback journal mode, no -wal beside it.
    assert made.path.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in backups_dir(data_dir).iterdir()) == [made.name]

    result = restore(data_dir, made.name)
    assert result.restored.name == made.name and result.moved_to is None
    with Store.open(data_dir) as store:
        assert store.load(assessment_id) == before
    # The database the restore replaced was itself backed up first.
    assert result.saved_as is not None and result.saved_as.reason == "before-restore"
    restore(data_dir, result.saved_as.name)
    assert "changed later" in _notes(data_dir)
    assert stat.S_IMODE(database_path(data_dir).stat().st_mode) == 0o600


def test_a_backup_holds_changes_still_in_the_wal(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.set_setting("only-in-the-wal", "yes")
        assert Path(f"{store.path}-wal").stat().st_size > 0
        made = backup_database(store.conn, store.path.parent, "manual")
    copy = sqlite3.connect(made.path)
    assert copy.execute("SELECT value FROM setting WHERE key = 'only-in-the-wal'").fetchone()
    copy.close()


def test_a_damaged_database_is_never_backed_up(data_dir: Path) -> None:
    _filled(data_dir)
    with Store.open(data_dir) as store:
        for hour in range(12):  # more than the 24-hour cap, all good
            backup_database(store.conn, data_dir, "daily", now=T0 + timedelta(hours=hour))
    kept = _files(backups_dir(data_dir))
    assert len(kept) == 10
    path = database_path(data_dir)
    path.write_bytes(bit_flips(path.read_bytes()))
    db = connect(path)  # past the check on open, as a long-running app would be
    try:
        for attempt in range(12):
            with pytest.raises(DamagedDatabaseError, match="no backup was made"):
                backup_database(db, data_dir, "daily", now=T0 + timedelta(days=1, hours=attempt))
    finally:
        db.close()
    assert _files(backups_dir(data_dir)) == kept
    newest = newest_good_backup(data_dir)
    assert newest is not None and newest.created_at == T0 + timedelta(hours=11)


def _synthetic(moments: list[datetime]) -> list[BackupInfo]:
    infos = [
        BackupInfo(f"b{i}", Path(f"b{i}"), moment, 1, "daily") for i, moment in enumerate(moments)
    ]
    return sorted(infos, key=lambda b: b.created_at, reverse=True)


def test_thinning_keeps_recent_daily_weekly_monthly() -> None:
    now = T0 + timedelta(days=500)
    backups = _synthetic([T0 + timedelta(hours=6 * i) for i in range(500 * 4 + 1)])
    keep = plan_thinning(backups, now, lambda b: True)
    ages = sorted((now - b.created_at for b in backups if b.name in keep), reverse=True)
    recent = [a for a in ages if a < timedelta(days=1)]
    daily = [a for a in ages if timedelta(days=1) <= a < timedelta(days=7)]
    weekly = [a for a in ages if timedelta(days=7) <= a < timedelta(days=35)]
    monthly = [a for a in ages if timedelta(days=35) <= a < timedelta(days=366)]
    assert len(recent) == 4  # every 6 hours: 0, 6, 12 and 18 h old
    assert 6 <= len(daily) <= 7
    assert 4 <= len(weekly) <= 5
    assert 10 <= len(monthly) <= 12
    assert len(keep) == len(recent) + len(daily) + len(weekly) + len(monthly)


def test_thinning_never_deletes_the_newest_good_backup() -> None:
    now = T0
    backups = _synthetic([T0 - timedelta(minutes=m) for m in range(30)] + [T0 - timedelta(days=3)])
    good = {backups[-1].name}  # only the old one passes its check
    keep = plan_thinning(backups, now, lambda b: b.name in good)
    assert backups[-1].name in keep
    # Nothing older than a year survives, unless it is the only good one.
    ancient = _synthetic([T0 - timedelta(days=400), T0 - timedelta(days=800)])
    assert plan_thinning(ancient, now, lambda b: True) == {ancient[0].name}
    # A bucket whose newest backup is bad keeps its newest good one instead.
    day = _synthetic([T0 - timedelta(days=3, hours=h) for h in range(3)])
    keep = plan_thinning(day, now, lambda b: b is not day[0])
    assert keep == {day[1].name}


def test_thinning_on_real_files_as_time_passes(data_dir: Path) -> None:
    _filled(data_dir)
    moments = [T0 + timedelta(hours=h) for h in range(0, 24 * 120, 30)]
    with Store.open(data_dir) as store:
        for moment in moments:
            backup_database(store.conn, data_dir, "daily", now=moment)
    now = moments[-1]
    kept = list_backups(data_dir, verify=True)
    assert all(b.ok for b in kept) and kept[0].created_at == now
    assert 14 <= len(kept) <= 24, [b.name for b in kept]
    assert thin(data_dir, now=now) == []  # stable: thinning again removes nothing
    assert not list(backups_dir(data_dir).glob(".*"))


def test_at_most_one_daily_backup_a_day_and_none_of_an_empty_database(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert maybe_daily_backup(store.conn, data_dir, now=T0) is None  # nothing to keep yet
        store.add_record(demo_record(load_default()))
        first = maybe_daily_backup(store.conn, data_dir, now=T0)
        assert first is not None and first.reason == "daily"
        assert maybe_daily_backup(store.conn, data_dir, now=T0 + timedelta(hours=23)) is None
        later = maybe_daily_backup(store.conn, data_dir, now=T0 + timedelta(hours=25))
        assert later is not None and later.reason == "daily"


def test_restore_of_an_unknown_or_damaged_backup_changes_nothing(data_dir: Path) -> None:
    _filled(data_dir)
    with Store.open(data_dir) as store:
        made = backup_database(store.conn, store.path.parent, "manual")
    made.path.write_bytes(bit_flips(made.path.read_bytes()))
    before = _files(data_dir)
    with pytest.raises(StorageError, match="no backup named") as unknown:
        restore(data_dir, "playbook-20991231T000000Z-daily.sqlite3")
    assert unknown.value.kind == "not_found"
    with pytest.raises(StorageError, match="damaged"):
        restore(data_dir, made.name)
    with pytest.raises(StorageError):
        restore(data_dir, "../playbook.sqlite3")
    assert _files(data_dir) == before


def test_check_command_reports_and_restores(data_dir: Path) -> None:
    _filled(data_dir)
    with Store.open(data_dir) as store:
        made = backup_database(store.conn, store.path.parent, "manual")
    healthy = cli("check", "--data-dir", str(data_dir))
    assert healthy.returncode == 0, healthy.stderr
    out = healthy.stdout
    assert str(database_path(data_dir)) in out and "integrity: ok" in out
    assert "0001_initial" in out and f"{made.size:,} bytes" in out
    assert re.search(
        rf"{re.escape(made.name)}\s+2\d{{3}}-\d\d-\d\d \d\d:\d\d UTC .* ok$", out, re.M
    )
    assert healthy.stderr == ""

    path = database_path(data_dir)
    path.write_bytes(bit_flips(path.read_bytes()))
    damaged = cli("check", "--data-dir", str(data_dir))
    assert damaged.returncode == 1
    assert damaged.stderr.startswith("error: ") and damaged.stderr.count("\n") == 1
    assert f"--restore {made.name}" in damaged.stderr
    assert "integrity: damaged" in damaged.stdout
    assert path.exists()  # check only looks; opening is what moves a damaged file aside

    before = _files(data_dir)
    unknown = cli("check", "--data-dir", str(data_dir), "--restore", "no-such-backup")
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1
    assert "no backup named" in unknown.stderr and "Traceback" not in unknown.stderr
    assert _files(data_dir) == before

    restored = cli("check", "--data-dir", str(data_dir), "--restore", made.name)
    assert restored.returncode == 0, restored.stderr
    assert f"restored {made.name}" in restored.stdout and "moved to" in restored.stdout
    (moved,) = data_dir.glob("playbook.sqlite3.damaged-*[0-9]Z")
    assert moved.read_bytes() == before["playbook.sqlite3"]
    assert cli("check", "--data-dir", str(data_dir)).returncode == 0
    listed = cli("list", "--data-dir", str(data_dir))
    assert "20 of 20 answered" in listed.stdout


def test_no_note_reaches_any_output_or_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    runs = [cli("demo", "--data-dir", str(data))]
    with Store.open(data) as store:
        name = backup_database(store.conn, store.path.parent, "manual").name
    for args in (["list"], ["list", "--json"], ["check"], ["check", "--restore", name]):
        runs.append(cli(*args, "--data-dir", str(data)))
    secrets = [*NOTES, *RATIONALES, *TRICKY_NOTE.splitlines()]
    for run in runs:
        assert run.returncode == 0, run.stderr
        for secret in secrets:
            assert secret not in run.stdout and secret not in run.stderr
    assert "lost it when the grant ended" in " ".join(_notes(data))  # the notes are there
    for path in data.rglob("*"):
        assert path.suffix != ".log", path
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


@pytest.mark.parametrize(
    "where", ["Dropbox/playbook", "OneDrive - Cedar Valley USD/data", "Library/Mobile Documents/x"]
)
def test_cloud_sync_folders_get_a_warning(tmp_path: Path, where: str) -> None:
    warning = location_warning(tmp_path / where)
    assert warning is not None and "cloud-sync" in warning and "half written" in warning


def test_network_drives_get_a_warning(tmp_path: Path) -> None:
    assert location_warning(tmp_path) is None  # this machine's own disk
    share = "/mnt/district share"
    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "//files/staff /mnt/district\\040share cifs rw 0 0\n"
        "host:/home /home/ana nfs4 rw 0 0\n"
    )
    cifs = location_warning(Path(share) / "playbook", mounts=mounts)
    assert cifs is not None and "network drive (cifs)" in cifs and "locking" in cifs
    assert "nfs4" in (location_warning(Path("/home/ana/data"), mounts=mounts) or "")
    assert location_warning(Path("/home/bob/data"), mounts=mounts) is None


def test_restore_start_fresh_and_repair_refuse_while_the_app_holds_the_folder(
    data_dir: Path,
) -> None:
    from playbook_app.storage.folder_lock import WINDOW, FolderLock, lock_path

    _filled(data_dir)
    with Store.open(data_dir) as store:
        made = backup_database(store.conn, store.path.parent, "manual")
    with FolderLock(data_dir, WINDOW):  # what a running window holds
        before = _files(data_dir)
        for args in (("--restore", made.name), ("--start-fresh",), ("--repair",)):
            refused = cli("check", "--data-dir", str(data_dir), *args)
            assert refused.returncode == 1 and refused.stderr.count("\n") == 1
            assert "is open on" in refused.stderr and "File menu" in refused.stderr
            assert _files(data_dir) == before
    # A note left by a process that is gone (a crash) does not stand in the way.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    lock_path(data_dir).write_text(f"{dead}\nwindow\n")
    restored = cli("check", "--data-dir", str(data_dir), "--restore", made.name)
    assert restored.returncode == 0, restored.stderr


def test_two_backups_made_before_restores_say_which_backup_each_restore_put_in_place(
    data_dir: Path,
) -> None:
    from playbook_app.ui.safety.backup_words import backup_when, describe_backup

    _filled(data_dir)
    now = datetime.now(UTC)
    with Store.open(data_dir) as store:
        first = backup_database(store.conn, data_dir, "daily", now=now - timedelta(days=2))
        second = backup_database(store.conn, data_dir, "daily", now=now - timedelta(days=1))
    there = restore(data_dir, first.name)
    back = restore(data_dir, second.name)  # within the same minute: the time alone is alike
    assert there.saved_as is not None and back.saved_as is not None
    assert (there.saved_as.of, back.saved_as.of) == (first.created_at, second.created_at)
    listed = {b.name: b for b in list_backups(data_dir) if b.reason == "before-restore"}
    assert set(listed) == {there.saved_as.name, back.saved_as.name}
    words = [describe_backup(b) for b in listed.values()]
    assert len(set(words)) == 2, words
    assert f"(Before restoring the backup of {backup_when(first)})" in describe_backup(
        listed[there.saved_as.name]
    )
    assert all(b.ok for b in list_backups(data_dir, verify=True))
