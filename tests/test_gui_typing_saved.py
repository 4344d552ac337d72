"""Every field that saves as it is typed keeps its text: after a pause, on leaving it, on
switching key action or screen, on closing, on a team hand-over, and through undo and redo.

The text is typed key by key into the real widgets and read back from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from helpers_agenda import open_agenda
from helpers_gui import make_assessment
from helpers_team import TEAM, choose_rater, make_team
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., Any]
Field = QLineEdit | QPlainTextEdit


@dataclass(frozen=True)
class Autosaving:
    """One autosaving field: where it is, what to type, how to read it back."""

    name: str
    on_agenda: bool
    typed: str
    saved: str  # as stored (a date typed in US form is stored in ISO form)
    pauses: bool = True  # handed over after a pause in typing (a date waits to be whole)
    column: str = ""  # the stored field, when it is named otherwise than the widget

    @property
    def stored_as(self) -> str:
        return self.column or self.name


FIELDS = (
    Autosaving(
        "notes",
        False,
        "Two schools run this; ask Lee.",
        "Two schools run this; ask Lee.",
        column="note",
    ),
    Autosaving("reason", False, "One school, K-12", "One school, K-12"),
    Autosaving("owner", True, "Maria Lopez", "Maria Lopez"),
    Autosaving("target_date", True, "3/15/2027", "2027-03-15", pauses=False),
    Autosaving("next_step", True, "Raise it with the cabinet", "Raise it with the cabinet"),
)


def _rate_all(store: Store, playbook: Playbook, assessment_id: int) -> None:
    """Every key action answered (stored directly), so the agenda lists each one in a bucket."""
    record = store.load(assessment_id)
    for person in record.participants:
        for position, action_id in enumerate(playbook.action_ids):
            stage = (Stage.NOT_STARTED, Stage.EMERGING)[position % 2]
            store.save_response(
                Response(person.uid, action_id, answer=AnswerKind.RATED, stage=stage)
            )


class Walk:
    """A window open on one assessment, with the field under test ready for typing."""

    def __init__(
        self,
        qtbot: QtBot,
        store: Store,
        playbook: Playbook,
        open_window: OpenWindow,
        field: Autosaving,
        *,
        team: bool = False,
    ) -> None:
        self.qtbot, self.store, self.field = qtbot, store, field
        self.assessment_id = (
            make_team(store, playbook) if team else make_assessment(store, playbook)
        )
        if field.on_agenda:
            _rate_all(store, playbook, self.assessment_id)
        self.window: MainWindow = open_window(store)
        if team:
            choose_rater(qtbot, self.window, TEAM[0][0])
        self.uid = self.window.session.participant_uid or ""
        self.action_id = self._first_action(playbook)
        self.widget = self._prepare()

    def _first_action(self, playbook: Playbook) -> str:
        if not self.field.on_agenda:
            action = self.window.current_action_id
            assert action is not None
            return action
        agenda = build_agenda(self.store.load(self.assessment_id), playbook)
        return agenda.by_bucket()[Bucket.START_NOW][0].action_id

    def _prepare(self) -> Field:
        page = self.window.page
        assert page is not None
        if self.field.name == "notes":
            return page.notes
        if self.field.name == "reason":
            page.focus_rating()
            self.qtbot.keyClick(self.window, Qt.Key.Key_N)  # the page asks for the reason
            assert page.picker.reason.hasFocus()
            return page.picker.reason
        self.view = open_agenda(self.qtbot, self.window)
        widget = getattr(self.view.card(self.action_id), self.field.name)
        assert isinstance(widget, QLineEdit)
        return widget

    def type(self, text: str | None = None) -> None:
        self.widget.setFocus(Qt.FocusReason.TabFocusReason)
        self.qtbot.keyClicks(self.widget, self.field.typed if text is None else text)

    def stored(self) -> str:
        record = self.store.load(self.assessment_id)
        if self.field.on_agenda:
            entry = record.agenda.get(self.action_id)
            return "" if entry is None else str(getattr(entry, self.field.stored_as))
        response = record.responses.get((self.uid, self.action_id))
        return "" if response is None else str(getattr(response, self.field.stored_as))

    def elsewhere(self) -> QWidget:
        """A control in the same window outside the field, to move the focus to."""
        page = self.window.page
        assert page is not None
        return self.view.capacity if self.field.on_agenda else page.next_button


@pytest.fixture(params=FIELDS, ids=[f.name for f in FIELDS])
def field(request: pytest.FixtureRequest) -> Autosaving:
    assert isinstance(request.param, Autosaving)
    return request.param


def test_a_pause_in_typing_saves_it(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, field: Autosaving
) -> None:
    walk = Walk(qtbot, store, playbook, open_window, field)
    walk.type()
    if field.pauses:
        # Waits for the save itself; no time is asserted.
        qtbot.waitUntil(lambda: walk.stored() == field.saved)
    else:
        assert walk.stored() == ""  # half a date is not a date: it waits to be whole
        qtbot.keyClick(walk.widget, Qt.Key.Key_Return)
        assert walk.stored() == field.saved


def test_leaving_the_field_saves_it(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, field: Autosaving
) -> None:
    walk = Walk(qtbot, store, playbook, open_window, field)
    walk.type()
    walk.elsewhere().setFocus(Qt.FocusReason.TabFocusReason)
    assert walk.stored() == field.saved


def test_switching_key_action_or_screen_saves_it(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, field: Autosaving
) -> None:
    walk = Walk(qtbot, store, playbook, open_window, field)
    walk.type()
    if field.on_agenda:
        qtbot.keyClick(walk.window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert not walk.view.isVisible()
    else:
        qtbot.mouseClick(walk.elsewhere(), Qt.MouseButton.LeftButton)  # Next key action
        assert walk.window.current_action_id != walk.action_id
    assert walk.stored() == field.saved


def test_closing_the_window_saves_it(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, field: Autosaving
) -> None:
    walk = Walk(qtbot, store, playbook, open_window, field)
    walk.type()
    assert walk.widget.hasFocus()  # still in the field when the window closes
    assert walk.window.close()
    assert walk.stored() == field.saved


def test_undo_takes_back_what_was_typed_and_redo_brings_it_again(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow, field: Autosaving
) -> None:
    walk = Walk(qtbot, store, playbook, open_window, field)
    walk.type()
    walk.window.undo()  # from the menu: the typing is handed over first, then taken back
    assert walk.stored() == ""
    walk.window.redo()
    assert walk.stored() == field.saved


RATING_FIELDS = [f for f in FIELDS if not f.on_agenda]


@pytest.mark.parametrize("rating_field", RATING_FIELDS, ids=[f.name for f in RATING_FIELDS])
def test_handing_over_to_the_next_rater_saves_it_as_the_typists(
    qtbot: QtBot,
    store: Store,
    playbook: Playbook,
    open_window: OpenWindow,
    rating_field: Autosaving,
) -> None:
    walk = Walk(qtbot, store, playbook, open_window, rating_field, team=True)
    walk.type()
    choose_rater(qtbot, walk.window, TEAM[1][0])
    assert walk.window.session.participant_uid != walk.uid
    assert walk.stored() == rating_field.saved  # under the first rater's name
