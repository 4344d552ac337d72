"""Storage round trips on real SQLite files: schema, answers, permissions, refusals."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    Confidence,
    Consensus,
    District,
    Locale,
    Mode,
    Participant,
    Response,
    Stage,
    Status,
)
from playbook_app.domain.playbook import Control
from playbook_app.paths import database_path
from playbook_app.storage import (
    DamagedDatabaseError,
    NewerDatabaseError,
    StorageError,
    Store,
    new_uid,
)
from playbook_app.storage.migrations import known_names

ACTIONS = ("vision-state-partner", "vision-local", "research-questions")


def _new(store: Store, mode: Mode = Mode.SOLO, people: int = 1) -> tuple[int, list[str]]:
    participants = [Participant(new_uid(), f"Person {i}", "Role") for i in range(people)]
    record = store.create_assessment(
        District("Cedar Valley USD", "KY", Locale.RURAL, "1,200 students", capacity=2),
        Assessment(new_uid(), "Fall 2026 review", "2026-11-22", "ali", "2026.11", mode),
        participants,
    )
    assert record.assessment.id is not None
    return record.assessment.id, [p.uid for p in participants]


def test_new_database_is_migrated_private_and_in_wal(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        applied = {r["name"] for r in store.db.query("SELECT name FROM _sqlite_migrations")}
        assert applied == known_names()
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = set(store.db.table_names())
        assert {"district", "assessment", "participant", "response", "consensus"} <= tables
        assert {"agenda_item", "setting"} <= tables
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for child in folder.iterdir():
        assert stat.S_IMODE(child.stat().st_mode) == 0o600, child


def test_every_kind_of_answer_survives_a_reopen(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    note = 'Board asked: cost < $40k & "staff time"?\nSee <Appendix B>.'
    with Store.open(folder) as store:
        assessment_id, (me,) = _new(store)
        store.save_response(
            Response(
                me,
                ACTIONS[0],
                AnswerKind.RATED,
                Stage.DEVELOPING,
                steps_done=frozenset({"s1", "s3"}),
                importance=3,
                effort=2,
                control=Control.SHARED,
                confidence=Confidence.HIGH,
                note=note,
            )
        )
        store.save_response(Response(me, ACTIONS[1], AnswerKind.UNSURE))
        store.save_response(Response(me, ACTIONS[2], AnswerKind.NOT_APPLICABLE, reason="No SLDS"))
        store.save_consensus(assessment_id, Consensus(ACTIONS[0], Stage.EMERGING, "We agreed"))
        store.save_agenda_entry(
            assessment_id,
            AgendaEntry(ACTIONS[0], "Dr. Ng", "2027-02-01", "Call the SEA", Status.PLANNED),
        )
        store.set_setting("last_action", ACTIONS[2])

    with Store.open(folder) as store:
        record = store.load(assessment_id)
        rated = record.response(me, ACTIONS[0])
        assert rated.stage is Stage.DEVELOPING and rated.answer is AnswerKind.RATED
        assert rated.steps_done == {"s1", "s3"}
        assert (rated.importance, rated.effort) == (3, 2)
        assert rated.control is Control.SHARED and rated.confidence is Confidence.HIGH
        assert rated.note == note and rated.updated_at.endswith("Z")
        assert record.response(me, ACTIONS[1]).answer is AnswerKind.UNSURE
        na = record.response(me, ACTIONS[2])
        assert na.answer is AnswerKind.NOT_APPLICABLE and na.reason == "No SLDS"
        assert na.stage is None
        assert record.consensus[ACTIONS[0]].stage is Stage.EMERGING
        assert record.agenda[ACTIONS[0]].owner == "Dr. Ng"
        assert record.agenda[ACTIONS[0]].status is Status.PLANNED
        assert record.district.capacity == 2 and record.district.locale is Locale.RURAL
        assert store.get_setting("last_action") == ACTIONS[2]
        (summary,) = store.list_assessments(ACTIONS)
        assert (summary.answered, summary.total) == (3, 3)
        assert summary.organization == "Cedar Valley USD"


def test_changing_an_answer_overwrites_it_and_stage_follows_the_answer(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assessment_id, (me,) = _new(store)
        first = store.save_response(Response(me, ACTIONS[0], AnswerKind.RATED, Stage.ADVANCING))
        store.save_response(first.with_changes(answer=AnswerKind.UNSURE))
        record = store.load(assessment_id)
        assert record.response(me, ACTIONS[0]).answer is AnswerKind.UNSURE
        assert record.response(me, ACTIONS[0]).stage is None
        assert len(record.responses) == 1


def test_several_assessments_and_participants(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        first, _ = _new(store)
        second, people = _new(store, Mode.TEAM, people=3)
        store.update_participant(Participant(people[1], "Renamed", "CAO"))
        store.save_response(Response(people[2], ACTIONS[0], AnswerKind.RATED, Stage.EMERGING))
        store.remove_participant(people[2])
        record = store.load(second)
        assert [p.name for p in record.participants] == ["Person 0", "Renamed"]
        assert record.responses == {}
        assert {s.id for s in store.list_assessments(ACTIONS)} == {first, second}
        store.delete_assessment(first)
        assert [s.id for s in store.list_assessments(ACTIONS)] == [second]


def test_a_defects_write_changes_nothing_and_is_raised_as_a_defect(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assessment_id, (me,) = _new(store)
        store.save_response(Response(me, ACTIONS[0], AnswerKind.RATED, Stage.EMERGING))
        # A constraint failure is the app's own mistake, not the place's: it is not
        # dressed up as "the database could not be used".
        with pytest.raises(sqlite3.IntegrityError):
            store.save_response(
                Response(me, ACTIONS[0], AnswerKind.RATED, Stage.EMERGING, importance=7)
            )
        assert store.load(assessment_id).response(me, ACTIONS[0]).importance is None
        assert not store.db.conn.in_transaction


def test_a_folder_that_cannot_be_created_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError, match="cannot be created or used"):
        Store.open(blocker / "data")
    assert blocker.read_text().startswith("a file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(StorageError, match="cannot"):
        Store.open(folder)


def test_a_zero_length_or_garbage_database_is_moved_aside_never_deleted(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError, match="empty") as empty:
        Store.open(tmp_path)
    assert empty.value.moved_to is not None
    assert empty.value.moved_to.read_bytes() == b""
    garbage = b"this is not a database at all " * 200
    path.write_bytes(garbage)
    with pytest.raises(DamagedDatabaseError, match="damaged") as damaged:
        Store.open(tmp_path)
    assert damaged.value.moved_to is not None
    assert damaged.value.moved_to.read_bytes() == garbage
    assert not path.exists()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        _new(store)
        store.db["_sqlite_migrations"].insert(
            {"migration_set": "playbook_app", "name": "9999_future", "applied_at": "2030"}
        )
    before = database_path(tmp_path).read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        Store.open(tmp_path)
    assert database_path(tmp_path).read_bytes() == before


def test_a_locked_database_gives_a_clear_message_and_works_after(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assessment_id, (me,) = _new(store)
        store.db.execute("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(database_path(tmp_path), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        change = Response(me, ACTIONS[0], AnswerKind.RATED, Stage.EMERGING)
        with pytest.raises(StorageError, match="busy"):
            store.save_response(change)
        other.execute("ROLLBACK")
        other.close()
        store.save_response(change)
        assert store.load(assessment_id).response(me, ACTIONS[0]).stage is Stage.EMERGING
