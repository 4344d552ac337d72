"""Words for "Since last time": what moved, what was done, what carries over.

Shared by `playbook-app compare`, the agenda PDF's page and the window, so all
three say the same thing. No reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook_app.domain.followup import (
    ActionChange,
    AgendaFollowUp,
    Change,
    Comparison,
    stage_words,
)
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import Placement
from playbook_app.reports.labels import nice_date

SINCE_TITLE = "Since last time"
DONE_NOT_MOVED = "Done, but the stage did not move"
MOVED_OFF_AGENDA = "Moved without being on the agenda"
NO_PREDECESSOR = (
    "This assessment follows {label}, which is not on this computer; import it to see what moved."
)


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    empty: str = "None."


def mean_text(p: Placement) -> str:
    """The mean as the Summary prints it (two decimals, never rounded onto a cut point)."""
    if p.mean is None or p.placement is None:
        return "nothing rated"
    return f"{p.mean_text} ({p.placement.label})"


def short_mean(p: Placement | None) -> str:
    return "-" if p is None or p.mean is None else p.mean_text


def action_name(playbook: Playbook, action_id: str) -> str:
    action = playbook.action(action_id)
    return f"{action.number} {action.title}"


def change_line(playbook: Playbook, a: ActionChange) -> str:
    then, now = stage_words(a.from_stage), stage_words(a.to_stage)
    return f"{action_name(playbook, a.action)}: {then} → {now} ({a.words})"


def agenda_line(playbook: Playbook, g: AgendaFollowUp) -> str:
    owner = " ".join(g.owner_then.split())
    who = f", {owner}" if owner else ""
    moved = (
        f"{stage_words(g.stage_then)} → {stage_words(g.stage_now)}"
        if g.change is not Change.SAME
        else f"still {stage_words(g.stage_now)}"
    )
    flag = f" {DONE_NOT_MOVED}." if g.done_not_moved else ""
    carried = " Carried over to this year's agenda." if g.carried_over else ""
    return f"{action_name(playbook, g.action)}: {g.status_then.label}{who}; {moved}.{flag}{carried}"


def headline(c: Comparison) -> str:
    before, after = c.before, c.after
    return f"{before.label} ({nice_date(before.date)}) → {after.label} ({nice_date(after.date)})"


def overall_line(c: Comparison) -> str:
    return (
        f"Overall mean stage: {mean_text(c.overall_before)} then, {mean_text(c.overall_after)} now."
    )


def sections(c: Comparison, playbook: Playbook) -> list[Section]:
    """The comparison in words, section by section, in the order every output uses."""
    recs = {r.id: r for r in playbook.recommendations}
    moved = [a for a in c.key_actions if a.change in (Change.UP, Change.DOWN)]
    return [
        Section(
            "By recommendation (mean stage then → now)",
            tuple(
                f"{recs[r.id].number}. {recs[r.id].title}: "
                f"{short_mean(r.before)} → {short_mean(r.after)}"
                for r in c.recommendations
            ),
        ),
        Section(
            "Most improved",
            tuple(change_line(playbook, a) for a in c.most_improved),
            "Nothing moved up yet.",
        ),
        Section(
            "Biggest concerns",
            tuple(f"{action_name(playbook, x.item.action)}: {x.why}" for x in c.concerns),
        ),
        Section(
            "What moved",
            tuple(change_line(playbook, a) for a in moved),
            "No key action changed stage.",
        ),
        Section(
            "Last time's agenda",
            tuple(agenda_line(playbook, g) for g in c.agenda),
            "Last time's agenda had no items with an owner, a next step or a status.",
        ),
        Section(
            DONE_NOT_MOVED,
            tuple(action_name(playbook, g.action) for g in c.done_not_moved),
        ),
        Section(
            MOVED_OFF_AGENDA,
            tuple(change_line(playbook, a) for a in c.moved_off_agenda),
        ),
        Section(
            "No stage to compare this time",
            tuple(
                change_line(playbook, a)
                for a in c.key_actions
                if a.change is Change.UNKNOWN and a.to_stage is not None
            )
            + unrated_line(c),
        ),
    ]


def unrated_line(c: Comparison) -> tuple[str, ...]:
    """Key actions not yet answered this time, counted in one line rather than listed."""
    count = sum(1 for a in c.key_actions if a.to_stage is None)
    if not count:
        return ()
    return (f"Not yet answered this time: {count} of {len(c.key_actions)} key actions.",)


def comparison_text(c: Comparison, playbook: Playbook) -> str:
    """The comparison as plain text, for the command line."""
    lines = [f"{SINCE_TITLE}: {headline(c)}", overall_line(c)]
    for section in sections(c, playbook):
        lines += ["", section.title]
        lines += [f"  {line}" for line in section.lines] or [f"  {section.empty}"]
    return "\n".join(lines) + "\n"
