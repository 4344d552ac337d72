"""The Summary screen: where the district stands, per recommendation and overall."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.scoring import PLACEMENT_RULE
from playbook_app.reports.labels import counts_sentence, placement_headline
from playbook_app.ui.agenda.placement_chart import PlacementChart, chart_rows
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.agenda_screen import AgendaScreen
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.scroll_page import relayout, scrolling_column

CONTENT_MAX_WIDTH = 1000


class SummaryView(AgendaScreen):
    """Placements from the standings the session's Agenda was built on."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll, content = scrolling_column(self, CONTENT_MAX_WIDTH)
        outer.addWidget(self._scroll)

        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(
            text_label("Where the district stands", bold=True, scale=1.45, heading=True)
        )
        self.context = text_label("", muted=True)
        column.addWidget(self.context)
        self.headline = QLabel(content)
        self.headline.setTextFormat(Qt.TextFormat.RichText)  # every piece is escaped
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        column.addWidget(self.headline)
        self.counts = text_label("")
        self.counts.setAccessibleDescription("What the placement leaves out")
        column.addWidget(self.counts)
        self.chart = PlacementChart(content)
        column.addWidget(self.chart)
        self.rule = text_label(PLACEMENT_RULE, muted=True, selectable=True)
        self.rule.setAccessibleDescription("How placement is read")
        column.addWidget(self.rule)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        column.addLayout(self._buttons)
        column.addStretch(1)

        self.refresh()  # before it is first shown, so the first layout has the chart's height

    def add_button(self, widget: QWidget) -> None:
        self._buttons.addWidget(widget)

    def show_agenda(self, record: AssessmentRecord, agenda: Agenda) -> None:
        rows = chart_rows([i.standing for i in agenda.all_items()], self._session.playbook)
        overall = rows[-1].placement
        before, placed, after = placement_headline(overall)
        self.headline.setText(f"{escape(before)}<b>{escape(placed)}</b>{escape(after)}")
        self.headline.setAccessibleName(before + placed + after)
        self.counts.setText(counts_sentence(overall))
        self.context.setText(f"{record.district.name} · {record.assessment.label}")
        self.chart.set_rows(rows)
        relayout(self._scroll)
