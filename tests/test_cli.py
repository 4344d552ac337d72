"""The command line as a script sees it: exit codes, JSON shapes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_cli import run_app as cli

from playbook_app.content import load_default
from playbook_app.paths import DATA_DIR_ENV, RESOURCES_ENV, playbooks_dir
from playbook_app.storage import Store


def test_content_json_has_the_documented_shape() -> None:
    result = cli("content", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    playbook = load_default()
    assert data["playbook"] == {
        "id": playbook.id,
        "version": playbook.version,
        "title": playbook.title,
    }
    assert [len(r["key_actions"]) for r in data["recommendations"]] == [3, 4, 3, 3, 2, 1, 1, 3]
    steps = [s for r in data["recommendations"] for a in r["key_actions"] for s in a["steps"]]
    assert len(steps) == 96
    assert sum(len(s["substeps"]) for s in steps) == 3
    assert set(steps[0]) == {"id", "text", "substeps"}


def test_content_as_text_lists_every_key_action() -> None:
    result = cli("content")
    assert result.returncode == 0
    for action in load_default().key_actions:
        assert action.id in result.stdout


def test_demo_then_list(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = cli("demo", "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    assessment_id = int(made.stdout.strip())
    listed = cli("list", "--data-dir", str(data), "--json")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert row["id"] == assessment_id
    assert set(row) >= {"id", "label", "organization", "state", "date", "mode", "answered"}
    assert (row["answered"], row["total"]) == (20, 20)
    text = cli("list", "--data-dir", str(data))
    assert "20 of 20 answered" in text.stdout


def test_data_dir_falls_back_to_the_environment(tmp_path: Path) -> None:
    data = tmp_path / "from-env"
    assert cli("demo", env={DATA_DIR_ENV: str(data)}).returncode == 0
    assert (data / "playbook.sqlite3").exists()


def test_usage_error_exits_2() -> None:
    result = cli("list", "--no-such-flag")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unwritable_data_dir_is_one_line_and_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("demo", "--data-dir", str(blocker / "data"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["content"], ["list"], ["--quit-when-ready"]])
def test_a_broken_pack_is_named_without_a_traceback(tmp_path: Path, command: list[str]) -> None:
    broken = tmp_path / "resources" / "playbooks"
    broken.mkdir(parents=True)
    original = (playbooks_dir() / "local_system_leaders.json").read_text(encoding="utf-8")
    (broken / "local_system_leaders.json").write_text(
        original.replace('"source": {\n', '"source": {\n    "colour": "blue",\n', 1),
        encoding="utf-8",
    )
    env = {RESOURCES_ENV: str(broken.parent), DATA_DIR_ENV: str(tmp_path / "data")}
    result = cli(*command, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert "local_system_leaders.json" in result.stderr and "colour" in result.stderr


def test_the_gui_opens_ready_and_quits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli("demo", "--data-dir", str(data)).returncode == 0
    result = cli("--data-dir", str(data), "--quit-when-ready")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_demo_team_makes_a_cabinet_retreat_and_refuses_odd_sizes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = cli("demo", "--data-dir", str(data), "--team", "6")
    assert made.returncode == 0, made.stderr
    (row,) = json.loads(cli("list", "--data-dir", str(data), "--json").stdout)
    assert row["mode"] == "team"
    with Store.open(data) as store:
        assert len(store.load(int(made.stdout)).participants) == 6
    for bad in ("1", "13", "many"):
        refused = cli("demo", "--data-dir", str(data), "--team", bad)
        assert refused.returncode == 2 and "--team" in refused.stderr
    assert len(json.loads(cli("list", "--data-dir", str(data), "--json").stdout)) == 1


def test_window_options_and_mistakes_get_the_full_usage(tmp_path: Path) -> None:
    # Opening the window parses only its own options; help and mistakes still see
    # every command, so the user learns what the app can do.
    helped = cli("--help")
    assert helped.returncode == 0
    for command in ("content", "demo", "list", "agenda", "export", "import", "check"):
        assert command in helped.stdout
    wrong = cli("--data-dir", str(tmp_path), "--bogus")
    assert wrong.returncode == 2
    assert "COMMAND" in wrong.stderr and "unrecognized arguments: --bogus" in wrong.stderr
    assert not (tmp_path / "playbook.sqlite3").exists()
    opened = cli("--data-dir", str(tmp_path / "data"), "--quit-when-ready")
    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / "data" / "playbook.sqlite3").exists()
