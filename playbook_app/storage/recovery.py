"""Opening the database safely: its check, creating it whole, damage moved aside with a way back.

Restoring a backup, starting fresh and the health report are in storage/repair.py.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from playbook_app.safe_write import fsync_folder
from playbook_app.storage.database import (
    COMPANIONS,
    DamagedDatabaseError,
    MissingDatabaseError,
    StorageError,
    check_location,
    check_problems,
    check_version,
    connect,
    connect_read_only,
    create_private_file,
    describe,
    fault_kind,
    foreign_schema_error,
    make_private,
    pending_migrations,
    prepare_folder,
    stamp,
    storage_error,
    wrap,
)
from playbook_app.storage.schema import applied_migrations
from playbook_app.storage.schema_guard import inspect_schema

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations


# Backups load only on the paths that use them: a healthy open, which every start
# is, needs none.
_T = TypeVar("_T")


def registered_migrations() -> Migrations:
    """The migrations themselves: loaded (with sqlite-utils) only when some are pending."""
    from playbook_app.storage.migrations import migrations

    return migrations


def is_empty_file(path: Path) -> bool:
    """Zero bytes with no WAL content: nothing SQLite could ever read from it."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0)


def damaged_copies(path: Path) -> list[Path]:
    """Damaged databases moved aside earlier, oldest first (their -wal/-shm not listed)."""
    found = [
        p
        for p in path.parent.glob(f"{path.name}.damaged-*")
        if not p.name.endswith(COMPANIONS) and p.is_file()
    ]
    return sorted(found, key=lambda p: p.name)


def move_aside(path: Path, label: str = "damaged", moment: str | None = None) -> Path:
    """Rename the database and its -wal/-shm to `<name>.<label>-<UTC stamp>`; never delete.

    `moment` is the stamp to use (so a file written beside it can name it).
    """
    when = moment or stamp()
    base = path.with_name(f"{path.name}.{label}-{when}")
    counter = 1
    while any(Path(f"{base}{s}").exists() for s in ("", *COMPANIONS)):
        counter += 1
        base = path.with_name(f"{path.name}.{label}-{when}-{counter}")
    # Companions first: a WAL left next to a missing database would be
    # replayed into whatever database is created there next.
    for suffix in (*COMPANIONS, ""):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.rename(source, f"{base}{suffix}")
    fsync_folder(path.parent)
    return base


@contextmanager
def new_file_beside(path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """A private, empty database file next to `path` and a connection to it.

    The caller fills it, and renames or links it into place after the block;
    whatever is left of it afterwards is removed.
    """
    temp = path.with_name(f"{path.name}.new-{os.getpid()}")
    with suppress(FileNotFoundError):
        temp.unlink()
    create_private_file(temp)
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            yield temp, conn
        finally:
            conn.close()
    except BaseException:
        with suppress(FileNotFoundError):
            temp.unlink()
        raise


def create_database(path: Path) -> None:
    """Build a new, migrated database under a temporary name, then put it in place.

    The database then either does not exist or is complete: a crash while it is
    being created can never leave an empty file that looks like lost data.
    """
    for old in path.parent.glob(f"{path.name}.new-*"):
        with suppress(OSError):
            if time.time() - old.stat().st_mtime > 60:  # an earlier run that crashed
                old.unlink()
    if any(Path(f"{path}{s}").exists() for s in COMPANIONS):
        move_aside(path, "orphaned")
    with new_file_beside(path) as (temp, conn):
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        registered_migrations().apply(wrap(conn))
    try:
        try:
            os.link(temp, path)  # fails if another process created it meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temp, path)
        fsync_folder(path.parent)
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()


def is_writable(path: Path) -> bool:
    """The database can be written, or created in its folder when it does not exist yet."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def reopen_writable(path: Path) -> sqlite3.Connection | None:
    """A writing connection, once a folder that was read-only at open can be written to."""
    if not path.exists() or not is_writable(path):
        return None
    try:
        return connect(path)
    except sqlite3.Error:
        return None


def open_checked(path: Path, *, start_fresh: bool = False) -> tuple[sqlite3.Connection, bool]:
    """Open the database after its check; returns it and whether it is read-only.

    A damaged or empty database is moved aside and DamagedDatabaseError raised;
    no empty database takes its place unless `start_fresh` says the user chose that.
    A schema that is not the app's own (a trigger, view, table or index it did not
    create, or a lost migration record) raises ForeignSchemaError and is left as it
    is until the user chooses a repair. Pending migrations run after a verified
    backup. A read-only folder gives a read-only connection (every write then
    fails with a clear message).
    """
    prepare_folder(path.parent)
    check_location(path)
    writable = is_writable(path)
    if not path.exists():
        if not writable:
            raise StorageError(describe(PermissionError("read-only"), path), kind="read_only")
        earlier = damaged_copies(path)
        if earlier and not start_fresh:
            raise _damaged(path, "it was found damaged earlier", earlier[-1], previously=True)
        if not start_fresh:
            _refuse_if_lost(path)
        in_plain_words(create_database, path)
    db = _open_verified(path, writable, start_fresh)
    try:
        check_version(db)
        # Before any write: a planted trigger would run on the app's own changes.
        report = inspect_schema(db, derive=False)
        if not report.ok:
            raise foreign_schema_error(path, report)
        pending = pending_migrations(db)
        if pending and not writable:
            raise StorageError(
                f"The data in {path.parent} needs a one-time update, but the folder is "
                "read-only. Make it writable, then open the app again.",
                kind="read_only",
            )
        if pending:
            if applied_migrations(db):
                from playbook_app.storage.backups import backup_database

                backup_database(db, path.parent, "migration")
            registered_migrations().apply(wrap(db))
    except StorageError:
        db.close()
        raise
    except (sqlite3.Error, OSError) as error:
        db.close()
        raise storage_error(error, path) from None
    if writable:
        make_private(path)
    return db, not writable


def _open_verified(path: Path, writable: bool, start_fresh: bool) -> sqlite3.Connection:
    """Connect and quick_check; a damaged file is moved aside (and replaced if start_fresh)."""
    reason = "it is empty: zero bytes" if is_empty_file(path) else None
    db: sqlite3.Connection | None = None
    if reason is None:
        try:
            db = connect(path) if writable else connect_read_only(path)
            problems = check_problems(db)
            if problems:
                reason = f"its check found: {problems[0]}"
        except sqlite3.Error as error:
            if fault_kind(error) != "damaged":
                if db is not None:
                    db.close()
                raise storage_error(error, path) from None
            reason = f"SQLite says: {error}"
    if reason is None and db is not None:
        return db
    if db is not None:
        db.close()
    if not writable:
        raise DamagedDatabaseError(
            f"The database {path} is damaged ({reason}). The folder is read-only, so it "
            "was left where it is; nothing was changed."
        )
    moved = in_plain_words(move_aside, path)
    if not start_fresh:
        raise _damaged(path, reason or "", moved)
    in_plain_words(create_database, path)
    return in_plain_words(connect, path)


def _refuse_if_lost(path: Path) -> None:
    """A missing database with good backups beside it was lost (deleted, moved, synced away)."""
    from playbook_app.storage.backups import newest_good_backup

    backup = newest_good_backup(path.parent)
    if backup is not None:
        raise MissingDatabaseError(
            f"The database {path} is missing, but good backups of it are here. The newest is "
            f"{backup.name} (saved {backup.when}); restore it from the app or with "
            f"`playbook-app check --restore {backup.name}`, or start with an empty database "
            "(`playbook-app check --start-fresh`).",
            backup_name=backup.name,
        )


def _damaged(path: Path, reason: str, moved: Path, *, previously: bool = False) -> StorageError:
    from playbook_app.storage.backups import newest_good_backup

    backup = newest_good_backup(path.parent)
    if previously:
        what = f"The database {path} is missing: {reason} and moved to {moved.name}."
    else:
        what = f"The database {path} is damaged ({reason}). It was moved to {moved.name}."
    if backup is None:
        offer = (
            "No good backup was found; you can start with an empty database "
            "(from the app, or with `playbook-app check --start-fresh`)."
        )
    else:
        offer = (
            f"The newest good backup is {backup.name} (saved {backup.when}); restore it "
            f"from the app or with `playbook-app check --restore {backup.name}`."
        )
    return DamagedDatabaseError(
        f"{what} The damaged copy is kept, not deleted. {offer}",
        moved_to=moved,
        backup_name=None if backup is None else backup.name,
    )


def in_plain_words(action: Callable[[Path], _T], path: Path) -> _T:
    """Run a file operation on the database, turning OS and SQLite failures into plain words."""
    try:
        return action(path)
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, path) from None
