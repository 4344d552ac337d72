"""The database's schema against the app's own: what the migrations make, and nothing else."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from playbook_app.storage.schema import APP_OBJECTS, MIGRATION_NAMES, applied_migrations

# Triggers run on the app's own writes and views or tables can shadow what it
# reads: anything in sqlite_master the migrations did not make is refused, except
# what SQLite makes by itself (automatic indexes, AUTOINCREMENT's counter, ANALYZE's
# statistics). Its sqlite_ prefix alone proves nothing: writable_schema can plant
# a trigger of any name.
_OBJECTS_SQL = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE NOT ("
    "(type = 'index' AND name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' AND sql IS NULL)"
    " OR (type = 'table' AND name IN ("
    "'sqlite_sequence', 'sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4'))"
    ") ORDER BY rowid"
)
MIGRATIONS_TABLE = "_sqlite_migrations"


class SchemaObject(NamedTuple):
    """One entry of sqlite_master: a table, index, trigger or view."""

    kind: str
    name: str
    table: str
    sql: str | None

    def label(self) -> str:
        """E.g. "trigger wipe_agenda (on agenda_item)"."""
        if self.kind in ("index", "trigger") and self.table:
            return f"{self.kind} {self.name} (on {self.table})"
        return f"{self.kind} {self.name}"


class SchemaReport(NamedTuple):
    """How a database's schema differs from the app's; `ok` when it is exactly the app's."""

    foreign: list[SchemaObject]  # objects the app did not create
    missing: list[tuple[str, str]]  # (kind, name) the app created and the file lacks
    unrecorded: bool  # the app's tables are there but the record of its migrations is not

    @property
    def ok(self) -> bool:
        return not self.foreign and not self.missing and not self.unrecorded

    def summary(self) -> str:
        """What was found, in one sentence fragment a person can read."""
        parts = []
        if self.foreign:
            parts.append(
                "things the app did not create: " + ", ".join(o.label() for o in self.foreign)
            )
        if self.unrecorded:
            parts.append(f"its record of the app's updates (the {MIGRATIONS_TABLE} table) is gone")
        if self.missing:
            parts.append(
                "parts of the app's layout are missing: "
                + ", ".join(f"{kind} {name}" for kind, name in self.missing)
            )
        return "; ".join(parts)


def schema_objects(conn: sqlite3.Connection) -> list[SchemaObject]:
    """The database's tables, indexes, triggers and views, in the order they were made."""
    return [
        SchemaObject(str(kind), str(name), str(table or ""), None if sql is None else str(sql))
        for kind, name, table, sql in conn.execute(_OBJECTS_SQL).fetchall()
    ]


def _made_by_migrations(applied: Sequence[str]) -> frozenset[tuple[str, str]]:
    """(kind, name) of what a fresh database holds after the real migrations `applied`."""
    from sqlite_utils import Database

    from playbook_app.storage.migrations import migrations

    fresh = sqlite3.connect(":memory:", isolation_level=None)
    try:
        later = [name for name in MIGRATION_NAMES if name not in applied]
        migrations.apply(Database(fresh, execute_plugins=False), stop_before=later or None)
        return frozenset((o.kind, o.name) for o in schema_objects(fresh))
    finally:
        fresh.close()


@lru_cache(maxsize=8)
def derived_objects(applied: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The app's own objects after `applied`, from a fresh database made by the real migrations."""
    return _made_by_migrations(applied)


def expected_objects(applied: Iterable[str], *, derive: bool = True) -> frozenset[tuple[str, str]]:
    """The app's own objects for a database that has had the migrations `applied`.

    `derive=False` is for opening an up-to-date database at start-up, which must
    not pay for loading sqlite-utils: it uses schema.APP_OBJECTS, which a test
    proves equal to what the real migrations make.
    """
    names = tuple(n for n in MIGRATION_NAMES if n in set(applied))
    if not derive and names == MIGRATION_NAMES:
        return APP_OBJECTS
    return derived_objects(names)


def compare(
    objects: Sequence[SchemaObject], applied: Sequence[str], *, derive: bool = True
) -> SchemaReport:
    """How `objects` (a database's schema after `applied` migrations) differ from the app's."""
    present = {(o.kind, o.name) for o in objects}
    expected = expected_objects(applied, derive=derive)
    unrecorded = False
    if not applied:
        # The app's tables without the record of the migrations that made them:
        # compare with the full layout, so they are named as a lost record, not
        # as foreign tables.
        everything = expected_objects(MIGRATION_NAMES, derive=derive)
        app_tables = {n for k, n in everything if k == "table" and n != MIGRATIONS_TABLE}
        unrecorded = any(o.kind == "table" and o.name in app_tables for o in objects)
        if unrecorded:
            expected = everything - expected  # the record and its index are what is lost
    foreign = [o for o in objects if (o.kind, o.name) not in expected]
    missing = sorted(expected - present) if present else []
    return SchemaReport(foreign, missing, unrecorded)


def inspect_schema(conn: sqlite3.Connection, *, derive: bool = True) -> SchemaReport:
    """The schema report of an open database (a read-only connection is enough)."""

    return compare(schema_objects(conn), applied_migrations(conn), derive=derive)


def foreign_sql_text(removed: Sequence[SchemaObject], source: Path, kept_as: Path) -> str:
    """The file that keeps what a repair removed: each object's SQL, runnable again if wanted."""
    lines = [
        f"-- Found in {source.name} but not created by Playbook Readiness; removed by a repair.",
        f"-- The file as it was before the repair is kept as {kept_as.name}"
        ", with everything it held.",
        "",
    ]
    for found in removed:
        lines.append(f"-- {found.label()}")
        lines.append(f"{found.sql or '-- (no SQL recorded)'};")
        lines.append("")
    return "\n".join(lines)
