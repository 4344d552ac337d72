"""Words shared by every printed form of the agenda: the PDF, the CSV and the command line.

No reportlab here: the CSV and the command line use these without loading it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from playbook_app.domain.agenda import Agenda, AgendaItem, Bucket, build_agenda
from playbook_app.domain.assessment import (
    EFFORT_LABELS,
    IMPORTANCE_LABELS,
    STATES,
    AnswerKind,
    AssessmentRecord,
    District,
    Mode,
    Response,
    Stage,
)
from playbook_app.domain.dates import parse_iso_date
from playbook_app.domain.limits import NOTE_MAX, cut
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import Placement, Rating, Standing
from playbook_app.reports.notes import NotesChoice

APP_CREDIT = "Playbook Readiness"
PLAYBOOK_LINE = "State Education R&D Playbook · Local System Leaders"
REPORT_TITLE = "Prioritized action agenda"
UNSURE_TEXT = "Unsure"
NOT_APPLICABLE_TEXT = "Not applicable"
UNANSWERED_TEXT = "Not yet answered"
NO_CONSENSUS_TEXT = "no consensus yet"
NOT_APPLICABLE_INTRO = (
    "Key actions the district marked as not applicable, with its reasons. They count in no score."
)
UNANSWERED_INTRO = (
    "Key actions nobody has answered yet. They count in no score until they are answered."
)
NO_ITEMS_TEXT = "No key actions here."
CARRIED_OVER_TEXT = "Carried over from last time (not done then)."
NO_PREDECESSOR_TEXT = (
    "This assessment follows one that is not on this computer, so what moved since then "
    "cannot be shown; import that assessment's packet to see it."
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


class ReportError(Exception):
    """A report could not be made (for instance, its font is missing); the message says why."""


def state_name(code: str) -> str:
    """The full name of a state or territory; an unknown code prints as given."""
    return STATES.get(code, code)


def parse_iso(text: str) -> date | None:
    return parse_iso_date(text.strip())


def nice_date(text: str, *, short: bool = False) -> str:
    """ "2026-11-22" as "November 22, 2026" (or "Nov 22, 2026"); anything else as given."""
    day = parse_iso(text)
    if day is None:
        return text.strip()
    month = _MONTHS[day.month - 1]
    return f"{month[:3] if short else month} {day.day}, {day.year}"


def _answer_label(answer: AnswerKind | None, stage: Stage | None) -> str:
    if answer is AnswerKind.RATED and stage is not None:
        return stage.label
    if answer is AnswerKind.UNSURE:
        return UNSURE_TEXT
    if answer is AnswerKind.NOT_APPLICABLE:
        return NOT_APPLICABLE_TEXT
    return UNANSWERED_TEXT


def stage_text(standing: Standing) -> str:
    """The key action's stage as one label, or why it has none."""
    return _answer_label(standing.answer, standing.stage)


def stage_detail(standing: Standing, mode: Mode) -> str:
    """The stage with how it was reached in team mode ("Emerging (median, no consensus yet)")."""
    text = stage_text(standing)
    if mode is Mode.TEAM and standing.consensus_pending:
        return f"{text} (median, {NO_CONSENSUS_TEXT})"
    if mode is Mode.TEAM and standing.consensus is not None:
        return f"{text} (agreed by the team)"
    return text


def answer_text(response: Response) -> str:
    """One participant's own answer on a key action."""
    return _answer_label(response.answer, response.stage)


def rating_code(rating: Rating) -> str:
    """A participant's answer in one or two characters, for the side-by-side spread."""
    if rating.stage is not None:
        return str(int(rating.stage))
    if rating.answer is AnswerKind.UNSURE:
        return "?"
    if rating.answer is AnswerKind.NOT_APPLICABLE:
        return "n/a"
    return "–"


RATING_CODES_LEGEND = (
    "0 Not yet started · 1 Emerging · 2 Developing · 3 Advancing · ? unsure · "
    "n/a not applicable · – not yet answered"
)


def importance_text(value: int | None) -> str:
    return IMPORTANCE_LABELS.get(value, "") if value is not None else ""


def effort_text(value: int | None) -> str:
    return EFFORT_LABELS.get(value, "") if value is not None else ""


def notes(standing: Standing, mode: Mode) -> list[tuple[str, str]]:
    """(name, note) for every participant who wrote one, in participant order.

    A note an older version let grow past NOTE_MAX is cut there, with a mark.
    """
    people = standing.ratings if mode is Mode.TEAM else standing.ratings[:1]
    return [(r.name, cut(r.note.strip(), NOTE_MAX)) for r in people if r.note.strip()]


def note_lines(standing: Standing, mode: Mode, choice: NotesChoice) -> list[str]:
    """The notes to print for one key action, as chosen: none, bare, or "Name: note" (team)."""
    if not choice.included:
        return []
    written = notes(standing, mode)
    if mode is Mode.TEAM and choice is NotesChoice.WITH_NAMES:
        return [f"{name}: {note}" for name, note in written]
    return list(dict.fromkeys(note for _, note in written))


def notes_text(standing: Standing, mode: Mode, choice: NotesChoice) -> str:
    """The chosen notes, one per line; empty when notes are left out."""
    return "\n".join(note_lines(standing, mode, choice))


def next_step_text(item: AgendaItem) -> str:
    """What the district recorded as the next step; a find-out item's task says it all."""
    if item.bucket is Bucket.FIND_OUT:
        return item.task
    return item.entry.next_step.strip()


def origins(record: AssessmentRecord, playbook: Playbook, agenda: Agenda) -> dict[str, str]:
    """For every item the district moved: the section the rules alone would list it under."""
    moved = [i.action_id for i in agenda.items if i.moved]
    if not moved:
        return {}
    unmoved = replace(
        record,
        agenda={k: v._replace(bucket=None, bucket_reason="") for k, v in record.agenda.items()},
    )
    computed = build_agenda(unmoved, playbook, [i.standing for i in agenda.all_items()])
    return {action_id: computed.item(action_id).section for action_id in moved}


def moved_text(item: AgendaItem, origin: str | None) -> str:
    """ "Moved here from Plan for this year by the district: reason"."""
    source = f" from {origin}" if origin and origin != item.section else ""
    why = " ".join(item.entry.bucket_reason.split())
    return f"Moved here{source} by the district" + (f": {why}" if why else "")


def why_text(item: AgendaItem, origin: str | None, mode: Mode) -> str:
    """Why the item sits where it does, in one line, next to a stage line from stage_detail."""
    if item.moved:
        return moved_text(item, origin)
    if mode is Mode.TEAM and item.standing.consensus_pending:
        # The stage line already says so.
        return item.reason.removesuffix(f"; {NO_CONSENSUS_TEXT}")
    return item.reason


def bucket_rule_text(bucket: Bucket) -> str:
    """The bucket's rule without its leading name, for under a heading that names it."""
    rule = bucket.rule.split(": ", 1)[-1]
    return rule[:1].upper() + rule[1:]


def profile_line(district: District) -> str:
    """ "Kentucky · rural · 1,850 students"."""
    profile = [state_name(district.state)]
    if district.locale is not None:
        profile.append(district.locale.value)
    if district.size.strip():
        profile.append(district.size.strip())
    return " · ".join(profile)


def mode_line(record: AssessmentRecord) -> str:
    count = len(record.participants)
    if record.assessment.mode is Mode.TEAM:
        return f"Team assessment, {count} participant{'s' if count != 1 else ''}"
    return "Self-assessment"


def placement_headline(overall: Placement) -> tuple[str, str, str]:
    """The overall placement sentence as (before, the placement itself, after), to emphasise."""
    if overall.placement is None or overall.mean is None:
        return "Overall placement: ", "not yet placed", "; no key action is rated yet."
    rated = f"{overall.rated} rated key action{'s' if overall.rated != 1 else ''}"
    return (
        "Overall placement: ",
        overall.placement.label,
        f" (mean stage {overall.mean_text} of 3 across {rated}).",
    )


def counts_sentence(overall: Placement) -> str:
    return (
        f"Of {overall.total} key actions: {overall.rated} rated, {overall.unsure} unsure, "
        f"{overall.not_applicable} not applicable, {overall.unanswered} not yet answered."
    )


def placement_counts(p: Placement) -> str:
    """ "3 rated, 1 unsure": what a placement was taken from, and what was left out."""
    parts = [f"{p.rated} rated"]
    if p.unsure:
        parts.append(f"{p.unsure} unsure")
    if p.not_applicable:
        parts.append(f"{p.not_applicable} n/a")
    if p.unanswered:
        parts.append(f"{p.unanswered} not answered")
    return ", ".join(parts)


def placement_value(p: Placement) -> str:
    """ "1.50  Developing", or "not rated"."""
    if p.mean is None or p.placement is None:
        return "not rated"
    return f"{p.mean_text}  {p.placement.label}"
