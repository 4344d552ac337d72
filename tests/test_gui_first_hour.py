"""The first hour's small defects: past target dates, "Moved: Moved here", markup in the
caption's tooltip, and combo boxes that hand back what they were given."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from helpers_agenda import answered_agenda, stored_entry
from helpers_journey import combo_by_click, retype
from pypdf import PdfReader
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import Locale
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.labels import origins
from playbook_app.reports.pdf_agenda import build_agenda_pdf
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_card import PAST_DATE_NOTE, is_past
from playbook_app.ui.agenda.agenda_print import agenda_html
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets.controls import ChoiceBox, plain_tooltip

OpenWindow = Callable[..., MainWindow]
UI = Path(__file__).resolve().parent.parent / "playbook_app" / "ui"


def test_a_past_target_date_is_kept_but_flagged_as_past(
    qtbot: QtBot, data_dir: Path, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    store = Store.open(data_dir)
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    action_id = view.section_items(Bucket.START_NOW.value)[0]
    card = view.card(action_id)
    assert not card.date_note.isVisible()

    retype(qtbot, card.target_date, "3/15/2020")
    qtbot.keyClick(card.target_date, Qt.Key.Key_Return)
    entry = stored_entry(store, window, action_id)
    assert entry is not None and entry.target_date == "2020-03-15"  # kept, not refused
    assert card.date_note.isVisible() and card.date_note.text() == PAST_DATE_NOTE
    assert not card.date_error.isVisible()
    assert card.target_date.accessibleDescription() == PAST_DATE_NOTE

    # A future date takes the flag away again.
    retype(qtbot, card.target_date, "2999-01-31")
    qtbot.keyClick(card.target_date, Qt.Key.Key_Return)
    assert not card.date_note.isVisible()
    assert card.target_date.accessibleDescription() == ""
    assert not is_past("") and not is_past("not a date")


def test_a_moved_item_says_moved_here_once_in_print_and_pdf(
    qtbot: QtBot, data_dir: Path, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    store = Store.open(data_dir)
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    action_id = view.section_items(Bucket.START_NOW.value)[0]
    entry = window.session.agenda_entry(action_id)
    window.session.set_agenda_entry(
        entry._replace(bucket=Bucket.RAISE.value, bucket_reason="The board asked")
    )
    record = window.session.record
    assert record is not None
    agenda = build_agenda(record, playbook)
    html = agenda_html(record, playbook, agenda, "2026-12-05")
    document = QTextDocument()
    document.setHtml(html)
    printed = document.toPlainText()
    pdf = PdfReader(io.BytesIO(build_agenda_pdf(record, playbook, generated_on="2026-12-05")))
    text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for output in (printed, text):
        assert "Moved: Moved" not in output
        assert "Moved here from Start now (next 90 days) by the district: The board asked" in (
            " ".join(output.split())
        )
    assert origins(record, playbook, agenda)[action_id].startswith("Start now")


def test_the_caption_tooltip_shows_markup_in_a_district_name_as_text(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    record = window.session.record
    assert record is not None
    name = "<b>Cedar</b> & <i>Pine</i>\nUSD"
    window.session.update_details(record.district._replace(name=name))
    tip = window._caption.toolTip()
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == f"{name} · {record.assessment.label}"
    assert QtGui.Qt.mightBeRichText(tip)  # so Qt reads the escapes, not shows them
    assert plain_tooltip("a < b") != "a < b"


def test_combo_boxes_hand_back_the_value_they_were_given(qtbot: QtBot) -> None:
    combo: ChoiceBox[Locale | None] = ChoiceBox()
    qtbot.addWidget(combo)
    combo.show()
    combo.add_choice("Not specified", None)
    combo.add_choices((locale.value.title(), locale) for locale in Locale)
    for index, locale in enumerate([None, *Locale]):
        combo_by_click(qtbot, combo, index)
        assert combo.value() is locale
    assert combo.set_value(Locale.CITY) and combo.currentText() == "City"
    combo.setCurrentIndex(-1)
    assert combo.value() is None and not combo.set_value("nowhere")  # type: ignore[arg-type]


def test_no_screen_reads_qt_item_data_from_a_combo_box() -> None:
    """QVariant turns enums into strings: every combo is a ChoiceBox, none reads item data."""
    offenders = []
    paths = sorted(UI.rglob("*.py"))
    assert len(paths) > 50  # every room's modules, not just the package's first level
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for pattern in (r"\bQComboBox\(", r"\.currentData\(", r"\.itemData\(", r"\.findData\("):
            if re.search(pattern, source) and path.name != "controls.py":
                offenders.append(f"{path.name}: {pattern}")
    assert offenders == []
