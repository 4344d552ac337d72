"""The assessment model: district, assessment, participants, responses, consensus, agenda items.

The records are NamedTuples for the reason given in domain/playbook.py; the
mutable AssessmentRecord that gathers them stays a dataclass.
"""

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import NamedTuple

from playbook_app.domain.playbook import Control


class Stage(IntEnum):
    """ALI's self-assessment stages, with this app's "not yet started" floor."""

    NOT_STARTED = 0
    EMERGING = 1
    DEVELOPING = 2
    ADVANCING = 3

    @property
    def key(self) -> str:
        return self.name.lower()

    @classmethod
    def from_key(cls, key: str) -> "Stage":
        return cls[key.upper()]

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self][0]

    @property
    def descriptor(self) -> str:
        return _STAGE_LABELS[self][1]


STAGES_ORIGIN = (
    "Emerging, Developing and Advancing are the stages ALI's own self-assessment uses; "
    "Not yet started is this app's addition."
)

_STAGE_LABELS = {
    Stage.NOT_STARTED: ("Not yet started", "We have not begun this work in any deliberate way."),
    Stage.EMERGING: (
        "Emerging",
        "Early or isolated efforts have begun, led by a few people.",
    ),
    Stage.DEVELOPING: (
        "Developing",
        "Deliberate work is under way across parts of the system, not yet routine.",
    ),
    Stage.ADVANCING: (
        "Advancing",
        "Established, system-wide practice that we review, improve and share.",
    ),
}


class AnswerKind(StrEnum):
    RATED = "rated"
    UNSURE = "unsure"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {
            AnswerKind.RATED: "Rated",
            AnswerKind.UNSURE: "Unsure, we need to find out",
            AnswerKind.NOT_APPLICABLE: "Not applicable",
        }[self]


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Mode(StrEnum):
    SOLO = "solo"
    TEAM = "team"


class Status(StrEnum):
    NOT_STARTED = "not_started"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Locale(StrEnum):
    RURAL = "rural"
    TOWN = "town"
    SUBURBAN = "suburban"
    CITY = "city"


IMPORTANCE_LABELS = {1: "Low", 2: "Medium", 3: "High"}
EFFORT_LABELS = {1: "Light", 2: "Moderate", 3: "Heavy"}
DEFAULT_CAPACITY = 3
CAPACITY_RANGE = (1, 20)  # what the district profile stores (the schema checks it too)

# The 50 states, DC and the territories, by postal code.
STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico", "VI": "U.S. Virgin Islands",
}  # fmt: skip


class District(NamedTuple):
    name: str
    state: str
    locale: Locale | None = None
    size: str = ""  # free text, e.g. "1,200 students"
    capacity: int = DEFAULT_CAPACITY  # how many actions the district can start at once
    id: int | None = None


class Participant(NamedTuple):
    uid: str
    name: str
    role: str = ""


class Assessment(NamedTuple):
    uid: str
    label: str
    date: str  # ISO date
    playbook_id: str
    playbook_version: str
    mode: Mode
    id: int | None = None
    district_id: int | None = None
    follows: str | None = None  # uid of the assessment this one follows (last year's)


# What a person edits on an answer; who, which action and when are its identity and stamp.
EDITABLE_FIELDS = (
    "answer",
    "stage",
    "reason",
    "steps_done",
    "importance",
    "effort",
    "control",
    "confidence",
    "note",
)


class Response(NamedTuple):
    """One participant's answer on one key action; any field may still be blank."""

    participant: str  # participant uid
    action: str  # key action id
    answer: AnswerKind | None = None
    stage: Stage | None = None
    reason: str = ""  # why not applicable
    steps_done: frozenset[str] = frozenset()
    importance: int | None = None
    effort: int | None = None
    control: Control | None = None
    confidence: Confidence | None = None
    note: str = ""
    updated_at: str = ""

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def rated_stage(self) -> Stage | None:
        """The stage that counts for scoring: only a rated answer has one."""
        return self.stage if self.answer is AnswerKind.RATED else None

    def with_changes(self, **changes: object) -> "Response":
        return self._replace(**changes)  # type: ignore[arg-type]

    def changed_from(self, before: "Response") -> frozenset[str]:
        """The fields a person edits that differ from `before` (timestamps aside)."""
        return frozenset(
            name for name in EDITABLE_FIELDS if getattr(self, name) != getattr(before, name)
        )

    def is_blank(self) -> bool:
        return self == Response(self.participant, self.action, updated_at=self.updated_at)


class Consensus(NamedTuple):
    action: str
    stage: Stage
    rationale: str = ""
    updated_at: str = ""


class AgendaEntry(NamedTuple):
    """What the district records against an action on its agenda."""

    action: str
    owner: str = ""
    target_date: str = ""
    next_step: str = ""
    status: Status = Status.NOT_STARTED
    bucket: str | None = None  # a user override of the computed bucket
    bucket_reason: str = ""
    updated_at: str = ""


class AssessmentSummary(NamedTuple):
    """One line of the assessment list."""

    id: int
    uid: str
    label: str
    organization: str
    state: str
    date: str
    mode: Mode
    answered: int
    total: int


@dataclass
class AssessmentRecord:
    """An assessment with everything recorded against it."""

    assessment: Assessment
    district: District
    participants: list[Participant]
    responses: dict[tuple[str, str], Response] = field(default_factory=dict)
    consensus: dict[str, Consensus] = field(default_factory=dict)
    agenda: dict[str, AgendaEntry] = field(default_factory=dict)

    def response(self, participant: str, action: str) -> Response:
        return self.responses.get((participant, action)) or Response(participant, action)

    def answered_count(self, participant: str, action_ids: tuple[str, ...]) -> int:
        return sum(1 for a in action_ids if self.response(participant, a).answered)
