"""Builders shared by the GUI tests: a stored assessment to open a window on."""

from __future__ import annotations

from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store


def make_assessment(store: Store, playbook: Playbook, state: str = "KY") -> int:
    """A solo assessment stored directly, for tests that start past the first-run form."""
    from playbook_app.domain.assessment import Assessment, District, Mode, Participant
    from playbook_app.storage import new_uid

    record = store.create_assessment(
        District(name="Cedar Valley USD", state=state),
        Assessment(
            uid=new_uid(),
            label="Fall 2026 readiness review",
            date="2026-11-22",
            playbook_id=playbook.id,
            playbook_version=playbook.version,
            mode=Mode.SOLO,
        ),
        [Participant(uid=new_uid(), name="Dr. Ana Ruiz", role="Superintendent")],
    )
    assert record.assessment.id is not None
    return record.assessment.id
