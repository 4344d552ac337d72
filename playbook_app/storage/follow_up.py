"""Next year's review in the store: starting a follow-up, the year before, the line of years."""

from __future__ import annotations

from collections.abc import Collection

from playbook_app.domain.assessment import (
    Assessment,
    AssessmentRecord,
    Mode,
    Participant,
)
from playbook_app.domain.followup import carried_forward
from playbook_app.domain.limits import NAME_MAX
from playbook_app.domain.years import lineage
from playbook_app.storage.database import StorageError
from playbook_app.storage.repository import Store
from playbook_app.storage.rows import new_uid


def default_label(previous: AssessmentRecord) -> str:
    return f"Follow-up to {previous.assessment.label}"[:NAME_MAX]


def start_follow_up(
    store: Store,
    assessment_id: int,
    *,
    date: str,
    playbook: tuple[str, str],
    label: str = "",
    keep: Collection[str] | None = None,
) -> int:
    """Start next year's review of an assessment; returns the new assessment's id.

    The new assessment follows the old one and shares its district (profile and
    capacity). It lists the people of `keep` (participant uids; None: everyone),
    under new ids as every assessment's people are its own, and takes over every
    agenda item not marked done. Answers start empty. One transaction.
    """
    previous = store.load(assessment_id)
    people = [
        Participant(uid=new_uid(), name=p.name, role=p.role)
        for p in previous.participants
        if keep is None or p.uid in keep
    ]
    if not people:
        raise StorageError("Keep at least one person for next year's review; nothing was made.")
    old = previous.assessment
    mode = Mode.TEAM if old.mode is Mode.TEAM and len(people) > 1 else Mode.SOLO
    assessment = Assessment(
        uid=new_uid(),
        label=" ".join(label.split())[:NAME_MAX] or default_label(previous),
        date=date,
        playbook_id=playbook[0],
        playbook_version=playbook[1],
        mode=mode,
        follows=old.uid,
    )
    with store.change():
        created = store.create_assessment(previous.district, assessment, people)
        new_id = created.assessment.id
        assert new_id is not None
        for entry in carried_forward(previous):
            store.save_agenda_entry(new_id, entry)
    return new_id


def predecessor_id(store: Store, record: AssessmentRecord) -> int | None:
    """The stored id of the assessment this one follows, or None (follows none, or not here)."""
    follows = record.assessment.follows
    return None if follows is None else store.assessment_id_for_uid(follows)


def years_of(store: Store, assessment_id: int) -> list[int]:
    """The ids of the assessments this one descends from, oldest first, itself last."""
    uid = store.load_uid(assessment_id)
    ids = []
    for each in lineage(uid, store.follows_map()):
        found = store.assessment_id_for_uid(each)
        if found is not None:
            ids.append(found)
    return ids


def line_of_years(store: Store, record: AssessmentRecord) -> list[AssessmentRecord]:
    """This record and the stored ones it descends from, oldest first (itself last)."""
    assert record.assessment.id is not None
    ids = years_of(store, record.assessment.id)
    return [store.load(i) for i in ids[:-1]] + [record]
