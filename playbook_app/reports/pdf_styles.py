"""Fonts, colours, paragraph styles and text escaping for the agenda PDF.

The DejaVu Sans family is registered once per process and embedded (as a
subset) in every PDF, so names outside Latin-1 print. Styles are built once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from playbook_app.paths import resources_dir
from playbook_app.reports.labels import ReportError

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

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
    """User or content text made safe for a Paragraph: printed literally, line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return escape(_CONTROL_CHARS.sub("", text)).replace("\n", "<br/>")


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks its lines once per width.

    Platypus asks a paragraph for its size several times at the same width
    (keep-with-next groups, table rows measured and then drawn); line breaking
    is the costliest step of a build, and its answer depends on the width only.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


def plain(text: str) -> str:
    """Text for a plain drawn string (not a Paragraph): one line, no control characters."""
    return " ".join(_CONTROL_CHARS.sub("", text).split())


_registered = False


def register_fonts(font_dir: Path | None = None) -> None:
    """Register DejaVu Sans (regular, bold, oblique) as one family; once per process."""
    global _registered
    if _registered:
        return
    folder = font_dir if font_dir is not None else resources_dir() / "fonts"
    for name, file_name in _FONT_FILES.items():
        path = folder / file_name
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as error:  # reportlab raises several kinds for a missing or bad file
            raise ReportError(f"The report font {path} could not be loaded ({error}).") from None
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    _registered = True


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
