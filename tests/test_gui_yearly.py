"""The yearly cycle in the window: start next year's review, keep last time's answer, what moved."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from helpers_years import make_years
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import AnswerKind, Mode, Status
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.yearly.follow_up_dialog import FollowUpDialog
from playbook_app.ui.yearly.since_view import SinceView
from playbook_app.ui.yearly.yearly import SINCE

OpenWindow = Callable[..., MainWindow]


def test_start_next_years_review_with_some_of_the_team(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    (first,) = make_years(store, playbook, 1, people=3)
    before = store.load(first)
    window = open_window(store)
    window.features.yearly.follow_up_action.trigger()
    dialog = window.findChild(FollowUpDialog)
    assert dialog is not None and dialog.isVisible()
    assert "3 agenda items not marked done" in dialog.findChildren(type(dialog.error))[0].text()
    leaving = before.participants[2]
    box = dialog.members[leaving.uid]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    dialog.label.selectAll()
    qtbot.keyClicks(dialog.label, "Fall 2027 cabinet retreat")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    record = window.session.record
    assert record is not None
    a = record.assessment
    assert (a.label, a.follows, a.mode) == ("Fall 2027 cabinet retreat", before.assessment.uid,
                                            Mode.TEAM)  # fmt: skip
    assert [p.name for p in record.participants] == [p.name for p in before.participants[:2]]
    assert not record.responses
    open_then = {k for k, e in before.agenda.items() if e.status is not Status.DONE}
    assert set(record.agenda) == open_then
    assert "Started “Fall 2027 cabinet retreat”" in window.statusBar().currentMessage()


def test_the_start_button_needs_someone_kept(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    (first,) = make_years(store, playbook, 1, people=1)
    window = open_window(store)
    window.features.yearly.follow_up_action.trigger()
    dialog = window.findChild(FollowUpDialog)
    assert dialog is not None
    (box,) = dialog.members.values()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert (
        not dialog.start_button.isEnabled() and dialog.error.text() == "Keep at least one person."
    )
    dialog.reject()
    assert [s.id for s in store.list_assessments(())] == [first]


def test_each_page_shows_last_time_and_k_keeps_it_undoably(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    first, _ = make_years(store, playbook, 2, people=1)
    window = open_window(store)
    window.features.yearly.follow_up_action.trigger()
    dialog = window.findChild(FollowUpDialog)
    assert dialog is not None
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page = window.page
    assert page is not None
    action = page.current_action_id
    assert action is not None
    previous = window.session.earlier_years()[-1]
    (person,) = previous.participants
    then = previous.response(person.uid, action)
    assert then.answer is AnswerKind.RATED and then.stage is not None
    panel = page.last_time
    assert panel.isVisible()
    assert f"you gave {then.stage.label}" in panel.text.text()
    assert f"{len(then.steps_done)} of {len(playbook.action(action).step_ids)} how-steps" in (
        panel.text.text()
    )
    assert panel.keep_button.text() == f"Keep {then.stage.label} (K)"

    qtbot.keyClick(window, Qt.Key.Key_K)
    now = window.session.response(action)
    assert (now.answer, now.stage) == (AnswerKind.RATED, then.stage)
    assert not now.steps_done and not now.note  # only the stage is kept, deliberately
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.response(action).answer is None
    # The button does the same as the key.
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert window.session.response(action).stage is then.stage
    # Typing a K into the notes is typing, not keeping.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "K")
    assert window.session.response(action).answer is None
    assert first != window.session.record.assessment.id  # type: ignore[union-attr]


def test_a_first_year_shows_no_last_time(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    make_years(store, playbook, 1, people=1)
    window = open_window(store)
    page = window.page
    assert page is not None and not page.last_time.isVisible()
    action = page.current_action_id
    before = window.session.response(action or "")
    qtbot.keyClick(window, Qt.Key.Key_K)
    assert window.session.response(action or "") == before


def test_since_last_time_screen_with_three_years_has_the_chart_and_its_text(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    make_years(store, playbook, 3, people=1)
    window = open_window(store)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    views = window.views
    assert views is not None
    view = views.view(SINCE)
    assert isinstance(view, SinceView) and view.isVisible()
    text = view.text.toPlainText()
    assert "Fall 2027 retreat (November 20, 2027) → Fall 2028 retreat" in text
    headings = (
        "Most improved",
        "Biggest concerns",
        "Last time's agenda",
        "Done, but the stage did not move",
        "Moved without being on the agenda",
    )
    for heading in headings:
        assert heading in text
    assert view.chart.isVisible()
    description = view.chart.accessibleDescription()
    assert description.startswith("Mean stage per year: Fall 2026")
    assert len(description.splitlines()) == 1 + len(playbook.recommendations)
    # A change on the Rate screen shows here when the screen is next looked at.
    window.show_rating()
    window.session.set_response(
        window.session.response(playbook.action_ids[0]).with_changes(
            answer=AnswerKind.UNSURE, stage=None
        )
    )
    views.show_view(SINCE)
    assert "unsure now" in view.text.toPlainText() or "Unsure" in view.text.toPlainText()


def test_a_first_year_screen_says_how_to_start_one(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    make_years(store, playbook, 1, people=1)
    window = open_window(store)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = window.views.view(SINCE)  # type: ignore[union-attr]
    assert isinstance(view, SinceView)
    assert "Start next year's review" in view.text.toPlainText()
    assert not view.chart.isVisible()


def test_export_history_and_the_board_copy_from_the_window(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, tmp_path: Path
) -> None:
    make_years(store, playbook, 2, people=1)
    window = open_window(store)
    out = tmp_path / "history.csv"
    assert window.features.yearly.export_history(out)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == 2 * len(playbook.action_ids)
    pdf = tmp_path / "agenda.pdf"
    assert window.features.agenda.exporter.export_pdf(pdf)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Since last time" in text and "Carried over from last time" in text
    table = tmp_path / "agenda.csv"
    assert window.features.agenda.exporter.export_csv(table)
    assert any(r["carried over"] == "yes" for r in csv.DictReader(
        io.StringIO(table.read_text("utf-8-sig"))))  # fmt: skip
