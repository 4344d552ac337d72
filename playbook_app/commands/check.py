"""The `check` command: the database's integrity, schema and backups; `--restore`, `--repair`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from playbook_app.commands import CommandError
from playbook_app.paths import data_dir
from playbook_app.storage import StorageError
from playbook_app.storage.backups import FOREIGN_PROBLEM, backup_problems
from playbook_app.storage.folder_lock import FolderLock
from playbook_app.storage.rebuild import repair_schema
from playbook_app.storage.repair import Health, inspect, restore, start_fresh

_SHOWN_PROBLEMS = 10


def check(args: argparse.Namespace, out: TextIO) -> int:
    folder = data_dir(args.data_dir)
    try:
        if args.restore or args.start_fresh or args.repair:
            # Held for the whole change: no window or import may write meanwhile.
            with FolderLock(folder, "check"):
                if args.restore:
                    return _restore(folder, args.restore, out)
                if args.repair:
                    return _repair(folder, out)
                return _start_fresh(folder, out)
        health = inspect(folder)
    except StorageError as error:
        raise CommandError(str(error)) from None
    _report(health, out)
    good = next((b for b in health.backups if b.ok), None)
    offer = (
        f"restore the newest good backup with `playbook-app check --restore {good.name}`"
        if good is not None
        else "no backup passes its check"
    )
    if health.problems:
        raise CommandError(f"the database {health.path} is damaged; {offer}")
    if health.foreign:
        raise CommandError(
            f"the database {health.path} is not in the app's own layout, so the app will not "
            "write to it; run `playbook-app check --repair` to make a clean copy of all your "
            "data (the old file is kept)"
        )
    if health.newer:
        raise CommandError(
            f"the database was saved by a newer version of the app ({', '.join(health.newer)}); "
            "install that version to use it"
        )
    if not health.exists and health.damaged:
        raise CommandError(
            f"there is no database: a damaged one was moved to {health.damaged[-1].name}; {offer}"
        )
    if not health.exists and good is not None:
        raise CommandError(
            f"the database {health.path} is missing, but backups of it are here; {offer}, "
            "or begin with an empty one with `playbook-app check --start-fresh`"
        )
    return 0


def _repair(folder: Path, out: TextIO) -> int:
    """A clean copy of the data in the app's own schema; the old file and foreign SQL are kept."""
    health = inspect(folder)
    if health.problems:
        raise CommandError(
            f"the database {health.path} is damaged, which a repair cannot fix; "
            "`playbook-app check` lists the backups to restore; nothing was changed"
        )
    if not health.foreign:
        out.write(f"the database {health.path} is in the app's own layout; nothing to repair\n")
        return 0
    result = repair_schema(folder)
    for found in result.removed:
        out.write(f"removed:   {found.label()}\n")
    out.write(f"repaired:  {health.path} ({result.rows:,} rows copied into a clean database)\n")
    out.write(f"kept:      {result.moved_to.name} (the database as it was)\n")
    if result.kept_sql is not None:
        out.write(f"kept:      {result.kept_sql.name} (what was removed, as SQL)\n")
    return 0


def _start_fresh(folder: Path, out: TextIO) -> int:
    """An empty database, only where there is no healthy one to lose (damaged ones are kept)."""
    health = inspect(folder)
    if health.foreign and not health.problems:
        raise CommandError(
            f"the database {health.path} holds all your data; what it needs is "
            "`playbook-app check --repair`, which keeps it; nothing was changed"
        )
    if health.exists and not health.problems:
        raise CommandError(
            f"the database {health.path} opens and passes its check, so it was kept; "
            "nothing was changed"
        )
    start_fresh(folder)
    out.write(f"started with an empty database in {folder}; damaged copies and backups are kept\n")
    return 0


def _report(health: Health, out: TextIO) -> None:
    if not health.exists:
        out.write(f"database:  {health.path} (not created yet)\n")
    else:
        out.write(f"database:  {health.path}\n")
        out.write(f"size:      {health.size:,} bytes\n")
        if health.problems:
            out.write("integrity: damaged\n")
            for problem in health.problems[:_SHOWN_PROBLEMS]:
                out.write(f"  {problem}\n")
            if len(health.problems) > _SHOWN_PROBLEMS:
                out.write(f"  ... and {len(health.problems) - _SHOWN_PROBLEMS} more\n")
        else:
            out.write("integrity: ok\n")
            out.write(f"schema:    {', '.join(health.migrations) or '(none)'}\n")
            _report_schema(health, out)
            if health.pending:
                out.write(
                    f"pending:   {', '.join(health.pending)} (applied after a backup "
                    "when the app next opens the database)\n"
                )
    for copy in health.damaged:
        out.write(f"kept:      {copy.name} (a damaged database moved aside)\n")
    folder = health.path.parent / "backups"
    if not health.backups:
        out.write(f"backups:   none yet in {folder}\n")
    else:
        out.write(f"backups:   {len(health.backups)} in {folder}\n")
        for backup in health.backups:
            state = "ok" if backup.ok else _backup_state(backup.path)
            out.write(f"  {backup.name}  {backup.when}  {backup.size:,} bytes  {state}\n")
    if health.warning:
        out.write(f"warning:   {health.warning}\n")


def _report_schema(health: Health, out: TextIO) -> None:
    if health.schema is None or health.schema.ok:
        return
    out.write("layout:    not the app's own (nothing is written until it is repaired)\n")
    for found in health.schema.foreign:
        out.write(f"  foreign {found.label()}\n")
    if health.schema.unrecorded:
        out.write("  the record of the app's updates (_sqlite_migrations) is missing\n")
    for kind, name in health.schema.missing:
        out.write(f"  missing {kind} {name}\n")


def _backup_state(path: Path) -> str:
    problems = backup_problems(path)
    if problems and problems[0].startswith(FOREIGN_PROBLEM):
        return f"NOT TRUSTED: {problems[0]}"
    return "DAMAGED"


def _restore(folder: Path, name: str, out: TextIO) -> int:
    result = restore(folder, name)
    out.write(f"restored {result.restored.name} (saved {result.restored.when})\n")
    if result.saved_as is not None:
        out.write(f"the database it replaced was backed up as {result.saved_as.name}\n")
    if result.moved_to is not None:
        why = "foreign" if ".foreign-" in result.moved_to.name else "damaged"
        out.write(f"the {why} database it replaced was moved to {result.moved_to.name}\n")
    return 0
