"""The board copy from the window: notes only when chosen, the choice remembered, promises kept."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from helpers_access import accessible_name
from helpers_gui import make_assessment
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import NotesChoice
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_export import AgendaExport, notes_words
from playbook_app.ui.packets.packet_export import ExportScopeDialog, export_to
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets.export_notes import PACKET_NOTES
from playbook_app.ui.widgets.wording import NOTES_WHERE

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


# The notes choice, through the real Export and Print dialogs ------------------------------

OTHER_SECRET = "Marmot-3 thinks the union will walk"


def planted(playbook: Playbook, participants: int) -> AssessmentRecord:
    """The demo with two distinctive notes on one key action, by two people in a team."""
    record = demo_record(playbook, participants=participants)
    action = playbook.action_ids[0]
    responses = dict(record.responses)
    for person, note in zip(record.participants[:2], (SECRET, OTHER_SECRET), strict=False):
        responses[(person.uid, action)] = record.response(person.uid, action).with_changes(
            note=note
        )
    return replace(record, responses=responses)


def pick_notes(exporter: AgendaExport, choice: NotesChoice) -> None:
    """Choose in the notes step as a user does: click the choice, then Continue."""
    dialog = exporter.notes_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.buttons[choice].click()
    assert dialog.choice() is choice
    dialog.continue_button.click()
    assert not dialog.isVisible()


def save_in(exporter: AgendaExport, folder: Path) -> Path:
    """Accept the save dialog with its suggested name, in a folder of its own (no overwrite
    question can come up)."""
    dialog = exporter.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    folder.mkdir()
    dialog.setDirectory(str(folder))
    name = Path(dialog.selectedFiles()[0]).name
    dialog.selectFile(str(folder / name))
    dialog.accept()
    written = folder / name
    assert written.is_file()
    return written


def export_through_dialogs(window: MainWindow, choice: NotesChoice, folder: Path) -> dict[str, str]:
    """PDF, CSV and Print from the menus with `choice` picked each time; the text of each."""
    agenda = window.features.agenda
    exporter = agenda.exporter
    agenda.export_pdf_action.trigger()
    pick_notes(exporter, choice)
    pdf = save_in(exporter, folder / "pdf")
    agenda.export_csv_action.trigger()
    pick_notes(exporter, choice)
    table = save_in(exporter, folder / "csv")
    agenda.print_action.trigger()
    pick_notes(exporter, choice)
    dialog = exporter.print_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()  # no printer here: print to a PDF file with the choice just made
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = folder / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert exporter.print_to(printer)
    return {
        "PDF": pdf_text(pdf),
        "CSV": table.read_bytes().decode("utf-8-sig"),
        "Print": pdf_text(printed),
    }


def csv_notes(text: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row["note"] for row in rows if row.get("note")]


@pytest.mark.parametrize("choice", list(NotesChoice))
def test_each_notes_choice_in_the_export_dialogs_decides_what_the_files_carry(
    qtbot: QtBot,
    tmp_path: Path,
    store: Store,
    playbook: Playbook,
    open_window: OpenWindow,
    choice: NotesChoice,
) -> None:
    record = planted(playbook, 3)
    first, second = (p.name for p in record.participants[:2])
    window = open_window(store)
    window.session.open_assessment(store.add_record(record))
    outputs = export_through_dialogs(window, choice, tmp_path)
    for kind, text in outputs.items():
        text = flat(text)
        if choice is NotesChoice.OMIT:
            assert SECRET not in text and OTHER_SECRET not in text, kind
            continue
        assert SECRET in text and OTHER_SECRET in text, kind
        named = choice is NotesChoice.WITH_NAMES
        assert (f"{first}: {SECRET}" in text) is named, kind
        assert (f"{second}: {OTHER_SECRET}" in text) is named, kind
    header = outputs["CSV"].splitlines()[0].split(",")
    assert ("note" in header) is choice.included
    if choice is NotesChoice.WITHOUT_NAMES:
        # No note cell carries anyone's name.
        for cell in csv_notes(outputs["CSV"]):
            assert not any(p.name in cell for p in record.participants), cell
    assert window.statusBar().currentMessage().endswith(f"({notes_words(choice)}).")


def test_the_board_copy_leaves_notes_out_until_asked_and_the_answer_is_kept_per_assessment(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, playbook: Playbook, open_window: OpenWindow
) -> None:
    store = Store.open(data_dir)
    chosen = store.add_record(planted(playbook, 3))
    other = make_assessment(store, playbook, team=(("Ana", "Chair"), ("Ben", "Principal")))
    window = open_window(store)
    window.session.open_assessment(chosen)
    agenda = window.features.agenda
    agenda.export_pdf_action.trigger()
    dialog = agenda.exporter.notes_dialog
    assert dialog is not None and dialog.choice() is NotesChoice.OMIT  # the board copy
    pick_notes(agenda.exporter, NotesChoice.WITH_NAMES)
    file_dialog = agenda.exporter.file_dialog
    assert file_dialog is not None
    file_dialog.reject()
    assert window.close()
    store.close()

    store = Store.open(data_dir)
    window = open_window(store)
    window.session.open_assessment(chosen)
    agenda = window.features.agenda
    agenda.print_action.trigger()  # another export, after reopening: the same answer
    dialog = agenda.exporter.notes_dialog
    assert dialog is not None and dialog.choice() is NotesChoice.WITH_NAMES
    dialog.reject()
    window.session.open_assessment(other)
    agenda.export_csv_action.trigger()  # another assessment keeps its own (the default)
    dialog = agenda.exporter.notes_dialog
    assert dialog is not None and dialog.choice() is NotesChoice.OMIT
    dialog.reject()
    assert window.close()
    store.close()


def test_alone_the_notes_step_offers_leave_out_or_include_and_prints_no_name(
    qtbot: QtBot, tmp_path: Path, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    record = planted(playbook, 1)
    window = open_window(store)
    window.session.open_assessment(store.add_record(record))
    agenda = window.features.agenda
    agenda.export_pdf_action.trigger()
    dialog = agenda.exporter.notes_dialog
    assert dialog is not None
    assert set(dialog.buttons) == {NotesChoice.OMIT, NotesChoice.WITHOUT_NAMES}
    dialog.reject()
    outputs = export_through_dialogs(window, NotesChoice.WITHOUT_NAMES, tmp_path)
    person = record.participants[0].name
    for kind, text in outputs.items():
        assert SECRET in flat(text), kind
        assert f"{person}: {SECRET}" not in flat(text), kind


def test_the_words_under_notes_say_where_notes_go_and_each_promise_holds(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    solo = make_assessment(store, playbook)
    team = store.add_record(demo_record(playbook, 3))
    window = open_window(store)
    window.session.open_assessment(solo)
    window.show_action(playbook.action_ids[0])
    page = window.page
    assert page is not None
    assert page.notes_where.isVisible() and page.notes_where.text() == NOTES_WHERE
    # A screen reader reads the words themselves; what they are about is the description.
    assert accessible_name(page.notes_where) == " ".join(NOTES_WHERE.split())
    assert page.notes_where.accessibleDescription() == "Where notes go"
    # "(File > Export packet…)": that is where the menu has it.
    file_menu = [a.text().replace("&", "") for a in window.menu_actions.file_menu.actions()]
    assert "Export packet…" in file_menu
    # "only when you choose "Include notes" as you export": every export asks first, and
    # the choices that put notes in are the ones so named, alone and in a team.
    agenda = window.features.agenda
    for assessment in (solo, team):
        window.session.open_assessment(assessment)
        for action in (agenda.export_pdf_action, agenda.export_csv_action, agenda.print_action):
            action.trigger()
            dialog = agenda.exporter.notes_dialog
            assert dialog is not None and dialog.isVisible()
            for choice, button in dialog.buttons.items():
                assert button.text().startswith("Include notes") is choice.included
            dialog.reject()
