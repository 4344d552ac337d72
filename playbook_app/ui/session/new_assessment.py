"""What the New assessment form hands the session: the district, the assessment and its people."""

from __future__ import annotations

from dataclasses import dataclass

from playbook_app.domain.assessment import Assessment, District, Participant


@dataclass(frozen=True)
class NewAssessment:
    """What the form produces, ready for Session.create_assessment."""

    district: District
    assessment: Assessment
    participants: list[Participant]
