"""The summary chart: mean stage per recommendation and overall, over the placement bands.

One reportlab.graphics Drawing with a few shapes per row: the bands behind,
one bar per recommendation, the wrapped titles on the left and the mean and
placement on the right. Drawn strings are not parsed as markup, so titles and
labels print literally without escaping.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Recommendation
from playbook_app.domain.scoring import PLACEMENT_BANDS, Placement
from playbook_app.reports.band_labels import spread_labels
from playbook_app.reports.labels import placement_counts, placement_value
from playbook_app.reports.pdf_styles import (
    BANDS,
    BAR,
    BAR_OVERALL,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
)

MAX_STAGE = 3.0
_BAND_FILLS = (colors.HexColor("#ececec"), *BANDS)  # Not yet started, then the styles' three
_BAND_TEXT = (
    colors.HexColor("#4a4f55"),
    colors.HexColor("#7a5a17"),
    colors.HexColor("#1f4e79"),
    colors.HexColor("#2e6b37"),
)

_LABEL_SIZE = 7.8
_LABEL_LEADING = 9.0
_GAP = 10.0
_VALUE_SIZE = 8.0
_COUNTS_SIZE = 6.5
_COUNTS_LEADING = 7.5
_BAND_LABEL_SIZE = 6.5
_VALUE_MIN = 76.0
_HEADER = 16.0
_AXIS = 27.0
_MIN_ROW = 20.0
_BAR_HEIGHT = 9.0


def summary_chart(
    overall: Placement,
    per_recommendation: Sequence[tuple[Recommendation, Placement]],
    width: float,
) -> Drawing:
    """Horizontal bars of mean stage (0-3), one per recommendation and one overall.

    Everything is drawn within `width`: the value column is as wide as its widest
    placement ("0.00  Not yet started"), and longer counts wrap inside it.
    """
    label_width = round(width * 0.4)
    value_width = max(
        _VALUE_MIN,
        *(float(stringWidth(f"0.00  {stage.label}", FONT_BOLD, _VALUE_SIZE)) for stage in Stage),
    )
    plot_x = label_width + _GAP
    plot_width = width - plot_x - value_width - _GAP
    value_x = plot_x + plot_width + _GAP

    rows: list[tuple[list[str], Placement, bool, list[str]]] = []
    for rec, placement in per_recommendation:
        lines = simpleSplit(f"{rec.number}. {rec.title}", FONT, _LABEL_SIZE, label_width)
        rows.append((lines, placement, False, _counts_lines(placement, value_width)))
    rows.append((["All key actions (overall)"], overall, True, _counts_lines(overall, value_width)))
    heights = [
        max(_MIN_ROW, len(lines) * _LABEL_LEADING + 6, 13 + len(counts) * _COUNTS_LEADING)
        for lines, _, _, counts in rows
    ]
    height = _HEADER + sum(heights) + 4 + _AXIS
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # not Helvetica: the PDF uses one embedded family
    drawing.initialFontSize = _LABEL_SIZE

    def x_of(value: float) -> float:
        return plot_x + plot_width * value / MAX_STAGE

    plot_top = height - _HEADER
    plot_bottom = _AXIS
    names = [stage.label for _, _, stage in PLACEMENT_BANDS]
    name_widths = [float(stringWidth(n, FONT_BOLD, _BAND_LABEL_SIZE)) for n in names]
    centers = [(x_of(low) + x_of(high)) / 2 for low, high, _ in PLACEMENT_BANDS]
    lefts = spread_labels(centers, name_widths, 0.0, value_x - _GAP, 4.0)
    if lefts is None:  # a page this narrow is not made; keep the names whole regardless
        lefts = [c - w / 2 for c, w in zip(centers, name_widths, strict=True)]
    for (low, high, _), fill, ink, name, left in zip(
        PLACEMENT_BANDS, _BAND_FILLS, _BAND_TEXT, names, lefts, strict=True
    ):
        drawing.add(
            Rect(x_of(low), plot_bottom, x_of(high) - x_of(low), plot_top - plot_bottom,
                 fillColor=fill, strokeColor=None)
        )  # fmt: skip
        drawing.add(
            String(left, plot_top + 4.5, name, fontName=FONT_BOLD, fontSize=_BAND_LABEL_SIZE,
                   fillColor=ink)
        )  # fmt: skip
    for tick in (1, 2):
        drawing.add(
            Line(x_of(tick), plot_bottom, x_of(tick), plot_top,
                 strokeColor=colors.white, strokeWidth=0.8)
        )  # fmt: skip
    drawing.add(String(value_x, plot_top + 4.5, "Mean stage", fontName=FONT_BOLD, fontSize=7,
                       fillColor=MUTED))  # fmt: skip

    top = plot_top
    for (lines, placement, is_overall, counts), row_height in zip(rows, heights, strict=True):
        bottom = top - row_height
        if is_overall:
            bottom -= 4
            top -= 4
            drawing.add(Line(0, top + 2, width, top + 2, strokeColor=INK, strokeWidth=0.8))
        else:
            drawing.add(Line(0, bottom, width, bottom, strokeColor=RULE, strokeWidth=0.4))
        middle = (top + bottom) / 2
        font = FONT_BOLD if is_overall else FONT
        first = middle + (len(lines) - 1) * _LABEL_LEADING / 2 - _LABEL_SIZE * 0.35
        for n, line in enumerate(lines):
            drawing.add(
                String(0, first - n * _LABEL_LEADING, line, fontName=font,
                       fontSize=_LABEL_SIZE, fillColor=INK)
            )  # fmt: skip
        bar_height = _BAR_HEIGHT + (2 if is_overall else 0)
        if placement.mean is not None and placement.placement is not None:
            bar_width = max(2.0, x_of(placement.mean) - plot_x)
            drawing.add(
                Rect(plot_x, middle - bar_height / 2, bar_width, bar_height,
                     fillColor=BAR_OVERALL if is_overall else BAR, strokeColor=None)
            )  # fmt: skip
        value_y = middle + 1.5 + (len(counts) - 1) * _COUNTS_LEADING / 2
        drawing.add(
            String(value_x, value_y, placement_value(placement),
                   fontName=FONT_BOLD if is_overall else FONT, fontSize=_VALUE_SIZE, fillColor=INK)
        )  # fmt: skip
        for n, line in enumerate(counts):
            drawing.add(
                String(value_x, value_y - 9 - n * _COUNTS_LEADING, line, fontName=FONT,
                       fontSize=_COUNTS_SIZE, fillColor=MUTED)
            )  # fmt: skip
        top = bottom

    axis_y = plot_bottom
    drawing.add(Line(plot_x, axis_y, plot_x + plot_width, axis_y, strokeColor=MUTED,
                     strokeWidth=0.6))  # fmt: skip
    for stage in Stage:
        x = x_of(int(stage))
        drawing.add(Line(x, axis_y, x, axis_y - 3, strokeColor=MUTED, strokeWidth=0.6))
        drawing.add(
            String(x, axis_y - 11, str(int(stage)), fontName=FONT, fontSize=7,
                   fillColor=MUTED, textAnchor="middle")
        )  # fmt: skip
    drawing.add(
        String(plot_x + plot_width / 2, axis_y - 22,
               "0 Not yet started · 1 Emerging · 2 Developing · 3 Advancing",
               fontName=FONT, fontSize=6.5, fillColor=MUTED, textAnchor="middle")
    )  # fmt: skip
    return drawing


def _counts_lines(placement: Placement, width: float) -> list[str]:
    """What the placement was taken from, wrapped to the value column."""
    lines: list[str] = simpleSplit(placement_counts(placement), FONT, _COUNTS_SIZE, width)
    return lines or [""]
