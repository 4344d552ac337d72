"""Start-up as `playbook-app` runs it: run_gui, its clear errors, one instance per folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from playbook_app.app import run_gui
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.storage.folder_lock import WINDOW, FolderLock, is_locked
from playbook_app.ui.shell.binding import drops_references

REPO = Path(__file__).resolve().parent.parent


# What the first screen never needs: each would add to every start-up if imported there.
LAZY_MODULES = (
    "reportlab",
    "docx",
    "PIL",
    "html",  # its entity table is large; tooltips escape with Qt's own function
    "playbook_app.reports",
    "playbook_app.exchange",
    "playbook_app.ui.widgets.agenda_screen",
    "playbook_app.ui.team.team_review",
    "playbook_app.ui.yearly.since_view",
)
# PySide6 builds a Qt class (and its enums) for Python when it is first named; these
# cost milliseconds each and are used only once the user acts.
LAZY_QT_TYPES = (
    "QMouseEvent",
    "QKeyEvent",
    "QPaintEvent",
    "QFileDialog",
    "QStandardPaths",
    "QStyle",  # the focus ring's style goes on at the first Tab (focus_ring.py)
    "QProxyStyle",
    "QTextCursor",  # only when typed text is put back within its limit
)


def _run_quit_when_ready(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The GUI start-up in a fresh interpreter, as a user or a benchmark gets it."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from playbook_app.app import run_gui\n"
        "status = run_gui(Path(sys.argv[1]), quit_when_ready=True)\n"
        "print('reportlab loaded' if 'reportlab' in sys.modules else 'reportlab not loaded')\n"
        f"print('modules:', *sorted(set({LAZY_MODULES!r}) & set(sys.modules)))\n"
        "import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W\n"
        "built = {n for m in (C, G, W) for n in vars(m)}\n"
        f"print('lazy:', 'QWizard' not in built)\n"
        f"print('types:', *sorted(set({LAZY_QT_TYPES!r}) & built))\n"
        "sys.exit(status)\n"
    )
    return _run_fresh(code, str(data_dir))


def _run_fresh(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter, offscreen: nothing an earlier test built is there."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_quit_when_ready_on_first_run(data_dir: Path) -> None:
    result = _run_quit_when_ready(data_dir)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and "Traceback" not in result.stderr
    assert "reportlab not loaded" in result.stdout  # reports load only when one is made
    assert (data_dir / "playbook.sqlite3").exists()
    assert not is_locked(data_dir)


def test_quit_when_ready_with_an_assessment(data_dir: Path, playbook: Playbook) -> None:
    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
    result = _run_quit_when_ready(data_dir)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "modules:" in lines  # none of LAZY_MODULES
    if "lazy: True" in lines:  # this PySide6 builds classes on first use
        assert "types:" in lines  # none of LAZY_QT_TYPES


def test_the_focus_ring_goes_on_at_the_first_tab_and_not_before(
    data_dir: Path, playbook: Playbook
) -> None:
    """Start-up leaves QStyle's enums unbuilt (some 8 ms); the first Tab puts the ring on.

    Qt draws focus only once focus has moved by keyboard, so a window used by mouse
    alone never needs it; the accessibility walk proves the ring is then painted.
    """
    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import PySide6.QtWidgets as W\n"
        "from PySide6.QtCore import Qt\n"
        "from PySide6.QtTest import QTest\n"
        "from playbook_app.app import build_main_window\n"
        "from playbook_app.content import load_default\n"
        "from playbook_app.storage import Store\n"
        "app = W.QApplication(sys.argv[:1])\n"
        "store = Store.open(Path(sys.argv[1]))\n"
        "window = build_main_window(store, load_default(), remember_window=False)\n"
        "window.show()\n"
        "window.activateWindow()\n"
        "assert QTest.qWaitForWindowActive(window)\n"
        "lazy = 'QWizard' not in vars(W)\n"
        "print('before:', 'unbuilt' if lazy and 'QStyle' not in vars(W) else 'built')\n"
        "QTest.keyClick(W.QApplication.focusWidget(), Qt.Key.Key_Tab)\n"
        "from playbook_app.ui.widgets.focus_style import FocusStyle\n"
        "print('after:', 'ring' if isinstance(app.style(), FocusStyle) else 'no ring')\n"
        "window.close()\n"
        "store.close()\n"
    )
    result = _run_fresh(code, str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "after: ring" in result.stdout.splitlines()
    assert "before: unbuilt" in result.stdout.splitlines()


def test_a_dark_system_palette_gets_the_focus_ring_style_at_once() -> None:
    """Over a dark palette the ring's style also outlines tick boxes, so it cannot wait."""
    code = (
        "import sys\n"
        "import PySide6.QtWidgets as W\n"
        "from playbook_app.ui.widgets import focus_ring, theme\n"
        "app = W.QApplication(sys.argv[:1])\n"
        "theme.is_dark = lambda palette: True  # as a system set to dark reports it\n"
        "theme.ensure(theme.Theme.SYSTEM)\n"
        "from playbook_app.ui.widgets.focus_style import FocusStyle\n"
        "ring = isinstance(app.style(), FocusStyle) and not focus_ring.waiting()\n"
        "print('ring' if ring else 'no ring')\n"
    )
    result = _run_fresh(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ring"]


def test_a_second_instance_on_the_same_folder_says_so(
    qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    with FolderLock(data_dir, WINDOW):
        assert run_gui(data_dir, quit_when_ready=True) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "already open" in err
    assert "Traceback" not in err


def test_missing_content_is_a_clear_error(
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "resources"
    (empty / "playbooks").mkdir(parents=True)
    monkeypatch.setenv("PLAYBOOK_RESOURCES_DIR", str(empty))
    assert run_gui(data_dir, quit_when_ready=True) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "local_system_leaders.json" in err
    assert "Traceback" not in err


def test_an_unusable_database_is_a_clear_error(
    qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "playbook.sqlite3").write_bytes(b"this is not a database" * 100)
    assert run_gui(data_dir, quit_when_ready=True) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_the_installed_pyside6_keeps_reference_counts(qtbot: QtBot) -> None:
    # The release pyproject.toml installs must pass the check the app makes at start.
    assert not drops_references()


def test_a_pyside6_that_drops_references_is_refused_before_anything_opens(
    qtbot: QtBot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Such a build cannot be installed beside a good one, so the check's answer is set.
    monkeypatch.setattr("playbook_app.app.drops_references", lambda: True)
    assert run_gui(data_dir, quit_when_ready=True) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "known defect" in err and "./scripts/app" in err
    assert "Traceback" not in err
    assert not data_dir.exists()  # no folder, no database, no lock: nothing changed


def test_the_window_reopens_at_its_size_and_split(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    from playbook_app.app import WINDOW_SETTINGS, build_main_window
    from playbook_app.ui.shell.window_state import DEFAULT_SIZE

    store = Store.open(data_dir)
    store.add_record(demo_record(playbook))
    window = build_main_window(store, playbook)
    qtbot.addWidget(window)
    window.show()
    window.resize(760, 540)
    splitter = window.findChild(QSplitter)
    assert splitter is not None
    splitter.setSizes([250, 510])
    sizes = splitter.sizes()
    assert window.close()

    again = build_main_window(store, playbook)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (760, 540)
    restored = again.findChild(QSplitter)
    assert restored is not None and restored.sizes() == sizes
    assert again.close()

    # A damaged settings file is no reason not to open: the defaults stand in.
    (data_dir / WINDOW_SETTINGS).write_text("[General]\ngeometry=@Variant(nonsense\nsplitter=7\n")
    third = build_main_window(store, playbook)
    qtbot.addWidget(third)
    third.show()
    assert third.findChild(QSplitter) is not None
    available = third.screen().availableGeometry()
    width, height = DEFAULT_SIZE
    assert third.size().toTuple() == (
        min(width, available.width()),
        min(height, available.height()),
    )
    store.close()
