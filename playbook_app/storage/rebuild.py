"""Repairing a schema that is not the app's own: a clean copy made from the data, nothing lost.

The old file is moved aside (never deleted) and the SQL of whatever was removed
is kept in a file beside it, so a repair can always be looked into or undone.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from playbook_app.paths import database_path
from playbook_app.safe_write import WriteError, fsync_folder, write_atomic
from playbook_app.storage.database import (
    DamagedDatabaseError,
    StorageError,
    check_location,
    check_problems,
    check_version,
    connect_read_only,
    describe,
    prepare_folder,
    stamp,
    storage_error,
    wrap,
)
from playbook_app.storage.recovery import is_writable, move_aside, new_file_beside, open_checked
from playbook_app.storage.schema import MIGRATION_NAMES, applied_migrations
from playbook_app.storage.schema_guard import (
    MIGRATIONS_TABLE,
    SchemaObject,
    foreign_sql_text,
    inspect_schema,
    schema_objects,
)


class SchemaRepair(NamedTuple):
    """What a repair did: what it removed, where the old file and their SQL were kept."""

    removed: list[SchemaObject]
    moved_to: Path  # the database as it was, with everything in it
    kept_sql: Path | None  # the removed objects' SQL (None: nothing foreign, only a lost record)
    rows: int  # rows copied into the clean database


def repair_schema(data_dir: Path) -> SchemaRepair:
    """Replace a database whose schema is not the app's own by a clean copy of its data.

    The copy is built by the real migrations and filled with the rows of the app's
    own tables, checked (row counts, integrity, schema) and only then put in
    place; until then nothing is changed. Every Store on the folder must be closed.
    """
    path = database_path(data_dir)
    prepare_folder(data_dir)
    check_location(path)
    if not path.exists():
        raise StorageError(f"There is no database at {path} to repair.", kind="not_found")
    if not is_writable(path):
        raise StorageError(describe(PermissionError("read-only"), path), kind="read_only")
    moment = stamp()
    sql_path = path.with_name(f"{path.name}.foreign-{moment}.sql")
    try:
        source = connect_read_only(path)
        try:
            removed, rows, temp = _build_clean_copy(path, source)
        finally:
            source.close()
        try:
            kept_as = path.with_name(f"{path.name}.before-repair-{moment}")
            if removed:
                text = foreign_sql_text(removed, path, kept_as)
                write_atomic(sql_path, text.encode("utf-8"))
            moved = move_aside(path, "before-repair", moment)
            os.replace(temp, path)
            fsync_folder(path.parent)
        finally:
            with suppress(FileNotFoundError):
                temp.unlink()
    except WriteError as error:
        raise StorageError(f"The database was not repaired: {error}", kind="io") from None
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, path) from None
    db, _ = open_checked(path)  # the repaired file must pass everything an open checks
    db.close()
    return SchemaRepair(removed, moved, sql_path if removed else None, rows)


def _build_clean_copy(
    path: Path, source: sqlite3.Connection
) -> tuple[list[SchemaObject], int, Path]:
    """A new file beside `path` with the app's schema and all of the source's app rows."""
    problems = check_problems(source)
    if problems:
        raise DamagedDatabaseError(
            f"The database {path} is damaged ({problems[0]}), so it cannot be repaired this "
            "way; nothing was changed. `playbook-app check` lists the backups to restore."
        )
    check_version(source)
    report = inspect_schema(source)
    if report.ok:
        raise StorageError(
            f"The database {path} already has the app's own layout; nothing was changed.",
            kind="other",
        )
    applied = applied_migrations(source) or list(MIGRATION_NAMES)
    source_tables = {o.name for o in schema_objects(source) if o.kind == "table"}
    with new_file_beside(path) as (temp, target):
        target.execute("PRAGMA journal_mode = DELETE")
        target.execute("PRAGMA synchronous = FULL")
        from playbook_app.storage.migrations import migrations

        later = [name for name in MIGRATION_NAMES if name not in applied]
        migrations.apply(wrap(target), stop_before=later or None)
        copied = 0
        target.execute("BEGIN IMMEDIATE")
        for table in _app_tables(target):
            if table in source_tables:
                copied += _copy_rows(source, target, table)
        target.execute("COMMIT")
        bad = check_problems(target) or (
            [] if inspect_schema(target).ok else ["the copy's layout is not the app's"]
        )
        if bad:
            raise StorageError(
                f"A repaired copy of {path} did not pass its check ({bad[0]}); it was "
                "discarded and nothing was changed. The disk may be failing.",
                kind="io",
            )
    # new_file_beside removes the file only on failure: the caller renames it in.
    return report.foreign, copied, temp


def _app_tables(conn: sqlite3.Connection) -> list[str]:
    """The app's tables in the order the migrations made them (parents before children)."""
    return [
        o.name for o in schema_objects(conn) if o.kind == "table" and o.name != MIGRATIONS_TABLE
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")').fetchall()]


def _copy_rows(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> int:
    """Copy every row of `table`, column by name; the counts on both sides must agree."""
    theirs = set(_columns(source, table))
    columns = [c for c in _columns(target, table) if c in theirs]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    rows = source.execute(f'SELECT {names} FROM "{table}"').fetchall()
    target.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    count = int(target.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    if count != len(rows):
        raise StorageError(
            f"Repairing copied {count} of {len(rows)} rows of {table}; nothing was changed.",
            kind="io",
        )
    return count
