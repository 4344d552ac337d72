"""How the agenda PDF reads on paper: headings stay with their items, dates are written out."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import AgendaEntry, AnswerKind, AssessmentRecord
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_pdf


def pages(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("participants", [1, 8])
def test_every_bucket_heading_shares_a_page_with_its_first_item(
    playbook: Playbook, participants: int
) -> None:
    record = demo_record(playbook, participants=participants)
    agenda = build_agenda(record, playbook)
    text = pages(agenda_pdf(record, playbook, agenda=agenda))
    appendix = next(n for n, t in enumerate(text) if "Appendix A. Every answer" in t)
    agenda_pages = text[1:appendix]
    for bucket, items in agenda.by_bucket().items():
        if not items:
            continue
        first = items[0].key_action
        title = " ".join(f"{first.number} {first.title}".split())
        holding = [t for t in agenda_pages if bucket.label in t and title in t]
        assert holding, f"{bucket.label} is printed apart from its first item {first.number}"


def test_a_find_out_task_writes_its_date_in_words(playbook: Playbook) -> None:
    record = demo_record(playbook)
    person = record.participants[0].uid
    action = playbook.action_ids[0]
    responses = dict(record.responses)
    responses[(person, action)] = record.response(person, action).with_changes(
        answer=AnswerKind.UNSURE, stage=None
    )
    agenda = dict(record.agenda)
    agenda[action] = AgendaEntry(action=action, target_date="2027-04-30", next_step="Ask Jo.")
    changed: AssessmentRecord = replace(record, responses=responses, agenda=agenda)
    item = build_agenda(changed, playbook).item(action)
    assert item.bucket is Bucket.FIND_OUT
    text = " ".join(pages(agenda_pdf(changed, playbook)))
    title = " ".join(playbook.action(action).title.split())
    assert f"Task: Find out by April 30, 2027 where the district stands on {title}: Ask Jo." in text
    assert "Find out by 2027-04-30" not in text
    # The CSV and the command line keep the date as stored, for sorting.
    assert item.task.startswith("Find out by 2027-04-30 ")
