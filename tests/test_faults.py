"""Real faults: damaged files, an older schema, a full disk, a read-only folder, a lock."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from faultlib.damage import DAMAGES
from faultlib.fixture_db import SCHEMA_0001
from faultlib.kill import run_trials
from faultlib.mounts import fill_disk, read_only_bind, small_tmpfs
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from playbook_app.content import load_default
from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.demo import demo_record
from playbook_app.paths import DATA_DIR_ENV, database_path
from playbook_app.storage import DamagedDatabaseError, StorageError, Store, database, recovery
from playbook_app.storage.backups import (
    backup_database,
    backups_dir,
    list_backups,
    newest_good_backup,
)
from playbook_app.storage.migrations import MIGRATION_SET, known_names, migrations
from playbook_app.storage.repair import restore

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


def _filled(folder: Path) -> int:
    with Store.open(folder) as store:
        return store.add_record(demo_record(load_default()))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def cli(*args: str, user: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    return subprocess.run(
        [*(user or []), sys.executable, "-m", "playbook_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_database_is_moved_aside_and_a_backup_restored(
    data_dir: Path, damage: str
) -> None:
    assessment_id = _filled(data_dir)
    with Store.open(data_dir) as store:
        original = store.load(assessment_id)
        backup_database(store.conn, store.path.parent, "daily")
    path = database_path(data_dir)
    damaged = DAMAGES[damage](path.read_bytes())
    path.write_bytes(damaged)

    with pytest.raises(DamagedDatabaseError) as caught:
        Store.open(data_dir)
    error = caught.value
    good = newest_good_backup(data_dir)
    assert good is not None and error.backup_name == good.name
    assert error.moved_to is not None and error.moved_to.read_bytes() == damaged
    message = str(error)
    assert "damaged" in message and error.moved_to.name in message and good.name in message
    assert "\n" not in message
    assert not path.exists()
    # Never an empty database in its place: the next start says the same.
    with pytest.raises(DamagedDatabaseError, match="missing") as again:
        Store.open(data_dir)
    assert again.value.backup_name == good.name and not path.exists()

    result = restore(data_dir, good.name)
    assert result.moved_to is None and result.saved_as is None
    with Store.open(data_dir) as store:
        assert store.load(assessment_id) == original
    assert _integrity(path) == "ok"
    assert error.moved_to.read_bytes() == damaged  # still kept


def test_without_a_backup_the_user_can_choose_to_start_fresh(data_dir: Path) -> None:
    _filled(data_dir)
    path = database_path(data_dir)
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError, match=r"empty.*No good backup") as caught:
        Store.open(data_dir)
    assert caught.value.backup_name is None and caught.value.moved_to is not None
    with Store.open(data_dir, start_fresh=True) as store:
        assert store.list_assessments(()) == []
    assert caught.value.moved_to.exists()
    with Store.open(data_dir) as store:  # from now on the new database is the database
        assert store.latest_assessment_id() is None


def test_the_fixture_from_schema_0001_opens_with_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SCHEMA_0001, database_path(folder))
    with Store.open(folder) as store:
        applied = [r["name"] for r in store.db.query("SELECT name FROM _sqlite_migrations")]
        assert set(applied) == known_names()
        summaries = store.list_assessments(load_default().action_ids)
        assert [(s.label, s.answered) for s in summaries] == [
            ("Fall 2026 cabinet retreat", 20),
            ("Fall 2026 superintendent review", 20),
        ]
        team = store.load(summaries[0].id)
        assert len(team.participants) == 5 and len(team.responses) == 100
        assert any("grant ended" in r.note for r in team.responses.values())
        assert store.get_setting("last_action") == load_default().key_actions[0].id


def test_the_fixture_is_rebuilt_identically(tmp_path: Path) -> None:
    script = TESTS / "fixtures" / "make_fixtures.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    rebuilt = sqlite3.connect(tmp_path / SCHEMA_0001.name)
    committed = sqlite3.connect(f"{SCHEMA_0001.as_uri()}?mode=ro", uri=True)
    assert list(rebuilt.iterdump()) == list(committed.iterdump())


@pytest.fixture
def with_a_new_migration(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The real migrations plus one more, as the next version of the app would have."""
    newer = Migrations(MIGRATION_SET)
    for known in migrations.pending(Database(memory=True)):  # every one, in order
        newer(name=known.name)(known.fn)
    ran: list[str] = []

    @newer(name="0002_test_setting_note")
    def _add_column(db: Database) -> None:
        ran.append("0002")
        db.execute("ALTER TABLE setting ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(recovery, "registered_migrations", lambda: newer)
    names = known_names() | {"0002_test_setting_note"}
    monkeypatch.setattr(database, "known_names", lambda: names)
    yield ran


def test_a_migration_runs_after_a_verified_backup(
    tmp_path: Path, with_a_new_migration: list[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SCHEMA_0001, database_path(folder))
    with Store.open(folder) as store:
        assert with_a_new_migration == ["0002"]
        assert "note" in store.db["setting"].columns_dict
        assert len(store.list_assessments(())) == 2
    (backup,) = list_backups(folder, verify=True)
    assert backup.reason == "migration" and backup.ok
    conn = sqlite3.connect(backup.path)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    assert conn.execute("SELECT count(*) FROM response").fetchone()[0] == 120
    conn.close()


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = database_path(folder)
    shutil.copy(SCHEMA_0001, path)
    broken = Migrations(MIGRATION_SET)
    broken(name="0001_initial")(lambda db: None)

    @broken(name="0002_broken")
    def _half(db: Database) -> None:
        db.execute("ALTER TABLE setting ADD COLUMN note TEXT")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(recovery, "registered_migrations", lambda: broken)
    monkeypatch.setattr(database, "known_names", lambda: {"0001_initial", "0002_broken"})
    with pytest.raises(StorageError, match="no such table"):
        Store.open(folder)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    assert "note" not in [row[1] for row in conn.execute("PRAGMA table_info(setting)")]
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    conn.close()
    assert [b.reason for b in list_backups(folder, verify=True)] == ["migration"]


def test_a_full_disk_fails_clearly_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "small", "6m") as disk:
        folder = disk / "data"
        assessment_id = _filled(folder)
        store = Store.open(folder)
        try:
            me = store.load(assessment_id).participants[0].uid
            first_backup = backup_database(store.conn, store.path.parent, "manual").name
            saved: list[str] = []
            filler = fill_disk(disk)
            failure: StorageError | None = None
            for n in range(2000):
                change = Response(
                    me, f"full-{n}", AnswerKind.RATED, Stage.EMERGING, note="x" * 8000
                )
                try:
                    store.save_response(change)
                except StorageError as error:
                    failure = error
                    break
                saved.append(change.action)
            assert failure is not None, "the disk never filled up"
            assert failure.kind == "full" and "disk holding" in str(failure)
            assert "is full" in str(failure) and "\n" not in str(failure)
            assert not store.db.conn.in_transaction
            with pytest.raises(StorageError, match="is full"):
                backup_database(store.conn, store.path.parent, "manual")
            assert [b.name for b in list_backups(folder)] == [first_backup]
            assert not list(backups_dir(folder).glob(".*"))
            failed_action = f"full-{len(saved)}"
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            store.close()
        filler.unlink()
        with Store.open(folder) as store:
            rows = {r[0] for r in store.db.execute("SELECT action_id FROM response")}
            assert set(saved) <= rows and failed_action not in rows
            assert len(store.load(assessment_id).responses) == 20 + len(saved)
            store.save_response(Response(me, failed_action, AnswerKind.RATED, Stage.EMERGING))
            assert backup_database(store.conn, store.path.parent, "manual").ok
        assert _integrity(database_path(folder)) == "ok"


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder other users can reach (pytest's own tmp folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="playbook-faults-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("shutdown", ["clean", "killed"])
def test_a_read_only_folder_is_readable_and_refuses_writes_clearly(
    tmp_path: Path, shutdown: str
) -> None:
    folder = tmp_path / "data"
    assessment_id = _filled(folder)
    if shutdown == "killed":  # the last change still sits in the WAL
        code = (
            "import os, sys; from pathlib import Path; from playbook_app.storage import Store; "
            "s = Store.open(Path(sys.argv[1])); s.set_setting('late', 'in the wal'); os._exit(0)"
        )
        subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
        assert Path(f"{database_path(folder)}-wal").stat().st_size > 0
    before = _files(folder)
    with read_only_bind(folder):
        with Store.open(folder) as store:
            assert store.read_only
            record = store.load(assessment_id)
            assert len(record.responses) == 20
            if shutdown == "killed":
                assert store.get_setting("late") == "in the wal"
            change = next(iter(record.responses.values())).with_changes(note="new")
            with pytest.raises(StorageError, match="cannot be written to") as caught:
                store.save_response(change)
            assert caught.value.kind == "read_only"
        listed = cli("list", "--data-dir", str(folder))
        assert listed.returncode == 0 and "20 of 20 answered" in listed.stdout
        refused = cli("demo", "--data-dir", str(folder))
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1
        assert "cannot be written to" in refused.stderr
        assert cli("check", "--data-dir", str(folder)).returncode == 0
    assert _files(folder) == before


def test_an_unprivileged_user_reads_but_cannot_write(shared_tmp: Path) -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the app as another user")
    folder = shared_tmp / "data"
    _filled(folder)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 65534, 65534)
    folder.chmod(0o500)  # the user's own folder, made read-only by them
    before = _files(folder)
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    # What `list` and `demo` load, loaded as that user: if any of it cannot be read, the
    # test cannot run here (a skip), rather than failing for a reason the app cannot fix.
    probe = subprocess.run(
        [*nobody, sys.executable, "-c", "import playbook_app.commands.basic, sqlite_utils"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    if probe.returncode != 0:
        pytest.skip(f"the app cannot run as nobody here: {probe.stderr.strip()}")
    listed = cli("list", "--data-dir", str(folder), user=nobody)
    assert listed.returncode == 0, listed.stderr
    assert "20 of 20 answered" in listed.stdout
    refused = cli("demo", "--data-dir", str(folder), user=nobody)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "cannot be written to" in refused.stderr and "Traceback" not in refused.stderr
    assert _files(folder) == before
    assert oct(folder.stat().st_mode & 0o777) == oct(0o500)


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":  # no other connection may even read
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO setting VALUES ('holder', 'x') ON CONFLICT DO NOTHING")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def _hold(path: Path, how: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_locked_database_fails_clearly_then_works(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = _filled(data_dir)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    path = database_path(data_dir)
    with Store.open(data_dir) as store:
        change = next(iter(store.load(assessment_id).responses.values())).with_changes(note="n")
        holder = _hold(path, "write")
        try:
            with pytest.raises(StorageError, match="busy") as caught:
                store.save_response(change)
            assert caught.value.kind == "busy" and "\n" not in str(caught.value)
        finally:
            holder.communicate("", timeout=30)
        store.save_response(change)  # the retry works once the other program lets go
    holder = _hold(path, "exclusive")
    try:
        with pytest.raises(StorageError, match="busy") as caught:
            Store.open(data_dir)
        assert caught.value.kind == "busy"
    finally:
        holder.communicate("", timeout=30)
    assert not list(data_dir.glob("*.damaged-*"))  # locked is not damaged
    with Store.open(data_dir) as store:
        assert store.load(assessment_id).response(change.participant, change.action).note == "n"


@pytest.mark.slow
def test_kill_9_while_saving_loses_no_acknowledged_change(tmp_path: Path) -> None:
    trials = int(os.environ.get("PLAYBOOK_KILL_TRIALS", "50"))
    seed = int(os.environ.get("PLAYBOOK_KILL_SEED", str(random.randrange(1 << 30))))
    totals = run_trials(tmp_path, trials, seed)
    print(
        f"\nkill -9 trials: {totals.trials} run (seed {seed}, {totals.fresh_folders} from an "
        f"empty folder), {totals.acknowledged} acknowledged changes checked, {totals.lost} lost, "
        f"{totals.unacknowledged_present} saved just before the kill, "
        f"{totals.backups_checked} backups checked"
    )
    assert totals.failures == []
    assert totals.trials == trials and totals.lost == 0 and totals.acknowledged > trials
