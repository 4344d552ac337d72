"""Schema objects the app did not create: reported, never written through, repaired."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from helpers_cli import run_app

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.paths import database_path
from playbook_app.storage import StorageError, Store
from playbook_app.storage.backups import (
    backup_database,
    backups_dir,
    list_backups,
    newest_good_backup,
)
from playbook_app.storage.database import ForeignSchemaError
from playbook_app.storage.rebuild import repair_schema
from playbook_app.storage.repair import inspect, restore
from playbook_app.storage.schema import APP_OBJECTS, MIGRATION_NAMES
from playbook_app.storage.schema_guard import derived_objects

# The trigger of the issue: an insert into one assessment's agenda wipes every other's.
WIPE_OTHER_AGENDAS = """
CREATE TRIGGER wipe_agenda AFTER INSERT ON agenda_item BEGIN
    DELETE FROM agenda_item WHERE assessment_id != NEW.assessment_id;
END
"""
APP_TABLES = ("district", "assessment", "participant", "response", "consensus", "agenda_item")


def _plant(data_dir: Path, *statements: str) -> None:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in APP_TABLES}
    finally:
        conn.close()


def _agenda_count(path: Path, assessment_id: int) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = "SELECT count(*) FROM agenda_item WHERE assessment_id = ?"
        return int(conn.execute(query, [assessment_id]).fetchone()[0])
    finally:
        conn.close()


def _folder_with_assessment(data_dir: Path, playbook: Playbook, seed: int = 7) -> int:
    with Store.open(data_dir) as store:
        return store.add_record(demo_record(playbook, seed=seed))


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    return lines[0]


def test_the_app_objects_at_start_up_are_what_the_real_migrations_make() -> None:
    assert derived_objects(MIGRATION_NAMES) == APP_OBJECTS


def test_check_reports_a_planted_trigger_by_name_and_kind(
    data_dir: Path, playbook: Playbook
) -> None:
    _folder_with_assessment(data_dir, playbook)
    _plant(data_dir, WIPE_OTHER_AGENDAS, "CREATE VIEW peek AS SELECT note FROM response")
    result = run_app("check", "--data-dir", str(data_dir))
    assert "foreign trigger wipe_agenda (on agenda_item)" in result.stdout
    assert "foreign view peek" in result.stdout
    assert "check --repair" in _one_error_line(result)
    assert not inspect(data_dir).healthy


def test_an_import_is_refused_while_a_planted_trigger_would_run_on_it(
    tmp_path: Path, data_dir: Path, playbook: Playbook
) -> None:
    mine = _folder_with_assessment(data_dir, playbook, seed=7)
    other = tmp_path / "other"
    theirs = _folder_with_assessment(other, playbook, seed=8)
    packet = tmp_path / "theirs.playbook.json"
    exported = run_app("export", "--data-dir", str(other), "--assessment", str(theirs),
                       "--out", str(packet))  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    path = database_path(data_dir)
    agenda_before = _agenda_count(path, mine)
    assert agenda_before > 0
    _plant(data_dir, WIPE_OTHER_AGENDAS)
    before = path.read_bytes()

    line = _one_error_line(run_app("import", "--data-dir", str(data_dir), str(packet)))
    assert "trigger wipe_agenda" in line and "check --repair" in line
    assert "Nothing was written" in line
    assert _agenda_count(path, mine) == agenda_before
    assert path.read_bytes() == before
    assert list_backups(data_dir) == []  # no backup of a file carrying the trigger either
    with pytest.raises(ForeignSchemaError) as refused:
        Store.open(data_dir)
    assert refused.value.kind == "foreign_schema"
    assert [o.name for o in refused.value.report.foreign] == ["wipe_agenda"]


def test_repair_removes_the_trigger_keeps_every_row_and_passes_check(
    tmp_path: Path, data_dir: Path, playbook: Playbook
) -> None:
    _folder_with_assessment(data_dir, playbook)
    _plant(data_dir, WIPE_OTHER_AGENDAS, "CREATE TABLE notes_copy (x TEXT)")
    path = database_path(data_dir)
    rows_before = _rows(path)

    repaired = run_app("check", "--repair", "--data-dir", str(data_dir))
    assert repaired.returncode == 0, repaired.stderr
    assert "removed:   trigger wipe_agenda (on agenda_item)" in repaired.stdout
    assert "removed:   table notes_copy" in repaired.stdout
    assert run_app("check", "--data-dir", str(data_dir)).returncode == 0
    assert _rows(path) == rows_before
    conn = sqlite3.connect(path)
    kinds = {(t, n) for t, n in conn.execute("SELECT type, name FROM sqlite_master")}
    conn.close()
    assert ("trigger", "wipe_agenda") not in kinds and ("table", "notes_copy") not in kinds

    (kept_sql,) = data_dir.glob("playbook.sqlite3.foreign-*.sql")
    assert "CREATE TRIGGER wipe_agenda" in kept_sql.read_text(encoding="utf-8")
    assert kept_sql.stat().st_mode & 0o077 == 0
    (old,) = data_dir.glob("playbook.sqlite3.before-repair-*[0-9Z]")
    assert _rows(old) == rows_before  # moved aside whole, never deleted
    with Store.open(data_dir) as store:  # and the app writes again
        store.set_setting("after_repair", "yes")


def test_a_repair_of_a_healthy_database_changes_nothing(data_dir: Path, playbook: Playbook) -> None:
    _folder_with_assessment(data_dir, playbook)
    before = database_path(data_dir).read_bytes()
    result = run_app("check", "--repair", "--data-dir", str(data_dir))
    assert result.returncode == 0 and "nothing to repair" in result.stdout
    assert database_path(data_dir).read_bytes() == before
    with pytest.raises(StorageError, match="already has the app's own layout"):
        repair_schema(data_dir)


def test_a_backup_carrying_a_planted_trigger_is_never_taken_as_good(
    data_dir: Path, playbook: Playbook
) -> None:
    _folder_with_assessment(data_dir, playbook)
    with Store.open(data_dir) as store:
        good = backup_database(store.conn, store.path.parent, "daily")
    _plant(data_dir, WIPE_OTHER_AGENDAS)
    planted = backups_dir(data_dir) / "playbook-20991231T000000Z-daily.sqlite3"
    shutil.copy(database_path(data_dir), planted)

    listed = {b.name: b.ok for b in list_backups(data_dir, verify=True)}
    assert listed == {good.name: True, planted.name: False}
    newest = newest_good_backup(data_dir)
    assert newest is not None and newest.name == good.name
    shown = run_app("check", "--data-dir", str(data_dir)).stdout
    assert f"{planted.name}" in shown and "NOT TRUSTED" in shown

    before = database_path(data_dir).read_bytes()
    with pytest.raises(StorageError, match=r"cannot be trusted.*trigger wipe_agenda"):
        restore(data_dir, planted.name)
    assert database_path(data_dir).read_bytes() == before

    conn = sqlite3.connect(database_path(data_dir))
    try:
        store = Store(conn, database_path(data_dir))
        with pytest.raises(ForeignSchemaError, match="trigger wipe_agenda"):
            backup_database(store.conn, store.path.parent, "manual")
    finally:
        conn.close()
    assert {b.name for b in list_backups(data_dir)} == {good.name, planted.name}


def test_a_good_backup_restores_over_a_database_with_a_planted_trigger(
    data_dir: Path, playbook: Playbook
) -> None:
    _folder_with_assessment(data_dir, playbook)
    with Store.open(data_dir) as store:
        good = backup_database(store.conn, store.path.parent, "daily")
    _plant(data_dir, WIPE_OTHER_AGENDAS)
    result = restore(data_dir, good.name)
    assert result.moved_to is not None and ".foreign-" in result.moved_to.name
    assert inspect(data_dir).healthy


def test_a_dropped_migration_table_is_named_and_repaired_not_re_created(
    data_dir: Path, playbook: Playbook
) -> None:
    _folder_with_assessment(data_dir, playbook)
    _plant(data_dir, "DROP TABLE _sqlite_migrations")
    rows_before = _rows(database_path(data_dir))

    line = _one_error_line(run_app("list", "--data-dir", str(data_dir)))
    assert "already exists" not in line
    assert "_sqlite_migrations" in line and "check --repair" in line
    checked = run_app("check", "--data-dir", str(data_dir))
    assert checked.returncode == 1 and "_sqlite_migrations" in checked.stdout
    assert "pending" not in checked.stdout  # it would not be applied: it was, and was lost

    repaired = run_app("check", "--repair", "--data-dir", str(data_dir))
    assert repaired.returncode == 0, repaired.stderr
    assert not list(data_dir.glob("*.sql"))  # nothing foreign to keep
    assert _rows(database_path(data_dir)) == rows_before
    listed = run_app("list", "--data-dir", str(data_dir))
    assert listed.returncode == 0 and "Fall 2026" in listed.stdout


def test_a_trigger_planted_while_the_app_is_open_stops_its_next_write(
    data_dir: Path, playbook: Playbook
) -> None:
    mine = _folder_with_assessment(data_dir, playbook, seed=7)
    path = database_path(data_dir)
    with Store.open(data_dir) as store:
        record = store.load(mine)
        agenda_before = _agenda_count(path, mine)
        store.set_setting("before", "written")  # writes work until the schema changes
        _plant(data_dir, WIPE_OTHER_AGENDAS)
        with pytest.raises(ForeignSchemaError, match="trigger wipe_agenda"):
            store.add_record(demo_record(playbook, seed=8))
        with pytest.raises(ForeignSchemaError):
            store.save_response(next(iter(record.responses.values())))
        assert not store.conn.in_transaction
    assert _agenda_count(path, mine) == agenda_before
    assert len(inspect(data_dir).schema.foreign) == 1  # type: ignore[union-attr]


def test_a_trigger_planted_under_a_name_reserved_for_sqlite_is_still_found(
    data_dir: Path, playbook: Playbook
) -> None:
    _folder_with_assessment(data_dir, playbook)
    sql = WIPE_OTHER_AGENDAS.strip().replace("wipe_agenda", "sqlite_wipe")
    _plant(
        data_dir,
        "PRAGMA writable_schema = ON",
        "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
        f"VALUES ('trigger', 'sqlite_wipe', 'agenda_item', 0, '{sql}')",
    )
    with pytest.raises(ForeignSchemaError, match="trigger sqlite_wipe"):
        Store.open(data_dir)
    assert "foreign trigger sqlite_wipe" in run_app("check", "--data-dir", str(data_dir)).stdout
