"""`playbook-app export` and `import` as a script sees them: exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers_cli import run_app as cli
from test_packets import dump

from playbook_app.paths import database_path


def _demo(folder: Path) -> str:
    result = cli("demo", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_export_then_import_into_another_folder(tmp_path: Path) -> None:
    assessment = _demo(tmp_path / "a")
    packet = tmp_path / "review.playbook.json"
    exported = cli("export", "--data-dir", str(tmp_path / "a"), "--assessment", assessment,
                   "--out", str(packet))  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert str(packet) in exported.stdout and "20 answers" in exported.stdout
    assert json.loads(packet.read_text(encoding="utf-8"))["format_version"] == 2
    assert packet.stat().st_mode & 0o077 == 0  # private, like everything the app writes

    imported = cli("import", "--data-dir", str(tmp_path / "b"), str(packet))
    assert imported.returncode == 0, imported.stderr
    assert "new assessment" in imported.stdout
    listed = cli("list", "--data-dir", str(tmp_path / "b"), "--json")
    (row,) = json.loads(listed.stdout)
    assert row["answered"] == row["total"] == 20

    again = cli("import", "--data-dir", str(tmp_path / "b"), str(packet))
    assert again.returncode == 0 and again.stdout.startswith("nothing to import")


def test_export_one_participant_by_name(tmp_path: Path) -> None:
    assessment = _demo(tmp_path / "a")
    packet = tmp_path / "maria.playbook.json"
    result = cli("export", "--data-dir", str(tmp_path / "a"), "--assessment", assessment,
                 "--participant", "dr. maria alvarez", "--out", str(packet))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Dr. Maria Alvarez's answers" in result.stdout
    assert [p["name"] for p in json.loads(packet.read_bytes())["participants"]] == [
        "Dr. Maria Alvarez"
    ]
    nobody = cli("export", "--data-dir", str(tmp_path / "a"), "--assessment", assessment,
                 "--participant", "Nobody", "--out", str(packet))  # fmt: skip
    assert "no participant 'Nobody'" in _one_error_line(nobody)


def test_bad_file_exits_1_with_one_line_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    assessment = _demo(folder)
    good = tmp_path / "good.playbook.json"
    cli("export", "--data-dir", str(folder), "--assessment", assessment, "--out", str(good))
    other = tmp_path / "other"
    _demo(other)  # a second district whose packet would change folder a
    fresh = tmp_path / "fresh.playbook.json"
    cli("export", "--data-dir", str(other), "--assessment", "1", "--out", str(fresh))
    bad = tmp_path / "bad.playbook.json"
    bad.write_bytes(good.read_bytes()[:-40])
    before_bytes, before_rows = database_path(folder).read_bytes(), dump(folder)

    result = cli("import", "--data-dir", str(folder), str(fresh), str(bad))
    line = _one_error_line(result)
    assert line.startswith(f"error: {bad}: The file is incomplete")
    assert result.stdout == ""
    assert database_path(folder).read_bytes() == before_bytes
    assert dump(folder) == before_rows


def test_export_to_a_missing_folder_exits_1(tmp_path: Path) -> None:
    assessment = _demo(tmp_path / "a")
    target = tmp_path / "no" / "such" / "folder" / "x.playbook.json"
    result = cli("export", "--data-dir", str(tmp_path / "a"), "--assessment", assessment,
                 "--out", str(target))  # fmt: skip
    assert "does not exist" in _one_error_line(result)
    assert not target.parent.exists()


def test_export_of_an_unknown_assessment_exits_1(tmp_path: Path) -> None:
    _demo(tmp_path / "a")
    result = cli("export", "--data-dir", str(tmp_path / "a"), "--assessment", "99",
                 "--out", str(tmp_path / "x.playbook.json"))  # fmt: skip
    assert "there is no assessment 99" in _one_error_line(result)


def test_import_without_files_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("import", "--data-dir", str(tmp_path / "a"))
    assert result.returncode == 2


def test_demo_runs_twice_on_one_folder_as_two_assessments(tmp_path: Path) -> None:
    first, second = _demo(tmp_path / "a"), _demo(tmp_path / "a")
    assert first != second
    listed = json.loads(cli("list", "--data-dir", str(tmp_path / "a"), "--json").stdout)
    assert sorted(str(row["id"]) for row in listed) == sorted([first, second])


def test_demo_packets_from_two_computers_import_as_two_assessments(tmp_path: Path) -> None:
    packets = []
    for machine in ("a", "b"):
        assessment = _demo(tmp_path / machine)
        packet = tmp_path / f"{machine}.playbook.json"
        exported = cli("export", "--data-dir", str(tmp_path / machine),
                       "--assessment", assessment, "--out", str(packet))  # fmt: skip
        assert exported.returncode == 0, exported.stderr
        packets.append(packet)
    uids = {json.loads(p.read_bytes())["assessment"]["uid"] for p in packets}
    assert len(uids) == 2

    imported = cli("import", "--data-dir", str(tmp_path / "c"), *map(str, packets))
    assert imported.returncode == 0, imported.stderr
    listed = json.loads(cli("list", "--data-dir", str(tmp_path / "c"), "--json").stdout)
    assert len(listed) == 2 and all(row["answered"] == 20 for row in listed)
