"""Opening the SQLite file safely: private folder, pragmas, migrations, plain errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from playbook_app.storage.migrations import MIGRATION_SET, known_names, migrations

FOLDER_MODE = 0o700
FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 5000


class StorageError(Exception):
    """A problem with the data folder or database, worded for the person using the app."""


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of the app; it is left untouched."""


class DamagedDatabaseError(StorageError):
    """The database file failed its integrity check or is not a database at all."""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def describe(error: BaseException, path: Path) -> str:
    """Turn a low-level failure into one sentence a superintendent can act on."""
    text = str(error).lower()
    if isinstance(error, PermissionError) or "readonly" in text or "read-only" in text:
        return (
            f"The data folder {path.parent} cannot be written to (it is read-only or "
            "belongs to someone else). Your answers are kept on screen; fix the folder's "
            "permissions or choose another folder, then try again."
        )
    if "full" in text or getattr(error, "errno", None) == 28:
        return (
            f"The disk holding {path.parent} is full. Your last change is kept on screen; "
            "free some space, then try again."
        )
    if "locked" in text or "busy" in text:
        return (
            "The database is busy: another program is using it. "
            "Close it, then try again; nothing has been lost."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"The database {path} is damaged and cannot be read."
    if "unable to open" in text:
        return f"The database {path} cannot be opened: the folder may be missing or read-only."
    return f"The database {path} could not be used: {error}."


def prepare_folder(folder: Path) -> None:
    """Create the data folder, private to the user."""
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if stat.S_IMODE(folder.stat().st_mode) != FOLDER_MODE:
            os.chmod(folder, FOLDER_MODE)
    except OSError as error:
        raise StorageError(
            f"The data folder {folder} cannot be created or used: {error.strerror or error}."
        ) from None


def make_private(path: Path) -> None:
    """0600 on the database and its companion files; best effort on a read-only folder."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.exists() and stat.S_IMODE(candidate.stat().st_mode) != FILE_MODE:
                os.chmod(candidate, FILE_MODE)
        except OSError:
            pass


def connect(path: Path) -> Database:
    """A connection with the safety pragmas of DESIGN.md section 8."""
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so the driver
    # never opens a deferred transaction behind our back.
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot use WAL journal (got {mode})")
        # A laptop whose battery dies is a power cut: fsync every commit.
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return Database(conn, execute_plugins=False)


def check_version(db: Database) -> None:
    """Refuse a database that a newer version of the app has migrated."""
    if not db["_sqlite_migrations"].exists():
        return
    applied = {
        row["name"]
        for row in db.query(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    }
    unknown = applied - known_names()
    if unknown:
        raise NewerDatabaseError(
            "This data was saved by a newer version of Playbook Readiness "
            f"(it has changes {', '.join(sorted(unknown))}). Install the newer version to "
            "open it; the file has not been changed."
        )


def quick_check(db: Database) -> bool:
    rows = list(db.execute("PRAGMA quick_check").fetchall())
    return len(rows) == 1 and rows[0][0] == "ok"


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database, or raise StorageError."""
    prepare_folder(path.parent)
    existed = path.exists()
    if existed and path.stat().st_size == 0:
        raise DamagedDatabaseError(f"The database {path} is empty (zero bytes).")
    db: Database | None = None
    try:
        db = connect(path)
        if existed and not quick_check(db):
            raise DamagedDatabaseError(f"The database {path} is damaged: its check failed.")
        check_version(db)
        if migrations.pending(db):
            migrations.apply(db)
    except StorageError:
        if db is not None:
            db.close()
        raise
    except (sqlite3.Error, OSError) as error:
        if db is not None:
            db.close()
        message = describe(error, path)
        if "damaged" in message:
            raise DamagedDatabaseError(message) from None
        raise StorageError(message) from None
    make_private(path)
    return db


@contextmanager
def immediate(db: Database, path: Path) -> Iterator[Database]:
    """One user change, one transaction: BEGIN IMMEDIATE, then commit or roll back as a whole.

    sqlite-utils' own atomic() opens a deferred BEGIN; taking the write lock up
    front means a busy database fails here, before anything is half done.
    Table methods and nested changes called inside become savepoints.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise StorageError(describe(error, path)) from None
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException as error:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise StorageError(describe(error, path)) from None
        raise
