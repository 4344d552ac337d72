"""The built wheel holds the whole app: every subpackage and resource, run from the install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "playbook_app"


def test_packages_are_found_not_listed() -> None:
    """A hand-kept list forgets the next room; setuptools finds every package instead."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert "packages" not in setuptools or "find" in setuptools["packages"]
    assert setuptools["packages"]["find"]["include"] == ["playbook_app", "playbook_app.*"]


def _source_files() -> set[str]:
    """What the wheel must hold: every module and resource under playbook_app/."""
    kept = {".py", ".json", ".ttf", ".txt", ".png", ".typed", ".md"}
    return {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in kept
    }


@pytest.mark.slow
def test_the_wheel_alone_runs_content_and_opens_the_window(tmp_path: Path) -> None:
    wheels, target, data = tmp_path / "wheels", tmp_path / "site", tmp_path / "data"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if build.returncode != 0:
        pytest.skip(f"the wheel cannot be built here: {build.stderr.strip()[-300:]}")
    (wheel,) = wheels.glob("playbook_readiness-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        held = {name for name in archive.namelist() if name.startswith("playbook_app/")}
    assert _source_files() - held == set(), "the wheel leaves these out"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    # The wheel's copy comes first on the path; run from elsewhere so the source tree is
    # out of reach, and prove which copy ran.
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    env["PLAYBOOK_DATA_DIR"] = str(data)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], capture_output=True, text=True, env=env, cwd=tmp_path,
            timeout=300,
        )  # fmt: skip

    where = run("-c", "import playbook_app; print(playbook_app.__file__)")
    assert where.stdout.strip().startswith(str(target)), where.stdout + where.stderr
    content = run("-m", "playbook_app", "content", "--json")
    assert content.returncode == 0, content.stderr
    assert len(json.loads(content.stdout)["recommendations"]) == 8
    opened = run("-m", "playbook_app", "--quit-when-ready")
    assert opened.returncode == 0, opened.stderr
