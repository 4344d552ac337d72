"""The architecture contract: only ui/ and app.py touch Qt; the domain uses nothing of ours."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "playbook_app"
QT_FREE = ["domain", "content", "storage", "exchange", "reports"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_ui_and_app_import_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui" or relative == Path("app.py"):
            continue
        if any(name.split(".")[0] == "PySide6" for name in _imports(path)):
            offenders.append(str(relative))
    assert offenders == []


def test_domain_imports_nothing_of_ours_but_itself() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in _imports(path):
            if name.startswith("playbook_app"):
                assert name.startswith("playbook_app.domain"), (path.name, name)


def test_qt_free_packages_and_headless_cli_do_not_load_qt_or_reportlab() -> None:
    modules = ", ".join(f"playbook_app.{name}" for name in QT_FREE)
    code = (
        "import importlib, sys\n"
        f"for m in '{modules}'.split(', '): importlib.import_module(m)\n"
        "import playbook_app.cli as cli\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert cli.main(['content', '--json']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_import_linter_contracts_hold() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed")
    root = PACKAGE.parent
    result = subprocess.run([lint], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_opening_a_healthy_database_loads_no_sqlite_utils(tmp_path: Path) -> None:
    """Start-up budget: the first screen needs plain sqlite3 only (sqlite-utils is slow to load)."""
    setup = (
        "from pathlib import Path\n"
        "from playbook_app.content import load_default\n"
        "from playbook_app.domain.demo import demo_record\n"
        "from playbook_app.storage import Store\n"
        f"with Store.open(Path({str(tmp_path)!r})) as store:\n"
        "    store.add_record(demo_record(load_default()))\n"
    )
    subprocess.run([sys.executable, "-c", setup], check=True)
    reopen = (
        "import sys\n"
        "from pathlib import Path\n"
        "from playbook_app.storage import Store\n"
        f"with Store.open(Path({str(tmp_path)!r})) as store:\n"
        "    record = store.load(store.latest_assessment_id())\n"
        "    store.set_setting('last_assessment_id', str(record.assessment.id))\n"
        "    store.save_response(next(iter(record.responses.values())))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlite_utils'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", reopen], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_the_migration_names_match_the_registered_migrations() -> None:
    from playbook_app.storage.migrations import registered_names
    from playbook_app.storage.schema import MIGRATION_NAMES

    assert registered_names() == MIGRATION_NAMES
