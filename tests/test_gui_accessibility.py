"""Every screen and dialog, walked through Qt's accessibility interface as a screen reader would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers_access import accessible_name, accessible_role, problems
from helpers_team import choose_rater
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import CABINET, demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange.packet import build_packet, serialize
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_menus import AGENDA, SUMMARY
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]

# Menu entries that open no dialog of ours, or one that would act (print, quit).
# About Qt is Qt's own modal box (QApplication.aboutQt): it waits, so it is not walked here.
NOT_DIALOGS = ("Quit", "Retry", "Print", "Undo", "Redo", "Clear answer", "About Qt")


def _walk(qtbot: QtBot, widget: QWidget) -> list[str]:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return problems(widget)


def _dialogs() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and not isinstance(w, QFileDialog)
    ]


def _close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def _walk_menu_dialogs(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Each File, Assessment, Team and Help entry that opens a dialog: the dialog, walked."""
    found: list[str] = []
    walked = 0
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") in ("Edit", "View", "Go", "Rate"):
            continue
        for action in menu_action.menu().actions():
            text = action.text().replace("&", "")
            if action.isSeparator() or not action.isEnabled() or text.startswith(NOT_DIALOGS):
                continue
            action.trigger()
            for dialog in _dialogs():
                walked += 1
                found += [f"{text}: {problem}" for problem in _walk(qtbot, dialog)]
            _close_dialogs()
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
    assert walked >= 6  # new, open, backups, profile, rename, delete, help, about...
    return found


def _walk_screens(qtbot: QtBot, window: MainWindow, names: tuple[str, ...]) -> list[str]:
    assert window.views is not None
    found = _walk(qtbot, window)
    for name in names:
        window.views.show_view(name)
        if window.views.is_covered(name):
            found += _walk(qtbot, window)  # the cover first, then what it hides
            window.views.open_private()
        found += _walk(qtbot, window)
    return found


def test_every_solo_screen_and_dialog_names_its_controls_and_shows_its_focus(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    found = _walk_screens(qtbot, window, (SUMMARY, AGENDA))
    assert window.views is not None
    agenda = window.views.show_view(AGENDA)
    card = next(iter(agenda._cards.values()))  # type: ignore[attr-defined]
    card.move_button.click()
    found += [f"Move: {p}" for d in _dialogs() for p in _walk(qtbot, d)]
    _close_dialogs()
    found += _walk_menu_dialogs(qtbot, window)
    assert found == [], "\n".join(found)


def test_every_team_screen_and_dialog_names_its_controls_and_shows_its_focus(
    qtbot: QtBot, tmp_path: Path, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    from playbook_app.ui.packets.packet_import import preview_import
    from playbook_app.ui.team.team import TEAM_VIEW

    record = demo_record(playbook, participants=4)
    packet = tmp_path / "one.playbook.json"
    assessment_id = store.add_record(record)
    packet.write_bytes(serialize(build_packet(store.load(assessment_id))))
    window = open_window(store)
    found = _walk(qtbot, window)  # nobody rating yet
    choose_rater(qtbot, window, CABINET[1][0])
    found += _walk_screens(qtbot, window, (SUMMARY, AGENDA, TEAM_VIEW))
    review = window.views.view(TEAM_VIEW)  # type: ignore[union-attr]
    review.reveal_button.click()  # type: ignore[union-attr]
    assert review.spread.isVisibleTo(window)  # type: ignore[union-attr]
    found += _walk(qtbot, window)  # everyone's answers, the flag, the agreed stage
    found += _walk_menu_dialogs(qtbot, window)

    preview_import(window, [packet])
    found += [f"Import: {p}" for d in _dialogs() for p in _walk(qtbot, d)]
    _close_dialogs()

    window.features.team.show_projector()
    projector = window.features.team.projector
    found += [f"Projector: {p}" for p in _walk(qtbot, projector)]
    assert found == [], "\n".join(found)


def test_headings_are_announced_as_headings(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook))
    window = open_window(store)
    assert window.views is not None
    window.views.show_view(AGENDA)
    headings = [
        accessible_name(w)
        for w in window.findChildren(QWidget)
        if w.isVisible() and accessible_role(w) == QAccessible.Role.Heading
    ]
    assert "Prioritized action agenda" in headings
    assert any(h.startswith("Start now") for h in headings)
