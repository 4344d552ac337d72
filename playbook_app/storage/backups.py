"""Backups through SQLite's backup API: verified before they count, thinned, listed."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Collection
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playbook_app.paths import database_path
from playbook_app.safe_write import WriteError, fsync_folder, write_atomic
from playbook_app.storage.database import (
    DamagedDatabaseError,
    StorageError,
    check_problems,
    connect_read_only,
    create_private_file,
    foreign_schema_error,
    prepare_folder,
    stamp,
    storage_error,
)
from playbook_app.storage.schema import applied_migrations, known_names
from playbook_app.storage.schema_guard import inspect_schema

BACKUP_FOLDER = "backups"
RECENT_CAP = 10  # backups kept from the last 24 hours
DAY = timedelta(days=1)
# playbook-<when>-<reason>[-of-<when of the backup it is about>][-<n>].sqlite3
_STAMP = r"\d{8}T\d{6}Z"
_NAME = re.compile(
    rf"^playbook-({_STAMP})-([a-z]+(?:-[a-z]+)*?)(?:-of-({_STAMP}))?(?:-(\d+))?\.sqlite3$"
)
_REASON = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_PART = ".part"
FOREIGN_PROBLEM = "it holds "  # how backup_problems begins for a schema not the app's own
# Names the backup taken just before the last successful import: the way back from it.
_BEFORE_IMPORT = ".before-last-import"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. `ok`: passed its check (None: not checked in this listing)."""

    name: str
    path: Path
    created_at: datetime
    size: int
    reason: str
    sequence: int = 1
    ok: bool | None = None
    # The backup this one is about: for "before-restore", the one that was restored,
    # so two such backups can be told apart by what replaced them.
    of: datetime | None = None

    @property
    def when(self) -> str:
        return self.created_at.strftime("%Y-%m-%d %H:%M UTC")


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def _parse(folder: Path, name: str) -> BackupInfo | None:
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        created = _moment(match[1])
        of = _moment(match[3]) if match[3] else None
        size = (folder / name).stat().st_size
    except (ValueError, OSError):
        return None
    sequence = int(match[4]) if match[4] else 1
    return BackupInfo(name, folder / name, created, size, match[2], sequence, of=of)


def _moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def list_backups(data_dir: Path, *, verify: bool = False) -> list[BackupInfo]:
    """The backups of a data folder, newest first; `verify` runs each one's check."""
    folder = backups_dir(data_dir)
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return []
    found = [info for name in names if (info := _parse(folder, name)) is not None]
    found.sort(key=lambda b: (b.created_at, b.sequence), reverse=True)
    if verify:
        found = [replace(b, ok=not backup_problems(b.path)) for b in found]
    return found


def find_backup(data_dir: Path, name: str) -> BackupInfo:
    """The backup called `name`; StorageError (kind "not_found") if there is none."""
    for info in list_backups(data_dir):
        if info.name == name:
            return info
    raise StorageError(
        f"There is no backup named {name!r}; `playbook-app check` lists them.", kind="not_found"
    )


def backup_problems(path: Path) -> list[str]:
    """Why a backup file cannot be trusted; empty when it opens, checks ok and holds our data,
    in the app's own schema (a backup carrying a planted trigger is never a good one)."""
    try:
        db = connect_read_only(path)
        try:
            problems = check_problems(db)
            applied = [] if problems else applied_migrations(db)
            if not problems and not applied:
                problems = ["it is not a Playbook Readiness database"]
            if not problems and not set(applied) - known_names():
                report = inspect_schema(db, derive=False)
                if not report.ok:
                    problems = [f"{FOREIGN_PROBLEM}{report.summary()}"]
        finally:
            db.close()
    except sqlite3.Error as error:
        return [str(error)]
    return problems


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The most recent backup that passes its check, or None."""
    for info in list_backups(data_dir):
        if not backup_problems(info.path):
            return replace(info, ok=True)
    return None


def _schema(conn: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[str]]:
    rows = conn.execute("SELECT type, name FROM sqlite_master ORDER BY type, name").fetchall()
    return [(str(t), str(n)) for t, n in rows], applied_migrations(conn)


def _free_name(folder: Path, created: datetime, reason: str, of: datetime | None) -> str:
    base = f"playbook-{stamp(created)}-{reason}" + (f"-of-{stamp(of)}" if of else "")
    name, counter = f"{base}.sqlite3", 1
    while (folder / name).exists() or (folder / f".{name}{_PART}").exists():
        counter += 1
        name = f"{base}-{counter}.sqlite3"
    return name


def backup_database(
    conn: sqlite3.Connection,
    data_dir: Path,
    reason: str,
    *,
    now: datetime | None = None,
    protect: Collection[str] = (),
    of: datetime | None = None,
) -> BackupInfo:
    """Copy the database into backups/ with SQLite's backup API, check the copy, then thin.

    A source that fails its own check is refused: a backup of damage must never
    push a good backup out. The copy is written under a temporary name and only
    renamed into place after it passed quick_check and shows the source's schema.
    `protect` names backups the thinning must keep (e.g. one about to be restored);
    `of` is the time of the backup this one is about (the one a restore puts in place).
    """
    if not _REASON.match(reason):
        raise ValueError(f"a backup reason is lowercase words joined by '-', not {reason!r}")
    source = database_path(data_dir)
    try:
        problems = check_problems(conn)
        schema = _schema(conn)
    except sqlite3.Error as error:
        failure = storage_error(error, source)
        if not isinstance(failure, DamagedDatabaseError):
            raise failure from None
        problems = [str(error)]
    if problems:
        raise DamagedDatabaseError(
            f"The database {source} is damaged ({problems[0]}), so no backup was made; "
            "the existing backups are kept as they are."
        )
    report = inspect_schema(conn, derive=False)
    if not report.ok:
        # Checked here, so every write that backs up first (an import) is refused too.
        raise foreign_schema_error(source, report)
    folder = backups_dir(data_dir)
    prepare_folder(folder)
    created = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    name = _free_name(folder, created, reason, of)
    final, temp = folder / name, folder / f".{name}{_PART}"
    try:
        create_private_file(temp)
        copy = sqlite3.connect(str(temp), isolation_level=None)
        try:
            conn.backup(copy)
            # A self-contained file: no -wal/-shm to carry along or lose.
            copy.execute("PRAGMA journal_mode = DELETE")
            bad = check_problems(copy) or (["its tables differ"] if _schema(copy) != schema else [])
        finally:
            copy.close()
        if bad:
            raise StorageError(
                f"A new backup in {folder} did not pass its check ({bad[0]}); it was discarded "
                "and the existing backups are kept. The disk may be failing.",
                kind="io",
            )
        _fsync_file(temp)
        os.rename(temp, final)
        fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, final) from None
    finally:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
    info = BackupInfo(name, final, created, final.stat().st_size, reason, ok=True, of=of)
    # The new backup is safe; failing to tidy older ones must not undo that.
    with suppress(OSError):
        thin(data_dir, now=created, protect={*protect, name})
    return info


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def plan_thinning(
    backups: list[BackupInfo],
    now: datetime,
    is_good: Callable[[BackupInfo], bool],
    protect: Collection[str] = (),
) -> set[str]:
    """Names to keep: the last 24 h (up to RECENT_CAP), then one a day for 7 days, one a week
    for 5 weeks, one a month for 12 months; always the newest good backup, the newest made
    before a restore, and `protect`.

    `backups` is newest first. A bucket's survivor is its newest backup that passes
    its check; if none does, the whole bucket is kept rather than guessed at.
    """
    keep = set(protect)
    newest_good = next((b for b in backups if is_good(b)), None)
    if newest_good is not None:
        keep.add(newest_good.name)
    # The data a restore replaced: a restore is undone only with it.
    before_restore = next((b for b in backups if b.reason == "before-restore"), None)
    if before_restore is not None:
        keep.add(before_restore.name)
    recent = 0
    buckets: dict[tuple[str, int, int], list[BackupInfo]] = {}
    for backup in backups:
        age = now - backup.created_at
        if age < DAY:  # including a clock that was set back
            if recent < RECENT_CAP:
                keep.add(backup.name)
                recent += 1
            continue
        moment = backup.created_at
        if age < 7 * DAY:
            key = ("day", moment.toordinal(), 0)
        elif age < 35 * DAY:
            iso = moment.isocalendar()
            key = ("week", iso.year, iso.week)
        elif age < 366 * DAY:
            key = ("month", moment.year, moment.month)
        else:
            continue
        buckets.setdefault(key, []).append(backup)
    for members in buckets.values():
        survivor = next((b for b in members if is_good(b)), None)
        if survivor is None:
            keep.update(b.name for b in members)
        else:
            keep.add(survivor.name)
    return keep


_checked: dict[tuple[str, int, int], bool] = {}


def _good_cached(backup: BackupInfo) -> bool:
    """A backup's check, remembered while its file is unchanged (thinning runs often)."""
    st = backup.path.stat()
    key = (str(backup.path), st.st_size, st.st_mtime_ns)
    if key not in _checked:
        _checked[key] = not backup_problems(backup.path)
    return _checked[key]


def thin(
    data_dir: Path, *, now: datetime | None = None, protect: Collection[str] = ()
) -> list[str]:
    """Delete the backups plan_thinning does not keep; returns their names.

    The backup taken before the last successful import is always kept too.
    """
    backups = list_backups(data_dir)
    protect = {*protect, *_before_last_import(data_dir)}
    keep = plan_thinning(backups, now or datetime.now(UTC), _good_cached, protect)
    removed = []
    for backup in backups:
        if backup.name not in keep:
            with suppress(FileNotFoundError):
                backup.path.unlink()
            removed.append(backup.name)
    # Temporary copies left by a run that was killed while backing up.
    for leftover in backups_dir(data_dir).glob(f".*{_PART}"):
        with suppress(OSError):
            if time.time() - leftover.stat().st_mtime > DAY.total_seconds():
                leftover.unlink()
    return removed


def remember_before_import(data_dir: Path, made: BackupInfo | None) -> None:
    """After a successful import: the backup it made, else the newest one there was, is
    the way back, and thinning keeps it (until the next import names another)."""
    newest = made or next(iter(list_backups(data_dir)), None)
    if newest is None:
        return
    # The import is done and stored; failing to write the note only loses this protection.
    with suppress(WriteError, OSError):
        write_atomic(backups_dir(data_dir) / _BEFORE_IMPORT, newest.name.encode("utf-8"))


def _before_last_import(data_dir: Path) -> set[str]:
    try:
        name = (backups_dir(data_dir) / _BEFORE_IMPORT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return set()
    return {name} if _NAME.match(name) else set()


def has_user_data(conn: sqlite3.Connection) -> bool:
    """Whether the database holds anything worth a routine backup."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM district) OR EXISTS (SELECT 1 FROM assessment)"
    ).fetchone()
    return bool(row[0])


def maybe_daily_backup(
    conn: sqlite3.Connection, data_dir: Path, *, now: datetime | None = None
) -> BackupInfo | None:
    """At most one backup a day while the app is open: none if a backup is under 24 h old."""
    now = now or datetime.now(UTC)
    backups = list_backups(data_dir)
    if backups and timedelta(0) <= now - backups[0].created_at < DAY:
        return None
    if not has_user_data(conn):
        return None
    return backup_database(conn, data_dir, "daily", now=now)
