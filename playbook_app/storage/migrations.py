"""Schema history: every change to the database layout, applied by sqlite-utils Migrations."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from playbook_app.storage.schema import FOLLOWS_COLUMN, INITIAL_SCHEMA, MIGRATION_SET, known_names

__all__ = ["INITIAL_SCHEMA", "MIGRATION_SET", "known_names", "migrations", "registered_names"]

migrations = Migrations(MIGRATION_SET)

# Released migrations are never edited; a change of layout is a new migration,
# registered here and named in schema.MIGRATION_NAMES.


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in INITIAL_SCHEMA:
        db.execute(statement.strip())  # the text SQLite keeps, byte for byte as released


@migrations(name="0002_assessment_follows")
def _follows(db: Database) -> None:
    db.execute(FOLLOWS_COLUMN)


def registered_names() -> tuple[str, ...]:
    """The registered migrations' names, in order (must equal schema.MIGRATION_NAMES)."""
    return tuple(m.name for m in migrations.pending(Database(memory=True)))
