"""`follow-up`, `compare`, `history` and the yearly marks in `agenda`, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from helpers_cli import run_app as cli
from helpers_years import make_years
from pypdf import PdfReader

from playbook_app.content import load_default
from playbook_app.domain.assessment import AgendaEntry
from playbook_app.reports.history_csv import COLUMNS as HISTORY_COLUMNS
from playbook_app.storage import Store
from playbook_app.storage.folder_lock import FolderLock
from playbook_app.storage.follow_up import start_follow_up

PB = load_default()
STAGES = {"not_started", "emerging", "developing", "advancing", "unsure", "not_applicable", None}


def one_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return str(lines[0])


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    data = tmp_path_factory.mktemp("years") / "data"
    with Store.open(data) as store:
        ids = make_years(store, PB, 3)
    return data, ids


def test_follow_up_prints_the_new_id_and_carries_the_open_agenda(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = int(cli("demo", "--data-dir", str(data), "--team", "3").stdout)
    made = cli("follow-up", "--data-dir", str(data), "--label", "Fall 2027 retreat")
    assert made.returncode == 0, made.stderr
    new = int(made.stdout.strip())
    with Store.open(data) as store:
        before, after = store.load(first), store.load(new)
    assert after.assessment.follows == before.assessment.uid
    assert after.assessment.label == "Fall 2027 retreat"
    assert set(after.agenda) == set(before.agenda) and not after.responses


def test_follow_up_refuses_while_the_window_holds_the_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cli("demo", "--data-dir", str(data))
    lock = FolderLock(data, "window")
    lock.acquire()
    try:
        line = one_error(cli("follow-up", "--data-dir", str(data)))
    finally:
        lock.release()
    assert "Nothing was changed" in line
    assert len(json.loads(cli("list", "--data-dir", str(data), "--json").stdout)) == 1


def test_compare_json_has_the_documented_keys(three_years: tuple[Path, list[int]]) -> None:
    data, ids = three_years
    result = cli("compare", "--data-dir", str(data), "--json")
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert {"from", "to", "overall", "recommendations", "key_actions", "agenda"} <= set(got)
    assert got["from"]["id"] == ids[1] and got["to"]["id"] == ids[2]
    assert {"id", "label", "date"} <= set(got["from"])
    assert set(got["overall"]) == {"from", "to"}
    assert all(0 <= v <= 3 for v in got["overall"].values() if v is not None)
    assert [r["id"] for r in got["recommendations"]] == [r.id for r in PB.recommendations]
    assert all({"id", "from", "to"} <= set(r) for r in got["recommendations"])
    assert [a["id"] for a in got["key_actions"]] == list(PB.action_ids)
    for a in got["key_actions"]:
        assert a["from_stage"] in STAGES and a["to_stage"] in STAGES
        assert a["change"] in {"up", "down", "same", "new", "unknown"}
    assert got["agenda"]
    for g in got["agenda"]:
        assert {"key_action", "status_then", "stage_then", "stage_now"} <= set(g)


def test_compare_with_an_older_year_and_the_text_form(three_years: tuple[Path, list[int]]) -> None:
    data, ids = three_years
    result = cli("compare", "--data-dir", str(data), "--with", str(ids[0]), "--json")
    assert json.loads(result.stdout)["from"]["id"] == ids[0]
    first_step = json.loads(
        cli("compare", "--data-dir", str(data), "--assessment", str(ids[1]), "--json").stdout
    )
    done = [g for g in first_step["agenda"] if g["status_then"] == "done"]
    assert len(done) == 1
    text = cli("compare", "--data-dir", str(data)).stdout
    assert text.startswith("Since last time: Fall 2027 retreat")
    headings = (
        "Most improved",
        "Biggest concerns",
        "Last time's agenda",
        "Done, but the stage did not move",
        "Moved without being on the agenda",
    )
    for heading in headings:
        assert f"\n{heading}\n" in text


def test_compare_without_a_year_before_says_so(three_years: tuple[Path, list[int]]) -> None:
    data, ids = three_years
    line = one_error(cli("compare", "--data-dir", str(data), "--assessment", str(ids[0])))
    assert "does not follow another one" in line and "--with" in line
    line = one_error(cli("compare", "--data-dir", str(data), "--with", "999"))
    assert "no assessment 999" in line


def test_agenda_pdf_has_the_since_page_and_the_chart_table(
    three_years: tuple[Path, list[int]], tmp_path: Path
) -> None:
    data, _ = three_years
    pdf, table = tmp_path / "a.pdf", tmp_path / "a.csv"
    result = cli("agenda", "--data-dir", str(data), "--pdf", str(pdf), "--csv", str(table))
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    since = text.index("Since last time")
    assert since < text.index("The action agenda")
    for words in ("Fall 2027 retreat (November 20, 2027) → Fall 2028 retreat", "Most improved",
                  "Last time's agenda", "Carried over to this year's agenda",
                  "Each recommendation over the years", "Fall 2026 cabinet",
                  "Carried over from last time (not done then)."):  # fmt: skip
        assert words in text, words
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    carried = {r["key action id"] for r in rows if r["carried over"] == "yes"}
    with Store.open(data) as store:
        latest = store.load(store.latest_assessment_id() or 0)
    assert carried and carried <= set(latest.agenda)
    out = cli("agenda", "--data-dir", str(data)).stdout
    assert "Follows Fall 2027 retreat" in out
    assert out.count("Carried over from last time") == len(carried)


def test_the_pdf_of_a_first_year_has_no_since_page(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cli("demo", "--data-dir", str(data))
    pdf = tmp_path / "a.pdf"
    assert cli("agenda", "--data-dir", str(data), "--pdf", str(pdf)).returncode == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Since last time" not in text and "over the years" not in text


def test_two_years_give_the_since_page_without_the_chart(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        make_years(store, PB, 2)
    pdf = tmp_path / "a.pdf"
    assert cli("agenda", "--data-dir", str(data), "--pdf", str(pdf)).returncode == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Since last time" in text and "over the years" not in text


def test_history_csv_has_a_row_per_assessment_and_key_action_safe_for_spreadsheets(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        ids = make_years(store, PB, 2)
        record = store.load(ids[0])
        a = record.assessment._replace(label="=HYPERLINK(1)")
        store.update_assessment(a, record.district)
        store.save_agenda_entry(ids[1], AgendaEntry(PB.action_ids[-1], owner="+1 owner"))
    out = tmp_path / "history.csv"
    result = cli("history", "--data-dir", str(data), "--csv", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HISTORY_COLUMNS
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(body) == 2 * len(PB.action_ids)
    assert {r["assessment"] for r in body} == {"'=HYPERLINK(1)", "Fall 2027 retreat"}
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    second = [r for r in body if r["assessment"] == "Fall 2027 retreat"]
    assert {r["follows"] for r in second} == {"'=HYPERLINK(1)"}
    assert {r["stage from"] for r in second} <= {"agreed", "median, no consensus yet", ""}
    assert any(r["carried over"] == "yes" for r in second)


def test_history_refuses_a_folder_as_its_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cli("demo", "--data-dir", str(data))
    line = one_error(cli("history", "--data-dir", str(data), "--csv", str(tmp_path)))
    assert "is a folder" in line


def test_a_follow_up_of_a_follow_up_keeps_the_line(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        first = make_years(store, PB, 1)[0]
        book = (PB.id, PB.version)
        second = start_follow_up(store, first, date="2027-11-01", playbook=book)
        third = start_follow_up(store, second, date="2028-11-01", playbook=book)
        assert store.load(third).assessment.follows == store.load(second).assessment.uid
