"""Keyboard details: single keys can be switched off, Tab follows the eye, errors are announced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers_access import tab_walk
from helpers_gui import make_assessment
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Stage
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_menus import AGENDA
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets.accessibility import INVALID_PROPERTY

OpenWindow = Callable[..., MainWindow]


def _stage(store: Store, aid: int, action: str) -> Stage | None:
    record = store.load(aid)
    return record.response(record.participants[0].uid, action).stage


def test_single_key_rating_can_be_switched_off_and_the_menu_still_rates(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_assessment(store, playbook)
    window = open_window(store)
    first = playbook.action_ids[0]
    options = window.features.view_options
    options.single_keys.trigger()  # Rate > Single-key rating: off
    assert not options.single_keys_on
    qtbot.keyClick(window, Qt.Key.Key_3)
    qtbot.keyClick(window, Qt.Key.Key_U)
    assert _stage(store, aid, first) is None
    assert window.page is not None
    assert all("(key" not in card.accessibleName() for card in window.page.picker.cards())
    window.menu_actions.stages[Stage.DEVELOPING].trigger()  # the menu still rates
    assert _stage(store, aid, first) is Stage.DEVELOPING
    window.show_rating_help()  # Help lists the keys that work now
    listed = [keys for what, keys in window._help_keys]  # type: ignore[attr-defined]
    assert "2" not in listed and "Ctrl+Right" in " ".join(listed)
    window._help.close()  # type: ignore[attr-defined]
    options.single_keys.trigger()  # on again
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert _stage(store, aid, first) is Stage.EMERGING


def test_single_key_rating_never_acts_while_a_text_field_has_focus(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    aid = make_assessment(store, playbook)
    window = open_window(store)
    assert window.page is not None
    first = playbook.action_ids[0]
    window.page.notes.setFocus()
    qtbot.keyClicks(window.page.notes, "2 of 3 schools; U and N")
    assert _stage(store, aid, first) is None
    window.menu_actions.not_applicable.trigger()
    reason = window.page.picker.reason
    reason.setFocus()
    qtbot.keyClicks(reason, "4 1")
    record = store.load(aid)
    answer = record.response(record.participants[0].uid, first)
    assert answer.stage is None and answer.answer is not None  # still Not applicable
    assert reason.text() == "4 1"


def test_the_single_key_choice_is_remembered(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    from playbook_app.app import build_main_window

    with Store.open(data_dir) as store:
        make_assessment(store, playbook)
        window = build_main_window(store, playbook)
        qtbot.addWidget(window)
        window.features.view_options.set_single_keys(False)
        window.close()
        again = build_main_window(store, playbook)
        qtbot.addWidget(again)
        assert not again.features.view_options.single_keys_on
        assert again.menu_actions.stages[Stage.EMERGING].shortcuts() == []
        again.close()


def test_the_agendas_export_print_and_help_buttons_come_first_in_tab_order(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    assert window.views is not None
    agenda = window.views.show_view(AGENDA)
    order, _problems = tab_walk(window)
    inside = [w for w in order if agenda.isAncestorOf(w)]
    assert inside[: len(agenda._commands)] == agenda._commands  # type: ignore[attr-defined]
    assert inside[len(agenda._commands)] is agenda.capacity  # type: ignore[attr-defined]


def test_add_another_team_member_comes_after_the_rows_it_adds_to(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    make_assessment(store, playbook)
    window = open_window(store)
    window.menu_actions.new_assessment.trigger()
    from playbook_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog

    dialog = next(d for d in window.findChildren(NewAssessmentDialog) if d.isVisible())
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    form = dialog.form
    form.team.setChecked(True)
    rows = form.team_rows
    order, _problems = tab_walk(dialog)
    row_widgets = [w for row in rows.rows for w in row]
    assert order.index(rows.add_button) > max(order.index(w) for w in row_widgets)
    dialog.reject()


def test_a_bad_target_date_marks_its_field_invalid_with_the_reason(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    assert window.views is not None
    agenda = window.views.show_view(AGENDA)
    card = agenda.card(agenda.section_items("start_now")[0])  # type: ignore[attr-defined]
    field = card.target_date
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "someday")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert card.date_error.isVisible()
    assert field.property(INVALID_PROPERTY) is True
    assert card.date_error.text() in field.accessibleDescription()
    field.selectAll()
    qtbot.keyClicks(field, "2027-03-15")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.property(INVALID_PROPERTY) is False
    assert "someday" not in field.accessibleDescription()
    QApplication.processEvents()
