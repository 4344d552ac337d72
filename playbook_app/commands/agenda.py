"""The `agenda` command: print the prioritized action agenda, or write it as PDF, Word, CSV."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from playbook_app.commands import CommandError, load_chosen_years, load_playbook, output_file
from playbook_app.domain.agenda import Agenda, AgendaItem, build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.years import Years
from playbook_app.reports import NotesChoice, ReportError, agenda_csv, agenda_docx, agenda_pdf
from playbook_app.reports.labels import (
    CARRIED_OVER_TEXT,
    NO_PREDECESSOR_TEXT,
    next_step_text,
    nice_date,
    note_lines,
    origins,
    stage_detail,
    state_name,
    why_text,
)
from playbook_app.safe_write import WriteError, write_atomic


def agenda(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    record, past = load_chosen_years(args, playbook)
    built = build_agenda(record, playbook)
    notes = notes_choice(getattr(args, "include_notes", None))
    targets = _targets(args)
    if not targets:
        out.write(agenda_text(record, built, origins(record, playbook, built), notes, past))
        return 0
    # Build everything before writing anything: a failure leaves no file changed.
    contents: list[tuple[Path, bytes]] = []
    try:
        for kind, path in targets:
            if kind in ("pdf", "docx"):
                make = agenda_pdf if kind == "pdf" else agenda_docx
                data = make(
                    record,
                    playbook,
                    agenda=built,
                    generated_on=date.today().isoformat(),
                    notes=notes,
                    years=past,
                )
            else:
                data = agenda_csv(record, playbook, agenda=built, notes=notes, carried=past.carried)
            contents.append((path, data))
    except ReportError as error:
        raise CommandError(str(error)) from None
    _write_all(contents)
    for path, _ in contents:
        out.write(f"wrote {path}\n")
    return 0


def notes_choice(flag: str | None) -> NotesChoice:
    """--include-notes [without-names|with-names]; without the flag, notes are left out."""
    if flag is None:
        return NotesChoice.OMIT
    return NotesChoice.WITH_NAMES if flag == "with-names" else NotesChoice.WITHOUT_NAMES


def _write_all(contents: list[tuple[Path, bytes]]) -> None:
    """Write every file or none: when a later write fails, earlier ones are put back."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in contents:
            before = path.read_bytes() if path.is_file() else None
            write_atomic(path, data)
            done.append((path, before))
    except (WriteError, OSError) as error:
        for path, before in reversed(done):
            try:
                if before is None:
                    path.unlink()
                else:
                    write_atomic(path, before)
            except (WriteError, OSError):
                pass
        message = str(error) if isinstance(error, WriteError) else f"could not write: {error}"
        raise CommandError(f"{message} Nothing was written.") from None


def _targets(args: argparse.Namespace) -> list[tuple[str, Path]]:
    kinds = ("pdf", "docx", "csv")
    targets = [(kind, str(value)) for kind in kinds if (value := getattr(args, kind, None))]
    paths = [Path(value).expanduser() for _, value in targets]
    seen: dict[Path, str] = {}
    for (kind, _), path in zip(targets, paths, strict=True):
        earlier = seen.setdefault(path.resolve(), kind)
        if earlier != kind:
            raise CommandError(f"--{earlier} and --{kind} name the same file; give different files")
    for path in paths:
        output_file(str(path), args)
    return [(kind, path) for (kind, _), path in zip(targets, paths, strict=True)]


def _item_lines(
    item: AgendaItem,
    record: AssessmentRecord,
    origin: str | None,
    notes: NotesChoice,
    carried: bool,
) -> list[str]:
    action = item.key_action
    rank = f"{item.rank:>3}." if item.rank is not None else "   -"
    lines = [f"{rank} {action.number} {action.title}"]
    lines.append(f"      Stage: {stage_detail(item.standing, record.assessment.mode)}")
    lines.append(f"      Why: {why_text(item, origin, record.assessment.mode)}")
    if item.bucket is not None:
        entry = item.entry
        owner = " ".join(entry.owner.split()) or "not assigned"
        target = nice_date(entry.target_date) or "no target date"
        lines.append(f"      Owner: {owner} · Target: {target} · Status: {entry.status.label}")
        step = " ".join(next_step_text(item).split())
        if step:
            lines.append(f"      Next step: {step}")
    for note in note_lines(item.standing, record.assessment.mode, notes):
        lines.append(f"      Note: {' '.join(note.split())}")
    if carried:
        lines.append(f"      {CARRIED_OVER_TEXT}")
    return lines


def agenda_text(
    record: AssessmentRecord,
    built: Agenda,
    moved_from: dict[str, str],
    notes: NotesChoice = NotesChoice.OMIT,
    past: Years | None = None,
) -> str:
    """The agenda as plain text, by bucket, in the same order as the PDF and the CSV.

    Participants' notes appear only when `notes` includes them; `past` marks the items
    carried over from the assessment this one follows.
    """
    a, d = record.assessment, record.district
    past = past or Years()
    lines = [
        f"Prioritized action agenda: {d.name} ({state_name(d.state)})",
        f"{a.label}, {nice_date(a.date)}",
    ]
    if past.comparison is not None:
        lines.append(
            f"Follows {past.comparison.before.label}; `playbook-app compare` shows what moved."
        )
    elif past.missing:
        lines.append(NO_PREDECESSOR_TEXT)
    sections: list[tuple[str, tuple[AgendaItem, ...]]] = [
        (bucket.label, items) for bucket, items in built.by_bucket().items()
    ]
    sections += [("Not applicable", built.not_applicable), ("Not yet answered", built.unanswered)]
    for title, items in sections:
        lines += ["", title]
        if not items:
            lines.append("     (none)")
        for item in items:
            lines += _item_lines(
                item,
                record,
                moved_from.get(item.action_id),
                notes,
                item.action_id in past.carried,
            )
    return "\n".join(lines) + "\n"
