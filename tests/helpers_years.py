"""A district's line of yearly assessments on a real database, each year rated from a demo."""

from __future__ import annotations

from datetime import date

from playbook_app.domain.assessment import Status
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.storage.follow_up import start_follow_up


def rate_like_demo(store: Store, assessment_id: int, playbook: Playbook, seed: int) -> None:
    """Give the assessment's people the answers (and agreed stages) of a demo of this seed."""
    record = store.load(assessment_id)
    demo = demo_record(playbook, participants=max(2, len(record.participants)), seed=seed)
    people = dict(zip((p.uid for p in demo.participants), record.participants, strict=False))
    with store.change():
        for response in demo.responses.values():
            if response.participant in people:
                uid = people[response.participant].uid
                store.save_response(response.with_changes(participant=uid))
        if len(record.participants) > 1:
            for consensus in demo.consensus.values():
                store.save_consensus(assessment_id, consensus)


def make_years(store: Store, playbook: Playbook, count: int, people: int = 4) -> list[int]:
    """`count` yearly assessments of one district, each following the last, all rated;
    the first year's first agenda item is marked done."""
    first = store.add_record(demo_record(playbook, participants=people, seed=1))
    record = store.load(first)
    done = sorted(record.agenda)[0]
    store.save_agenda_entry(first, record.agenda[done]._replace(status=Status.DONE))
    ids = [first]
    for year in range(1, count):
        new = start_follow_up(
            store,
            ids[-1],
            date=date(2026 + year, 11, 20).isoformat(),
            playbook=(playbook.id, playbook.version),
            label=f"Fall {2026 + year} retreat",
        )
        rate_like_demo(store, new, playbook, seed=1 + year)
        ids.append(new)
    return ids
