"""Journey through the Agenda screen: every field, every status, the capacity, every bucket.

Each input is set through its real widget, by keyboard and by mouse, and each result is
read back from the database, the screen, the CSV and the PDF's text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers_agenda import answered_agenda, stored_entry, type_into
from journey import choose_by_keyboard, choose_by_mouse, csv_rows, pdf_text
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import Bucket
from playbook_app.domain.assessment import AgendaEntry, Status
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.labels import nice_date
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_card import AgendaCard
from playbook_app.ui.agenda.agenda_move import MoveDialog
from playbook_app.ui.agenda.agenda_view import AgendaView
from playbook_app.ui.shell.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen test platform cannot do these; a real desktop does.
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.filterwarnings("error"),
]

OpenWindow = Callable[..., MainWindow]
OWNER = "Dr. Ana Ruiz"
STEP_A = "Name a lead at the January cabinet meeting"
STEP_B = "Ask the cooperative for last year's survey"
SAVED = "✓ All changes saved"


def _entry(store: Store, window: MainWindow, action_id: str) -> AgendaEntry:
    return stored_entry(store, window, action_id) or AgendaEntry(action=action_id)


def _open_move(
    qtbot: QtBot, view: AgendaView, card: AgendaCard, *, by_keyboard: bool
) -> MoveDialog:
    if by_keyboard:
        card.move_button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(card.move_button, Qt.Key.Key_Space)
    else:
        qtbot.mouseClick(card.move_button, Qt.MouseButton.LeftButton)
    dialog = view.move_dialog
    assert isinstance(dialog, MoveDialog) and dialog.isVisible()
    return dialog


def _move(
    qtbot: QtBot, view: AgendaView, card: AgendaCard, bucket: Bucket, reason: str, by_keyboard: bool
) -> None:
    dialog = _open_move(qtbot, view, card, by_keyboard=by_keyboard)
    offered = [dialog.bucket.itemText(i) for i in range(dialog.bucket.count())]
    assert card.item is not None and card.item.bucket is not None
    assert offered == [b.label for b in Bucket if b is not card.item.bucket]
    if by_keyboard:
        choose_by_keyboard(qtbot, dialog.bucket, bucket.label)
    else:
        choose_by_mouse(qtbot, dialog.bucket, bucket.label)
    dialog.reason.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.reason.selectAll()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Delete)
    assert not dialog.move_button.isEnabled()  # a move needs its reason
    qtbot.keyClicks(dialog.reason, reason)
    if by_keyboard:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    else:
        qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def _spin_arrow(qtbot: QtBot, view: AgendaView, up: bool) -> None:
    spin = view.capacity
    y = spin.height() // 4 if up else spin.height() * 3 // 4
    qtbot.mouseClick(spin, Qt.MouseButton.LeftButton, pos=QPoint(spin.width() - 6, y))


def test_every_agenda_field_status_capacity_and_bucket_by_keyboard_and_mouse(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    a, b, c = view.section_items(Bucket.START_NOW.value)
    card_a, card_b, card_c = (view.card(x) for x in (a, b, c))
    label = window.save_status.label

    # Owner: typed and handed over with Tab; then picked from the suggestions by mouse.
    type_into(qtbot, card_a.owner, OWNER)
    qtbot.keyClick(card_a.owner, Qt.Key.Key_Tab)
    assert _entry(store, window, a).owner == OWNER and label.text() == SAVED
    qtbot.mouseClick(card_b.owner, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(card_b.owner, "dr")
    popup = card_b.owner.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    rect = popup.visualRect(popup.model().index(0, 0))
    assert popup.model().index(0, 0).data() == OWNER
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert card_b.owner.text() == OWNER
    qtbot.mouseClick(card_b.next_step, Qt.MouseButton.LeftButton)  # leaving hands it over
    assert _entry(store, window, b).owner == OWNER and label.text() == SAVED

    # Target date: ISO with Return; the US form with Tab; a non-date refused; cleared.
    type_into(qtbot, card_a.target_date, "2027-03-15")
    qtbot.keyClick(card_a.target_date, Qt.Key.Key_Return)
    assert _entry(store, window, a).target_date == "2027-03-15"
    type_into(qtbot, card_b.target_date, "4/30/2027")
    qtbot.keyClick(card_b.target_date, Qt.Key.Key_Tab)
    assert _entry(store, window, b).target_date == "2027-04-30"
    assert card_b.target_date.text() == "2027-04-30"
    type_into(qtbot, card_b.target_date, "next spring")
    qtbot.keyClick(card_b.target_date, Qt.Key.Key_Return)
    assert card_b.date_error.isVisible() and "is not a date" in card_b.date_error.text()
    assert _entry(store, window, b).target_date == "2027-04-30"
    type_into(qtbot, card_c.target_date, "2027-05-01")
    qtbot.keyClick(card_c.target_date, Qt.Key.Key_Return)
    card_c.target_date.selectAll()
    qtbot.keyClick(card_c.target_date, Qt.Key.Key_Delete)
    qtbot.keyClick(card_c.target_date, Qt.Key.Key_Return)
    assert _entry(store, window, c).target_date == ""
    type_into(qtbot, card_b.target_date, "2027-04-30")  # put right again
    qtbot.keyClick(card_b.target_date, Qt.Key.Key_Return)
    assert not card_b.date_error.isVisible()

    # Status: every entry, by keyboard on one card and by mouse on another.
    offered = [card_a.status.itemText(i) for i in range(card_a.status.count())]
    assert offered == [s.label for s in Status]
    for status in (Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.NOT_STARTED):
        choose_by_keyboard(qtbot, card_a.status, status.label)
        assert _entry(store, window, a).status is status
        choose_by_mouse(qtbot, card_b.status, status.label)
        assert _entry(store, window, b).status is status
    choose_by_keyboard(qtbot, card_a.status, Status.IN_PROGRESS.label)
    choose_by_mouse(qtbot, card_b.status, Status.DONE.label)

    # Next step: typed and handed over by Tab, and by clicking away.
    type_into(qtbot, card_a.next_step, STEP_A)
    qtbot.keyClick(card_a.next_step, Qt.Key.Key_Tab)
    type_into(qtbot, card_b.next_step, STEP_B)
    qtbot.mouseClick(card_b.owner, Qt.MouseButton.LeftButton)
    assert _entry(store, window, a).next_step == STEP_A
    assert _entry(store, window, b).next_step == STEP_B and label.text() == SAVED

    # Capacity: typed with Return, stepped with the arrow keys and the spin box's arrows.
    capacity = view.capacity
    type_into(qtbot, capacity.lineEdit(), "5")  # type: ignore[arg-type]
    qtbot.keyClick(capacity, Qt.Key.Key_Return)
    assert store.load(assessment_id).district.capacity == 5
    qtbot.keyClick(capacity, Qt.Key.Key_Down)
    assert store.load(assessment_id).district.capacity == 4
    _spin_arrow(qtbot, view, up=False)
    _spin_arrow(qtbot, view, up=False)
    assert store.load(assessment_id).district.capacity == 2
    assert len(view.section_items(Bucket.START_NOW.value)) == 2
    _spin_arrow(qtbot, view, up=True)
    qtbot.keyClick(capacity, Qt.Key.Key_Up)
    qtbot.keyClick(capacity, Qt.Key.Key_Down)
    assert store.load(assessment_id).district.capacity == 3
    assert view.section_items(Bucket.START_NOW.value) == [a, b, c]
    assert "at most 3" in view.summary.text()

    # Moves: to every other bucket in turn, each with its reason, by keyboard and mouse.
    journey = (Bucket.PLAN, Bucket.RAISE, Bucket.FIND_OUT, Bucket.SUSTAIN, Bucket.START_NOW)
    for step, bucket in enumerate(journey):
        reason = f"The board asked for this ({step + 1})"
        _move(qtbot, view, card_c, bucket, reason, by_keyboard=step % 2 == 0)
        entry = _entry(store, window, c)
        assert (entry.bucket, entry.bucket_reason) == (bucket.value, reason)
        assert c in view.section_items(bucket.value) and reason in card_c.why.text()
        assert card_c.put_back.isVisible()
        row = csv_rows(store.load(assessment_id), playbook)[c]
        assert row["bucket"] == bucket.label and reason in row["reason"]
    qtbot.mouseClick(card_c.put_back, Qt.MouseButton.LeftButton)
    assert _entry(store, window, c).bucket is None and not card_c.put_back.isVisible()
    assert c in view.section_items(Bucket.START_NOW.value)
    _move(qtbot, view, card_c, Bucket.RAISE, "Needs the state's waiver first", by_keyboard=True)

    # What the board gets: the CSV and the PDF say what the screen says.
    record = store.load(assessment_id)
    rows = csv_rows(record, playbook)
    assert (rows[a]["owner"], rows[a]["target date"], rows[a]["status"]) == (
        OWNER,
        "2027-03-15",
        Status.IN_PROGRESS.label,
    )
    assert (rows[b]["owner"], rows[b]["target date"], rows[b]["status"]) == (
        OWNER,
        "2027-04-30",
        Status.DONE.label,
    )
    assert rows[a]["next step"] == STEP_A and rows[b]["next step"] == STEP_B
    assert rows[c]["bucket"] == Bucket.RAISE.label
    assert "Needs the state's waiver first" in rows[c]["reason"]
    text = pdf_text(record, playbook)
    for expected in (
        OWNER,
        nice_date("2027-03-15", short=True),
        nice_date("2027-04-30", short=True),
        Status.IN_PROGRESS.label,
        Status.DONE.label,
        STEP_A,
        STEP_B,
        "Needs the state's waiver first",
    ):
        assert expected in text, expected
    assert record.district.capacity == 3
