"""Journey: Assessment > District profile…, Rename assessment… and Delete assessment…, every
input set through the real widgets and read back from the file, the screen, the PDF and the
`agenda` command; a delete only after a backup made as Back up now makes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from helpers_gui import make_assessment, safety_of
from helpers_journey import (
    cli_agenda,
    click,
    combo_by_click,
    combo_by_keys,
    db_rows,
    open_dialog,
    pdf_text,
    press,
    retype,
    set_date,
    stored_record,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import STATES, Locale
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.labels import state_name
from playbook_app.storage import Store
from playbook_app.storage.backups import backups_dir, list_backups
from playbook_app.ui.assessments.assessment_edit import BEFORE_DELETE, AssessmentEditing
from playbook_app.ui.assessments.open_dialog import OpenAssessmentDialog
from playbook_app.ui.assessments.profile_dialogs import ProfileDialog, RenameDialog
from playbook_app.ui.safety.backup_words import backup_kind
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
RETURN = Qt.Key.Key_Return
NAME = "Cedar & <b>Pine</b> USD"


def _editing(window: MainWindow) -> AssessmentEditing:
    found = window.findChild(AssessmentEditing)
    assert isinstance(found, AssessmentEditing)
    return found


def _district(data_dir: Path) -> tuple[str, str, str | None, str, int]:
    rows = db_rows(data_dir, "SELECT name, state, locale, size, capacity FROM district")
    assert len(rows) == 1
    name, state, locale, size, capacity = rows[0]
    return name, state, locale, size, capacity


def _open_profile(qtbot: QtBot, window: MainWindow) -> ProfileDialog:
    editing = _editing(window)
    assert editing.menu.title() == "&Assessment"
    assert editing.profile_action.isEnabled()
    editing.profile_action.trigger()
    return open_dialog(qtbot, window, ProfileDialog, activate=True)


def test_district_profile_every_field_by_keys_and_clicks_reaches_file_screen_and_prints(
    qtbot: QtBot,
    store: Store,
    assessment_id: int,
    open_window: OpenWindow,
    playbook: Playbook,
    data_dir: Path,
) -> None:
    window = open_window(store)
    dialog = _open_profile(qtbot, window)
    fields = dialog.fields
    assert fields.name.text() == "Cedar Valley USD" and fields.state.value() == "KY"

    # Every locale: chosen with the keys, saved with Return, read back from the file.
    locales: list[Locale | None] = [None, *Locale]
    for index, locale in enumerate(locales):
        if index:
            dialog = _open_profile(qtbot, window)
        combo_by_keys(qtbot, dialog.fields.locale, index)
        press(qtbot, dialog.fields.size, RETURN)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        assert _district(data_dir)[2] == (None if locale is None else locale.value)
        assert window.session.record is not None
        assert window.session.record.district.locale is locale

    # Every state and territory: chosen by clicking, saved by clicking Save.
    for index, code in enumerate(STATES):
        dialog = _open_profile(qtbot, window)
        combo_by_click(qtbot, dialog.fields.state, index)
        click(qtbot, dialog.save_button)
        assert _district(data_dir)[1] == code
    assert window.session.record is not None
    assert window.session.record.district.state == list(STATES)[-1]

    # Name, size and capacity typed; capacity also stepped with the arrow keys.
    dialog = _open_profile(qtbot, window)
    combo_by_click(qtbot, dialog.fields.state, list(STATES).index("NM"))
    combo_by_click(qtbot, dialog.fields.locale, 1 + list(Locale).index(Locale.TOWN))
    retype(qtbot, dialog.fields.name, NAME)
    retype(qtbot, dialog.fields.size, "2,400 students")
    dialog.capacity.setFocus()
    qtbot.keyClick(dialog.capacity, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.capacity, "7")
    qtbot.keyClick(dialog.capacity, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.capacity, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.capacity, Qt.Key.Key_Down)
    press(qtbot, dialog.fields.name, RETURN)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _district(data_dir) == (NAME, "NM", "town", "2,400 students", 6)

    # The screen: title and caption as typed; the caption's tooltip shows the text, not markup.
    assert NAME in window.windowTitle()
    caption = window._caption
    assert caption.text().startswith(NAME)
    document = QTextDocument()
    document.setHtml(caption.toolTip())
    assert document.toPlainText() == f"{NAME} · {window.session.record.assessment.label}"
    # The prints and the command line.
    cover = pdf_text(stored_record(data_dir, assessment_id), playbook, pages=1)
    assert NAME in cover and "New Mexico · town · 2,400 students" in cover
    assert cli_agenda(data_dir).startswith(f"Prioritized action agenda: {NAME} (New Mexico)\n")
    assert window.session.agenda().capacity == 6

    # A required field emptied: Save is off, Return changes nothing.
    dialog = _open_profile(qtbot, window)
    retype(qtbot, dialog.fields.name, "")
    assert not dialog.save_button.isEnabled()
    press(qtbot, dialog.fields.name, RETURN)
    assert dialog.isVisible()
    assert _district(data_dir)[0] == NAME
    dialog.reject()


def test_rename_by_keys_then_the_list_the_window_and_the_prints_use_the_new_name(
    qtbot: QtBot,
    store: Store,
    assessment_id: int,
    open_window: OpenWindow,
    playbook: Playbook,
    data_dir: Path,
) -> None:
    window = open_window(store)
    _editing(window).rename_action.trigger()
    dialog = open_dialog(qtbot, window, RenameDialog, activate=True)
    assert dialog.label.text() == "Fall 2026 readiness review"
    assert dialog.label.hasFocus()
    qtbot.keyClicks(dialog.label, "Board & <i>cabinet</i> review")  # replaces the selection
    set_date(qtbot, dialog.date, QDate(2027, 1, 14))
    press(qtbot, dialog.label, RETURN)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    label = "Board & <i>cabinet</i> review"
    assert db_rows(data_dir, "SELECT label, date FROM assessment") == [(label, "2027-01-14")]
    assert window.windowTitle().startswith(f"{label} — Cedar Valley USD")
    assert window._caption.text() == f"Cedar Valley USD\n{label}"
    out = cli_agenda(data_dir)
    assert f"{label}, January 14, 2027" in out
    assert label in pdf_text(stored_record(data_dir, assessment_id), playbook, pages=1)

    window.open_assessment()
    chooser = open_dialog(qtbot, window, OpenAssessmentDialog)
    assert chooser.model.item(0, 0).text() == f"{label}  (open now)"
    assert chooser.model.item(0, 3).text() == "2027-01-14"
    chooser.reject()

    # By mouse: an empty label cannot be saved; Cancel changes nothing.
    _editing(window).rename_action.trigger()
    dialog = open_dialog(qtbot, window, RenameDialog, activate=True)
    retype(qtbot, dialog.label, "")
    assert not dialog.save_button.isEnabled()
    retype(qtbot, dialog.label, "Never saved")
    cancel = [b for b in dialog.findChildren(type(dialog.save_button)) if b.text() == "Cancel"]
    click(qtbot, cancel[0])
    assert db_rows(data_dir, "SELECT label FROM assessment") == [(label,)]


def _confirm_box(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    editing = _editing(window)
    editing.delete_action.trigger()
    qtbot.waitUntil(lambda: editing.confirm_box is not None and editing.confirm_box.isVisible())
    assert editing.confirm_box is not None
    return editing.confirm_box


def _button(box: QMessageBox, text: str) -> object:
    return next(b for b in box.buttons() if b.text() == text)


def test_delete_asks_backs_up_first_then_opens_the_next_and_at_last_the_welcome(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, data_dir: Path
) -> None:
    older = make_assessment(store, playbook)
    newer = make_assessment(store, playbook, state="OR")
    window = open_window(store)
    assert window.session.record is not None
    assert window.session.record.assessment.id == newer
    press(qtbot, window, Qt.Key.Key_3)  # an answer that goes with it

    # Cancel (Escape) keeps everything.
    box = _confirm_box(qtbot, window)
    assert "Fall 2026 readiness review" in box.text() and "backup" in box.informativeText()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert db_rows(data_dir, "SELECT COUNT(*) FROM assessment") == [(2,)]
    assert not backups_dir(data_dir).exists() or not list_backups(data_dir)

    # Delete: a backup first, through the window's backup worker, then the delete.
    box = _confirm_box(qtbot, window)
    runner = safety_of(window).runner
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        click(qtbot, _button(box, "Delete assessment"))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: db_rows(data_dir, "SELECT id FROM assessment") == [(older,)])
    backups = list_backups(data_dir)
    assert [b.reason for b in backups] == [BEFORE_DELETE]
    assert backup_kind(BEFORE_DELETE) == "Before a delete"
    kept = sqlite3.connect(backups[0].path)
    try:
        assert kept.execute("SELECT COUNT(*) FROM assessment").fetchone() == (2,)
        assert kept.execute("SELECT COUNT(*) FROM response").fetchone() == (1,)
    finally:
        kept.close()
    assert db_rows(data_dir, "SELECT COUNT(*) FROM response") == [(0,)]
    record = window.session.record
    assert record is not None and record.assessment.id == older
    assert "Deleted" in window.statusBar().currentMessage()

    # The last one: the welcome comes back, and the menu's entries wait for an assessment.
    box = _confirm_box(qtbot, window)
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        click(qtbot, _button(box, "Delete assessment"))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.session.record is None)
    assert db_rows(data_dir, "SELECT COUNT(*) FROM assessment") == [(0,)]
    assert window.welcome is not None and window.welcome.isVisible()
    assert not any(a.isEnabled() for a in _editing(window).actions)


def test_no_backup_no_delete(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, data_dir: Path
) -> None:
    window = open_window(store)
    blocker = backups_dir(data_dir)
    blocker.write_text("a file where the backups folder should be")
    box = _confirm_box(qtbot, window)
    runner = safety_of(window).runner
    with qtbot.waitSignal(runner.failed, timeout=30_000):
        click(qtbot, _button(box, "Delete assessment"))  # type: ignore[arg-type]
    assert db_rows(data_dir, "SELECT id FROM assessment") == [(assessment_id,)]
    errors = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(errors) == 1 and errors[0].windowTitle() == "The assessment was not deleted"
    assert "nothing was deleted" in errors[0].text()
    errors[0].close()
    assert state_name("KY") in cli_agenda(data_dir)
