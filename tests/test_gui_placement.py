"""Placement names the nearest stage: a mean of 0.00 is Not yet started everywhere it is shown."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

from helpers_agenda import open_screen
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_help import AgendaHelpDialog
from playbook_app.ui.agenda.summary_view import SummaryView
from playbook_app.ui.shell.help import RatingHelpDialog
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
NOT_STARTED = Stage.NOT_STARTED.label
# How Help words the lowest band: the rule the code follows, in the user's words.
LOWEST_BAND = "Not yet started below 0.5, Emerging from 0.5 to below 1.5"


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def rate_all_not_started(qtbot: QtBot, window: MainWindow, playbook: Playbook) -> None:
    """Key 1 (Not yet started) on every key action, as a user types it."""
    page = window.page
    assert page is not None
    for action_id in playbook.action_ids:
        window.show_action(action_id)
        page.focus_rating()
        qtbot.keyClick(window, Qt.Key.Key_1)
    assert window.session.answered_count() == len(playbook.action_ids)


def test_a_mean_of_zero_reads_not_yet_started_on_screen_in_the_files_and_in_help(
    qtbot: QtBot,
    tmp_path: Path,
    store: Store,
    playbook: Playbook,
    assessment_id: int,
    open_window: OpenWindow,
) -> None:
    window = open_window(store)
    rate_all_not_started(qtbot, window, playbook)
    count = len(playbook.action_ids)

    view = open_screen(qtbot, window, Qt.Key.Key_2, "summary")
    assert isinstance(view, SummaryView)
    assert view.headline.accessibleName() == (
        f"Overall placement: {NOT_STARTED} (mean stage 0.00 of 3 across {count} rated key actions)."
    )
    rows = view.chart.rows
    assert len(rows) == len(playbook.recommendations) + 1
    assert all(row.value == f"0.00  {NOT_STARTED}" for row in rows)  # each, and overall

    exporter = window.features.agenda.exporter
    pdf, table, printed = tmp_path / "a.pdf", tmp_path / "a.csv", tmp_path / "printed.pdf"
    assert exporter.export_pdf(pdf) and exporter.export_csv(table)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert exporter.print_to(printer)
    for kind, text in (("PDF", pdf_text(pdf)), ("Print", pdf_text(printed))):
        assert f"Overall placement: {NOT_STARTED} (mean stage 0.00 of 3" in text, kind
        assert "Emerging (mean stage" not in text, kind
    page_one = flat(PdfReader(pdf).pages[0].extract_text() or "")
    # One per recommendation and one overall, in the chart.
    assert page_one.count(f"0.00 {NOT_STARTED}") == len(playbook.recommendations) + 1

    rows_read = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert len(rows_read) == count
    assert {r["recommendation placement"] for r in rows_read} == {
        f"{NOT_STARTED} (mean stage 0.00)"
    }

    # Help, from the menus, says the rule the screen and files follow.
    qtbot.keyClick(window, Qt.Key.Key_F1)
    rating_help = window.findChild(RatingHelpDialog)
    assert rating_help is not None
    browser = rating_help.findChild(QTextBrowser)
    assert browser is not None and LOWEST_BAND in flat(browser.toPlainText())
    window.features.agenda.help_action.trigger()
    agenda_help = window.findChild(AgendaHelpDialog)
    assert agenda_help is not None and LOWEST_BAND in flat(agenda_help.browser.toPlainText())
