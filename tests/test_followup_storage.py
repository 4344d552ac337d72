"""Starting next year's review on a real database: what it carries, and nothing else."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from faultlib.fixture_db import SCHEMA_0001

from playbook_app.content import load_default
from playbook_app.domain.assessment import AgendaEntry, Mode, Status
from playbook_app.domain.demo import demo_record
from playbook_app.paths import database_path
from playbook_app.storage import StorageError, Store
from playbook_app.storage.follow_up import predecessor_id, start_follow_up, years_of

PB = load_default()
BOOK = (PB.id, PB.version)


def test_a_follow_up_carries_profile_team_and_open_agenda_but_no_answers(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        record = demo_record(PB, participants=4)
        done = sorted(record.agenda)[0]
        record.agenda[done] = record.agenda[done]._replace(status=Status.DONE)
        last_year = store.add_record(record)
        other = demo_record(PB, participants=3, seed=3)
        other.district = other.district._replace(name="Elsewhere ISD", state="TX")
        other.agenda["vision-local"] = AgendaEntry("vision-local", owner="Not ours")
        store.add_record(other)
        before = store.load(last_year)
        keep = [p.uid for p in before.participants[:3]]
        new_id = start_follow_up(
            store, last_year, date="2027-11-20", playbook=BOOK, label="Fall 2027", keep=keep
        )
        after = store.load(new_id)
    a = after.assessment
    assert (a.label, a.date, a.mode, a.follows) == (
        "Fall 2027",
        "2027-11-20",
        Mode.TEAM,
        before.assessment.uid,
    )
    assert after.district == before.district  # the same profile, capacity included
    assert [(p.name, p.role) for p in after.participants] == [
        (p.name, p.role) for p in before.participants[:3]
    ]
    assert not {p.uid for p in after.participants} & {p.uid for p in before.participants}
    assert not after.responses and not after.consensus
    open_items = {k: e for k, e in before.agenda.items() if e.status is not Status.DONE}
    assert open_items and len(open_items) < len(before.agenda)
    assert {
        k: (e.owner, e.next_step, e.target_date, e.status) for k, e in after.agenda.items()
    } == {k: (e.owner, e.next_step, e.target_date, e.status) for k, e in open_items.items()}
    assert all(e.owner != "Not ours" for e in after.agenda.values())


def test_the_line_of_years_and_the_year_before(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        first = store.add_record(demo_record(PB))
        second = start_follow_up(store, first, date="2027-11-20", playbook=BOOK)
        third = start_follow_up(store, second, date="2028-11-20", playbook=BOOK)
        assert years_of(store, third) == [first, second, third]
        assert predecessor_id(store, store.load(second)) == first
        assert predecessor_id(store, store.load(first)) is None
        assert store.load(second).assessment.label == "Follow-up to Fall 2026 superintendent review"
        store.delete_assessment(first)
        assert years_of(store, third) == [second, third]
        assert predecessor_id(store, store.load(second)) is None  # gone: no link to follow


def test_keeping_nobody_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        first = store.add_record(demo_record(PB))
        with pytest.raises(StorageError, match="at least one"):
            start_follow_up(store, first, date="2027-11-20", playbook=BOOK, keep=[])
        assert len(store.list_assessments(())) == 1


def test_keeping_one_of_a_team_makes_a_solo_review(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        first = store.add_record(demo_record(PB, participants=3))
        keep = [store.load(first).participants[0].uid]
        new = store.load(start_follow_up(store, first, date="2027-11-20", playbook=BOOK, keep=keep))
        assert new.assessment.mode is Mode.SOLO and len(new.participants) == 1


def test_a_database_of_the_first_version_gains_the_link_column(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SCHEMA_0001, database_path(folder))
    with Store.open(folder) as store:
        ids = [s.id for s in store.list_assessments(())]
        assert all(store.load(i).assessment.follows is None for i in ids)
        follow = start_follow_up(store, ids[0], date="2027-11-20", playbook=BOOK)
    conn = sqlite3.connect(database_path(folder))
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert names == ["0001_initial", "0002_assessment_follows"]
    follows = conn.execute("SELECT follows_uid FROM assessment WHERE id = ?", [follow]).fetchone()
    assert follows[0] is not None
    conn.close()
