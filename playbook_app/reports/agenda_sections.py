"""The agenda's sections and items, assembled once for every output: PDF, Word, print, screen, text.

Which sections there are, in which order, under which heading and rule, which items each
lists and what is said of each item (and, as chosen, its notes) is decided here, from one
domain Agenda; each output only decides how it looks. Lines that carry a bold label are
(label, text) pairs; a label may be empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook_app.domain.agenda import Agenda, AgendaItem, Bucket
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.labels import (
    NO_ITEMS_TEXT,
    NOT_APPLICABLE_INTRO,
    NOT_APPLICABLE_TEXT,
    UNANSWERED_INTRO,
    UNANSWERED_TEXT,
    bucket_rule_text,
    nice_date,
    note_lines,
    origins,
    stage_detail,
    state_name,
    why_text,
)
from playbook_app.reports.notes import NotesChoice

Line = tuple[str, str]  # (bold label, text)

STEPS_LABEL = "Suggested next steps (playbook how-steps not yet done)"
NOT_APPLICABLE_KEY = "not_applicable"
UNANSWERED_KEY = "unanswered"


@dataclass(frozen=True)
class Group:
    """One section's heading, rule and items, before any words are chosen for the items."""

    key: str  # a Bucket value, or NOT_APPLICABLE_KEY / UNANSWERED_KEY
    title: str
    intro: str
    items: tuple[AgendaItem, ...]
    is_outside: bool = False


def agenda_groups(agenda: Agenda) -> list[Group]:
    """The agenda's sections in order: the five buckets, then not applicable and unanswered."""
    groups = [
        Group(bucket.value, bucket.label, bucket_rule_text(bucket), items)
        for bucket, items in agenda.by_bucket().items()
    ]
    groups.append(
        Group(
            NOT_APPLICABLE_KEY,
            NOT_APPLICABLE_TEXT,
            NOT_APPLICABLE_INTRO,
            agenda.not_applicable,
            is_outside=True,
        )
    )
    groups.append(
        Group(UNANSWERED_KEY, UNANSWERED_TEXT, UNANSWERED_INTRO, agenda.unanswered, is_outside=True)
    )
    return groups


@dataclass(frozen=True)
class ItemContent:
    """One agenda item as every format shows it."""

    action_id: str
    rank: str  # "3", or "–" outside the ranking
    number: str
    title: str
    stage: str
    recommendation: str  # its number
    why: Line  # ("Why here:", …); ("", …) for a moved item ("Moved here…") or one outside
    moved: bool
    listed: bool  # in a bucket: it has an owner, a target date, a status
    owner: str  # as typed; each format shows "not assigned" for none
    target_date: str  # written out short; each format shows "–" for none
    status: str
    lines: tuple[Line, ...]  # the task or next step, the state's programs
    steps: tuple[str, ...]  # suggested next steps; none for sustain or outside the buckets
    carried: bool = False  # on last year's agenda too, and not done then
    notes: tuple[str, ...] = ()  # participants' notes, as the notes choice allows


@dataclass(frozen=True)
class OutsideEntry:
    number: str
    title: str
    reason: str | None  # not-applicable items give theirs


@dataclass(frozen=True)
class Section:
    """A bucket of ranked items, or one of the two lists outside the ranking.

    `items` lists every item in full, outside ones too (print, screen and text show them
    so); `outside` is the short form the PDF and Word documents give the two lists.
    """

    key: str
    title: str
    intro: str
    items: tuple[ItemContent, ...] = ()
    outside: tuple[OutsideEntry, ...] = ()
    is_outside: bool = False

    @property
    def empty_text(self) -> str:
        return "None." if self.is_outside else NO_ITEMS_TEXT


def _item(
    item: AgendaItem,
    record: AssessmentRecord,
    playbook: Playbook,
    origin: str | None,
    carried: bool,
    notes: NotesChoice,
) -> ItemContent:
    mode = record.assessment.mode
    entry = item.entry
    listed = item.bucket is not None
    why = why_text(item, origin, mode)
    lines: list[Line] = []
    if item.bucket is Bucket.FIND_OUT:
        lines.append(("Task:", item.task_text(nice_date)))
    elif listed and entry.next_step.strip():
        lines.append(("Next step:", entry.next_step))
    if listed:
        for program in playbook.programs_for(record.district.state, item.action_id):
            lines.append((f"In {state_name(program.state)}:", program.name))
    steps = item.next_steps if listed and item.bucket is not Bucket.SUSTAIN else ()
    return ItemContent(
        action_id=item.action_id,
        rank=str(item.rank) if item.rank is not None else "–",
        number=item.key_action.number,
        title=item.key_action.title,
        stage=stage_detail(item.standing, mode),
        recommendation=str(item.recommendation.number),
        # why_text already begins "Moved here…" for a moved item: no label to say it twice.
        why=("Why here:", why) if listed and not item.moved else ("", why),
        moved=item.moved,
        listed=listed,
        owner=entry.owner,
        target_date=nice_date(entry.target_date, short=True),
        status=entry.status.label,
        lines=tuple(lines),
        steps=tuple(step.text for step in steps),
        carried=carried,
        notes=tuple(note_lines(item.standing, mode, notes)),
    )


def agenda_sections(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    carried: frozenset[str] = frozenset(),
    notes: NotesChoice = NotesChoice.OMIT,
) -> list[Section]:
    """The agenda's sections in the order of `agenda_groups`, each item worded once.

    `carried` names the key actions whose items carried over from the year before;
    `notes` says which of the participants' notes go with each item.
    """
    moved_from = origins(record, playbook, agenda)
    sections = []
    for group in agenda_groups(agenda):
        items = tuple(
            _item(
                i,
                record,
                playbook,
                moved_from.get(i.action_id),
                i.action_id in carried,
                notes,
            )
            for i in group.items
        )
        outside: tuple[OutsideEntry, ...] = ()
        if group.is_outside:
            outside = tuple(
                OutsideEntry(
                    i.key_action.number,
                    i.key_action.title,
                    _reason(i) if group.key == NOT_APPLICABLE_KEY else None,
                )
                for i in group.items
            )
        sections.append(
            Section(group.key, group.title, group.intro, items, outside, group.is_outside)
        )
    return sections


def _reason(item: AgendaItem) -> str:
    reasons = item.standing.reasons
    return "; ".join(reasons) if reasons else "no reason given"
