"""A cabinet retreat on one laptop: private rating, hand-over, reveal, consensus, projector keys."""

from __future__ import annotations

import io
from collections.abc import Callable

from helpers_gui import make_assessment
from helpers_team import TEAM, all_texts, choose_rater, make_team, rate, unnamed_controls
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_pdf
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.team.team_review import TeamReview
from playbook_app.ui.widgets.two_line_list import SUBTITLE_ROLE
from playbook_app.ui.widgets.wording import NOT_ANSWERED

OpenWindow = Callable[..., MainWindow]
ANA_NOTE = "Ana's private doubt about the data office"


def _hand_over(qtbot: QtBot, window: MainWindow, name: str) -> None:
    choose_rater(qtbot, window, name, by_keyboard=True)


def _navigator_states(window: MainWindow, playbook: Playbook) -> list[str]:
    assert window.navigator is not None
    model = window.navigator.model()
    return [
        str(model.index_for(a).data(SUBTITLE_ROLE))  # type: ignore[attr-defined]
        for a in playbook.action_ids
    ]


def _chosen_card(window: MainWindow) -> str | None:
    assert window.page is not None
    return next((c.text() for c in window.page.picker.cards() if c.isChecked()), None)


def test_three_rate_privately_then_reveal_and_agree(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    assessment_id = make_team(store, playbook)
    window = open_window(store)
    team = window.features.team
    first = playbook.action_ids[0]
    ana, ben, cy = (p.name for p in store.load(assessment_id).participants)

    # Nobody's answers show until someone says who is rating; then the rater is on
    # screen at all times, and in the title.
    assert team.rater_bar is not None and team.rater_bar.isVisible()
    assert team.rater_bar.name.text() == "nobody yet"
    _hand_over(qtbot, window, ana)
    assert team.rater_bar.name.text() == ana
    assert f"rating: {ana}" in window.windowTitle()

    qtbot.keyClick(window, Qt.Key.Key_1)  # Ana: Not yet started
    assert window.page is not None
    qtbot.keyClicks(window.page.notes, ANA_NOTE)
    _hand_over(qtbot, window, ben)

    # Ben sees only his own (empty) answers: nothing of Ana's on the Rate screen.
    assert team.rater_bar.name.text() == ben and f"rating: {ben}" in window.windowTitle()
    assert window.current_action_id == first
    assert _chosen_card(window) is None
    assert window.page.notes.toPlainText() == ""
    assert ANA_NOTE not in all_texts(window.page)
    assert set(_navigator_states(window, playbook)) == {NOT_ANSWERED}
    assert window.progress.label.text() == "0 of 20 key actions answered"
    assert not window.undo_stack.canUndo()  # Ben cannot undo Ana's answer
    qtbot.keyClick(window, Qt.Key.Key_3)  # Ben: Developing
    _hand_over(qtbot, window, cy)
    assert _chosen_card(window) is None
    qtbot.keyClick(window, Qt.Key.Key_3)  # Cy: Developing
    assert _chosen_card(window) == Stage.DEVELOPING.label
    assert ANA_NOTE not in all_texts(window.page)
    _hand_over(qtbot, window, ana)  # back to Ana: her own answers, and only hers
    assert window.current_action_id == playbook.action_ids[1]  # where her answers stop
    window.show_action(first)
    assert _chosen_card(window) == Stage.NOT_STARTED.label
    assert window.page.notes.toPlainText() == ANA_NOTE
    assert window.progress.label.text() == "1 of 20 key actions answered"

    record = store.load(assessment_id)
    by_name = {p.name: p.uid for p in record.participants}
    assert record.response(by_name[ana], first).stage is Stage.NOT_STARTED
    assert record.response(by_name[ana], first).note == ANA_NOTE
    assert record.response(by_name[ben], first).stage is Stage.DEVELOPING

    # The Team review: hidden until revealed.
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    review = window.views.view("team") if window.views is not None else None
    assert isinstance(review, TeamReview) and review.isVisible()
    assert review.current_action_id == first
    assert "3 of 3 have answered" in review.answered.text()
    assert not review.shown.isVisible() and review.spread_grid.cells == []
    assert ANA_NOTE not in all_texts(review)

    qtbot.mouseClick(review.reveal_button, Qt.MouseButton.LeftButton)
    assert review.shown.isVisible() and unnamed_controls(review) == []
    columns = review.spread_grid.texts()
    assert f"Not yet started: 1 ({ana})" in columns
    assert f"Developing: 2 ({ben}, {cy}), median" in columns
    assert review.spread.text() == "Spread: 2 stages, from Not yet started to Developing."
    assert review.flag.isVisible() and "two or more stages apart" in review.flag.text()
    assert "no consensus yet" in review.team_stage.text()
    assert ANA_NOTE in review.notes.text()
    standing = window.session.agenda().item(first).standing
    assert standing.stage is Stage.DEVELOPING and standing.consensus_pending

    # The facilitator records the agreed stage and why; the agenda follows.
    editor = review.consensus
    emerging = editor.stage.buttons()[int(Stage.EMERGING)]
    qtbot.mouseClick(emerging, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.rationale, "Only the middle school runs it; others have not begun.")
    assert editor.record_button.isEnabled()
    qtbot.mouseClick(editor.record_button, Qt.MouseButton.LeftButton)
    agreed = store.load(assessment_id).consensus[first]
    assert agreed.stage is Stage.EMERGING and agreed.rationale.startswith("Only the middle")
    standing = window.session.agenda().item(first).standing
    assert standing.stage is Stage.EMERGING and not standing.consensus_pending
    assert review.team_stage.text() == "✓ Agreed stage: Emerging"
    assert "Emerging: 0 (nobody), ✓ agreed" in review.spread_grid.texts()

    # The printed agenda names who took part and shows the spread with the agreement.
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(agenda_pdf(store.load(assessment_id), playbook))).pages
    )
    assert "Who took part" in text and all(name in text for name, _ in TEAM)
    assert "each participant's stage side by side" in text and "(agreed by the team)" in text

    # Clearing it goes back to the median, "no consensus yet".
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert first not in store.load(assessment_id).consensus
    assert window.session.agenda().item(first).standing.stage is Stage.DEVELOPING
    assert "no consensus yet" in review.team_stage.text()


def test_solo_mode_shows_no_team_clutter(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    team = window.features.team
    assert team.rater_bar is None or not team.rater_bar.isVisible()
    assert "rating:" not in window.windowTitle()
    assert not team.review_action.isVisible() and not team.projector_action.isVisible()
    assert window.views is not None
    tabs = window.views
    assert "Team review" in [tabs.tabText(i) for i in range(tabs.count())]
    assert [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)].count(
        "Team review"
    ) == 0
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert team.projector is None


def test_projector_view_follows_its_keys(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    assessment_id = make_team(store, playbook)
    people = [p.uid for p in store.load(assessment_id).participants]
    first, second = playbook.action_ids[:2]
    for uid, stage in zip(people, (Stage.EMERGING, Stage.ADVANCING, None), strict=True):
        rate(store, uid, first, stage)
    window = open_window(store)
    team = window.features.team

    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = team.projector
    assert projector is not None and projector.isVisible() and projector.isWindow()
    assert projector is not window
    # Keys go to the window that is active, as on a real desktop.
    qtbot.waitUntil(projector.isActiveWindow)
    # High contrast, large type.
    palette = projector.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() == 0
    assert palette.color(QPalette.ColorRole.WindowText).lightness() == 255
    assert projector.title.font().pixelSize() >= 2 * window.font().pointSize()
    assert projector.title.text() == playbook.action(first).title

    qtbot.keyClick(projector, Qt.Key.Key_Right)
    assert team.current_action == second
    qtbot.keyClick(projector, Qt.Key.Key_Left)
    assert team.current_action == first
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)
    assert team.current_action == second
    qtbot.keyClick(projector, Qt.Key.Key_PageUp)
    assert team.current_action == first
    qtbot.keyClick(projector, Qt.Key.Key_Left)  # already the first: stays
    assert team.current_action == first

    # Nothing is revealed, and no stage can be agreed, before R.
    assert "Press R" in projector.answered.text() and projector.spread_grid.cells == []
    qtbot.keyClick(projector, Qt.Key.Key_3)
    assert first not in store.load(assessment_id).consensus
    assert "reveal" in projector.message.text()
    qtbot.keyClick(projector, Qt.Key.Key_R)
    assert team.is_revealed(first) and len(projector.spread_grid.cells) >= 5
    assert "Spread: 2 stages" in projector.spread.text()
    assert "some are unsure" in projector.flag.text()
    assert "no consensus yet" in projector.team_stage.text()

    qtbot.keyClick(projector, Qt.Key.Key_3)  # 1-4 as on the Rate screen: 3 is Developing
    assert store.load(assessment_id).consensus[first].stage is Stage.DEVELOPING
    assert projector.team_stage.text() == "✓ Agreed stage: Developing"
    assert window.session.agenda().item(first).standing.stage is Stage.DEVELOPING
    qtbot.keyClick(projector, Qt.Key.Key_Delete)
    assert first not in store.load(assessment_id).consensus

    # The Team review follows the projector.
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    review = team.show_review()
    assert isinstance(review, TeamReview) and review.current_action_id == second
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.isVisible()


def test_summary_and_agenda_stay_covered_while_the_team_rates_privately(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    assessment_id = make_team(store, playbook)
    ben = store.load(assessment_id).participants[1]
    first = playbook.action_ids[0]
    rate(store, ben.uid, first, Stage.ADVANCING)  # a colleague's answer Ana must not see
    window = open_window(store)
    tabs = window.views
    assert tabs is not None
    advancing = Stage.ADVANCING.label
    for key, name in ((Qt.Key.Key_2, "summary"), (Qt.Key.Key_3, "agenda")):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert tabs.is_covered(name)
        shown = tabs.currentWidget()
        assert advancing not in all_texts(shown) and "Show the team's results" in all_texts(shown)

    # Opening one opens both; a hand-over covers them again for the next rater.
    cover_button = next(b for b in tabs.currentWidget().findChildren(QPushButton) if b.isVisible())
    qtbot.mouseClick(cover_button, Qt.MouseButton.LeftButton)
    assert not tabs.is_covered("agenda") and not tabs.is_covered("summary")
    assert tabs.view("agenda") is not None and tabs.view("agenda").isVisible()
    _hand_over(qtbot, window, ben.name)
    assert tabs.is_covered("agenda") and tabs.is_covered("summary")


def test_solo_summary_and_agenda_are_never_covered(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    make_assessment(store, playbook)
    window = open_window(store)
    assert window.views is not None
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert not window.views.is_covered("agenda")
    assert window.views.view("agenda") is not None and window.views.view("agenda").isVisible()
