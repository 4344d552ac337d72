"""File > Import packets…: where it opens, and what its messages and preview say."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers_team import make_team, message_boxes
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from test_gui_packets import open_store, team_folder  # noqa: F401 (fixtures)
from test_packets import write_packet

from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import build_packet
from playbook_app.exchange.merge import readable_time
from playbook_app.storage import Store
from playbook_app.ui.packets.packet_import import ImportDialog, preview_import
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _texts() -> list[str]:
    texts = []
    for box in message_boxes():
        texts.append(f"{box.text()}\n{box.informativeText()}")
        box.close()
    return texts


def _dialog_folder(qtbot: QtBot, window: MainWindow) -> Path:
    window.features.packets.import_action.trigger()
    dialog = window.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    folder = Path(dialog.directory().absolutePath())
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(QFileDialog) is None)  # closed and deleted
    return folder


def test_import_opens_in_documents_then_in_the_last_folder_used(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],  # noqa: F811
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    store = open_store(tmp_path / "data")
    make_team(store, playbook)
    window = open_window(store)
    assert _dialog_folder(qtbot, window) == home  # no Documents folder: home
    (home / "Documents").mkdir()
    assert _dialog_folder(qtbot, window) == home / "Documents"
    stick = tmp_path / "usb stick"
    stick.mkdir()
    refused = stick / "empty.playbook.json"
    refused.write_bytes(b"")
    preview_import(window, [refused])
    assert any("The file is empty" in t for t in _texts())
    # Even a refused file's folder is where the next look starts.
    assert _dialog_folder(qtbot, window) == stick


def test_every_bad_file_is_listed_in_one_message(
    tmp_path: Path,
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],  # noqa: F811
) -> None:
    store = open_store(tmp_path / "data")
    make_team(store, playbook)
    window = open_window(store)
    empty, cut = tmp_path / "empty.playbook.json", tmp_path / "cut.playbook.json"
    empty.write_bytes(b"")
    cut.write_bytes(b'{"format": "playbook-packet", "format_')
    assert preview_import(window, [empty, cut]) is None
    (message,) = _texts()
    assert "2 of the 2 files cannot be imported" in message
    assert "empty.playbook.json: The file is empty." in message
    assert "cut.playbook.json: The file is incomplete" in message
    assert "Nothing was imported" in message


def test_the_preview_shows_local_times_and_how_steps(
    tmp_path: Path,
    team_folder: tuple[Path, int],  # noqa: F811
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],  # noqa: F811
) -> None:
    folder, assessment_id = team_folder
    store = open_store(folder)
    record = store.load(assessment_id)
    packet = build_packet(record)
    row = next(r for r in packet["responses"] if r["answer"] == "rated")
    steps = playbook.action(row["action"]).step_ids
    row.update(steps_done=sorted(set(steps[:1]) ^ set(row["steps_done"])))
    row["updated_at"] = "2026-12-01T17:30:00Z"
    path = write_packet(tmp_path / "steps.playbook.json", packet)
    window = open_window(store)
    preview = preview_import(window, [path])
    assert isinstance(preview, ImportDialog)
    details = preview.details.toPlainText()
    assert "[differs in how-steps]" in details
    assert readable_time("2026-12-01T17:30:00Z") in details
    assert "steps_done" not in details and not ISO.search(details)
    preview.reject()


def test_no_text_of_the_app_ends_an_ellipsis_with_a_full_stop() -> None:
    # "Import packets…." read as four dots in the export confirmation.
    ui = Path(__file__).resolve().parent.parent / "playbook_app"
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(ui.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "…." in line or "...." in line
    ]
    assert offenders == []
