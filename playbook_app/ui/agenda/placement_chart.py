"""The placement chart drawn with QPainter: mean stage per recommendation and overall, on bands.

QtCharts is not part of PySide6-Essentials, and a few rectangles and lines
say it as well. The same painting serves the screen and the printed agenda.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_BANDS, Placement, Standing, placements
from playbook_app.reports.band_labels import spread_labels
from playbook_app.reports.labels import placement_counts, placement_value
from playbook_app.ui.widgets.theme import chart_colours

MAX_STAGE = 3.0
OVERALL_LABEL = "All key actions (overall)"
AXIS_LEGEND = "0 Not yet started · 1 Emerging · 2 Developing · 3 Advancing"
_LABEL_GAP = 6.0
_WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class ChartRow:
    label: str
    placement: Placement
    overall: bool = False

    @property
    def value(self) -> str:
        return placement_value(self.placement)

    @property
    def counts(self) -> str:
        return placement_counts(self.placement)


def chart_rows(standings: Sequence[Standing], playbook: Playbook) -> list[ChartRow]:
    """One row per recommendation in playbook order, then the overall row."""
    overall, per_recommendation = placements(standings, playbook)
    rows = [ChartRow(f"{rec.number}. {rec.title}", p) for rec, p in per_recommendation]
    rows.append(ChartRow(OVERALL_LABEL, overall, overall=True))
    return rows


def describe(rows: Sequence[ChartRow]) -> str:
    """The chart in words, for screen readers."""
    return "\n".join(f"{row.label}: {row.value} ({row.counts})" for row in rows)


class _Geometry:
    """Where everything goes at one width and font."""

    def __init__(self, rows: Sequence[ChartRow], width: float, font: QFont) -> None:
        self.font = font
        self.small = QFont(font)
        self.small.setPointSizeF(font.pointSizeF() * 0.85)
        self.metrics = QFontMetricsF(font)
        small = QFontMetricsF(self.small)
        line = self.metrics.height()
        bold = QFont(font)
        bold.setBold(True)
        widest = max(
            QFontMetricsF(bold).horizontalAdvance(f"0.00  {stage.label}") for stage in Stage
        )
        for row in rows:
            widest = max(widest, small.horizontalAdvance(row.counts))
        self.value_width = widest + 12
        self.label_width = max(120.0, width * 0.38)
        gap = 12.0
        self.plot_x = self.label_width + gap
        self.plot_width = max(60.0, width - self.plot_x - self.value_width - gap)
        self.value_x = self.plot_x + self.plot_width + gap
        self.header = line + 6
        self.heights = []
        for row in rows:
            text = self.metrics.boundingRect(
                QRectF(0, 0, self.label_width, 10_000), _WRAP, row.label
            )
            self.heights.append(max(text.height(), line + small.height()) + 10)
        self.axis = small.height() * 2 + 10
        self.height = self.header + sum(self.heights) + 6 + self.axis

    def x_of(self, value: float) -> float:
        return self.plot_x + self.plot_width * value / MAX_STAGE

    def _spread(self) -> tuple[list[str], list[float], list[float] | None]:
        bold = QFont(self.small)
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        names = [stage.label for _, _, stage in PLACEMENT_BANDS]
        widths = [metrics.horizontalAdvance(name) + 2 for name in names]
        centers = [(self.x_of(low) + self.x_of(high)) / 2 for low, high, _ in PLACEMENT_BANDS]
        lefts = spread_labels(centers, widths, 0.0, self.value_x - _LABEL_GAP, _LABEL_GAP)
        return names, widths, lefts

    def labels_fit(self) -> bool:
        return self._spread()[2] is not None

    def band_labels(self) -> list[tuple[QRectF, str]]:
        """Each band's stage name, whole, over its band where it fits and beside it where not."""
        names, widths, lefts = self._spread()
        if lefts is None:  # narrower than the chart's minimum width; names stay whole, centred
            centers = [(self.x_of(low) + self.x_of(high)) / 2 for low, high, _ in PLACEMENT_BANDS]
            lefts = [c - w / 2 for c, w in zip(centers, widths, strict=True)]
        return [
            (QRectF(left, 0, width, self.header - 2), name)
            for left, width, name in zip(lefts, widths, names, strict=True)
        ]


def chart_height(rows: Sequence[ChartRow], width: float, font: QFont) -> int:
    return round(_Geometry(rows, width, font).height)


def narrowest_width(rows: Sequence[ChartRow], font: QFont, at_least: int = 420) -> int:
    """The least width, from `at_least` up, at which every stage name fits whole, side by side."""
    width = at_least
    while width < 2000 and not _Geometry(rows, width, font).labels_fit():
        width += 10
    return width


def band_labels(rows: Sequence[ChartRow], width: float, font: QFont) -> list[tuple[QRectF, str]]:
    """Where the stage names are drawn at `width`, and the text drawn (never shortened)."""
    return _Geometry(rows, width, font).band_labels()


def paint_chart(
    painter: QPainter, rows: Sequence[ChartRow], width: float, font: QFont, palette: QPalette
) -> None:
    """Draw the chart from (0, 0) at `width`; chart_height says how tall it comes out."""
    g = _Geometry(rows, width, font)
    colours = chart_colours(palette)
    text, muted, rule = colours.text, colours.muted, colours.rule
    base = palette.color(QPalette.ColorRole.Base)
    top, bottom = g.header, g.height - g.axis
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bold = QFont(font)
    bold.setBold(True)
    small_bold = QFont(g.small)
    small_bold.setBold(True)
    painter.setFont(small_bold)
    bands = zip(PLACEMENT_BANDS, colours.band_fills, colours.band_labels, g.band_labels(),
                strict=True)  # fmt: skip
    for (low, high, _), fill, ink, (label_box, name) in bands:
        band = QRectF(g.x_of(low), top, g.x_of(high) - g.x_of(low), bottom - top)
        painter.fillRect(band, fill)
        painter.setPen(ink)
        painter.drawText(label_box, int(Qt.AlignmentFlag.AlignCenter), name)
    painter.setPen(QPen(base, 1.2))
    for tick in (1, 2):
        painter.drawLine(QLineF(g.x_of(tick), top, g.x_of(tick), bottom))
    painter.setFont(small_bold)
    painter.setPen(muted)
    painter.drawText(QRectF(g.value_x, 0, g.value_width, g.header - 2),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     "Mean stage")  # fmt: skip

    y = top
    for row, height in zip(rows, g.heights, strict=True):
        if row.overall:
            y += 6
            painter.setPen(QPen(text, 1.2))
            painter.drawLine(QLineF(0, y - 3, width, y - 3))
        middle = y + height / 2
        painter.setFont(bold if row.overall else font)
        painter.setPen(text)
        painter.drawText(QRectF(0, y, g.label_width, height), _WRAP, row.label)
        p = row.placement
        if p.mean is not None:
            bar_height = g.metrics.height() * (0.85 if row.overall else 0.7)
            bar = QRectF(g.plot_x, middle - bar_height / 2,
                         max(2.0, g.x_of(p.mean) - g.plot_x), bar_height)  # fmt: skip
            painter.fillRect(bar, colours.bar_overall if row.overall else colours.bar)
        value_box = QRectF(g.value_x, y + 4, g.value_width, height / 2 - 2)
        painter.drawText(value_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                         row.value)  # fmt: skip
        painter.setFont(g.small)
        painter.setPen(muted)
        counts_box = QRectF(g.value_x, middle + 1, g.value_width, height / 2 - 4)
        painter.drawText(counts_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         row.counts)  # fmt: skip
        if not row.overall:
            painter.setPen(QPen(rule, 0.8))
            painter.drawLine(QLineF(0, y + height, width, y + height))
        y += height

    painter.setPen(QPen(muted, 1))
    painter.drawLine(QLineF(g.plot_x, bottom, g.plot_x + g.plot_width, bottom))
    small = QFontMetricsF(g.small)
    painter.setFont(g.small)
    for stage in Stage:
        x = g.x_of(int(stage))
        painter.drawLine(QLineF(x, bottom, x, bottom + 4))
        painter.drawText(QRectF(x - 20, bottom + 4, 40, small.height()),
                         int(Qt.AlignmentFlag.AlignCenter), str(int(stage)))  # fmt: skip
    legend = QRectF(g.plot_x - 60, bottom + 4 + small.height(), g.plot_width + 120, small.height())
    painter.drawText(legend, int(Qt.AlignmentFlag.AlignCenter), AXIS_LEGEND)
    painter.restore()


class PlacementChart(QWidget):
    """The chart as a widget whose height follows its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChartRow] = []
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Placement chart")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can reach it

    @property
    def rows(self) -> list[ChartRow]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[ChartRow]) -> None:
        self._rows = list(rows)
        self.setAccessibleDescription(describe(self._rows))
        self.setToolTip(describe(self._rows))
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return chart_height(self._rows, width, self.font())

    def sizeHint(self) -> QSize:
        return QSize(720, self.heightForWidth(720))

    def minimumSizeHint(self) -> QSize:
        # Never so narrow that a stage name would have to be cut or overlap another.
        width = narrowest_width(self._rows, self.font())
        return QSize(width, self.heightForWidth(width))

    def band_labels(self) -> list[tuple[QRectF, str]]:
        """The stage names as painted at the current width."""
        return band_labels(self._rows, self.width(), self.font())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chart(painter, self._rows, self.width(), self.font(), self.palette())
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1,
                                Qt.PenStyle.DotLine))  # fmt: skip
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
