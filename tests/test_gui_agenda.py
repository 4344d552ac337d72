"""The Agenda screen: edits in place that survive a restart, moves with reasons, the capacity."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from helpers_agenda import (
    LEFT_BLANK,
    NOT_APPLICABLE_AT,
    REASON,
    UNSURE_AT,
    answered_agenda,
    open_agenda,
    rate_by_keyboard,
    stored_entry,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import Status
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_card import AgendaCard
from playbook_app.ui.agenda.agenda_move import MoveDialog
from playbook_app.ui.agenda.agenda_view import NOT_APPLICABLE_KEY, UNANSWERED_KEY, AgendaView
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def test_owner_date_status_and_next_step_survive_a_restart(
    qtbot: QtBot, data_dir, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(data_dir)
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    first = view.section_items(Bucket.START_NOW.value)[0]
    card = view.card(first)

    type_into(qtbot, card.owner, "Dr. Ana Ruiz")
    type_into(qtbot, card.target_date, "2027-03-15")  # leaving the owner hands it over
    qtbot.keyClick(card.target_date, Qt.Key.Key_Return)
    card.status.setFocus()
    card.status.set_value(Status.IN_PROGRESS)
    type_into(qtbot, card.next_step, "Name a lead at the January cabinet meeting")
    entry = stored_entry(store, window, first)
    assert entry is not None
    assert (entry.owner, entry.target_date, entry.status) == (
        "Dr. Ana Ruiz",
        "2027-03-15",
        Status.IN_PROGRESS,
    )
    # The next step is still being typed; closing the window hands it over.
    assert window.close()
    store.close()

    store = Store.open(data_dir)
    window = open_window(store, for_keys=False)
    view = cast(AgendaView, window.views.show_view("agenda"))  # type: ignore[union-attr]
    card = view.card(first)
    assert card.owner.text() == "Dr. Ana Ruiz"
    assert card.target_date.text() == "2027-03-15"
    assert card.status.value() is Status.IN_PROGRESS
    assert card.next_step.text() == "Name a lead at the January cabinet meeting"
    entry = stored_entry(store, window, first)
    assert entry is not None and entry.next_step == "Name a lead at the January cabinet meeting"
    window.close()
    store.close()


def test_a_bad_date_is_explained_and_changes_nothing(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    action_id = view.section_items(Bucket.PLAN.value)[0]
    card = view.card(action_id)

    type_into(qtbot, card.target_date, "2027-02-30")
    qtbot.keyClick(card.target_date, Qt.Key.Key_Return)
    assert card.date_error.isVisible()
    assert "is not a date" in card.date_error.text()
    assert "not changed" in card.date_error.text()
    assert stored_entry(store, window, action_id) is None  # nothing written
    assert card.target_date.text() == "2027-02-30"  # the typing stays, to be corrected

    # The US form people type is read, and shown back as an ISO date.
    type_into(qtbot, card.target_date, "3/1/2027")
    qtbot.keyClick(card.target_date, Qt.Key.Key_Return)
    assert not card.date_error.isVisible()
    assert card.target_date.text() == "2027-03-01"
    entry = stored_entry(store, window, action_id)
    assert entry is not None and entry.target_date == "2027-03-01"

    # Emptying the field takes the date away.
    card.target_date.clear()
    card.target_date.setModified(True)
    qtbot.keyClick(card.target_date, Qt.Key.Key_Return)
    entry = stored_entry(store, window, action_id)
    assert entry is not None and entry.target_date == ""


def test_a_move_with_a_reason_persists_shows_and_can_be_put_back(
    qtbot: QtBot, data_dir, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(data_dir)
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    action_id = view.section_items(Bucket.START_NOW.value)[0]
    card = view.card(action_id)
    assert not card.put_back.isVisible()

    qtbot.mouseClick(card.move_button, Qt.MouseButton.LeftButton)
    dialog = view.move_dialog
    assert isinstance(dialog, MoveDialog) and dialog.isVisible()  # non-blocking
    assert not dialog.move_button.isEnabled()  # no reason yet
    dialog.bucket.set_value(Bucket.RAISE)
    qtbot.keyClicks(dialog.reason, "The state must <b>fund</b> this & act first")
    assert dialog.move_button.isEnabled()
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    assert action_id in view.section_items(Bucket.RAISE.value)
    assert action_id not in view.section_items(Bucket.START_NOW.value)
    assert card.put_back.isVisible()
    assert card.why.text() == (
        "↪ Moved here from Start now (next 90 days) by the district: "
        "The state must <b>fund</b> this & act first"
    )
    entry = stored_entry(store, window, action_id)
    assert entry is not None and entry.bucket == Bucket.RAISE.value
    assert window.close()
    store.close()

    store = Store.open(data_dir)
    window = open_window(store, for_keys=False)
    view = cast(AgendaView, window.views.show_view("agenda"))  # type: ignore[union-attr]
    card = view.card(action_id)
    assert action_id in view.section_items(Bucket.RAISE.value)
    assert card.why.text().startswith("↪ Moved here from Start now (next 90 days)")

    qtbot.mouseClick(card.put_back, Qt.MouseButton.LeftButton)
    assert action_id in view.section_items(Bucket.START_NOW.value)
    assert not card.put_back.isVisible()
    entry = stored_entry(store, window, action_id)
    assert entry is not None and entry.bucket is None and entry.bucket_reason == ""

    window.undo()  # the putting back is undone: moved again
    assert action_id in view.section_items(Bucket.RAISE.value)
    entry = stored_entry(store, window, action_id)
    assert entry is not None and entry.bucket == Bucket.RAISE.value
    window.close()
    store.close()


def test_the_capacity_sizes_start_now_and_is_kept(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    _window, view = answered_agenda(qtbot, store, playbook, open_window)
    assert view.capacity.value() == 3
    start_now = view.section_items(Bucket.START_NOW.value)
    assert len(start_now) == 3
    plan_before = view.section_items(Bucket.PLAN.value)

    view.capacity.setFocus()
    view.capacity.setValue(1)
    assert view.section_items(Bucket.START_NOW.value) == start_now[:1]
    # The two that no longer fit are planned for the year, and say why.
    assert set(start_now[1:]) <= set(view.section_items(Bucket.PLAN.value))
    assert "all" not in view.card(start_now[1]).why.text()  # one place: "the one … is taken"
    assert "start-now place is taken" in view.card(start_now[1]).why.text()
    assert store.load(assessment_id).district.capacity == 1

    view.capacity.setValue(5)
    grown = view.section_items(Bucket.START_NOW.value)
    assert grown[:3] == start_now and len(grown) == min(5, 3 + len(plan_before))
    assert store.load(assessment_id).district.capacity == 5
    assert view.summary.text().count("at most 5") == 1


def test_the_agenda_follows_the_answers_and_lists_everything(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    view = open_agenda(qtbot, window)
    ids = playbook.action_ids
    assert view.section_items(UNANSWERED_KEY) == list(ids)  # nothing answered yet
    card = view.card(ids[0])
    assert card.rank.text() == "–" and not card.editors.isVisible()

    rate_by_keyboard(qtbot, window, playbook)  # the Agenda is built; answers still reach it
    view = open_agenda(qtbot, window)
    record = window.session.record
    assert record is not None
    expected = build_agenda(store.load(assessment_id), playbook)
    assert view.listed_action_ids() == [i.action_id for i in expected.all_items()]
    assert view.section_items(NOT_APPLICABLE_KEY) == [ids[NOT_APPLICABLE_AT]]
    assert REASON in view.card(ids[NOT_APPLICABLE_AT]).why.text()
    assert view.section_items(UNANSWERED_KEY) == [ids[n] for n in LEFT_BLANK]
    assert view.section_items(Bucket.FIND_OUT.value) == [ids[UNSURE_AT]]
    find_out = view.card(ids[UNSURE_AT])
    assert find_out.date_label.text() == "Find out by"
    # Ranks run 1, 2, 3… down the screen.
    ranks = [view.card(a).rank.text() for a in view.listed_action_ids()]
    assert ranks[: len(expected.items)] == [str(n) for n in range(1, len(expected.items) + 1)]
    # Suggested next steps are the how-steps not yet done.
    start = view.card(view.section_items(Bucket.START_NOW.value)[0])
    item = start.item
    assert item is not None and item.next_steps
    assert start.steps.text().splitlines() == [f"• {s.text}" for s in item.next_steps]

    # Clicking a title opens that key action on the Rate screen.
    qtbot.mouseClick(start.title, Qt.MouseButton.LeftButton)
    assert window.current_action_id == item.action_id
    assert window.views is not None and window.views.currentWidget() is not view.parent()


def test_every_agenda_control_has_a_name_and_tab_follows_the_screen(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    window, view = answered_agenda(qtbot, store, playbook, open_window)
    interactive = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)
    unnamed = [
        type(w).__name__
        for w in view.findChildren(QWidget)
        if isinstance(w, interactive)
        and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
        and not w.accessibleName().strip()
    ]
    assert unnamed == []

    # Tab walks the cards in the order they are listed, after the capacity and the buttons.
    listed = view.listed_action_ids()
    first, second = view.card(listed[0]), view.card(listed[1])
    view.capacity.setFocus()
    seen: list[QWidget] = []
    for _ in range(40):
        qtbot.keyClick(cast(QWidget, window.focusWidget()), Qt.Key.Key_Tab)
        widget = window.focusWidget()
        assert widget is not None
        seen.append(widget)
        if widget is second.title:
            break
    assert first.title in seen and second.title in seen
    assert seen.index(first.title) < seen.index(first.owner) < seen.index(second.title)
    assert isinstance(first, AgendaCard)
    _ = window.features.agenda  # installed once per window


def test_team_mode_shows_the_median_until_the_team_agrees(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    from playbook_app.domain.assessment import (
        AnswerKind,
        Assessment,
        District,
        Mode,
        Participant,
        Stage,
    )
    from playbook_app.storage import new_uid

    people = [Participant(new_uid(), "Ana Ruiz"), Participant(new_uid(), "Lee Park")]
    store.create_assessment(
        District(name="Cedar Valley USD", state="KY"),
        Assessment(new_uid(), "Cabinet retreat", "2026-11-22", playbook.id, playbook.version,
                   Mode.TEAM),
        people,
    )  # fmt: skip
    window = open_window(store)
    session = window.session
    action = playbook.action_ids[0]
    assert window.views is not None
    window.views.open_private()  # the team chose to look (the cover has its own test)
    view = open_agenda(qtbot, window)
    for person, stage in zip(people, (Stage.NOT_STARTED, Stage.DEVELOPING), strict=True):
        answer = session.record.response(person.uid, action)  # type: ignore[union-attr]
        session.set_response(answer.with_changes(answer=AnswerKind.RATED, stage=stage))
    card = view.card(action)
    # The lower of the two middle stages, until the team records what it agreed.
    assert card.stage.text().startswith("Stage: Not yet started (median, no consensus yet)")
    assert "no consensus yet" not in card.why.text()  # said once, on the stage line

    session.set_consensus(action, Stage.EMERGING, "We have two pilots")
    assert card.stage.text().startswith("Stage: Emerging (agreed by the team)")
    session.set_consensus(action, None)
    assert "(median, no consensus yet)" in card.stage.text()


def test_an_agenda_with_nothing_answered_says_so_rather_than_counting_zero(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    view = open_agenda(qtbot, window)
    text = view.summary.text()
    assert "0 key actions ranked" not in text
    assert "No key action is ranked yet" in text
