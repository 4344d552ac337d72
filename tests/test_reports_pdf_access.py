"""The agenda PDF for assistive technology: language, a title the reader shows, bookmarks."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from playbook_app.domain.agenda import build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_pdf
from playbook_app.reports.labels import REPORT_TITLE


@pytest.fixture(scope="module", params=[1, 3], ids=["solo", "team"])
def record(playbook: Playbook, request: pytest.FixtureRequest) -> AssessmentRecord:
    return demo_record(playbook, participants=request.param)


@pytest.fixture(scope="module")
def reader(record: AssessmentRecord, playbook: Playbook) -> PdfReader:
    return PdfReader(io.BytesIO(agenda_pdf(record, playbook)))


def _flat(outline: list[Any], reader: PdfReader, depth: int = 0) -> list[tuple[int, str, int]]:
    """(depth, title, page index) for every bookmark, in order."""
    found: list[tuple[int, str, int]] = []
    for entry in outline:
        if isinstance(entry, list):
            found += _flat(entry, reader, depth + 1)
        else:
            found.append((depth, str(entry.title), reader.get_destination_page_number(entry)))
    return found


def test_the_pdf_declares_its_language_and_a_title_the_reader_shows(
    reader: PdfReader, record: AssessmentRecord
) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert reader.metadata is not None
    assert reader.metadata.title == f"{REPORT_TITLE}: {record.district.name}"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_the_pdf_has_bookmarks_for_its_sections_each_on_its_own_page(
    reader: PdfReader, record: AssessmentRecord, playbook: Playbook
) -> None:
    marks = _flat(reader.outline, reader)
    titles = [title for _, title, _ in marks]
    for wanted in (
        "Who took part",
        "Where the district stands",
        "The action agenda",
        "Start now (next 90 days)",
        "Not applicable",
        "Appendix A. Every answer",
        "Appendix B. How the agenda is built",
        "Appendix C. Content credit",
    ):
        assert wanted in titles
    # Every ranked item has its own bookmark, in agenda order, under its bucket.
    agenda = build_agenda(record, playbook)
    ranked = [f"{i.rank}. {i.key_action.number} {i.key_action.title}" for i in agenda.items]
    assert [t for t in titles if t in ranked] == ranked
    pages = [page.extract_text() or "" for page in reader.pages]
    for depth, title, page in marks:
        heading = title.split(". ", 1)[-1] if title[0].isdigit() else title.split(":")[0]
        words = " ".join(pages[page].split())
        assert " ".join(heading.split()[:3]) in words, (title, page)
        assert depth <= 2
    # A bookmark on every page would mean they all point at one page.
    assert len({page for _, _, page in marks}) > 5
