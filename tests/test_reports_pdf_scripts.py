"""Every script a user can type prints legibly in the agenda PDF, read back with pypdf.

CJK prints in the PDF's standard CID fonts and is in the text layer; Hebrew
and Arabic read in logical order; emoji become a visible mark; no character
is drawn in a font that has no glyph for it (an empty box on paper).
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.demo import demo_record
from playbook_app.domain.limits import CUT_MARK, NOTE_MAX
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import NotesChoice, agenda_pdf
from playbook_app.reports.pdf_fonts import CJK_FONTS, FONT, FONT_BOLD, FONT_ITALIC, covered
from playbook_app.reports.pdf_text import MARK, cjk_font

CHINESE = "北京市第一学区"
JAPANESE = "ひらがなとカタカナの学校"
KOREAN = "서울 교육청"
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
EMOJI = "👍🏽 🎉 👨‍👩‍👧"
DISTRICT = f"{CHINESE} {HEBREW} 🏫"
OWNER = f"{KOREAN} {ARABIC}"
NEXT_STEP = f"{JAPANESE} ✅ {HEBREW}"
NOTE = f"{CHINESE}。{JAPANESE}、{KOREAN}\n{HEBREW}, {ARABIC} {EMOJI}"
CMAPS = Path("/usr/share/poppler/cMap")
CMAP_FILES = {
    "STSong-Light": "Adobe-GB1/UniGB-UCS2-H",
    "HeiseiMin-W3": "Adobe-Japan1/UniJIS-UCS2-H",
    "HYSMyeongJo-Medium": "Adobe-Korea1/UniKS-UCS2-H",
}


def _record(playbook: Playbook) -> AssessmentRecord:
    record = demo_record(playbook)
    first = next(i for i in build_agenda(record, playbook).items if i.bucket is not Bucket.FIND_OUT)
    person = record.participants[0].uid
    responses = dict(record.responses)
    responses[(person, first.action_id)] = record.response(person, first.action_id).with_changes(
        note=NOTE
    )
    agenda = dict(record.agenda)
    entry = agenda[first.action_id]
    agenda[first.action_id] = entry._replace(owner=OWNER, next_step=NEXT_STEP)
    return replace(
        record,
        district=record.district._replace(name=DISTRICT),
        responses=responses,
        agenda=agenda,
    )


@pytest.fixture(scope="module")
def pdf(playbook: Playbook) -> bytes:
    # Notes are printed only when chosen; the note here is what carries most scripts.
    return agenda_pdf(_record(playbook), playbook, notes=NotesChoice.WITHOUT_NAMES)


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Arabic prints in its joined (presentation) forms; NFKC reads them as letters again.
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


def _drawn(data: bytes) -> dict[str, set[str]]:
    """Every character drawn, by the name of the font that draws it."""
    drawn: dict[str, set[str]] = {}

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if font is not None and text:
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            drawn.setdefault(name, set()).update(text)

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return drawn


def _cid_coverage(font: str) -> set[int] | None:
    """The code points the Adobe CMap of a CID font maps to a glyph, where poppler-data is."""
    path = CMAPS / CMAP_FILES[font]
    if not path.exists():
        return None
    data = path.read_text(encoding="latin-1")
    codes: set[int] = set()
    for block in re.findall(r"begincidrange(.*?)endcidrange", data, re.S):
        for start, end, cid in re.findall(r"<(\w+)>\s*<(\w+)>\s*(\d+)", block):
            if int(cid):
                codes.update(range(int(start, 16), int(end, 16) + 1))
    for block in re.findall(r"begincidchar(.*?)endcidchar", data, re.S):
        for code, cid in re.findall(r"<(\w+)>\s*(\d+)", block):
            if int(cid):
                codes.add(int(code, 16))
    return codes


def test_cjk_text_is_in_the_pdf_text(pdf: bytes) -> None:
    text = " ".join(_text(pdf).split())
    for words in (CHINESE, JAPANESE, KOREAN):
        assert words in text
    assert "\x00" not in text


def test_hebrew_and_arabic_read_in_logical_order(pdf: bytes) -> None:
    text = " ".join(_text(pdf).split())
    assert HEBREW in text
    assert ARABIC in text
    assert f"{HEBREW}, {ARABIC}" in text  # one line of both scripts keeps its order too


def test_emoji_print_as_a_visible_mark(pdf: bytes) -> None:
    text = _text(pdf)
    assert MARK in text
    assert not any(ord(c) > 0xFFFF for c in text)
    # The note's three emoji are three marks: the family, joined by zero-width
    # joiners, is one, and the thumb's skin tone adds none.
    (line,) = [line for line in text.splitlines() if f"{HEBREW}, {ARABIC}" in line]
    assert line.count(MARK) == 3


def test_no_character_is_drawn_in_a_font_without_its_glyph(pdf: bytes) -> None:
    drawn = _drawn(pdf)
    assert set(drawn) >= {FONT, FONT_BOLD, "STSong-Light", "HYSMyeongJo-Medium"}
    for font, chars in drawn.items():
        if font in CJK_FONTS:
            codes = _cid_coverage(font)
            for char in {c for c in chars if not c.isspace()}:
                assert cjk_font(char) == font, (font, char)
                assert codes is None or ord(char) in codes, (font, char)
        else:
            assert font in (FONT, FONT_BOLD, FONT_ITALIC), font
            missing = {c for c in chars if ord(c) not in covered(font) and not c.isspace()}
            assert not missing, (font, missing)


def test_an_old_over_long_note_prints_cut_with_a_mark(playbook: Playbook) -> None:
    record = demo_record(playbook)
    first = build_agenda(record, playbook).items[0].action_id
    person = record.participants[0].uid
    record.responses[(person, first)] = record.response(person, first).with_changes(
        note="Start. " + "Middle words here. " * 700 + "The very end."
    )
    text = " ".join(_text(agenda_pdf(record, playbook, notes=NotesChoice.WITHOUT_NAMES)).split())
    assert "Start. Middle words here." in text
    assert unicodedata.normalize("NFKC", CUT_MARK.strip()) in text
    assert "The very end." not in text
    assert len("Middle words here. " * 700) > NOTE_MAX
