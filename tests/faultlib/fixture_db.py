"""Build the committed fixture database deterministically (current schema, demo data)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from playbook_app.content import load_default
from playbook_app.domain.demo import demo_record
from playbook_app.storage import Store, database, recovery
from playbook_app.storage.migrations import MIGRATION_SET, migrations

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Named after the newest migration it was made with: it stays as it is when
# later migrations arrive, so it keeps proving the upgrade from this schema.
SCHEMA_0001 = FIXTURES / "playbook-0001_initial.sqlite3"
FIXED_TIME = "2026-11-22T18:04:05.000000Z"


@contextmanager
def _first_migration_only() -> Iterator[None]:
    """The app as it was at 0001_initial: later migrations are left out of the build."""
    first = Migrations(MIGRATION_SET)
    initial = next(iter(migrations.pending(Database(memory=True))))
    first(name=initial.name)(initial.fn)
    saved = recovery.registered_migrations, database.known_names
    recovery.registered_migrations = lambda: first  # type: ignore[assignment]
    database.known_names = lambda: {initial.name}  # type: ignore[assignment]
    try:
        yield
    finally:
        recovery.registered_migrations, database.known_names = saved  # type: ignore[assignment]


def build(path: Path) -> None:
    """Write the fixture to `path`: a solo and a team demo assessment and one setting."""
    folder = path.parent / f".{path.name}.build"
    folder.mkdir(parents=True)
    playbook = load_default()
    with _first_migration_only(), Store.open(folder) as store:
        store.add_record(demo_record(playbook, id_salt=0))
        store.add_record(demo_record(playbook, participants=5, seed=11, id_salt=0))
        store.set_setting("last_action", playbook.key_actions[0].id)
        db = store.db
        # Timestamps the store sets itself, pinned so the file is the same each time.
        for table in ("district", "assessment", "participant"):
            db.execute(f"UPDATE {table} SET updated_at = ?", [FIXED_TIME])
        db.execute("UPDATE assessment SET created_at = ?", [FIXED_TIME])
        db.execute("UPDATE _sqlite_migrations SET applied_at = ?", [FIXED_TIME])
    built = folder / "playbook.sqlite3"
    conn = sqlite3.connect(built, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    built.replace(path)
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()
