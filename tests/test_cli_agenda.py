"""`playbook-app agenda` as a user runs it: text by bucket, PDF and CSV files, one-line errors."""

from __future__ import annotations

import csv
import io
import stat
import subprocess
from pathlib import Path

import pytest
from helpers_cli import run_app as cli
from pypdf import PdfReader

from playbook_app.domain.agenda import Bucket


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    data = tmp_path_factory.mktemp("agenda") / "data"
    made = cli("demo", "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    return data, int(made.stdout.strip())


def test_text_agenda_lists_every_bucket_in_order(demo_data: tuple[Path, int]) -> None:
    data, _ = demo_data
    result = cli("agenda", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Prioritized action agenda: Cedar Valley Unified School District")
    headings = [bucket.label for bucket in Bucket] + ["Not applicable", "Not yet answered"]
    positions = [out.index(f"\n{heading}\n") for heading in headings]
    assert positions == sorted(positions)
    assert "\n  1. " in out and "Why: " in out and "Owner: " in out
    assert "Stage: " in out


def test_writes_pdf_and_csv_privately(demo_data: tuple[Path, int], tmp_path: Path) -> None:
    data, assessment_id = demo_data
    pdf, table = tmp_path / "agenda.pdf", tmp_path / "agenda.csv"
    result = cli(
        "agenda", "--data-dir", str(data), "--assessment", str(assessment_id),
        "--pdf", str(pdf), "--csv", str(table),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for path in (pdf, table):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert str(path) in result.stdout
    reader = PdfReader(pdf)
    assert 4 <= len(reader.pages) <= 20
    assert "Cedar Valley Unified School District" in (reader.pages[0].extract_text() or "")
    rows = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 20
    assert rows[0]["rank"] == "1"
    assert set(tmp_path.iterdir()) == {pdf, table}  # no temporary files left behind


def test_only_the_csv_when_only_csv_is_asked(demo_data: tuple[Path, int], tmp_path: Path) -> None:
    data, _ = demo_data
    table = tmp_path / "only.csv"
    result = cli("agenda", "--data-dir", str(data), "--csv", str(table))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["only.csv"]


def test_unknown_assessment_is_one_error_line(demo_data: tuple[Path, int], tmp_path: Path) -> None:
    data, _ = demo_data
    pdf = tmp_path / "agenda.pdf"
    line = one_error_line(cli("agenda", "--data-dir", str(data), "--assessment", "999", "--pdf",
                              str(pdf)))  # fmt: skip
    assert "999" in line
    assert not pdf.exists()


def test_missing_folder_writes_nothing(demo_data: tuple[Path, int], tmp_path: Path) -> None:
    data, _ = demo_data
    table = tmp_path / "agenda.csv"
    missing = tmp_path / "no-such-folder" / "agenda.pdf"
    line = one_error_line(
        cli("agenda", "--data-dir", str(data), "--pdf", str(missing), "--csv", str(table))
    )
    assert "does not exist" in line
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_target_is_refused(demo_data: tuple[Path, int], tmp_path: Path) -> None:
    data, _ = demo_data
    one_error_line(cli("agenda", "--data-dir", str(data), "--pdf", str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


def test_an_unusable_name_writes_nothing(demo_data: tuple[Path, int], tmp_path: Path) -> None:
    data, _ = demo_data
    pdf = tmp_path / "agenda.pdf"
    too_long = tmp_path / ("x" * 300 + ".csv")
    one_error_line(cli("agenda", "--data-dir", str(data), "--pdf", str(pdf), "--csv",
                       str(too_long)))  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_no_assessments_is_one_error_line(tmp_path: Path) -> None:
    line = one_error_line(cli("agenda", "--data-dir", str(tmp_path / "empty")))
    assert "no assessments" in line


def test_a_failed_second_write_puts_the_first_file_back(tmp_path: Path) -> None:
    from playbook_app.commands import CommandError
    from playbook_app.commands.agenda import _write_all

    kept, fresh = tmp_path / "kept.pdf", tmp_path / "fresh.pdf"
    kept.write_bytes(b"the board's copy")
    unwritable = tmp_path / ("x" * 300 + ".csv")  # the name is too long for the file system
    with pytest.raises(CommandError, match="Nothing was written"):
        _write_all([(kept, b"new"), (fresh, b"new"), (unwritable, b"x")])
    assert kept.read_bytes() == b"the board's copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.pdf"]


@pytest.mark.parametrize(
    "command",
    [
        ("agenda", "--pdf"),
        ("agenda", "--docx"),
        ("agenda", "--csv"),
        ("history", "--csv"),
        ("export", "--out"),
    ],
    ids=["pdf", "docx", "csv", "history", "packet"],
)
def test_no_command_writes_an_export_into_the_data_folder(
    demo_data: tuple[Path, int], command: tuple[str, str]
) -> None:
    data, assessment = demo_data
    name, flag = command
    target = data / "export.out"
    before = sorted(p.name for p in data.iterdir())
    which = ("--assessment", str(assessment)) if name == "export" else ()
    result = cli(name, "--data-dir", str(data), *which, flag, str(target))
    assert result.returncode == 1
    assert "inside the folder where the app keeps your answers" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in data.iterdir()) == before  # nothing was written
