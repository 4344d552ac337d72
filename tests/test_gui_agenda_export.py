"""File > Export agenda PDF / CSV and Print agenda from the window, and Help on the agenda rules."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers_agenda import answered_agenda, type_into
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import AGENDA_RULES, Bucket
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE
from playbook_app.reports import NotesChoice
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_export import EXPORT_FOLDER, AgendaExport
from playbook_app.ui.agenda.agenda_help import AgendaHelpDialog
from playbook_app.ui.agenda.agenda_view import AgendaView
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def flat(text: str) -> str:
    """Whitespace runs as one space; ligatures (Qt's PDFs use "ﬀ") as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return flat(" ".join(page.extract_text() or "" for page in reader.pages))


def order_in(text: str, playbook: Playbook, action_ids: list[str]) -> list[str]:
    """The given key actions sorted by where their number and title first appear in `text`."""
    found = {}
    for action_id in action_ids:
        action = playbook.action(action_id)
        at = text.find(flat(f"{action.number} {action.title}"))
        assert at >= 0, action.number
        found[action_id] = at
    return sorted(action_ids, key=found.__getitem__)


def continue_past_notes(exporter: AgendaExport) -> None:
    """The first step of every export asks about notes; leave them out, as the default."""
    notes = exporter.notes_dialog
    assert notes is not None and notes.isVisible()
    assert notes.choice() is NotesChoice.OMIT
    notes.continue_button.click()


def error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


@pytest.fixture
def agenda_window(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> tuple[MainWindow, AgendaView]:
    """A window with answers, an owner and a move, showing the Agenda."""
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    first = view.card(view.section_items(Bucket.START_NOW.value)[0])
    type_into(qtbot, first.owner, "Jo O'Neil & <Partners>")
    first.commit_text_edits()
    moved = view.section_items(Bucket.PLAN.value)[-1]
    view._move(moved, Bucket.START_NOW, "The board asked for it first")
    return window, view


def test_gui_csv_and_pdf_list_the_same_items_in_the_same_order(
    qtbot: QtBot, tmp_path: Path, playbook: Playbook, agenda_window: tuple[MainWindow, AgendaView]
) -> None:
    window, view = agenda_window
    exporter = window.features.agenda.exporter
    pdf, table = tmp_path / "agenda.pdf", tmp_path / "agenda.csv"
    assert exporter.export_pdf(pdf)
    assert exporter.export_csv(table)
    assert error_boxes(window) == []

    on_screen = view.listed_action_ids()
    assert len(on_screen) == len(playbook.action_ids)
    rows = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert [row["key action id"] for row in rows] == on_screen
    assert rows[0]["owner"] == "Jo O'Neil & <Partners>"

    text = pdf_text(pdf)
    agenda_part = text[text.index("The action agenda") : text.index("Appendix A")]
    assert order_in(agenda_part, playbook, on_screen) == on_screen
    assert "Jo O'Neil & <Partners>" in agenda_part
    assert "The board asked for it first" in agenda_part
    assert "Saved the agenda CSV as" in window.statusBar().currentMessage()
    # The folder is remembered for the next export.
    assert window.session.setting(EXPORT_FOLDER) == str(tmp_path)


def test_the_export_dialogs_open_without_blocking_and_write_the_file(
    qtbot: QtBot, tmp_path: Path, agenda_window: tuple[MainWindow, AgendaView]
) -> None:
    window, _view = agenda_window
    agenda_feature = window.features.agenda
    window.session.remember(EXPORT_FOLDER, str(tmp_path))
    agenda_feature.export_pdf_action.trigger()
    continue_past_notes(agenda_feature.exporter)
    dialog = agenda_feature.exporter.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.acceptMode() is QFileDialog.AcceptMode.AcceptSave
    assert Path(dialog.directory().absolutePath()) == tmp_path
    chosen = dialog.selectedFiles()[0]
    assert Path(chosen).name == "Agenda - Cedar Valley USD - Fall 2026 readiness review.pdf"
    dialog.accept()
    assert Path(chosen).read_bytes().startswith(b"%PDF-")

    agenda_feature.export_csv_action.trigger()
    continue_past_notes(agenda_feature.exporter)
    dialog = agenda_feature.exporter.file_dialog
    assert dialog is not None and dialog.isVisible()
    chosen = dialog.selectedFiles()[0]
    assert chosen.endswith(".csv")
    dialog.accept()
    assert Path(chosen).read_bytes().startswith("\ufeffrank,".encode())


@pytest.mark.parametrize("where", ["missing folder", "a folder", "the data folder"])
def test_a_bad_place_gives_a_clear_message_and_writes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    data_dir: Path,
    where: str,
    agenda_window: tuple[MainWindow, AgendaView],
) -> None:
    window, _view = agenda_window
    exporter = window.features.agenda.exporter
    before = sorted(p.name for p in data_dir.iterdir())
    target = {
        "missing folder": tmp_path / "no such folder" / "agenda.pdf",
        "a folder": tmp_path,
        "the data folder": data_dir / "agenda.pdf",
    }[where]
    assert not exporter.export_pdf(target)
    boxes = error_boxes(window)
    assert len(boxes) == 1
    message = boxes[0].text() + " " + boxes[0].informativeText()
    assert "was not saved" in message and "Nothing was written" in message
    assert "Traceback" not in message
    assert not (tmp_path / "no such folder").exists()
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_print_lays_out_the_same_agenda(
    qtbot: QtBot, tmp_path: Path, playbook: Playbook, agenda_window: tuple[MainWindow, AgendaView]
) -> None:
    window, view = agenda_window
    agenda_feature = window.features.agenda
    agenda_feature.print_action.trigger()  # the print dialog opens without blocking
    continue_past_notes(agenda_feature.exporter)
    dialog = agenda_feature.exporter.print_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert agenda_feature.exporter.print_to(printer)
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    text = flat(" ".join(page.extract_text() or "" for page in reader.pages))
    on_screen = view.listed_action_ids()
    assert order_in(text, playbook, on_screen) == on_screen
    assert "Jo O'Neil & <Partners>" in text
    assert "not an official ALI score" in text


def test_help_shows_the_rules_written_in_the_domain(
    qtbot: QtBot, agenda_window: tuple[MainWindow, AgendaView]
) -> None:
    window, _view = agenda_window
    window.features.agenda.help_action.trigger()
    dialog = window.findChild(AgendaHelpDialog)
    assert dialog is not None and dialog.isVisible()
    shown = flat(dialog.browser.toPlainText())
    for rule in (*AGENDA_RULES, PLACEMENT_RULE):
        assert flat(rule) in shown
    help_menu = window.menu_actions.help_menu.actions()
    names = [a.text().replace("&", "") for a in help_menu]
    assert names.index("How the agenda is built") < names.index("About Playbook Readiness")


def test_file_export_agenda_as_word_writes_the_screen_order_with_the_notes_choice(
    qtbot: QtBot, tmp_path: Path, playbook: Playbook, agenda_window: tuple[MainWindow, AgendaView]
) -> None:
    from docx import Document

    window, view = agenda_window
    agenda_feature = window.features.agenda
    window.session.remember(EXPORT_FOLDER, str(tmp_path))
    agenda_feature.export_docx_action.trigger()
    notes = agenda_feature.exporter.notes_dialog
    assert notes is not None and notes.isVisible()
    notes.buttons[NotesChoice.WITHOUT_NAMES].setChecked(True)
    notes.continue_button.click()
    dialog = agenda_feature.exporter.file_dialog
    assert dialog is not None and dialog.isVisible()
    chosen = Path(dialog.selectedFiles()[0])
    assert chosen.suffix == ".docx"
    dialog.accept()
    assert error_boxes(window) == []
    doc = Document(str(chosen))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    on_screen = [playbook.action(a) for a in view.listed_action_ids()]
    ranked = [h.split(". ", 1)[1] for h in headings if re.match(r"\d+\. ", h)]
    assert len(ranked) > 10
    assert ranked == [f"{a.number}  {a.title}" for a in on_screen][: len(ranked)]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Jo O'Neil & <Partners>" in cells
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Appendix A. Every answer and note" in text  # notes were chosen
    assert "notes included, without names" in window.statusBar().currentMessage()
