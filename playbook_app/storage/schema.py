"""The database layout and the names of its migrations, without loading sqlite-utils.

Opening a healthy, up-to-date database needs only these names (to see that
nothing is pending), so the first screen never pays for importing sqlite-utils;
migrations.py registers the migrations themselves under the same names.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "playbook_app"

# Every migration this version knows, in order; tests check migrations.py registers
# exactly these.
MIGRATION_NAMES = ("0001_initial", "0002_assessment_follows")

# Released migrations are never edited; a change of layout is a new migration.
# Answers are keyed by content ids (key action, step), never by text, so a
# content update needs no data migration. CHECK constraints keep a bad write
# from any code path out of the file.
INITIAL_SCHEMA: tuple[str, ...] = (  # one statement per step
    """
CREATE TABLE district (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    locale TEXT CHECK (locale IN ('rural', 'town', 'suburban', 'city')),
    size TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 20),
    updated_at TEXT NOT NULL
)
""",
    """
CREATE TABLE assessment (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    district_id INTEGER NOT NULL REFERENCES district(id),
    label TEXT NOT NULL,
    date TEXT NOT NULL,
    playbook_id TEXT NOT NULL,
    playbook_version TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('solo', 'team')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
""",
    """
CREATE TABLE participant (
    uid TEXT PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
)
""",
    """
CREATE INDEX participant_assessment ON participant(assessment_id)
""",
    """
CREATE TABLE response (
    participant_uid TEXT NOT NULL REFERENCES participant(uid) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    answer TEXT CHECK (answer IN ('rated', 'unsure', 'not_applicable')),
    stage INTEGER CHECK (stage BETWEEN 0 AND 3),
    reason TEXT NOT NULL DEFAULT '',
    steps_done TEXT NOT NULL DEFAULT '[]',
    importance INTEGER CHECK (importance BETWEEN 1 AND 3),
    effort INTEGER CHECK (effort BETWEEN 1 AND 3),
    control TEXT CHECK (control IN ('district', 'shared', 'state')),
    confidence TEXT CHECK (confidence IN ('low', 'medium', 'high')),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (participant_uid, action_id),
    CHECK ((answer = 'rated') = (stage IS NOT NULL))
)
""",
    """
CREATE TABLE consensus (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 3),
    rationale TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, action_id)
)
""",
    """
CREATE TABLE agenda_item (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    target_date TEXT NOT NULL DEFAULT '',
    next_step TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'planned', 'in_progress', 'done')),
    bucket TEXT,
    bucket_reason TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, action_id)
)
""",
    """
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
""",
)

# 0002: next year's review names the assessment it follows by uid, not by row id, so the
# link survives packets between computers and a predecessor that is not here (yet).
FOLLOWS_COLUMN = "ALTER TABLE assessment ADD COLUMN follows_uid TEXT"


def known_names() -> set[str]:
    """Names of every migration this version of the app knows."""
    return set(MIGRATION_NAMES)


# What the migrations above make, as (kind, name) from sqlite_master, leaving out
# SQLite's own sqlite_* objects. Opening an up-to-date database at start-up checks
# against this without loading sqlite-utils; a test proves it equal to a fresh
# database made by the real migrations, and `check` always derives it afresh.
APP_OBJECTS = frozenset(
    {
        ("table", "_sqlite_migrations"),
        ("index", "idx__sqlite_migrations_migration_set_name"),
        ("table", "district"),
        ("table", "assessment"),
        ("table", "participant"),
        ("index", "participant_assessment"),
        ("table", "response"),
        ("table", "consensus"),
        ("table", "agenda_item"),
        ("table", "setting"),
    }
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order they ran."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if exists is None:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()
    return [str(row[0]) for row in rows]
