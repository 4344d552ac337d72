"""The agenda PDF's "Since last time" page, and the chart of the years when there are three or more.

The words come from reports/since.py, as on the command line and in the window;
every one goes through `esc` before it reaches a Paragraph. The chart's strings
are drawn, not parsed, and the table after it gives the same figures as text.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_BANDS
from playbook_app.domain.years import HistoryPoint, Years
from playbook_app.reports.labels import nice_date
from playbook_app.reports.pdf_styles import (
    BANDS,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    Para,
    Styles,
    esc,
)
from playbook_app.reports.since import SINCE_TITLE, headline, overall_line, sections, short_mean

_FILLS = (colors.HexColor("#ececec"), *BANDS)  # Not yet started, then as the summary chart
OVER_TIME_TITLE = "Each recommendation over the years"
# Eight lines that stay apart in print and for the common kinds of colour blindness.
_PALETTE = tuple(
    colors.HexColor(h)
    for h in (
        "#1f4e79",
        "#d55e00",
        "#009e73",
        "#cc79a7",
        "#0072b2",
        "#8a5300",
        "#56b4e9",
        "#333333",
    )
)


def since_page(years: Years, playbook: Playbook, s: Styles, width: float) -> list[Flowable]:
    """The page itself; empty when the assessment follows none that is here."""
    c = years.comparison
    if c is None:
        return []
    story: list[Flowable] = [
        Para(esc(SINCE_TITLE), s.h1),
        Para(f"<b>{esc(headline(c))}</b><br/>{esc(overall_line(c))}", s.body),
        Para(
            "What moved compares each key action's stage (the agreed stage, in a team, else the "
            "median) with last time's. Unsure, not applicable and unanswered have no stage "
            "to compare.",
            s.rule_text,
        ),
    ]
    for section in sections(c, playbook):
        lines = [Para(esc(line), s.step, bulletText="•") for line in section.lines]
        story.append(
            KeepTogether(
                [Para(esc(section.title), s.h2), *(lines or [Para(esc(section.empty), s.muted)])]
            )
        )
    if years.chart:
        story += over_time(years.history, playbook, s, width)
    return story


def over_time(
    points: tuple[HistoryPoint, ...], playbook: Playbook, s: Styles, width: float
) -> list[Flowable]:
    """The chart of each recommendation's mean stage per assessment, then the same as a table."""
    numbers = {r.id: r.number for r in playbook.recommendations}
    heads = [f"{p.side.label}\n{nice_date(p.side.date, short=True)}" for p in points]
    rows: list[list[object]] = [
        [
            Para("<b>Recommendation</b>", s.cell),
            *(Para(esc(h).replace("\n", "<br/>"), s.cell) for h in heads),
        ]
    ]
    for rec in playbook.recommendations:
        means = [short_mean(p.placement(rec.id)) for p in points]
        rows.append(
            [
                Para(f"{rec.number}. {esc(rec.title)}", s.cell),
                *(Para(m, s.cell) for m in means),
            ]
        )
    rows.append(
        [
            Para("<b>Overall</b>", s.cell),
            *(Para(f"<b>{short_mean(p.overall)}</b>", s.cell) for p in points),
        ]
    )
    first = width * 0.45
    table = Table(
        rows, colWidths=[first] + [(width - first) / len(points)] * len(points), repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, RULE),
            ]
        )
    )
    return [
        KeepTogether(
            [
                Para(esc(OVER_TIME_TITLE), s.h2),
                Para(
                    "Mean stage of each recommendation (0 Not yet started to 3 Advancing) in each "
                    "assessment of this line of years, oldest first; the table gives the same "
                    "figures.",
                    s.rule_text,
                ),
                Spacer(1, 4),
                _chart(points, numbers, width),
            ]
        ),
        Spacer(1, 6),
        table,
        Spacer(1, 2),
        Para("The number at the end of each line is its recommendation.", s.muted),
        Para(
            " ".join(f"{numbers[r.id]}: {esc(r.title)}." for r in playbook.recommendations), s.muted
        ),
    ]


def _chart(points: tuple[HistoryPoint, ...], numbers: dict[str, int], width: float) -> Drawing:
    height = 170.0
    left, right, bottom, top = 28.0, 30.0, 30.0, 8.0
    plot_w, plot_h = width - left - right, height - bottom - top
    d = Drawing(width, height)

    def y_of(mean: float) -> float:
        return bottom + plot_h * mean / 3.0

    for (low, high, _), shade in zip(PLACEMENT_BANDS, _FILLS, strict=True):
        d.add(
            Rect(left, y_of(low), plot_w, y_of(high) - y_of(low), fillColor=shade, strokeColor=None)
        )
    for stage in range(4):
        d.add(
            Line(left, y_of(stage), left + plot_w, y_of(stage), strokeColor=RULE, strokeWidth=0.4)
        )
        d.add(
            String(
                left - 6,
                y_of(stage) - 3,
                str(stage),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    step = plot_w / max(1, len(points) - 1)
    xs = [left + i * step for i in range(len(points))]
    for x, p in zip(xs, points, strict=True):
        d.add(
            String(
                x,
                bottom - 12,
                nice_date(p.side.date, short=True),
                fontName=FONT,
                fontSize=7,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    ends: list[tuple[float, float, int, colors.Color]] = []
    for n, (rec_id, number) in enumerate(numbers.items()):
        colour = _PALETTE[n % len(_PALETTE)]
        series = [(x, p.mean(rec_id)) for x, p in zip(xs, points, strict=True)]
        known = [(x, y_of(m)) for x, m in series if m is not None]
        if len(known) > 1:
            d.add(PolyLine([v for xy in known for v in xy], strokeColor=colour, strokeWidth=1.4))
        for x, y in known:
            d.add(Circle(x, y, 1.8, fillColor=colour, strokeColor=colour))
        if known:
            ends.append((known[-1][1], known[-1][0], number, colour))
    # Lines often end at the same mean: their numbers are spread apart so each stays legible.
    placed = -1e9
    for y, x, number, colour in sorted(ends, key=lambda e: (e[0], e[2])):
        placed = max(y - 3, placed + 8)
        d.add(String(x + 5, placed, str(number), fontName=FONT_BOLD, fontSize=7, fillColor=colour))
    return d
