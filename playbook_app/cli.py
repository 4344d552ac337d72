"""The `playbook-app` entry point: opens the GUI, or runs a headless command."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from playbook_app import APP_NAME, __version__
from playbook_app.content import ContentError, load_default
from playbook_app.domain.playbook import Playbook, Step
from playbook_app.paths import DATA_DIR_ENV, data_dir
from playbook_app.storage import StorageError, Store


class CommandError(Exception):
    """A failure to report as one `error: ...` line with exit status 1."""


def _parser() -> argparse.ArgumentParser:
    data_help = f"the data folder (default: ${DATA_DIR_ENV}, then your user data folder)"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", help=data_help)

    parser = argparse.ArgumentParser(
        prog="playbook-app",
        description=f"{APP_NAME}: walk the State Education R&D Playbook, offline.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="open the window as a user would, then quit at once (smoke tests, benchmarks)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    content = sub.add_parser("content", help="show the loaded playbook: ids, titles, steps")
    content.add_argument("--json", action="store_true", help="print JSON for scripts")

    sub.add_parser(
        "demo", parents=[common], help="add a realistic sample assessment; print its id"
    )

    listing = sub.add_parser("list", parents=[common], help="assessments with their progress")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes (database, backups, exports) is private to the user.
    os.umask(0o077)
    args = _parser().parse_args(argv)
    if args.command is None:
        return _run_gui(args)
    command = _COMMANDS[args.command]
    try:
        return command(args, sys.stdout)
    except CommandError as error:
        return _fail(str(error))
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one line, never a traceback
        return _fail(f"unexpected {type(error).__name__}; nothing was changed")


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _run_gui(args: argparse.Namespace) -> int:
    from playbook_app.app import run_gui  # PySide6 loads only for the GUI

    return run_gui(data_dir(args.data_dir), quit_when_ready=args.quit_when_ready)


def _playbook() -> Playbook:
    try:
        return load_default()
    except ContentError as error:
        raise CommandError(str(error)) from None


def _store(args: argparse.Namespace) -> Store:
    try:
        return Store.open(data_dir(args.data_dir))
    except StorageError as error:
        raise CommandError(str(error)) from None


def _content(args: argparse.Namespace, out: TextIO) -> int:
    playbook = _playbook()
    if args.json:
        json.dump(_content_json(playbook), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"{playbook.title} ({playbook.id} {playbook.version})\n")
    for rec in playbook.recommendations:
        out.write(f"\n{rec.number}. {rec.title}  [{rec.id}]\n")
        for action in rec.key_actions:
            out.write(f"  {action.number} {action.title}  [{action.id}]\n")
            for step in action.steps:
                out.write(f"    - {step.text}  [{step.id}]\n")
                for sub in step.substeps:
                    out.write(f"        - {sub.text}  [{sub.id}]\n")
    return 0


def _content_json(playbook: Playbook) -> dict[str, object]:
    def step_json(step: Step) -> dict[str, object]:
        return {
            "id": step.id,
            "text": step.text,
            "substeps": [{"id": s.id, "text": s.text} for s in step.substeps],
        }

    return {
        "playbook": {"id": playbook.id, "version": playbook.version, "title": playbook.title},
        "recommendations": [
            {
                "id": rec.id,
                "title": rec.title,
                "key_actions": [
                    {
                        "id": action.id,
                        "title": action.title,
                        "steps": [step_json(s) for s in action.steps],
                    }
                    for action in rec.key_actions
                ],
            }
            for rec in playbook.recommendations
        ],
    }


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from playbook_app.domain.demo import demo_record

    playbook = _playbook()
    with _store(args) as store:
        try:
            assessment_id = store.add_record(demo_record(playbook))
        except StorageError as error:
            raise CommandError(str(error)) from None
    out.write(f"{assessment_id}\n")
    return 0


def _list(args: argparse.Namespace, out: TextIO) -> int:
    playbook = _playbook()
    with _store(args) as store:
        rows = store.list_assessments(playbook.action_ids)
    if args.json:
        json.dump(
            [
                {
                    "id": r.id,
                    "label": r.label,
                    "organization": r.organization,
                    "state": r.state,
                    "date": r.date,
                    "mode": r.mode.value,
                    "answered": r.answered,
                    "total": r.total,
                }
                for r in rows
            ],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return 0
    if not rows:
        out.write("No assessments yet. Open the app, or run `playbook-app demo`.\n")
        return 0
    for r in rows:
        out.write(
            f"{r.id:>4}  {r.date}  {r.label}  ({r.organization}, {r.state}, {r.mode.value})"
            f"  {r.answered} of {r.total} answered\n"
        )
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "content": _content,
    "demo": _demo,
    "list": _list,
}


if __name__ == "__main__":
    sys.exit(main())
