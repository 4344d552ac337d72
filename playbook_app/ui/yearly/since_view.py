"""The "Since last time" screen: what moved since the year before, and the years as a chart."""

from __future__ import annotations

import itertools
from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from playbook_app.domain.agenda import Agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.scoring import PLACEMENT_BANDS
from playbook_app.domain.years import HistoryPoint, Years
from playbook_app.reports.labels import nice_date
from playbook_app.reports.since import (
    NO_PREDECESSOR,
    SINCE_TITLE,
    headline,
    overall_line,
    sections,
    short_mean,
)
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.agenda_screen import AgendaScreen
from playbook_app.ui.widgets.theme import chart_colours, year_lines

NONE_YET = (
    "This assessment does not follow another one. Assessment > Start next year's review… "
    "starts next year's review of an assessment; it shows here what moved."
)


def history_table(points: tuple[HistoryPoint, ...], titles: dict[str, str]) -> str:
    """The chart's figures as plain text: one line per recommendation, a mean per year."""
    years = " | ".join(f"{p.side.label} ({p.side.date})" for p in points)
    lines = [f"Mean stage per year: {years}"]
    for rec_id, title in titles.items():
        lines.append(f"{title}: " + ", ".join(short_mean(p.placement(rec_id)) for p in points))
    return "\n".join(lines)


class YearsChart(QWidget):
    """Each recommendation's mean stage per year, one line each, over the placement bands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: tuple[HistoryPoint, ...] = ()
        self.numbers: dict[str, int] = {}
        self.setAccessibleName("Each recommendation over the years")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(600, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 240)

    def set_points(self, points: tuple[HistoryPoint, ...], numbers: dict[str, int]) -> None:
        self.points, self.numbers = points, numbers
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        left, right, top, bottom = 30.0, 40.0, 8.0, 28.0
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)

        def y_of(mean: float) -> float:
            return plot.bottom() - plot.height() * mean / 3.0

        fills = chart_colours(palette).band_fills  # the Summary chart's bands, from the theme
        for (low, high, _), fill in zip(PLACEMENT_BANDS, fills, strict=True):
            band = QRectF(plot.left(), y_of(high), plot.width(), y_of(low) - y_of(high))
            painter.fillRect(band, fill)
        painter.setPen(ink)
        for stage in range(4):
            painter.drawText(QPointF(8, y_of(stage) + 4), str(stage))
        step = plot.width() / (len(self.points) - 1)
        xs = [plot.left() + i * step for i in range(len(self.points))]
        for x, p in zip(xs, self.points, strict=True):
            text = nice_date(p.side.date, short=True)
            width = painter.fontMetrics().horizontalAdvance(text)
            left_edge = min(max(0.0, x - width / 2), self.width() - width)  # never cut off
            painter.drawText(QPointF(left_edge, self.height() - 8), text)
        ends: list[tuple[float, float, int, QColor]] = []
        lines = year_lines(palette)
        for n, (rec_id, number) in enumerate(self.numbers.items()):
            colour = lines[n % len(lines)]
            known = [
                QPointF(x, y_of(m))
                for x, p in zip(xs, self.points, strict=True)
                if (m := p.mean(rec_id)) is not None
            ]
            painter.setPen(QPen(colour, 2))
            for a, b in itertools.pairwise(known):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for point in known:
                painter.drawEllipse(point, 2.5, 2.5)
            if known:
                ends.append((known[-1].y(), known[-1].x(), number, colour))
        placed = -1e9
        for y, x, number, colour in sorted(ends, key=lambda e: (e[0], e[2])):
            placed = max(y + 4, placed + 12)
            painter.setPen(colour)
            painter.drawText(QPointF(x + 6, placed), str(number))
        painter.end()


class SinceView(AgendaScreen):
    """Drawn from the session's years whenever the answers behind the agenda change."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(SINCE_TITLE)
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        self.chart = YearsChart(self)
        layout.addWidget(self.chart)
        self.years: Years | None = None
        self.refresh()

    def show_agenda(self, record: AssessmentRecord, agenda: Agenda) -> None:
        playbook = self._session.playbook
        years = self._session.years()
        self.years = years
        c = years.comparison
        parts = [f"<h2>{escape(SINCE_TITLE)}</h2>"]
        if c is None:
            text = NO_PREDECESSOR.format(label="another assessment") if years.missing else NONE_YET
            parts.append(f"<p>{escape(text)}</p>")
        else:
            parts.append(f"<p><b>{escape(headline(c))}</b><br/>{escape(overall_line(c))}</p>")
            for section in sections(c, playbook):
                parts.append(f"<h3>{escape(section.title)}</h3>")
                items = "".join(f"<li>{escape(line)}</li>" for line in section.lines)
                parts.append(f"<ul>{items}</ul>" if items else f"<p>{escape(section.empty)}</p>")
        titles = {r.id: f"{r.number}. {r.title}" for r in playbook.recommendations}
        self.chart.setVisible(years.chart)
        if years.chart:
            table = history_table(years.history, titles)
            parts.append("<h3>Each recommendation over the years</h3>")
            parts.append(
                "<p>The chart below draws these means (0 Not yet started to 3 Advancing); "
                "the number at the end of each line is its recommendation.</p>"
            )
            parts.append("".join(f"<p>{escape(line)}</p>" for line in table.splitlines()))
            self.chart.set_points(years.history, {r.id: r.number for r in playbook.recommendations})
            self.chart.setAccessibleDescription(table)
        self.text.setHtml("".join(parts))
