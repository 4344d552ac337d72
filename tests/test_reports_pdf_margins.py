"""Nothing on the PDF's first page runs past the right margin, whatever the name and the bands."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.pdfbase.pdfmetrics import stringWidth

from playbook_app.domain.assessment import AnswerKind, AssessmentRecord, Stage
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_pdf
from playbook_app.reports.pdf_agenda import MARGIN

LONG_NAME = (
    "Cedar Valley Unified School District of the Northern Tri-County Educational "
    "Cooperative Region and Consolidated Rural Schools"
)
Line = tuple[str, float, float]  # text, left edge, right edge (points)


def text_lines(data: bytes, page: int = 0) -> list[Line]:
    """Each printed line of a page with where it starts and ends, measured in its own font.

    pypdf hands over a line in pieces (one per font change) that share the line's origin;
    the pieces are measured one after another from that origin.
    """
    reader = PdfReader(io.BytesIO(data))
    pieces: list[tuple[str, float, float, str, float, bool]] = []

    def visit(
        text: str,
        cm: list[float],
        tm: list[float],
        font: DictionaryObject | None,
        size: float,
    ) -> None:
        if font is None or not text:
            return
        name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
        scale = cm[0] * tm[0]
        x = cm[0] * tm[4] + cm[4]
        y = cm[3] * tm[5] + cm[5]
        for n, part in enumerate(text.split("\n")):
            pieces.append((part, x, y, name, size * scale, n > 0))

    reader.pages[page].extract_text(visitor_text=visit)
    lines: list[Line] = []
    origin: tuple[float, float] | None = None
    for part, x, y, font, size, new_line in pieces:
        width = stringWidth(part, font, size)
        if new_line or origin != (x, y) or not lines:
            origin = (x, y)
            lines.append((part, x, x + width))
        else:
            text, left, right = lines[-1]
            lines[-1] = (text + part, left, right + width)
    return [line for line in lines if line[0].strip()]


def every_band(playbook: Playbook, record: AssessmentRecord) -> AssessmentRecord:
    """The demo's answers with each recommendation's ratings moved to one stage, in turn, so
    every band is someone's placement; unsure and not-applicable answers stay, and the last
    three key actions are left unanswered: the longest counts ("… 3 not answered")."""
    stage_of = {
        action.id: Stage(n % len(Stage))
        for n, rec in enumerate(playbook.recommendations)
        for action in rec.key_actions
    }
    blank = set(playbook.action_ids[-3:])
    responses = {
        key: response.with_changes(stage=stage_of[response.action])
        if response.answer is AnswerKind.RATED
        else response
        for key, response in record.responses.items()
        if response.action not in blank
    }
    return replace(record, responses=responses)


@pytest.mark.parametrize("participants", [1, 12])
def test_page_one_stays_inside_the_right_margin_with_a_long_name_and_every_band(
    playbook: Playbook, participants: int
) -> None:
    record = every_band(playbook, demo_record(playbook, participants=participants))
    record = replace(record, district=record.district._replace(name=LONG_NAME))
    data = agenda_pdf(record, playbook)
    reader = PdfReader(io.BytesIO(data))
    chart_page = next(
        n
        for n, page in enumerate(reader.pages)
        if "Where the district stands" in page.extract_text()
    )
    assert chart_page <= 1  # the summary opens the document
    for number in range(chart_page + 1):
        lines = text_lines(data, number)
        text = " ".join(t for t, _, _ in lines)
        assert "Cedar Valley Unified" in text
        limit = float(reader.pages[number].mediabox.width) - MARGIN
        over = [(t, round(right, 1)) for t, _, right in lines if right > limit + 0.01]
        assert over == [], f"page {number + 1}: past the right margin at {limit} pt"
        assert min(left for _, left, _ in lines) >= MARGIN - 0.01
    placed = [t for t, _, _ in text_lines(data, chart_page)]
    for stage in Stage:  # every band is used by a placement in the chart
        assert any(t.endswith(f"  {stage.label}") for t in placed), stage


def test_the_measure_sees_a_line_that_runs_past_the_margin(playbook: Playbook) -> None:
    """The check above can fail: a title too long for any line is measured past the edge."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    from playbook_app.reports.pdf_styles import FONT, register_fonts

    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=letter)
    canvas.setFont(FONT, 10)
    canvas.drawString(MARGIN, 700, "x" * 200)
    canvas.save()
    (line,) = text_lines(out.getvalue())
    assert line[1] == pytest.approx(MARGIN)
    assert line[2] == pytest.approx(MARGIN + stringWidth("x" * 200, FONT, 10))
