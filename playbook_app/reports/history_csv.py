"""Every assessment's standing on every key action, one CSV row each, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from playbook_app.domain.assessment import AssessmentRecord, Mode
from playbook_app.domain.followup import carried_over_actions
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.scoring import Standing, standings
from playbook_app.reports.csv_export import neutralize
from playbook_app.reports.labels import importance_text, stage_text, state_name

COLUMNS: tuple[str, ...] = (
    "district",
    "state",
    "assessment",
    "date",
    "follows",
    "recommendation",
    "key action id",
    "key action number",
    "key action title",
    "stage",
    "stage from",
    "importance",
    "agenda status",
    "carried over",
)


def _source(standing: Standing, mode: Mode) -> str:
    """Where the stage comes from: one person's answer, the team's agreement, or its median."""
    if not standing.rated:
        return ""
    if mode is Mode.SOLO:
        return "rated"
    return "agreed" if standing.consensus is not None else "median, no consensus yet"


def build_history_csv(
    records: Sequence[AssessmentRecord],
    playbook: Playbook,
    by_uid: Mapping[str, AssessmentRecord],
) -> bytes:
    """One row per assessment and key action, in the order given, then playbook order.

    `by_uid` holds every assessment here, to name the one each follows and to
    tell which agenda items were carried over from it. UTF-8 with a byte-order
    mark and CRLF line ends, every cell a spreadsheet would run as a formula
    neutralized, like the agenda CSV.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        a, d = record.assessment, record.district
        previous = by_uid.get(a.follows) if a.follows else None
        follows = previous.assessment.label if previous else ("(not here)" if a.follows else "")
        carried = carried_over_actions(record, previous)
        for standing in standings(record, playbook):
            action = playbook.action(standing.action)
            rec = playbook.recommendation_of(action.id)
            entry = record.agenda.get(action.id)
            row = [
                d.name,
                state_name(d.state),
                a.label,
                a.date,
                follows,
                f"{rec.number}. {rec.title}",
                action.id,
                action.number,
                action.title,
                stage_text(standing),
                _source(standing, a.mode),
                importance_text(standing.importance) if standing.answered else "",
                entry.status.label if entry is not None else "",
                "yes" if action.id in carried else "",
            ]
            writer.writerow([neutralize(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
