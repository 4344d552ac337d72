"""Getting back to a good database: restore a backup, start fresh, and the health report."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from playbook_app.paths import database_path
from playbook_app.safe_write import fsync_folder
from playbook_app.storage.database import (
    COMPANIONS,
    DamagedDatabaseError,
    StorageError,
    check_location,
    check_problems,
    connect,
    connect_read_only,
    describe,
    fault_kind,
    make_private,
    prepare_folder,
    storage_error,
)
from playbook_app.storage.recovery import (
    damaged_copies,
    in_plain_words,
    is_empty_file,
    is_writable,
    move_aside,
    new_file_beside,
    open_checked,
)
from playbook_app.storage.schema import MIGRATION_NAMES, applied_migrations, known_names
from playbook_app.storage.schema_guard import SchemaReport, inspect_schema

if TYPE_CHECKING:
    from playbook_app.storage.backups import BackupInfo


def _open_if_healthy(path: Path) -> sqlite3.Connection | None:
    """A connection to the current database if it passes its check and its schema is the
    app's own, else None (it is then moved aside, never backed up as if it were good)."""
    if not path.exists() or is_empty_file(path):
        return None
    db: sqlite3.Connection | None = None
    try:
        db = connect(path)
        if not check_problems(db) and inspect_schema(db).ok:
            return db
    except sqlite3.Error as error:
        if fault_kind(error) != "damaged":
            if db is not None:
                db.close()
            raise storage_error(error, path) from None
    if db is not None:
        db.close()
    return None


def _untrusted(problem: str) -> str:
    from playbook_app.storage.backups import FOREIGN_PROBLEM

    return "cannot be trusted" if problem.startswith(FOREIGN_PROBLEM) else "is damaged"


def _foreign_schema(path: Path) -> bool:
    """The file opens and checks, but its schema is not the app's own."""
    try:
        db = connect_read_only(path)
        try:
            return not check_problems(db) and not inspect_schema(db).ok
        finally:
            db.close()
    except (sqlite3.Error, OSError):
        return False


def _copy_backup_into(backup: Path, target: sqlite3.Connection) -> None:
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


def _restore_new(path: Path, backup: Path) -> None:
    """Write the backup as a new database file under a temporary name, then rename it in."""
    with new_file_beside(path) as (temp, conn):
        _copy_backup_into(backup, conn)
    try:
        os.replace(temp, path)
        fsync_folder(path.parent)
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()


class RestoreResult(NamedTuple):
    """What a restore did: the backup put in place, and what became of the database before."""

    restored: BackupInfo
    saved_as: BackupInfo | None  # the replaced database, backed up first
    moved_to: Path | None  # the replaced database, moved aside because it was damaged


def restore(data_dir: Path, name: str) -> RestoreResult:
    """Put backup `name` in place of the database; every Store on it must be closed first.

    The current database is backed up first when it is readable, or moved aside
    when it is damaged, so a restore can itself be undone. Nothing changes when
    the backup is unknown or fails its check.
    """
    from playbook_app.storage.backups import backup_database, backup_problems, find_backup

    path = database_path(data_dir)
    chosen = find_backup(data_dir, name)
    problems = backup_problems(chosen.path)
    if problems:
        raise StorageError(
            f"The backup {name} {_untrusted(problems[0])} ({problems[0]}), so it was not "
            "restored; "
            "nothing was changed. Choose another backup.",
            kind="damaged",
        )
    prepare_folder(data_dir)
    check_location(path)
    if not is_writable(path):
        raise StorageError(describe(PermissionError("read-only"), path), kind="read_only")
    current = _open_if_healthy(path)
    saved_as: BackupInfo | None = None
    moved_to: Path | None = None
    if current is not None:
        try:
            saved_as = backup_database(
                current, data_dir, "before-restore", protect={name}, of=chosen.created_at
            )
            # The backup API in the other direction: one transaction through the
            # WAL, so a crash leaves the old database or the restored one.
            _copy_backup_into(chosen.path, current)
        except sqlite3.Error as error:
            raise storage_error(error, path) from None
        finally:
            current.close()
    else:
        if any(Path(f"{path}{s}").exists() for s in ("", *COMPANIONS)):
            label = "foreign" if _foreign_schema(path) else "damaged"
            moved_to = in_plain_words(lambda p: move_aside(p, label), path)
        in_plain_words(lambda target: _restore_new(target, chosen.path), path)
    restored = in_plain_words(connect, path)
    try:
        problems = check_problems(restored)
    finally:
        restored.close()
    if problems:
        raise DamagedDatabaseError(
            f"The restored database failed its check ({problems[0]}); the disk may be failing."
        )
    make_private(path)
    return RestoreResult(chosen, saved_as, moved_to)


def start_fresh(data_dir: Path) -> None:
    """Begin with an empty database because the user chose to (a damaged one is moved aside)."""
    db, _ = open_checked(database_path(data_dir), start_fresh=True)
    db.close()


class Health(NamedTuple):
    """The state of a data folder, as `playbook-app check` and a Backups window show it."""

    path: Path
    exists: bool
    size: int
    problems: list[str]  # what integrity_check found; empty when it is ok
    migrations: list[str]  # applied, oldest first
    pending: list[str]  # migrations this version would apply on open
    newer: list[str]  # migrations only a newer version knows
    backups: list[BackupInfo]  # newest first, each checked
    damaged: list[Path]  # damaged databases moved aside earlier
    warning: str | None  # a risky location (cloud sync, network drive)
    schema: SchemaReport | None = None  # how its schema differs from the app's (None: unread)

    @property
    def foreign(self) -> bool:
        """The schema is not the app's own: nothing is written until it is repaired."""
        return self.schema is not None and not self.schema.ok

    @property
    def healthy(self) -> bool:
        return (
            not self.problems
            and not self.newer
            and not self.foreign
            and (self.exists or not self.damaged)
        )


def inspect(data_dir: Path) -> Health:
    """Check the database read-only (integrity_check) and every backup; changes nothing."""
    from playbook_app.storage.backups import list_backups
    from playbook_app.storage.location import location_warning

    path = database_path(data_dir)
    check_location(path)
    exists = path.exists()
    problems: list[str] = []
    applied: list[str] = []
    pending: list[str] = []
    schema: SchemaReport | None = None
    if exists and is_empty_file(path):
        problems = ["the file is empty: zero bytes"]
    elif exists:
        try:
            db = connect_read_only(path)
            try:
                problems = check_problems(db, full=True)
                if not problems:
                    applied = applied_migrations(db)
                    if not set(applied) - known_names():
                        schema = inspect_schema(db)
                    if schema is None or not schema.unrecorded:
                        pending = [n for n in MIGRATION_NAMES if n not in applied]
            finally:
                db.close()
        except sqlite3.Error as error:
            if fault_kind(error) != "damaged":
                raise storage_error(error, path) from None
            problems = [str(error)]
    return Health(
        path=path,
        exists=exists,
        size=path.stat().st_size if exists else 0,
        problems=problems,
        migrations=applied,
        pending=pending,
        newer=sorted(set(applied) - known_names()),
        backups=list_backups(data_dir, verify=True),
        damaged=damaged_copies(path),
        warning=location_warning(data_dir),
        schema=schema,
    )
