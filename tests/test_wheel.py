"""The built wheel holds the whole app: every subpackage and resource, run from the install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "playbook_app"


def test_every_subpackage_is_listed_for_the_install() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


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
