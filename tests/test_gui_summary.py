"""The Summary screen: placements drawn as a chart, the same figures as the domain's."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from helpers_agenda import LEFT_BLANK, open_screen, rate_by_keyboard
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from pytestqt.qtbot import QtBot

from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_BANDS, PLACEMENT_RULE, placements, standings
from playbook_app.storage import Store
from playbook_app.ui.agenda.agenda_print import CHART_WIDTH
from playbook_app.ui.agenda.placement_chart import band_labels
from playbook_app.ui.agenda.summary_view import SummaryView
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def open_summary(qtbot: QtBot, window: MainWindow) -> SummaryView:
    view = open_screen(qtbot, window, Qt.Key.Key_2, "summary")
    assert isinstance(view, SummaryView)
    return view


def test_the_summary_matches_the_domain_placements_and_follows_the_answers(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    rate_by_keyboard(qtbot, window, playbook)
    view = open_summary(qtbot, window)

    # Worked by hand from rate_by_keyboard: stages position % 4 on 16 rated actions sum to 22.
    assert view.headline.accessibleName() == (
        "Overall placement: Emerging (mean stage 1.38 of 3 across 16 rated key actions)."
    )
    assert view.counts.text() == (
        "Of 20 key actions: 16 rated, 1 unsure, 1 not applicable, 2 not yet answered."
    )
    assert view.rule.text() == PLACEMENT_RULE
    assert "not an official ALI score" in view.rule.text()

    overall, per_rec = placements(standings(store.load(assessment_id), playbook), playbook)
    rows = view.chart.rows
    assert [r.label for r in rows[:-1]] == [f"{rec.number}. {rec.title}" for rec, _ in per_rec]
    assert [r.placement for r in rows] == [p for _, p in per_rec] + [overall]
    assert rows[-1].overall and rows[-1].value == "1.38  Emerging"
    assert rows[-1].counts == "16 rated, 1 unsure, 1 n/a, 2 not answered"
    described = view.chart.accessibleDescription()
    for rec, placement in per_rec:
        assert f"{rec.number}. {rec.title}" in described
        assert (placement.mean is None) or placement.mean_text in described

    # The chart is drawn: the bars' colours are on screen.
    image = view.chart.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert QColor("#2f6199").name() in colours and QColor("#173a5e").name() in colours

    # Answering the last two (Advancing) moves the district to Developing, at once.
    window.show_rating()
    for position in LEFT_BLANK:
        window.show_action(playbook.action_ids[position])
        qtbot.keyClick(window, Qt.Key.Key_4)
    view = open_summary(qtbot, window)
    assert view.headline.accessibleName() == (
        "Overall placement: Developing (mean stage 1.56 of 3 across 18 rated key actions)."
    )
    assert view.counts.text().endswith("0 not yet answered.")


def test_an_empty_assessment_is_not_yet_placed(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    view = open_summary(qtbot, window)
    assert view.headline.accessibleName() == (
        "Overall placement: not yet placed; no key action is rated yet."
    )
    assert all(row.value == "not rated" for row in view.chart.rows)
    assert view.chart.accessibleName() == "Placement chart"


def test_at_1024_wide_and_in_print_every_stage_name_is_whole_and_inside_the_chart(
    qtbot: QtBot, store: Store, playbook: Playbook, assessment_id: int, open_window: OpenWindow
) -> None:
    window = open_window(store)
    rate_by_keyboard(qtbot, window, playbook)
    window.resize(1024, 700)
    view = open_summary(qtbot, window)
    qtbot.waitUntil(lambda: window.width() == 1024)
    chart = view.chart
    names = [stage.label for _, _, stage in PLACEMENT_BANDS]

    def fits(labels: list[tuple[QRectF, str]], width: float, font: QFont) -> None:
        bold = QFont(font)
        bold.setPointSizeF(font.pointSizeF() * 0.85)
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        assert [name for _, name in labels] == names  # "Advancing", never "Adv…"
        for box, name in labels:
            assert metrics.horizontalAdvance(name) <= box.width(), name
            assert box.left() >= 0 and box.right() <= width, name
        for (left, _), (right, _) in itertools.pairwise(labels):
            assert left.right() <= right.left()  # side by side, none over another

    assert chart.isVisible() and chart.width() < 1024
    fits(chart.band_labels(), chart.width(), chart.font())
    # The narrowest the chart is ever laid out, and the printed chart.
    fits(band_labels(chart.rows, chart.minimumSizeHint().width(), chart.font()),
         chart.minimumSizeHint().width(), chart.font())  # fmt: skip
    print_font = QFont()
    print_font.setPointSizeF(10)
    fits(band_labels(chart.rows, CHART_WIDTH, print_font), CHART_WIDTH, print_font)
