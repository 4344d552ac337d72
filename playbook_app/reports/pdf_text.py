"""Any text a user can type, made printable: a font per script, Arabic letters joined,
right-to-left runs in reading order, and a visible mark where no font has a glyph.

Text is laid out (measured and broken into lines) in logical order; each line
is turned into visual order only when it is drawn, so the lines of a long
Hebrew or Arabic note keep their reading order from top to bottom.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import (
    PARAGRAPH_LEVELS,
    apply_mirroring,
    explicit_embed_and_overrides,
    get_base_level,
    get_embedding_levels,
    get_empty_storage,
    reorder_resolved_levels,
    resolve_implicit_levels,
    resolve_neutral_types,
    resolve_weak_types,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

from playbook_app.domain.limits import clean
from playbook_app.reports.pdf_fonts import (
    CJK_CHINESE,
    CJK_JAPANESE,
    CJK_KOREAN,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    covered,
)

# U+FFFD REPLACEMENT CHARACTER: the sign readers know for "a character was here".
MARK = "\ufffd"
_SAME = ""  # a character the paragraph's own font (any style of DejaVu Sans) prints
_DROP = None  # a character that only adjusts its neighbour (an emoji's skin tone, say)

# The CJK blocks each CID font covers in full (checked against the Adobe CMaps).
_CJK = sorted(
    [
        (0x3000, 0x3003, CJK_CHINESE),
        (0x3005, 0x3017, CJK_CHINESE),
        (0x3041, 0x3093, CJK_CHINESE),
        (0x30A1, 0x30F6, CJK_CHINESE),
        (0x30FB, 0x30FE, CJK_CHINESE),
        (0x3131, 0x318E, CJK_KOREAN),
        (0x3400, 0x4DB5, CJK_CHINESE),
        (0x4E00, 0x9FA5, CJK_CHINESE),
        (0xAC00, 0xD7A3, CJK_KOREAN),
        (0xFF01, 0xFF5E, CJK_CHINESE),
        (0xFF61, 0xFF9F, CJK_JAPANESE),
    ]
)
_CJK_STARTS = [start for start, _, _ in _CJK]
# Joiners, variation selectors, skin tones and tags: parts of an emoji sequence.
_EMOJI_PARTS = re.compile("[\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Keep the user's vowel marks: dropping them would change what they wrote.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})

Run = tuple[str, str]  # (font name, or _SAME for the surrounding font; text)


def cjk_font(char: str) -> str | None:
    """The CID font that has `char`, if it is a CJK character."""
    code = ord(char)
    n = bisect.bisect_right(_CJK_STARTS, code) - 1
    if n >= 0 and code <= _CJK[n][1]:
        return _CJK[n][2]
    return None


@lru_cache(maxsize=4096)
def font_for(char: str) -> str | None:
    """The font that prints `char`: _SAME, a fallback font's name, or _DROP; MARK if none."""
    if char == "\n":
        return _SAME
    if _EMOJI_PARTS.match(char):
        return _DROP
    if ord(char) > 0xFFFF:
        # DejaVu has a few emoji, but reportlab writes a broken text layer for any
        # character past U+FFFF: print the mark, which copies and searches as itself.
        return MARK
    cjk = cjk_font(char)
    if cjk is not None:
        return cjk
    return _SAME if ord(char) in covered(FONT) else MARK


@lru_cache(maxsize=1)
def _every_style() -> frozenset[int]:
    return covered(FONT) & covered(FONT_BOLD) & covered(FONT_ITALIC)


def is_plain(text: str) -> bool:
    """True if every DejaVu style prints `text` as it is, left to right."""
    every_style = _every_style()
    return not has_rtl(text) and all(ord(c) in every_style for c in text)


def _in_regular_where_missing(font: str, text: str) -> list[Run]:
    """`text` in `font`, except the characters a bold or oblique face lacks: in the regular."""
    if font not in (FONT_BOLD, FONT_ITALIC):
        return [(font, text)]
    has = covered(font)
    return [
        (font if present else FONT, "".join(group))
        for present, group in groupby(text, key=lambda c: ord(c) in has or c == MARK)
    ]


def frags_have_rtl(frags: list[Any]) -> bool:
    """True if a parsed Paragraph may hold right-to-left text (read before it is wrapped)."""
    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or has_rtl(text):
            return True
    return False


def restyle_frags(frags: list[Any]) -> list[Any]:
    """A parsed Paragraph's fragments, split where a bold or oblique face lacks a character.

    The oblique face has no Arabic at all: such a letter prints upright rather
    than as an empty box.
    """
    result = []
    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or hasattr(frag, "cbDefn") or text.isascii():
            result.append(frag)
            continue
        pieces = _in_regular_where_missing(frag.fontName, text)
        if len(pieces) == 1:
            result.append(frag)
        else:
            result += [frag.clone(fontName=face, text=run) for face, run in pieces]
    return result


def runs(text: str) -> list[Run]:
    """Printable runs of `text` in logical order: Arabic joined, unprintable characters marked.

    Control characters go; an emoji sequence (joined by zero-width joiners,
    with skin tones or variation selectors) becomes one MARK.
    """
    text = clean(text, multiline=True).replace("\t", " ")
    if text.isascii():  # most text: DejaVu has every printable ASCII character
        return [(_SAME, text)] if text else []
    text = _marked(text)
    if _ARABIC.search(text):
        # After marking: the reshaper drops the joiners that hold an emoji sequence together.
        text = _RESHAPER.reshape(text)
    return [(face or _SAME, "".join(group)) for face, group in groupby(text, font_for)]


def _marked(text: str) -> str:
    """`text` with MARK for each character no font prints, and the parts of emoji dropped."""
    out: list[str] = []
    joining = False
    for char in text:
        face = font_for(char)
        if face is _DROP:
            joining = joining or char == "\u200d"
            continue
        if not (face == MARK and joining and out and out[-1] == MARK):
            out.append(MARK if face == MARK else char)
        joining = False
    return "".join(out)


def markup(text: str) -> str:
    """`text` as Paragraph markup: escaped, line breaks kept, each run in a font that has it."""
    out = []
    for face, run in runs(text):
        shown = escape(run).replace("\n", "<br/>")
        out.append(f'<font face="{face}">{shown}</font>' if face else shown)
    return "".join(out)


# Reading order -----------------------------------------------------------------------


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def visual_order(text: str, base: str | None = None) -> list[tuple[int, str]]:
    """(logical index, character) of `text` in the order to draw it, left to right.

    The Unicode bidirectional algorithm, with brackets mirrored; `base` is "L"
    or "R", or None to take it from the first strong character.
    """
    storage: dict[str, Any] = get_empty_storage()
    level = PARAGRAPH_LEVELS[base] if base else get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    get_embedding_levels(text, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    explicit_embed_and_overrides(storage, False)
    resolve_weak_types(storage, False)
    resolve_neutral_types(storage, False)
    resolve_implicit_levels(storage, False)
    reorder_resolved_levels(storage, False)
    apply_mirroring(storage, False)
    order = [(char["index"], char["ch"]) for char in storage["chars"]]
    return _marks_after_base(order)


def _marks_after_base(order: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A reversed run puts a vowel mark before its letter; put it back after, where it is drawn."""
    result: list[tuple[int, str]] = []
    waiting: list[tuple[int, str]] = []
    for item in order:
        if unicodedata.combining(item[1]):
            waiting.append(item)
            continue
        if waiting and waiting[0][0] > item[0]:
            result += [item, *waiting]
        else:
            result += [*waiting, item]
        waiting = []
    return result + waiting


def visual_runs(pieces: Sequence[Run], base: str | None = None) -> list[Run]:
    """One line's runs (logical order) regrouped in drawing order, each keeping its font."""
    text = "".join(t for _, t in pieces)
    owner = [n for n, (_, t) in enumerate(pieces) for _ in t]
    order = visual_order(text, base)
    return [
        (pieces[n][0], "".join(c for _, c in group))
        for n, group in groupby(order, key=lambda item: owner[item[0]])
    ]


def paragraph_base(lines: Sequence[str]) -> str:
    """A paragraph's direction, from its first strong character: "L" unless that is RTL."""
    return ("L", "R")[get_base_level("".join(lines))]


# Lines drawn straight on the canvas ----------------------------------------------------


def line_runs(text: str, font: str) -> list[Run]:
    """One line of `text` as runs with the name of the font that draws each, `font` mostly."""
    one_line = " ".join(text.split())
    pieces = [(_resolve(face, font), run) for face, run in runs(one_line)]
    return [piece for face, run in pieces for piece in _in_regular_where_missing(face, run)]


def _resolve(face: str, font: str) -> str:
    return font if face == _SAME else face


def runs_width(pieces: Sequence[Run], size: float) -> float:
    return float(sum(stringWidth(run, face, size) for face, run in pieces))


def fit_runs(pieces: Sequence[Run], size: float, width: float) -> list[Run]:
    """The runs cut, with an ellipsis, to fit `width`."""
    if runs_width(pieces, size) <= width:
        return list(pieces)
    kept: list[Run] = []
    room = width - stringWidth("…", FONT, size)
    for face, run in pieces:
        for end in range(len(run), -1, -1):
            if stringWidth(run[:end], face, size) <= room:
                break
        if end:
            kept.append((face, run[:end]))
        room -= stringWidth(run[:end], face, size)
        if end < len(run):
            break
    if kept:
        face, last = kept[-1]
        kept[-1] = (face, last.rstrip(" ,;:"))
    return [*kept, (FONT, "…")]


def draw_runs(canvas: Any, x: float, y: float, pieces: Sequence[Run], size: float, *,
              right: bool = False) -> None:  # fmt: skip
    """Draw one line at `x` (its right end at `x` when `right`), in reading order."""
    shown = visual_runs(pieces) if has_rtl("".join(t for _, t in pieces)) else list(pieces)
    if right:
        x -= runs_width(shown, size)
    for face, run in shown:
        canvas.setFont(face, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, face, size)


# Paragraphs ------------------------------------------------------------------------------


def visual_lines(para: Any) -> Any | None:
    """A wrapped Paragraph's lines (its blPara) in drawing order, or None if none needs it."""
    if not getattr(para, "has_rtl", True):
        return None
    bl = para.blPara
    if bl.kind == 0:
        texts = [" ".join(words) for _, words in bl.lines]
    else:
        texts = ["".join(getattr(f, "text", "") for f in line.words) for line in bl.lines]
    if not any(has_rtl(text) for text in texts):
        return None
    base = paragraph_base(texts)
    if bl.kind == 0:
        lines = [
            (space, ["".join(c for _, c in visual_order(text, base))] if has_rtl(text) else words)
            for (space, words), text in zip(bl.lines, texts, strict=True)
        ]
    else:
        lines = [
            _visual_frag_line(line, base) if has_rtl(text) else line
            for line, text in zip(bl.lines, texts, strict=True)
        ]
    return bl.clone(lines=lines)


def _visual_frag_line(line: Any, base: str) -> Any:
    frags = line.words
    if any(hasattr(f, "cbDefn") or not isinstance(getattr(f, "text", None), str) for f in frags):
        return line  # an image or a callback in the line: leave it as laid out
    text = "".join(f.text for f in frags)
    owner = [n for n, f in enumerate(frags) for _ in f.text]
    words = [
        frags[n].clone(text="".join(c for _, c in group))
        for n, group in groupby(visual_order(text, base), key=lambda item: owner[item[0]])
    ]
    return line.clone(words=words)
