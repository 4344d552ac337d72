"""One write path per table: every SQL write lives in storage/tables.py, and nothing outside
the store reaches into its private parts (read from the source, so a new writer fails here)."""

from __future__ import annotations

import ast
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

import playbook_app
from playbook_app.domain.assessment import Participant
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import StorageError, Store
from playbook_app.storage.schema import INITIAL_SCHEMA

PACKAGE = Path(playbook_app.__file__).parent
TESTS = Path(__file__).parent
WRITES_MODULE = "playbook_app.storage.tables"
STORE_MODULE = PACKAGE / "storage" / "repository.py"
# Repair builds a brand-new file from a damaged one's rows, table by table, before it
# replaces the database; it writes no live table and never runs beside the store.
WHOLE_FILE_COPY = {("playbook_app.storage.rebuild", "_copy_rows")}

# The app's SQL keywords are upper case; "DO UPDATE SET" is the tail of an upsert.
_WRITE = re.compile(
    r"\b(?P<verb>INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|REPLACE\s+INTO|(?<!DO )UPDATE(?:\s+OR\s+[A-Z]+)?"
    r"|DELETE\s+FROM)\s+\"?(?P<table>\w+|\{\})"
)
# sqlite-utils' table methods that write rows.
_TABLE_WRITES = {
    "insert",
    "insert_all",
    "upsert",
    "upsert_all",
    "update",
    "delete",
    "delete_where",
    "lookup",
}

Writer = tuple[str, str]  # (module, function)


def _tables() -> set[str]:
    return {
        m.group(1)
        for statement in INITIAL_SCHEMA
        if (m := re.match(r"\s*CREATE TABLE (\w+)", statement))
    }


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: placeholders read as {}
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
            for v in node.values
        )
    return None


def _table_name(node: ast.AST) -> str:
    """The table a sqlite-utils write names: db.table("x").insert or db["x"].insert."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "table"
        and node.args
    ):
        return _literal_text(node.args[0]) or "{}"
    if isinstance(node, ast.Subscript):
        return _literal_text(node.slice) or "{}"
    return ""


def writes_in(source: str, module: str) -> dict[str, set[Writer]]:
    """Every table a module's source writes, with the function each write is in."""
    found: dict[str, set[Writer]] = defaultdict(set)
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and id(node) not in docstrings
        ):
            text = _literal_text(node) or ""
            for match in _WRITE.finditer(text):
                found[match["table"]].add((module, function))
            if isinstance(node, ast.JoinedStr):
                return  # its parts are not separate strings
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _TABLE_WRITES
            and (table := _table_name(node.func.value))
        ):
            found[table].add((module, function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "<module>")
    return found


def _all_writes() -> dict[str, set[Writer]]:
    every: dict[str, set[Writer]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        for table, writers in writes_in(
            path.read_text(encoding="utf-8"), _module_name(path)
        ).items():
            every[table] |= writers
    return every


def test_the_scan_finds_sql_and_sqlite_utils_writes() -> None:
    planted = '''
"""INSERT INTO district is only words in a docstring."""
def a(conn, db):
    conn.execute("INSERT INTO consensus (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET a = 1")
    conn.execute(f"UPDATE participant SET position = {1}")
    db.table("agenda_item").upsert({}, pk="id")
def b(conn, db, t):
    conn.execute("DELETE FROM setting WHERE key = ?")
    db["response"].insert({})
    conn.execute(f'INSERT INTO "{t}" VALUES (1)')
    conn.execute("PRAGMA journal_mode = DELETE")
'''
    assert writes_in(planted, "m") == {
        "consensus": {("m", "a")},
        "participant": {("m", "a")},
        "agenda_item": {("m", "a")},
        "setting": {("m", "b")},
        "response": {("m", "b")},
        "{}": {("m", "b")},
    }


def test_every_table_is_written_only_through_storage_tables() -> None:
    every = _all_writes()
    assert every.pop("{}", set()) <= WHOLE_FILE_COPY
    assert set(every) == _tables()  # each table has a write path, and the scan sees it
    elsewhere = {
        table: sorted(w for w in writers if w[0] != WRITES_MODULE)
        for table, writers in every.items()
    }
    assert {table: w for table, w in elsewhere.items() if w} == {}


def test_each_write_function_writes_one_table() -> None:
    by_function: dict[str, set[str]] = defaultdict(set)
    for table, writers in _all_writes().items():
        for module, function in writers:
            if module == WRITES_MODULE:
                by_function[function].add(table)
    assert by_function  # the scan found the write functions
    assert {f: t for f, t in by_function.items() if len(t) > 1} == {}


def _store_private_names() -> set[str]:
    tree = ast.parse(STORE_MODULE.read_text(encoding="utf-8"))
    (store,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Store"]
    names = {
        node.name for node in store.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    names |= {
        node.attr
        for node in ast.walk(store)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }
    return {n for n in names if n.startswith("_") and not n.endswith("__")}


def private_store_uses(source: str, private: set[str]) -> list[tuple[int, str]]:
    """Lines where something other than `self` or `cls` reaches a private name of the store."""
    return sorted(
        (node.lineno, node.attr)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr in private
        and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
    )


def test_the_private_scan_finds_a_reach_into_the_store() -> None:
    private = _store_private_names()
    assert {"_writing", "_refuse_foreign_schema", "_reader"} <= private
    planted = "with store._writing():\n    self._writing()\n    session.store._reader = True\n"
    assert private_store_uses(planted, private) == [(1, "_writing"), (3, "_reader")]


def test_nothing_outside_the_store_calls_its_private_methods() -> None:
    private = _store_private_names()
    found = {}
    for path in sorted([*PACKAGE.rglob("*.py"), *TESTS.rglob("*.py")]):
        if path == STORE_MODULE or path == Path(__file__):
            continue
        uses = private_store_uses(path.read_text(encoding="utf-8"), private)
        if uses:
            found[str(path.relative_to(PACKAGE.parent))] = uses
    assert found == {}


def test_an_edit_of_a_row_another_program_removed_is_refused_in_words(
    store: Store, playbook: Playbook
) -> None:
    record = store.load(store.add_record(demo_record(playbook, participants=2)))
    person = record.participants[1]
    # Another program removes a participant, then the assessment, while the app shows them.
    other = sqlite3.connect(str(store.path), isolation_level=None)
    try:
        other.execute("PRAGMA foreign_keys = ON")
        other.execute("DELETE FROM participant WHERE uid = ?", [person.uid])
        with pytest.raises(StorageError, match="participant is no longer in the database"):
            store.update_participant(Participant(uid=person.uid, name="Renamed", role=""))
        other.execute("DELETE FROM assessment WHERE uid = ?", [record.assessment.uid])
        before = other.execute("SELECT * FROM district").fetchall()
        with pytest.raises(StorageError, match="assessment is no longer in the database"):
            store.update_assessment(record.assessment, record.district)
        assert other.execute("SELECT * FROM district").fetchall() == before  # all or nothing
    finally:
        other.close()
