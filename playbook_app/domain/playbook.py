"""The playbook's content as immutable domain objects: levers, recommendations, key actions.

The records are NamedTuples: immutable, compared and hashed by value like frozen
dataclasses, and a tenth of the cost to define, which every start pays. For the
same reason their annotations are evaluated, not postponed: typing compiles each
annotation it is given as a string.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Control(StrEnum):
    """Who can move a key action forward."""

    DISTRICT = "district"
    SHARED = "shared"
    STATE = "state"

    @property
    def label(self) -> str:
        return _CONTROL_LABELS[self]


_CONTROL_LABELS = {
    Control.DISTRICT: "In the district's hands",
    Control.SHARED: "Needs partners",
    Control.STATE: "Depends on the state acting first",
}


class Step(NamedTuple):
    """One "how" step of a key action; a few steps carry sub-steps."""

    id: str
    text: str
    substeps: tuple["Step", ...] = ()


class Example(NamedTuple):
    """A program the playbook names, and the state it is in when the page gives one."""

    where: str  # "" when the page names no state ("Achievement First (letter to the community)")
    program: str

    @property
    def label(self) -> str:
        return f"{self.where}: {self.program}" if self.where else self.program


class KeyAction(NamedTuple):
    id: str
    number: str  # "1.2": recommendation number and position, for people
    title: str  # short, for lists and the agenda
    text: str  # the action as the playbook states it, in the pack's words
    steps: tuple[Step, ...]
    examples: tuple[Example, ...]
    resources: tuple[str, ...]
    default_control: Control

    def all_steps(self) -> Iterator[Step]:
        """Top-level steps and their sub-steps, in reading order."""
        for step in self.steps:
            yield step
            yield from step.substeps

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.all_steps())


class Recommendation(NamedTuple):
    id: str
    number: int
    title: str
    summary: str
    key_actions: tuple[KeyAction, ...]


class Lever(NamedTuple):
    """One way local system leaders advance education R&D."""

    id: str
    title: str
    text: str


class StateProgram(NamedTuple):
    """A state's innovation program, shown on the key actions it bears on."""

    state: str  # postal code, e.g. "KY"
    name: str
    summary: str
    action_ids: tuple[str, ...]


class ArticleSource(NamedTuple):
    """Where the state programs come from: an article, and the report it draws on."""

    title: str
    publisher: str
    author: str
    draws_on: str

    @property
    def credit(self) -> str:
        return (
            f"State programs: “{self.title}”, by {self.author}, {self.publisher}, "
            f"drawing on {self.draws_on}."
        )


class Source(NamedTuple):
    title: str
    publisher: str
    role: str
    url: str
    date_read: str

    @property
    def credit(self) -> str:
        return f"{self.title}, {self.role}. {self.publisher}. {self.url} (read {self.date_read})."


@dataclass(frozen=True)
class Playbook:
    id: str
    version: str
    title: str
    source: Source
    levers: tuple[Lever, ...]
    recommendations: tuple[Recommendation, ...]
    state_programs: tuple[StateProgram, ...] = ()
    programs_source: ArticleSource | None = None
    _actions: dict[str, KeyAction] = field(init=False, repr=False, compare=False)
    _owners: dict[str, Recommendation] = field(init=False, repr=False, compare=False)
    _order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        actions: dict[str, KeyAction] = {}
        owners: dict[str, Recommendation] = {}
        for rec in self.recommendations:
            for action in rec.key_actions:
                actions[action.id] = action
                owners[action.id] = rec
        object.__setattr__(self, "_actions", actions)
        object.__setattr__(self, "_owners", owners)
        object.__setattr__(self, "_order", {a: i for i, a in enumerate(actions)})

    @property
    def key_actions(self) -> tuple[KeyAction, ...]:
        """All key actions in playbook order."""
        return tuple(self._actions.values())

    @property
    def action_ids(self) -> tuple[str, ...]:
        return tuple(self._actions)

    def action(self, action_id: str) -> KeyAction:
        return self._actions[action_id]

    def has_action(self, action_id: str) -> bool:
        return action_id in self._actions

    def recommendation_of(self, action_id: str) -> Recommendation:
        return self._owners[action_id]

    def position(self, action_id: str) -> int:
        """0-based playbook order of a key action; ties in the agenda keep it."""
        return self._order[action_id]

    @property
    def credits(self) -> tuple[str, ...]:
        """Every source to credit, the playbook first."""
        extra = (self.programs_source.credit,) if self.programs_source else ()
        return (self.source.credit, *extra)

    def programs_for(self, state: str, action_id: str) -> tuple[StateProgram, ...]:
        return tuple(
            p for p in self.state_programs if p.state == state and action_id in p.action_ids
        )
