"""Colours, paragraph styles and text escaping for the agenda PDF.

Fonts live in pdf_fonts (registered once per process); every user or content
string reaches a Paragraph through `esc`, which picks a font for each script
(pdf_text). Styles are built once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from playbook_app.reports.pdf_fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from playbook_app.reports.pdf_text import frags_have_rtl, markup, restyle_frags, visual_lines

__all__ = ["FONT", "FONT_BOLD", "FONT_ITALIC", "register_fonts"]

INK = colors.HexColor("#1c2733")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#5a6673")
RULE = colors.HexColor("#c5ced8")
SHADE = colors.HexColor("#eef2f7")
MOVED_HEX = "#8a5300"
HIGHLIGHT = colors.HexColor("#fff4d6")
BAR = colors.HexColor("#2f6199")
BAR_OVERALL = colors.HexColor("#173a5e")
BANDS = (  # Emerging, Developing, Advancing
    colors.HexColor("#f6ead2"),
    colors.HexColor("#dde9f6"),
    colors.HexColor("#d9eedc"),
)

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: str) -> str:
    """User or content text made safe for a Paragraph: printed literally, line breaks kept.

    Each script gets a font that has it (CJK in the PDF's CID fonts); what no
    font has prints as a visible mark, never as an empty box.
    """
    return markup(text)


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks its lines once per width.

    Platypus asks a paragraph for its size several times at the same width
    (keep-with-next groups, table rows measured and then drawn); line breaking
    is the costliest step of a build, and its answer depends on the width only.
    """

    _wrapped_at: float | None = None
    frags: list[Any]
    blPara: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frags = restyle_frags(self.frags)
        # Wrapping empties the fragments' text: note now whether any is right to left.
        self.has_rtl = frags_have_rtl(self.frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def drawPara(self, debug: Any = 0) -> None:
        # Laid out in reading order; right-to-left runs turn round only as each line is drawn.
        shown = visual_lines(self)
        if shown is None:
            super().drawPara(debug)
            return
        laid_out = self.blPara
        self.blPara = shown
        try:
            super().drawPara(debug)
        finally:
            self.blPara = laid_out


def plain(text: str) -> str:
    """Text for a plain drawn string (not a Paragraph): one line, no control characters."""
    return " ".join(_CONTROL_CHARS.sub("", text).split())


@dataclass(frozen=True)
class Styles:
    kicker: ParagraphStyle
    title: ParagraphStyle
    district: ParagraphStyle
    lead: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    group: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    rule_text: ParagraphStyle
    bucket_rule: ParagraphStyle
    intro: ParagraphStyle
    item_title: ParagraphStyle
    item_line: ParagraphStyle
    item_after: ParagraphStyle
    step: ParagraphStyle
    steps_label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_label: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    appendix_title: ParagraphStyle
    appendix_line: ParagraphStyle
    bullet: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    base = ParagraphStyle(
        "base", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, allowWidows=0
    )

    def make(name: str, **kw: object) -> ParagraphStyle:
        parent = kw.pop("parent", base)
        return ParagraphStyle(name, parent=parent, **kw)

    body = make("body", spaceAfter=4)
    small = make("small", fontSize=8.5, leading=11)
    h1 = make(
        "h1",
        fontName=FONT_BOLD,
        fontSize=16,
        leading=20,
        textColor=ACCENT,
        spaceBefore=4,
        spaceAfter=8,
        keepWithNext=1,
    )
    cell = make("cell", fontSize=8.5, leading=10.5)
    return Styles(
        kicker=make("kicker", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=4),
        title=make(
            "title", fontName=FONT_BOLD, fontSize=22, leading=26, textColor=ACCENT, spaceAfter=8
        ),
        district=make("district", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=3),
        lead=make("lead", fontSize=10.5, leading=14.5, spaceAfter=2),
        h1=h1,
        h2=make(
            "h2",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        group=make(
            "group",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=body,
        small=small,
        muted=make("muted", parent=small, textColor=MUTED),
        rule_text=make(
            "rule_text", fontName=FONT_ITALIC, fontSize=8, leading=10.5, textColor=MUTED
        ),
        bucket_rule=make(
            "bucket_rule",
            fontName=FONT_ITALIC,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            spaceAfter=6,
            keepWithNext=1,
        ),
        intro=make(
            "intro", fontName=FONT_ITALIC, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=6
        ),
        item_title=make(
            "item_title",
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13.5,
            leftIndent=26,
            bulletIndent=0,
            bulletFontName=FONT_BOLD,
            bulletFontSize=10.5,
            bulletColor=ACCENT,
            spaceBefore=7,
            spaceAfter=1,
            keepWithNext=1,
        ),
        item_line=make("item_line", fontSize=8.5, leading=11, leftIndent=26, spaceAfter=3),
        item_after=make(
            "item_after", fontSize=8.5, leading=11, leftIndent=26, spaceBefore=2.5, spaceAfter=1
        ),
        step=make(
            "step",
            fontSize=8.5,
            leading=10.8,
            leftIndent=38,
            bulletIndent=28,
            bulletFontName=FONT,
            bulletFontSize=8.5,
            spaceAfter=1,
        ),
        steps_label=make(
            "steps_label",
            fontName=FONT_BOLD,
            fontSize=8,
            leading=10.5,
            leftIndent=26,
            textColor=MUTED,
            spaceBefore=3,
            keepWithNext=1,
        ),
        cell=cell,
        cell_bold=make("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_label=make("cell_label", parent=cell, fontSize=7, leading=8.5, textColor=MUTED),
        cell_center=make("cell_center", parent=cell, alignment=TA_CENTER),
        cell_right=make("cell_right", parent=cell, alignment=TA_RIGHT),
        appendix_title=make(
            "appendix_title",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=6,
            keepWithNext=1,
        ),
        appendix_line=make("appendix_line", fontSize=8.5, leading=11, leftIndent=10),
        bullet=make(
            "bullet",
            fontSize=8.5,
            leading=11,
            leftIndent=12,
            bulletIndent=2,
            bulletFontName=FONT,
            bulletFontSize=8.5,
            spaceAfter=3,
        ),
    )
