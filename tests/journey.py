"""Driving real widgets as people do, by mouse and by keyboard, and reading the outputs back."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_csv, agenda_pdf


def choose_by_mouse(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Open the combo's list with a click and click the entry."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    # A combo ignores a release that comes sooner than a double-click after its list
    # opened (so the opening click chooses nothing); a person is never that fast.
    QApplication.processEvents()  # the screen settles (a re-layout pending) before the click
    interval = QApplication.doubleClickInterval()
    QApplication.setDoubleClickInterval(0)
    try:
        qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        QApplication.processEvents()  # the list's guard against the opening click lapses
        rect = view.visualRect(view.model().index(index, 0))
        # The middle of the entry as the list shows it (an item can be wider than its list).
        middle = QPoint(view.viewport().width() // 2, rect.center().y())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
        qtbot.waitUntil(lambda: not view.isVisible())
    finally:
        QApplication.setDoubleClickInterval(interval)
    # The offscreen platform does not hand activation back from a closed popup by itself.
    combo.window().activateWindow()
    qtbot.waitUntil(combo.window().isActiveWindow)
    assert combo.currentIndex() == index


def choose_by_keyboard(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Focus the combo and step to the entry with the arrow keys."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == index


def csv_rows(record: AssessmentRecord, playbook: Playbook) -> dict[str, dict[str, str]]:
    """The agenda CSV's rows, by key action id."""
    text = agenda_csv(record, playbook).decode("utf-8-sig")
    return {row["key action id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def pdf_text(record: AssessmentRecord, playbook: Playbook) -> str:
    """The agenda PDF's text, whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(agenda_pdf(record, playbook)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
