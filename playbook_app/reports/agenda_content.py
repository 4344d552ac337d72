"""The agenda document's content around the sections, assembled once for PDF and Word.

The chart, the introduction and the appendices; the sections themselves come from
agenda_sections.py, which every output shares. Each renderer decides how things look.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook_app.domain.agenda import AGENDA_RULES, ASSUMED, Agenda, AgendaItem
from playbook_app.domain.assessment import STAGES_ORIGIN, AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE, Placement, Standing, placements
from playbook_app.reports.agenda_sections import Line
from playbook_app.reports.labels import (
    RATING_CODES_LEGEND,
    answer_text,
    effort_text,
    importance_text,
    note_lines,
    placement_counts,
    placement_value,
    rating_code,
    stage_detail,
)
from playbook_app.reports.notes import NOTES_LEFT_OUT, NotesChoice

AGENDA_TITLE = "The action agenda"
OVERALL_LABEL = "All key actions (overall)"
APPENDIX_B = "Appendix B. How the agenda is built"
APPENDIX_C = "Appendix C. Content credit"
CREDIT_INTRO = (
    "The recommendations, key actions and how-steps are summarized, in this app's own words, from:"
)
CREDIT_CLOSING = (
    f"{STAGES_ORIGIN} Placements and priorities are this app's own reading of the answers, "
    "not an official ALI score."
)
SPREAD_TITLE = "The spread: each participant's stage side by side"
SPREAD_SHADING = (
    "Rows shaded yellow are where the team was two or more stages apart, or some were "
    "unsure while others answered: the places to talk about."
)


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: str  # "1.67  Developing"
    counts: str
    mean: float | None
    overall: bool


def chart_rows(agenda: Agenda, playbook: Playbook) -> tuple[list[ChartRow], Placement]:
    """The summary chart's rows (recommendations in playbook order, then overall) and overall."""
    overall, per_rec = placements([i.standing for i in agenda.all_items()], playbook)

    def row(label: str, p: Placement, is_overall: bool) -> ChartRow:
        return ChartRow(label, placement_value(p), placement_counts(p), p.mean, is_overall)

    rows = [row(f"{rec.number}. {rec.title}", p, False) for rec, p in per_rec]
    rows.append(row(OVERALL_LABEL, overall, True))
    return rows, overall


def chart_description(rows: list[ChartRow]) -> str:
    """The chart in words: its alternative text."""
    parts = [f"{row.label}: {row.value} ({row.counts})" for row in rows]
    return "Bar chart of the mean stage (0 to 3) per recommendation and overall. " + "; ".join(
        parts
    )


def agenda_intro(agenda: Agenda) -> str:
    count = len(agenda.items)
    if count == 0:
        return (
            "No key action is ranked yet: the agenda fills as key actions are answered. "
            "Appendix B explains the rules."
        )
    ranked = "1 key action ranked" if count == 1 else f"{count} key actions ranked 1 to {count}"
    return (
        f"{ranked} in five groups, "
        f"highest priority first within each group. Start now holds at most "
        f"{agenda.capacity} (the number the district says it can start at once) unless the "
        "district moved more there. Appendix B explains the rules."
    )


# Appendix A ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerEntry:
    """One key action in Appendix A: its title, then facts (solo) and labelled lines."""

    title: str  # "1.1  Title"
    facts: tuple[Line, ...]  # solo only: answer, importance, … ("", "2 of 4 how-steps done")
    lines: tuple[Line, ...]
    group: str = ""  # solo: the recommendation heading it starts, when it starts one


@dataclass(frozen=True)
class SpreadRow:
    number: str
    title: str
    codes: tuple[str, ...]  # one per participant, in participant order
    team_stage: str
    disagreement: bool


@dataclass(frozen=True)
class AppendixA:
    title: str
    intro: str
    entries: tuple[AnswerEntry, ...]
    # Team mode only:
    people: tuple[str, ...] = ()
    spread: tuple[SpreadRow, ...] = ()
    notes_title: str = ""
    notes_intro: str = ""


def _by_playbook_order(agenda: Agenda, playbook: Playbook) -> list[AgendaItem]:
    return sorted(agenda.all_items(), key=lambda i: playbook.position(i.action_id))


def _title(item: AgendaItem) -> str:
    return f"{item.key_action.number}  {item.key_action.title}"


def _given_or_assumed(given: str, standing_value: str, assumed: bool) -> str:
    """The value as given; a blank the agenda fills with its default shows that default, marked."""
    if given:
        return given
    return standing_value + ASSUMED if assumed and standing_value else "–"


def _left_out(notes: NotesChoice) -> str:
    return "" if notes.included else " " + NOTES_LEFT_OUT


def _solo(record: AssessmentRecord, playbook: Playbook, agenda: Agenda, notes: NotesChoice
          ) -> tuple[str, tuple[AnswerEntry, ...]]:  # fmt: skip
    person = record.participants[0] if record.participants else None
    intro = (
        "Each key action in playbook order, with the answer as given"
        + (f" by {person.name}" if person is not None else "")
        + ". Where importance or effort was left blank, the agenda counts it as medium, "
        f"marked “{ASSUMED.strip()}”.{_left_out(notes)}"
    )
    entries: list[AnswerEntry] = []
    current = None
    for item in _by_playbook_order(agenda, playbook):
        group = ""
        if item.recommendation is not current:
            current = item.recommendation
            group = f"Recommendation {current.number}. {current.title}"
        response = record.response(person.uid, item.action_id) if person else None
        if response is None:
            entries.append(AnswerEntry(_title(item), (), (("", "Not yet answered."),), group))
            continue
        standing = item.standing
        importance = _given_or_assumed(
            importance_text(response.importance),
            importance_text(standing.importance),
            standing.answered and standing.importance_assumed,
        )
        effort = _given_or_assumed(
            effort_text(response.effort),
            effort_text(standing.effort),
            standing.answered and standing.effort_assumed,
        )
        facts: tuple[Line, ...] = (
            ("Answer:", answer_text(response)),
            ("Importance:", importance),
            ("Effort:", effort),
            ("Control:", response.control.label if response.control else "–"),
            ("Confidence:", response.confidence.value.capitalize() if response.confidence else "–"),
            ("", _steps_done(item, standing)),
        )
        lines: list[Line] = []
        if response.reason.strip():
            lines.append(("Why not applicable:", response.reason.strip()))
        lines += [("Note:", note) for note in note_lines(standing, Mode.SOLO, notes)]
        entries.append(AnswerEntry(_title(item), facts, tuple(lines), group))
    return intro, tuple(entries)


def _steps_done(item: AgendaItem, standing: Standing) -> str:
    return f"{len(standing.steps_done)} of {len(item.key_action.step_ids)} how-steps done"


def _team(record: AssessmentRecord, playbook: Playbook, agenda: Agenda, notes: NotesChoice
          ) -> AppendixA:  # fmt: skip
    people = record.participants
    spread = []
    for item in _by_playbook_order(agenda, playbook):
        by_uid = {rating.participant: rating for rating in item.standing.ratings}
        codes = tuple(rating_code(by_uid[p.uid]) if p.uid in by_uid else "–" for p in people)
        spread.append(
            SpreadRow(
                item.key_action.number,
                item.key_action.title,
                codes,
                stage_detail(item.standing, Mode.TEAM),
                item.standing.disagreement,
            )
        )
    written = {
        NotesChoice.OMIT: "",
        NotesChoice.WITHOUT_NAMES: ", and every note participants wrote (without their names)",
        NotesChoice.WITH_NAMES: ", and every note participants wrote, under the writer's name",
    }[notes]
    entries = []
    for item in _by_playbook_order(agenda, playbook):
        standing = item.standing
        lines: list[Line] = []
        if standing.consensus is not None and standing.consensus.rationale.strip():
            lines.append(
                (
                    f"The team agreed on {standing.consensus.stage.label}:",
                    standing.consensus.rationale.strip(),
                )
            )
        lines += [("Why not applicable:", reason) for reason in standing.reasons]
        for line in note_lines(standing, Mode.TEAM, notes):
            if notes is NotesChoice.WITH_NAMES:
                name, _, note = line.partition(": ")
                lines.append((f"{name}:", note))
            else:
                lines.append(("Note:", line))
        if lines:
            entries.append(AnswerEntry(_title(item), (), tuple(lines)))
    return AppendixA(
        title=_appendix_title(notes),
        intro=f"Answers: {RATING_CODES_LEGEND}.",
        entries=tuple(entries),
        people=tuple(p.name for p in people),
        spread=tuple(spread),
        notes_title=(
            "Agreed stages, reasons and notes" if notes.included else "Agreed stages and reasons"
        ),
        notes_intro=(
            "The reasons the team recorded for its agreed stages, why a key action was found not "
            f"applicable{written}, in playbook order. Key actions with none of these are left "
            f"out here; the table above shows their stages.{_left_out(notes)}"
        ),
    )


def _appendix_title(notes: NotesChoice) -> str:
    return "Appendix A. Every answer and note" if notes.included else "Appendix A. Every answer"


def appendix_a(
    record: AssessmentRecord, playbook: Playbook, agenda: Agenda, notes: NotesChoice
) -> AppendixA:
    """Every answer (and, as chosen, every note) in playbook order."""
    if record.assessment.mode is Mode.TEAM:
        return _team(record, playbook, agenda, notes)
    intro, entries = _solo(record, playbook, agenda, notes)
    return AppendixA(_appendix_title(notes), intro, entries)


def agenda_rules() -> tuple[str, ...]:
    """Appendix B's bullets."""
    return (*AGENDA_RULES, PLACEMENT_RULE)
