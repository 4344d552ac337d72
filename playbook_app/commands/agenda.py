"""The `agenda` command: print the prioritized action agenda, or write it as PDF, Word, CSV."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from playbook_app.commands import CommandError, load_chosen_years, load_playbook, output_file
from playbook_app.domain.agenda import Agenda, build_agenda
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.years import Years
from playbook_app.reports import NotesChoice, ReportError, agenda_csv, agenda_docx, agenda_pdf
from playbook_app.reports.agenda_sections import ItemContent, agenda_sections
from playbook_app.reports.labels import (
    CARRIED_OVER_TEXT,
    NO_PREDECESSOR_TEXT,
    nice_date,
    state_name,
)
from playbook_app.safe_write import WriteError, write_atomic


def agenda(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    record, past = load_chosen_years(args, playbook)
    built = build_agenda(record, playbook)
    notes = notes_choice(getattr(args, "include_notes", None))
    targets = _targets(args)
    if not targets:
        out.write(agenda_text(record, playbook, built, notes, past))
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _item_lines(item: ItemContent) -> list[str]:
    rank = f"{item.rank:>3}." if item.rank != "–" else "   -"
    lines = [f"{rank} {item.number} {item.title}"]
    lines.append(f"      Stage: {item.stage}")
    lines.append(f"      Why: {_one_line(item.why[1])}")
    if item.listed:
        owner = _one_line(item.owner) or "not assigned"
        target = item.target_date or "no target date"
        lines.append(f"      Owner: {owner} · Target: {target} · Status: {item.status}")
    lines += [f"      {label} {_one_line(text)}" for label, text in item.lines]
    lines += [f"      Note: {_one_line(note)}" for note in item.notes]
    if item.carried:
        lines.append(f"      {CARRIED_OVER_TEXT}")
    return lines


def agenda_text(
    record: AssessmentRecord,
    playbook: Playbook,
    built: Agenda,
    notes: NotesChoice = NotesChoice.OMIT,
    past: Years | None = None,
) -> str:
    """The agenda as plain text: the sections and items every output shares, in their order.

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
    for section in agenda_sections(record, playbook, built, past.carried, notes):
        lines += ["", section.title]
        if not section.items:
            lines.append(f"     {section.empty_text}")
        for item in section.items:
            lines += _item_lines(item)
    return "\n".join(lines) + "\n"
