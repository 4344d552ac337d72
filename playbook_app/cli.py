"""The `playbook-app` entry point: opens the GUI, or runs a headless command."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from playbook_app import APP_NAME, __version__
from playbook_app.paths import DATA_DIR_ENV, data_dir

# command name -> (module under playbook_app.commands, function). Modules load
# only when their command runs, so `content` never pays for reportlab.
_COMMANDS = {
    "content": ("basic", "content"),
    "demo": ("basic", "demo"),
    "list": ("basic", "listing"),
    "agenda": ("agenda", "agenda"),
    "export": ("packets", "export"),
    "import": ("packets", "import_packets"),
    "check": ("check", "check"),
    "follow-up": ("yearly", "follow_up"),
    "compare": ("yearly", "compare"),
    "history": ("yearly", "history"),
}


def _data_dir_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"the data folder (default: ${DATA_DIR_ENV}, then your user data folder)",
    )
    return parser


def _window_parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options for opening the window; _parser adds the commands to these."""
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
    return parser


def _opens_window(argv: Sequence[str]) -> bool:
    """True when nothing but window options is given: no command, no request for help."""
    return not any(arg in _COMMANDS or arg in ("-h", "--help") for arg in argv)


def _parser() -> argparse.ArgumentParser:
    common = _data_dir_option(argparse.ArgumentParser(add_help=False))
    parser = _window_parser(common)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    content = sub.add_parser("content", help="the loaded playbook: ids, titles, steps")
    content.add_argument("--json", action="store_true", help="print JSON for scripts")

    demo = sub.add_parser("demo", parents=[common], help="add a realistic sample assessment")
    demo.add_argument(
        "--team",
        type=int,
        metavar="N",
        default=1,
        choices=range(2, 13),
        help="a cabinet retreat with N people (2-12) instead of one leader alone",
    )

    listing = sub.add_parser("list", parents=[common], help="assessments with their progress")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")

    agenda = sub.add_parser("agenda", parents=[common], help="the prioritized action agenda")
    agenda.add_argument("--assessment", type=int, metavar="ID", help="default: the latest")
    agenda.add_argument("--pdf", metavar="FILE", help="write the agenda as a PDF")
    agenda.add_argument("--csv", metavar="FILE", help="write the agenda as CSV")
    agenda.add_argument(
        "--docx", metavar="FILE", help="write the agenda as a Word document, to edit"
    )
    agenda.add_argument(
        "--include-notes",
        nargs="?",
        const="without-names",
        choices=("without-names", "with-names"),
        metavar="without-names|with-names",
        help="put participants' notes in the agenda (default: left out; a team's notes go "
        "without names unless you say with-names)",
    )

    export = sub.add_parser("export", parents=[common], help="write a .playbook.json packet")
    export.add_argument("--assessment", type=int, metavar="ID", required=True)
    export.add_argument("--participant", metavar="NAME", help="only this participant's answers")
    export.add_argument("--out", metavar="FILE", required=True)

    imports = sub.add_parser("import", parents=[common], help="merge .playbook.json packets")
    imports.add_argument("files", nargs="+", metavar="FILE")

    follow = sub.add_parser(
        "follow-up", parents=[common], help="start next year's review of an assessment"
    )
    follow.add_argument("--assessment", type=int, metavar="ID", help="default: the latest")
    follow.add_argument("--label", metavar="TEXT", help='default: "Follow-up to <label>"')

    comparing = sub.add_parser(
        "compare", parents=[common], help="what moved since the assessment this one follows"
    )
    comparing.add_argument("--assessment", type=int, metavar="ID", help="default: the latest")
    comparing.add_argument(
        "--with",
        dest="with_id",
        type=int,
        metavar="ID",
        help="the earlier assessment (default: the one this one follows)",
    )
    comparing.add_argument("--json", action="store_true", help="print JSON for scripts")

    past = sub.add_parser("history", parents=[common], help="every assessment x key action, as CSV")
    past.add_argument("--csv", metavar="FILE", required=True, help="the CSV file to write")

    check = sub.add_parser("check", parents=[common], help="integrity check and backups")
    check.add_argument("--restore", metavar="NAME", help="restore the named backup")
    check.add_argument(
        "--start-fresh",
        action="store_true",
        help="begin with an empty database when yours is damaged or missing (it is kept)",
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="when check finds triggers, views, tables or indexes the app did not create: "
        "make a clean copy of all your data without them (the old file is kept)",
    )
    return parser


def _parse(argv: list[str]) -> argparse.Namespace:
    """Opening the window (the common case) skips building the seven command parsers;
    anything the window's options do not cover goes to the full parser to explain."""
    if _opens_window(argv):
        window = _window_parser(_data_dir_option(argparse.ArgumentParser(add_help=False)))
        args, unknown = window.parse_known_args(argv)
        if not unknown:
            return args
    return _parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes (database, backups, exports) is private to the user.
    os.umask(0o077)
    given = sys.argv[1:] if argv is None else list(argv)
    args = _parse(given)
    args.command = getattr(args, "command", None)
    args.data_dir = getattr(args, "data_dir", None)
    if args.command is None:
        # Start-up makes some 40,000 objects that live as long as the window (Qt's
        # enums, the playbook, the widgets) and almost no garbage; collecting while
        # they pile up walks them again and again. run_gui freezes them once shown.
        gc.disable()
        from playbook_app.app import run_gui  # PySide6 loads only for the GUI

        status: int = run_gui(data_dir(args.data_dir), quit_when_ready=args.quit_when_ready)
        return status
    from playbook_app.commands import CommandError

    module_name, function_name = _COMMANDS[args.command]
    try:
        module = importlib.import_module(f"playbook_app.commands.{module_name}")
        result: int = getattr(module, function_name)(args, sys.stdout)
        return result
    except CommandError as error:
        return _fail(str(error))
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one line, never a traceback
        return _fail(_defect_line(error, args))


def _defect_line(error: Exception, args: argparse.Namespace) -> str:
    """Name the defect and where its traceback was logged (no user text goes to the log)."""
    from playbook_app.logs import record_defect

    name = type(error).__name__
    if isinstance(error, ImportError) and error.name:
        name += f" (module {error.name})"
    try:
        log = record_defect(f"running `{args.command}`", error, data_dir(args.data_dir))
    except Exception:  # the log is a help, never a second failure
        log = None
    where = f"; details are in {log}" if log is not None else ""
    return f"unexpected {name}{where}; nothing was changed"


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
