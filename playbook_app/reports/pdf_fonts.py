"""The report's fonts: DejaVu Sans, shipped and embedded, and the PDF's standard CJK fonts.

DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic (the oblique
face has no Arabic, and the bold face lacks a few rare letters: such
characters print in the regular face, see pdf_text). Chinese,
Japanese and Korean print in the CID fonts every PDF reader provides (the
Adobe CJK collections), which take no font file and no space in the PDF.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

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
CJK_CHINESE = "STSong-Light"  # Adobe-GB1: every unified ideograph, kana, CJK punctuation
CJK_JAPANESE = "HeiseiMin-W3"  # Adobe-Japan1: half-width katakana
CJK_KOREAN = "HYSMyeongJo-Medium"  # Adobe-Korea1: all 11,172 Hangul syllables
CJK_FONTS = (CJK_CHINESE, CJK_JAPANESE, CJK_KOREAN)

_registered = False


def font_file(name: str, font_dir: Path | None = None) -> Path:
    """The TrueType file of one of the report's DejaVu faces."""
    folder = font_dir if font_dir is not None else resources_dir() / "fonts"
    return folder / _FONT_FILES.get(name, _FONT_FILES[FONT])


def register_fonts(font_dir: Path | None = None) -> None:
    """Register DejaVu Sans (regular, bold, oblique) as one family and the CJK fonts; once."""
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
    for name in CJK_FONTS:
        pdfmetrics.registerFont(UnicodeCIDFont(name))
        # One face for every style: <b> or <i> around such text keeps it printable.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    _registered = True


@lru_cache(maxsize=4)
def covered(name: str) -> frozenset[int]:
    """The code points a registered DejaVu face has a glyph for."""
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)
