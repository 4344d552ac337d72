"""Builders shared by the GUI tests: a stored assessment to open a window on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store

if TYPE_CHECKING:
    from playbook_app.ui.safety.safety import Safety


def make_assessment(
    store: Store,
    playbook: Playbook,
    state: str = "KY",
    *,
    team: tuple[tuple[str, str], ...] = (),
) -> int:
    """An assessment stored directly, for tests that start past the first-run form.

    Solo by default; `team` (name, role pairs) makes a team assessment of those people.
    """
    from playbook_app.domain.assessment import Assessment, District, Mode, Participant
    from playbook_app.storage import new_uid

    people = team or (("Dr. Ana Ruiz", "Superintendent"),)
    record = store.create_assessment(
        District(name="Cedar Valley USD", state=state),
        Assessment(
            uid=new_uid(),
            label="Fall 2026 cabinet retreat" if team else "Fall 2026 readiness review",
            date="2026-11-22",
            playbook_id=playbook.id,
            playbook_version=playbook.version,
            mode=Mode.TEAM if team else Mode.SOLO,
        ),
        [Participant(uid=new_uid(), name=name, role=role) for name, role in people],
    )
    assert record.assessment.id is not None
    return record.assessment.id


def safety_of(window: object) -> Safety:
    """The backups-and-warnings feature a main window was given (ui/safety/safety.py)."""
    from playbook_app.ui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow)
    return window.features.safety
