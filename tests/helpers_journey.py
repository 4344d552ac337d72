"""Journey tests' hands and eyes: set inputs through the real widgets, by key and by click, and
read what happened back from the SQLite file and from the outputs (screen, CSV, PDF, CLI)."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any, TypeVar

from helpers_cli import run_app
from pypdf import PdfReader
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.paths import database_path
from playbook_app.reports.csv_export import build_agenda_csv
from playbook_app.reports.pdf_agenda import build_agenda_pdf
from playbook_app.storage import Store

LEFT = Qt.MouseButton.LeftButton
D = TypeVar("D", bound=QWidget)


# Hands ------------------------------------------------------------------------------------


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A left click in the middle of the widget, as a mouse gives it."""
    assert widget.isVisible() and widget.isEnabled(), widget.accessibleName()
    pos = widget.rect().center()
    if isinstance(widget, QRadioButton | QCheckBox):
        pos.setX(8)  # on the indicator: the rest of a wide row is not the button
    qtbot.mouseClick(widget, LEFT, pos=pos)


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifier: Any = None) -> None:
    """A key pressed with the keyboard focus on the widget."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    if modifier is None:
        qtbot.keyClick(widget, key)
    else:
        qtbot.keyClick(widget, key, modifier)


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select everything in a text field and type over it, key by key."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field, text)


def combo_by_keys(qtbot: QtBot, combo: QComboBox, index: int) -> None:
    """Choose entry `index` of a closed combo box with Home and Down, as a keyboard user does."""
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    if combo.currentIndex() < 0:
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first press chooses the first entry
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == index, (combo.currentIndex(), index)


def combo_by_click(qtbot: QtBot, combo: QComboBox, index: int) -> None:
    """Open the combo box's list with a click and click entry `index` in it."""
    # No slide-in: while it runs, the pointer meets a picture of the list, not the list.
    QApplication.setEffectEnabled(Qt.UIEffect.UI_AnimateCombo, False)
    click(qtbot, combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    model_index = combo.model().index(index, combo.modelColumn())

    def pointed_at() -> QPoint | None:
        # The list lays itself out (and may scroll) after it opens: scroll the entry into
        # sight, move the pointer onto it as a hand does, and see that the list took it.
        view.scrollTo(model_index, view.ScrollHint.PositionAtCenter)
        rect = view.visualRect(model_index)
        rect.setWidth(min(rect.width(), view.viewport().width()))
        if rect.top() < 0 or rect.bottom() > view.viewport().rect().bottom():
            return None
        qtbot.mouseMove(view.viewport(), rect.center() + QPoint(12, 0))
        qtbot.mouseMove(view.viewport(), rect.center())
        return rect.center() if view.currentIndex() == model_index else None

    qtbot.waitUntil(lambda: pointed_at() is not None)
    where = pointed_at()
    assert where is not None
    qtbot.mouseClick(view.viewport(), LEFT, pos=where)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == index, (combo.currentIndex(), index)


def set_date(qtbot: QtBot, edit: QDateEdit, day: QDate) -> None:
    """Step a date field to `day` with the arrow keys, section by section (year, month, day)."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    for section, part in (
        (QDateEdit.Section.YearSection, QDate.year),
        (QDateEdit.Section.MonthSection, QDate.month),
        (QDateEdit.Section.DaySection, QDate.day),
    ):
        edit.setCurrentSection(section)
        delta = part(day) - part(edit.date())
        key = Qt.Key.Key_Up if delta > 0 else Qt.Key.Key_Down
        for _ in range(abs(delta)):
            qtbot.keyClick(edit, key)
    assert edit.date() == day, edit.text()


def toggle(qtbot: QtBot, button: QAbstractButton, by_key: bool) -> None:
    """Press a button, check box or card with the space bar or with a click."""
    if by_key:
        press(qtbot, button, Qt.Key.Key_Space)
    else:
        click(qtbot, button)


def open_dialog(qtbot: QtBot, parent: QWidget, kind: type[D], *, activate: bool = False) -> D:
    """The one dialog of this kind showing now (closed ones may not be deleted yet).

    `activate` gives it the focus as a desktop would: the offscreen platform leaves a
    dialog opened from a menu action inactive, and its combo boxes' lists then miss clicks.
    """

    def showing() -> list[D]:
        return [d for d in parent.findChildren(kind) if d.isVisible()]

    qtbot.waitUntil(lambda: len(showing()) == 1)
    dialog = showing()[0]
    if activate:

        def active() -> bool:
            dialog.activateWindow()
            return dialog.isActiveWindow()

        qtbot.waitUntil(active)
    return dialog


# Eyes -------------------------------------------------------------------------------------


def db_rows(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows straight from the SQLite file, through a connection of the test's own."""
    conn = sqlite3.connect(f"file:{database_path(data_dir)}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def stored_record(data_dir: Path, assessment_id: int) -> AssessmentRecord:
    """The assessment as a fresh Store reads it from the file."""
    store = Store.open(data_dir)
    try:
        return store.load(assessment_id)
    finally:
        store.close()


def csv_rows(record: AssessmentRecord, playbook: Any) -> list[dict[str, str]]:
    text = build_agenda_csv(record, playbook).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def pdf_text(record: AssessmentRecord, playbook: Any, pages: int | None = None) -> str:
    data = build_agenda_pdf(record, playbook, generated_on="2026-12-05")
    reader = PdfReader(io.BytesIO(data))
    chosen = reader.pages if pages is None else reader.pages[:pages]
    return "\n".join(page.extract_text() or "" for page in chosen)


def cli_agenda(data_dir: Path, *args: str) -> str:
    """`playbook-app agenda` in a process of its own, on the same data folder."""
    result = run_app("agenda", "--data-dir", str(data_dir), *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def screen_text(root: QWidget) -> str:
    """Every visible label, button and field text under `root`, one per line."""
    from PySide6.QtWidgets import QLabel

    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
    return "\n".join(texts)
