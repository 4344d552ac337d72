"""Find out first in a team: Help states the rule the agenda follows, at its boundary."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from helpers_team import make_team, rate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import Bucket
from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_help import AgendaHelpDialog
from playbook_app.ui.agenda.agenda_view import AgendaView
from playbook_app.ui.shell.help import RatingHelpDialog
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
# The words of the rule, as Help must give them.
TEAM_UNSURE = "unsure for at least half of those who rated it or said unsure"


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_team_finds_out_first_when_at_least_half_are_unsure_as_help_says(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    assessment = make_team(store, playbook)
    ana, ben, cy = (p.uid for p in store.load(assessment).participants)
    half, most, fewer = playbook.action_ids[:3]
    answers = {
        half: ((ana, None), (ben, Stage.EMERGING)),  # 1 of 2 unsure: half
        most: ((ana, None), (ben, None), (cy, Stage.DEVELOPING)),  # 2 of 3
        fewer: ((ana, None), (ben, Stage.EMERGING), (cy, Stage.EMERGING)),  # 1 of 3
    }
    for action, given in answers.items():
        for who, stage in given:
            rate(store, who, action, stage)
    window = open_window(store)
    window.session.open_assessment(assessment)

    tabs = window.views
    assert tabs is not None
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    if tabs.is_covered("agenda"):  # the team's results are shown when someone asks
        cover = next(b for b in tabs.currentWidget().findChildren(QPushButton) if b.isVisible())
        qtbot.mouseClick(cover, Qt.MouseButton.LeftButton)
    view = tabs.view("agenda")
    assert isinstance(view, AgendaView) and view.isVisible()
    find_out = view.section_items(Bucket.FIND_OUT.value)
    assert half in find_out and most in find_out
    assert fewer not in find_out  # one unsure voice among three: the ratings' median stands
    agenda = window.session.agenda()
    assert agenda.item(fewer).standing.stage is Stage.EMERGING
    assert agenda.item(fewer).standing.consensus_pending  # flagged to talk through
    assert "1 of 2 were unsure" in view.card(half).why.text()
    assert "2 of 3 were unsure" in view.card(most).why.text()

    # Help says exactly that: the rating help (F1) and How the agenda is built.
    qtbot.keyClick(window, Qt.Key.Key_F1)
    rating_help = window.findChild(RatingHelpDialog)
    assert rating_help is not None
    browser = rating_help.findChild(QTextBrowser)
    assert browser is not None
    assert TEAM_UNSURE in flat(browser.toPlainText())
    assert "someone was unsure" not in flat(browser.toPlainText())
    window.features.agenda.help_action.trigger()
    agenda_help = window.findChild(AgendaHelpDialog)
    assert agenda_help is not None
    shown = flat(agenda_help.browser.toPlainText())
    assert TEAM_UNSURE in shown and "someone was unsure" not in shown
    assert flat(Bucket.FIND_OUT.rule) in shown
