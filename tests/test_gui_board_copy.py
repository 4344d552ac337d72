"""The board copy from the window: notes only when chosen, the choice remembered, promises kept."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.export_notes import PACKET_NOTES
from playbook_app.ui.main_window import MainWindow
from playbook_app.ui.packet_export import ExportScopeDialog, export_to

OpenWindow = Callable[..., MainWindow]
SECRET = "Quokka-7 says the budget office is hiding a surplus"


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_the_packet_dialogs_say_packets_carry_notes_and_they_do(
    qtbot: QtBot, tmp_path: Path, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    assessment = store.add_record(demo_record(playbook, participants=3))
    window = open_window(store)
    window.session.open_assessment(assessment)
    scope = ExportScopeDialog(window.session, window)
    qtbot.addWidget(scope)
    assert PACKET_NOTES in " ".join(label.text() for label in scope.findChildren(QLabel))
    record = window.session.record
    assert record is not None
    note = next(r.note for r in record.responses.values() if r.note)
    path = tmp_path / "whole.playbook.json"
    assert export_to(window, path, None) is not None
    assert _json_has(path, note)


def _json_has(path: Path, text: str) -> bool:
    def walk(value: object) -> bool:
        if isinstance(value, str):
            return text in value
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        if isinstance(value, list):
            return any(walk(v) for v in value)
        return False

    return walk(json.loads(path.read_text(encoding="utf-8")))
