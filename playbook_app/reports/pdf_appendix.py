"""The appendix: every answer and note, the agenda rules, and the content credit."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from playbook_app.domain.agenda import AGENDA_RULES, ASSUMED, Agenda, AgendaItem
from playbook_app.domain.assessment import STAGES_ORIGIN, AssessmentRecord, Mode
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE, Standing
from playbook_app.reports.labels import (
    RATING_CODES_LEGEND,
    answer_text,
    effort_text,
    importance_text,
    note_lines,
    rating_code,
    stage_detail,
)
from playbook_app.reports.notes import NOTES_LEFT_OUT, NotesChoice
from playbook_app.reports.pdf_styles import (
    FONT,
    HIGHLIGHT,
    INK,
    RULE,
    SHADE,
    Para,
    Styles,
    esc,
)

_MAX_COLUMNS = 12  # participants per spread table; a larger team gets more tables
_ACTION_COLUMN = 170.0
_TEAM_COLUMN = 108.0


def _by_playbook_order(agenda: Agenda, playbook: Playbook) -> list[AgendaItem]:
    return sorted(agenda.all_items(), key=lambda i: playbook.position(i.action_id))


def _steps_done(item: AgendaItem, standing: Standing) -> str:
    total = len(item.key_action.step_ids)
    return f"{len(standing.steps_done)} of {total} how-steps done"


def _given_or_assumed(given: str, standing_value: str, assumed: bool) -> str:
    """The value as given; a blank the agenda fills with its default shows that default, marked."""
    if given:
        return given
    return standing_value + ASSUMED if assumed and standing_value else "–"


def _left_out(notes: NotesChoice) -> str:
    return "" if notes.included else " " + NOTES_LEFT_OUT


def _solo_answers(
    record: AssessmentRecord, playbook: Playbook, agenda: Agenda, s: Styles, notes: NotesChoice
) -> list[Flowable]:
    person = record.participants[0] if record.participants else None
    story: list[Flowable] = [
        Para(
            "Each key action in playbook order, with the answer as given"
            + (f" by {esc(person.name)}" if person is not None else "")
            + ". Where importance or effort was left blank, the agenda counts it as medium, "
            f"marked “{esc(ASSUMED.strip())}”.{esc(_left_out(notes))}",
            s.intro,
        )
    ]
    current = None
    for item in _by_playbook_order(agenda, playbook):
        if item.recommendation is not current:
            current = item.recommendation
            story.append(Para(f"Recommendation {current.number}. {esc(current.title)}", s.h2))
        response = record.response(person.uid, item.action_id) if person else None
        story.append(
            Para(
                f"{esc(item.key_action.number)}&nbsp;&nbsp;{esc(item.key_action.title)}",
                s.appendix_title,
            )
        )
        if response is None:
            story.append(Para("Not yet answered.", s.appendix_line))
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
        facts = [
            f"<b>Answer:</b>&nbsp;{esc(answer_text(response))}",
            f"<b>Importance:</b>&nbsp;{esc(importance)}",
            f"<b>Effort:</b>&nbsp;{esc(effort)}",
            f"<b>Control:</b>&nbsp;{esc(response.control.label if response.control else '–')}",
            "<b>Confidence:</b>&nbsp;"
            + esc(response.confidence.value.capitalize() if response.confidence else "–"),
            esc(_steps_done(item, item.standing)),
        ]
        lines = [" · ".join(facts)]
        if response.reason.strip():
            lines.append(f"<b>Why not applicable:</b> {esc(response.reason.strip())}")
        lines += [f"<b>Note:</b> {esc(note)}" for note in note_lines(standing, Mode.SOLO, notes)]
        story.append(Para("<br/>".join(lines), s.appendix_line))
    return story


def _spread_tables(record: AssessmentRecord, agenda: Agenda, playbook: Playbook, s: Styles,
                   width: float) -> list[Flowable]:  # fmt: skip
    people = record.participants
    items = _by_playbook_order(agenda, playbook)
    story: list[Flowable] = []
    for start in range(0, max(1, len(people)), _MAX_COLUMNS):
        group = people[start : start + _MAX_COLUMNS]
        each = (width - _ACTION_COLUMN - _TEAM_COLUMN) / max(1, len(group))
        header: list[object] = [Para("Key action", s.cell_label)]
        header += [Para(f"<b>{start + n + 1}</b>", s.cell_center) for n in range(len(group))]
        header.append(Para("Team stage", s.cell_label))
        rows: list[list[object]] = [header]
        style: list[tuple[object, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (1, 1), (-2, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for r, item in enumerate(items, start=1):
            by_uid = {rating.participant: rating for rating in item.standing.ratings}
            codes = [rating_code(by_uid[p.uid]) if p.uid in by_uid else "–" for p in group]
            team = esc(stage_detail(item.standing, Mode.TEAM))
            rows.append(
                [
                    Para(
                        f"<b>{esc(item.key_action.number)}</b> {esc(item.key_action.title)}",
                        s.cell,
                    ),
                    *codes,
                    Para(team, s.cell),
                ]
            )
            if item.standing.disagreement:
                style.append(("BACKGROUND", (0, r), (-1, r), HIGHLIGHT))
            elif r % 2 == 0:
                style.append(("BACKGROUND", (0, r), (-1, r), SHADE))
        table = Table(
            rows,
            colWidths=[_ACTION_COLUMN, *([each] * len(group)), _TEAM_COLUMN],
            repeatRows=1,
        )
        table.setStyle(TableStyle(style))
        story.append(table)
    return story


def _team_answers(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    s: Styles,
    width: float,
    notes: NotesChoice,
) -> list[Flowable]:
    legend = " · ".join(
        f"<b>{n}</b>&nbsp;{esc(p.name)}" for n, p in enumerate(record.participants, start=1)
    )
    story: list[Flowable] = [
        Para("The spread: each participant's stage side by side", s.h2),
        Para(f"Participants: {legend}", s.small),
        Para(f"Answers: {esc(RATING_CODES_LEGEND)}.", s.small),
        Para(
            "Rows shaded yellow are where the team was two or more stages apart, or some were "
            "unsure while others answered: the places to talk about.",
            s.intro,
        ),
    ]
    story += _spread_tables(record, agenda, playbook, s, width)
    named = notes is NotesChoice.WITH_NAMES
    written = {
        NotesChoice.OMIT: "",
        NotesChoice.WITHOUT_NAMES: ", and every note participants wrote (without their names)",
        NotesChoice.WITH_NAMES: ", and every note participants wrote, under the writer's name",
    }[notes]
    story.append(
        Para("Agreed stages, reasons and notes" if notes.included else "Agreed stages and reasons",
             s.h2)
    )  # fmt: skip
    story.append(
        Para(
            "The reasons the team recorded for its agreed stages, why a key action was found not "
            f"applicable{written}, in playbook order. Key actions with none of these are left "
            f"out here; the table above shows their stages.{esc(_left_out(notes))}",
            s.intro,
        )
    )
    for item in _by_playbook_order(agenda, playbook):
        standing = item.standing
        lines = []
        if standing.consensus is not None and standing.consensus.rationale.strip():
            lines.append(
                f"<b>The team agreed on {esc(standing.consensus.stage.label)}:</b> "
                f"{esc(standing.consensus.rationale.strip())}"
            )
        lines += [f"<b>Why not applicable:</b> {esc(reason)}" for reason in standing.reasons]
        for line in note_lines(standing, Mode.TEAM, notes):
            if named:
                name, _, note = line.partition(": ")
                lines.append(f"<b>{esc(name)}:</b> {esc(note)}")
            else:
                lines.append(f"<b>Note:</b> {esc(line)}")
        if not lines:
            continue
        title = f"{esc(item.key_action.number)}&nbsp;&nbsp;{esc(item.key_action.title)}"
        story.append(Para(title, s.appendix_title))
        story.append(Para("<br/>".join(lines), s.appendix_line))
    return story


def appendix(
    record: AssessmentRecord,
    playbook: Playbook,
    agenda: Agenda,
    s: Styles,
    width: float,
    notes: NotesChoice = NotesChoice.OMIT,
) -> list[Flowable]:
    title = "Appendix A. Every answer and note" if notes.included else "Appendix A. Every answer"
    story: list[Flowable] = [Para(title, s.h1)]
    if record.assessment.mode is Mode.TEAM:
        story += _team_answers(record, playbook, agenda, s, width, notes)
    else:
        story += _solo_answers(record, playbook, agenda, s, notes)
    story.append(Spacer(1, 10))
    story.append(Para("Appendix B. How the agenda is built", s.h1))
    for rule in (*AGENDA_RULES, PLACEMENT_RULE):
        story.append(Para(esc(rule), s.bullet, bulletText="•"))
    story.append(Spacer(1, 10))
    story.append(Para("Appendix C. Content credit", s.h1))
    story.append(
        Para(
            "The recommendations, key actions and how-steps are summarized, in this app's own "
            "words, from:",
            s.small,
        )
    )
    story.extend(Para(esc(credit), s.small) for credit in playbook.credits)
    story.append(Spacer(1, 4))
    story.append(
        Para(
            f"{esc(STAGES_ORIGIN)} Placements and priorities are this app's own reading of "
            "the answers, not an official ALI score.",
            s.small,
        )
    )
    return story
