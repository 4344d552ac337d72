"""Opening the SQLite file safely: private folder, pragmas, migrations, damage, plain errors."""

from __future__ import annotations

import errno
import itertools
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from playbook_app.storage.schema import applied_migrations, known_names
from playbook_app.storage.schema_guard import SchemaReport

# sqlite-utils is loaded only when something needs its table methods or
# migrations: opening a healthy database and showing it takes plain sqlite3,
# and importing sqlite-utils costs about as much as importing Qt's widgets.
if TYPE_CHECKING:
    from sqlite_utils import Database

FOLDER_MODE = 0o700
FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 5000
COMPANIONS = ("-wal", "-shm")
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"

# SQLite primary result codes (extended codes carry them in the low byte).
_SQLITE_KINDS = {5: "busy", 6: "busy", 8: "read_only", 10: "io", 11: "damaged", 13: "full"}
_SQLITE_KINDS |= {14: "cannot_open", 23: "read_only", 26: "damaged", 3: "read_only"}
_ERRNO_KINDS = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read_only"}
_ERRNO_KINDS |= {errno.EACCES: "read_only", errno.EPERM: "read_only", errno.EIO: "io"}


class StorageError(Exception):
    """A problem with the data folder or database, worded for the person using the app.

    `kind` lets a caller decide what to offer: "full", "read_only", "busy" and "io"
    are worth a retry once the cause is gone; "damaged" and "newer" are not;
    "dangling_link" and "not_a_file" mean something else stands where the database
    should be; "foreign_schema" (ForeignSchemaError) asks for a repair.
    """

    def __init__(self, message: str, *, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of the app; it is left untouched."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="newer")


class DamagedDatabaseError(StorageError):
    """The database failed its check: `moved_to` is where the damaged file was put, if moved.

    `backup_name` names the newest backup that passed its check (None: there is none),
    so the caller can offer to restore it or to start fresh.
    """

    def __init__(
        self, message: str, *, moved_to: Path | None = None, backup_name: str | None = None
    ) -> None:
        super().__init__(message, kind="damaged")
        self.moved_to = moved_to
        self.backup_name = backup_name


class MissingDatabaseError(DamagedDatabaseError):
    """The database file is gone while good backups of it are here: restore one, or start fresh.

    An empty database is never made in its place unasked: that would look like lost answers.
    """


class ForeignSchemaError(StorageError):
    """The database holds schema objects the app did not create (or lost its migration record).

    Nothing is written to it until the user chooses a repair (repair.repair_schema),
    which makes a clean copy from the data; `report` says what was found.
    """

    def __init__(self, message: str, report: SchemaReport) -> None:
        super().__init__(message, kind="foreign_schema")
        self.report = report


def foreign_schema_error(path: Path, report: SchemaReport) -> ForeignSchemaError:
    return ForeignSchemaError(
        f"The database {path} cannot be used safely as it is: {report.summary()}. "
        "Nothing was written to it. A repair makes a clean copy of all your data in the "
        "app's own layout (the old file, and the definition of anything removed, are kept "
        "in the data folder): the app offers a repair when it starts, or run "
        "`playbook-app check --repair`.",
        report,
    )


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stamp(moment: datetime | None = None) -> str:
    """A UTC timestamp for file names, e.g. 20261122T180405Z."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime(STAMP_FORMAT)


def fault_kind(error: BaseException) -> str:
    """Classify a low-level failure: full, read_only, busy, io, damaged, cannot_open, other."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_KINDS:
        return _SQLITE_KINDS[code & 0xFF]
    number = getattr(error, "errno", None)
    if isinstance(number, int) and number in _ERRNO_KINDS:
        return _ERRNO_KINDS[number]
    text = str(error).lower()
    for words, kind in (
        (("readonly", "read-only"), "read_only"),
        (("full",), "full"),
        (("locked", "busy"), "busy"),
        (("not a database", "malformed", "corrupt"), "damaged"),
        (("unable to open",), "cannot_open"),
        (("disk i/o",), "io"),
    ):
        if any(word in text for word in words):
            return kind
    return "other"


# Below this much free space a failed read or write is the disk being full, whatever
# code SQLite gave (opening a WAL database on a full disk reports an I/O error).
_NEARLY_FULL = 1 << 20


def _disk_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def fault_kind_at(error: BaseException, path: Path) -> str:
    """fault_kind, told apart further by looking at the disk that holds `path`."""
    kind = fault_kind(error)
    if kind in ("io", "cannot_open") and _disk_full(path.parent):
        return "full"
    return kind


def describe(error: BaseException, path: Path, *, on_screen: bool = False) -> str:
    """Turn a low-level failure into one sentence a superintendent can act on.

    `on_screen`: worded for the window, where a change that failed stays on screen;
    a command's message never promises that.
    """
    kind = fault_kind_at(error, path)

    def then(advice: str, kept: str = "Your last change is") -> str:
        return f"{kept} kept on screen; {advice}" if on_screen else advice.capitalize()

    if kind == "read_only":
        return (
            f"The data folder {path.parent} cannot be written to (it is read-only or "
            "belongs to someone else). "
            + then("fix the folder's permissions or choose another folder", "Your answers are")
            + ", then try again."
        )
    if kind == "full":
        return (
            f"The disk holding {path.parent} is full. {then('free some space, then try again')}."
            " Everything saved before is safe."
        )
    if kind == "busy":
        return (
            "The database is busy: another program is using it. "
            "Close it, then try again; nothing has been lost."
        )
    if kind == "damaged":
        return f"The database {path} is damaged and cannot be read."
    if kind == "io":
        return (
            f"The disk holding {path.parent} reported an error while reading or writing. "
            f"{then('check the drive, then try again')}."
        )
    if kind == "cannot_open":
        return f"The database {path} cannot be opened: the folder may be missing or read-only."
    return f"The database {path} could not be used: {error}."


def storage_error(error: BaseException, path: Path) -> StorageError:
    """The StorageError (with its kind) to raise for a low-level failure."""
    kind = fault_kind_at(error, path)
    if kind == "damaged":
        return DamagedDatabaseError(describe(error, path))
    return StorageError(describe(error, path), kind=kind)


def check_location(path: Path) -> None:
    """Refuse what stands where the database file should be but is not one.

    A link to a file that is gone (a disconnected drive, a moved file) and a
    folder of the database's name each get their own message; nothing is changed.
    """
    try:
        if path.is_symlink() and not path.exists():
            raise StorageError(
                f"The database {path} is a link to {os.readlink(path)}, which does not exist "
                "(a drive may be disconnected, or the file was moved). Reconnect the drive or "
                "correct the link, then try again; nothing was changed.",
                kind="dangling_link",
            )
        if path.exists() and not path.is_file():
            what = "a folder" if path.is_dir() else "not a regular file"
            raise StorageError(
                f"{path} is {what}, not the database file. Move or rename it, then try "
                "again; nothing was changed.",
                kind="not_a_file",
            )
    except OSError as error:
        raise storage_error(error, path) from None


def prepare_folder(folder: Path) -> None:
    """Create the data folder, private to the user (an existing folder is only tightened)."""
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        mode = stat.S_IMODE(folder.stat().st_mode)
    except OSError as error:
        raise StorageError(
            f"The data folder {folder} cannot be created or used: {error.strerror or error}.",
            kind=fault_kind(error),
        ) from None
    if mode & 0o077:
        # Only remove access for others: adding write access to a folder the
        # user made read-only would be a surprise. A read-only mount refuses
        # even this, and is reported when something must be written.
        with suppress(OSError):
            os.chmod(folder, mode & FOLDER_MODE)


def make_private(path: Path) -> None:
    """0600 on the database and its companion files; best effort on a read-only folder."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in COMPANIONS)):
        try:
            if candidate.exists() and stat.S_IMODE(candidate.stat().st_mode) != FILE_MODE:
                os.chmod(candidate, FILE_MODE)
        except OSError:
            pass


def create_private_file(path: Path) -> None:
    """An empty 0600 file, so SQLite (which keeps a file's mode) never makes a readable one."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))


def wrap(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' view of a connection, for table methods and migrations."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def connect(path: Path) -> sqlite3.Connection:
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
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, for a read-only folder or for inspection."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        # WAL needs a -shm file it may not be able to create. Without a WAL
        # file the main file alone is the whole truth, so it may be read as
        # immutable; with one, that would silently show older data.
        wal = Path(f"{path}-wal")
        cannot_share = fault_kind(error) in ("cannot_open", "read_only")
        if not cannot_share or (wal.exists() and wal.stat().st_size > 0):
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def pending_migrations(conn: sqlite3.Connection) -> set[str]:
    """Known migrations the database has not had yet (empty for an up-to-date file)."""
    return known_names() - set(applied_migrations(conn))


def check_version(conn: sqlite3.Connection) -> None:
    """Refuse a database that a newer version of the app has migrated."""
    unknown = set(applied_migrations(conn)) - known_names()
    if unknown:
        raise NewerDatabaseError(
            "This data was saved by a newer version of Playbook Readiness "
            f"(it has changes {', '.join(sorted(unknown))}). Install the newer version to "
            "open it; the file has not been changed."
        )


def check_problems(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """What `PRAGMA quick_check` (or `integrity_check`) finds; empty when healthy."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}").fetchall()]
    return [] if rows == ["ok"] else rows


_savepoints = itertools.count(1)


@contextmanager
def immediate(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One user change, one transaction: BEGIN IMMEDIATE, then commit or roll back as a whole.

    sqlite-utils' own atomic() opens a deferred BEGIN; taking the write lock up
    front means a busy database fails here, before anything is half done.
    A change made inside another one becomes a savepoint of it (as atomic()
    does), without needing sqlite-utils loaded for plain SQL writes.
    """
    if conn.in_transaction:
        name = f"change_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # an error may have ended the transaction already
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise storage_error(error, path) from None
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        # The place's fault (busy, read-only, full, I/O, damage) is worded for the user;
        # anything else (a constraint failure, a wrong statement) is a defect of the app
        # and goes up as it is, to be logged with its traceback.
        if isinstance(error, sqlite3.Error) and fault_kind(error) != "other":
            raise storage_error(error, path) from None
        raise
