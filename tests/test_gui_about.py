"""About names the versions that matter for support and licences, how the data folder was
chosen, and where the LGPL source is; Help has Qt's own About."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from playbook_app import __version__
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.help import AboutDialog


def about_text(dialog: AboutDialog) -> str:
    label = dialog.findChild(QLabel)
    assert label is not None
    document = QTextDocument()
    document.setHtml(label.text())
    return " ".join(document.toPlainText().split())


def test_about_shows_versions_the_data_mode_and_the_lgpl_source(
    qtbot: QtBot, playbook: Playbook, tmp_path: Path
) -> None:
    dialog = AboutDialog(playbook, tmp_path)
    qtbot.addWidget(dialog)
    text = about_text(dialog)
    assert f"Version {__version__}" in text
    assert f"Qt {qVersion()}" in text and f"PySide6 {PySide6.__version__}" in text
    assert "A chosen folder (--data-dir or PLAYBOOK_DATA_DIR)" in text  # how tmp_path came
    assert "Apache License 2.0" in text and "GNU LGPL v3" in text
    assert "download.qt.io" in text and "copy of that exact source" in text


def test_help_has_about_qt(store: Store, open_window: Callable[..., Any], monkeypatch: Any) -> None:
    window = open_window(store, for_keys=False)
    action = window.menu_actions.about_qt
    assert action.menuRole() == QAction.MenuRole.AboutQtRole
    assert action in window.menu_actions.help_menu.actions()
    shown: list[bool] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.aboutQt", lambda: shown.append(True))
    action.trigger()
    assert shown == [True]


def test_about_shows_all_of_its_text_however_long(
    qtbot: QtBot, playbook: Playbook, tmp_path: Path
) -> None:
    dialog = AboutDialog(playbook, tmp_path / ("a long folder name " * 6))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.findChild(QLabel)
    assert label is not None
    # The label gets the height its wrapped text needs (scrolling if the dialog is
    # shorter), so the licence and source offer at the end are never cut off.
    assert label.height() >= label.heightForWidth(label.width())
