"""The Agenda screen, the printed agenda, the exported PDF and the `agenda` command list the same
sections, in the same order, with the same items: they all take them from one place."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers_agenda import open_agenda
from helpers_cli import run_app
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from playbook_app.domain.agenda import Agenda, Bucket, build_agenda
from playbook_app.domain.assessment import AgendaEntry, AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_pdf
from playbook_app.reports.agenda_content import AGENDA_TITLE
from playbook_app.reports.agenda_sections import agenda_sections
from playbook_app.storage import Store

Listing = list[tuple[str, list[str]]]  # (section title, key action numbers in order)


@pytest.fixture
def demo(data_dir: Path, playbook: Playbook) -> Iterator[tuple[Store, AssessmentRecord, Agenda]]:
    """The demo assessment, made by the `demo` command, with one item moved by the district."""
    made = run_app("demo", "--data-dir", str(data_dir))
    assert made.returncode == 0, made.stderr
    store = Store.open(data_dir)
    assessment_id = int(made.stdout.strip())
    record = store.load(assessment_id)
    moved = build_agenda(record, playbook).by_bucket()[Bucket.START_NOW][0].action_id
    store.save_agenda_entry(
        assessment_id,
        AgendaEntry(moved, bucket=Bucket.RAISE.value, bucket_reason="The state acts first"),
    )
    record = store.load(assessment_id)
    yield store, record, build_agenda(record, playbook)
    store.close()


def _expected(record: AssessmentRecord, playbook: Playbook, agenda: Agenda) -> Listing:
    return [
        (section.title, [item.number for item in section.items])
        for section in agenda_sections(record, playbook, agenda)
    ]


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _find_in_order(
    text: str, expected: Listing, titles: dict[str, str], heading: Callable[[str, int], str]
) -> Listing:
    """The listing as found in `text`: each heading, then each item's "number title", in turn.

    A section or item missing, or out of order, is left out of the result.
    """
    found: Listing = []
    at = 0
    for title, numbers in expected:
        where = text.find(heading(title, len(numbers)), at)
        if where < 0:
            continue
        at = where
        found.append((title, []))
        for number in numbers:
            where = text.find(f"{number} {titles[number]}", at)
            if where >= 0:
                at = where
                found[-1][1].append(number)
    return found


def test_screen_print_pdf_and_command_list_the_same_sections_and_items(
    qtbot: QtBot,
    data_dir: Path,
    playbook: Playbook,
    demo: tuple[Store, AssessmentRecord, Agenda],
    open_window: Callable[..., Any],
) -> None:
    from playbook_app.ui.agenda.agenda_print import agenda_document

    store, record, agenda = demo
    expected = _expected(record, playbook, agenda)
    assert [title for title, _ in expected][-2:] == ["Not applicable", "Not yet answered"]
    assert sum(len(numbers) for _, numbers in expected) == len(playbook.action_ids)
    assert any(item.moved for item in agenda.items)
    titles = {a.number: _flat(a.title) for a in playbook.key_actions}

    # The screen.
    window = open_window(store)
    view = open_agenda(qtbot, window)
    number = {a.id: a.number for a in playbook.key_actions}
    on_screen = [(t, [number[i] for i in ids]) for t, ids in view.listed_sections()]
    assert on_screen == expected

    # The print: "Title · count", then "rank. number title" for each item.
    printed = _flat(agenda_document(record, playbook, agenda).toPlainText())
    assert _find_in_order(printed, expected, titles, lambda t, n: f"{t} · {n}") == expected

    # The PDF, read back: the agenda part, between its heading and Appendix A.
    reader = PdfReader(io.BytesIO(agenda_pdf(record, playbook, agenda=agenda)))
    pdf = _flat(" ".join(page.extract_text() for page in reader.pages))
    pdf = pdf[pdf.index(AGENDA_TITLE) : pdf.index("Appendix A.")]
    intros = {s.title: _flat(s.intro) for s in agenda_sections(record, playbook, agenda)}
    found = _find_in_order(pdf, expected, titles, lambda t, n: f"{t} {intros[t][:40]}")
    assert found == expected

    # The `agenda` command's text: unindented section titles, indented "rank. number title".
    run = run_app("agenda", "--data-dir", str(data_dir), "--assessment", str(record.assessment.id))
    assert run.returncode == 0, run.stderr
    headings = {title for title, _ in expected}
    listed: Listing = []
    for line in run.stdout.splitlines():
        if line in headings:
            listed.append((line, []))
        elif listed and (match := re.match(r"^ +(?:\d+\.|-) (\S+) ", line)):
            listed[-1][1].append(match[1])
    assert listed == expected


def test_an_empty_section_says_so_in_the_same_words_everywhere(
    qtbot: QtBot,
    data_dir: Path,
    playbook: Playbook,
    demo: tuple[Store, AssessmentRecord, Agenda],
    open_window: Callable[..., Any],
) -> None:
    from playbook_app.ui.agenda.agenda_print import agenda_document

    store, record, agenda = demo
    empty = [s for s in agenda_sections(record, playbook, agenda) if not s.items]
    assert any(s.is_outside for s in empty)  # every key action is answered in the demo

    view = open_agenda(qtbot, open_window(store))
    printed = _flat(agenda_document(record, playbook, agenda).toPlainText())
    run = run_app("agenda", "--data-dir", str(data_dir), "--assessment", str(record.assessment.id))
    command = run.stdout.splitlines()
    for section in empty:
        shown = view._sections[section.key].empty
        assert shown.text() == section.empty_text and not shown.isHidden()
        assert f"{section.title} · 0 {_flat(section.intro)} {section.empty_text}" in printed
        after = command[command.index(section.title) + 1]
        assert after.strip() == section.empty_text
