"""Importance and effort nobody gave are marked "(assumed)" on screen and in every output."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from helpers_agenda import open_agenda, rate_by_keyboard
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from playbook_app.commands.agenda import agenda_text
from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
PROFILED = (Bucket.START_NOW, Bucket.PLAN, Bucket.RAISE)  # their "why" names both values
ASSUMED_WHY = "Medium importance (assumed)"
ASSUMED_EFFORT = "moderate effort (assumed)"


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def between(text: str, start: str, end: str) -> str:
    at = text.index(start)
    ends = [i for i in (text.find(end, at + len(start)),) if i >= 0]
    return text[at : ends[0] if ends else len(text)]


def test_values_nobody_gave_are_marked_assumed_on_screen_in_the_pdf_csv_print_and_text(
    qtbot: QtBot,
    tmp_path: Path,
    store: Store,
    playbook: Playbook,
    assessment_id: int,
    open_window: OpenWindow,
) -> None:
    window = open_window(store)
    rate_by_keyboard(qtbot, window, playbook)  # stages only: importance and effort left blank
    record = window.session.record
    assert record is not None
    profiled = [i.action_id for i in build_agenda(record, playbook).items if i.bucket in PROFILED]
    given, blank = profiled[0], profiled[1]
    # One key action gets both values, by clicking them on its page.
    window.show_action(given)
    page = window.page
    assert page is not None
    for field, label in (("importance", "High"), ("effort", "Light")):
        button = next(b for b in page.details.choices[field].buttons() if b.text() == label)
        button.click()

    view = open_agenda(qtbot, window)
    assert ASSUMED_WHY in view.card(blank).why.text()
    assert ASSUMED_EFFORT in view.card(blank).why.text()
    assert "High importance" in view.card(given).why.text()
    assert "light effort" in view.card(given).why.text()
    assert "(assumed)" not in view.card(given).why.text()

    exporter = window.features.agenda.exporter
    pdf, table, printed = tmp_path / "a.pdf", tmp_path / "a.csv", tmp_path / "p.pdf"
    assert exporter.export_pdf(pdf) and exporter.export_csv(table)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert exporter.print_to(printer)
    record = window.session.record
    assert record is not None
    built = build_agenda(record, playbook)
    text = agenda_text(record, playbook, built)

    def entry(whole: str, action_id: str) -> str:
        """From an action's number and title to the next key action's number."""
        action = playbook.action(action_id)
        start = flat(f"{action.number} {action.title}")
        rest = whole[whole.index(start) + len(start) :]
        following = re.search(r"\b\d\.\d \S", rest)
        return rest[: following.start()] if following else rest

    pdf_all = pdf_text(pdf)
    agenda_part = between(pdf_all, "The action agenda", "Appendix A")
    appendix = between(pdf_all, "Appendix A", "Appendix B")
    for kind, part in (
        ("PDF agenda", agenda_part),
        ("print", pdf_text(printed)),
        ("text agenda", flat(text)),
    ):
        assert ASSUMED_WHY in entry(part, blank) and ASSUMED_EFFORT in entry(part, blank), kind
        assert "High importance" in entry(part, given), kind
        assert "(assumed)" not in entry(part, given), kind
    assert "Importance: Medium (assumed)" in entry(appendix, blank)
    assert "Effort: Moderate (assumed)" in entry(appendix, blank)
    assert "Importance: High" in entry(appendix, given)
    assert "(assumed)" not in entry(appendix, given)

    rows = {
        row["key action id"]: row
        for row in csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig")))
    }
    assert (rows[blank]["importance"], rows[blank]["effort"]) == (
        "Medium (assumed)",
        "Moderate (assumed)",
    )
    assert (rows[given]["importance"], rows[given]["effort"]) == ("High", "Light")
