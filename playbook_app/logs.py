"""The app's log: a small rotating file in the data folder, with no user text in it.

The window, its background workers and the command line all log here through Python's
`logging`. A record keeps what went wrong and where (exception types and the app's own
code lines), never an exception's message: a message can quote what the user typed.
"""

from __future__ import annotations

import logging
import os
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_NAME = "playbook.log"
LOG_BYTES = 1_000_000
LOG_FILES = 5  # the current file and four older ones: at most about 5 MB in all
LOGGER = "playbook_app"

log = logging.getLogger(LOGGER)


def crash_report(error: BaseException, tb: TracebackType | None = None) -> str:
    """What a log keeps of an error: its type and where it arose, never its message."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    trace = tb or error.__traceback__
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if lines:
            lines.append("which happened while handling:")
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(trace):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        current = current.__cause__ or current.__context__
        trace = None if current is None else current.__traceback__
    return "\n".join(lines)


class _PrivateFormatter(logging.Formatter):
    """Formats exceptions with crash_report: no exception message reaches the file."""

    def formatException(self, ei: object) -> str:
        if isinstance(ei, tuple) and len(ei) == 3 and isinstance(ei[1], BaseException):
            return crash_report(ei[1], ei[2])
        return ""


class _PrivateRotatingHandler(RotatingFileHandler):
    """A rotating file created 0600, like every file in the data folder."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (full disk, read-only folder) must not disturb the
        user with logging's own traceback: the message on screen says what happened."""


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_NAME


def start_logging(data_dir: Path) -> Path | None:
    """Send the app's log records to the data folder's file; its path, or None if unwritable.

    Calling it again for another folder moves the log there (tests open many folders).
    """
    if not data_dir.is_dir():
        return None
    path = log_path(data_dir)
    for handler in list(log.handlers):
        if isinstance(handler, _PrivateRotatingHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            log.removeHandler(handler)
            handler.close()
    try:
        handler = _PrivateRotatingHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_FILES - 1, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(_PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def record_defect(what: str, error: BaseException, data_dir: Path | None = None) -> Path | None:
    """Log a defect with its whole traceback; returns the log file, if one is in use.

    `what` is the app's own words (say, "saving an answer"), never the user's text.
    """
    if data_dir is not None:
        start_logging(data_dir)
    log.error("defect while %s", what, exc_info=(type(error), error, error.__traceback__))
    for handler in log.handlers:
        if isinstance(handler, RotatingFileHandler):
            handler.flush()
            return Path(handler.baseFilename)
    return None
