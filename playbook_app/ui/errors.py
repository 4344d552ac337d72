"""Telling the user about problems without blocking: message boxes and the last-resort hook."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    # Loaded with the first box: every start installs the hook below, few show a box.
    from PySide6.QtWidgets import QMessageBox

ERROR_LOG = "error.log"


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str = "",
    icon: QMessageBox.Icon | None = None,
) -> QMessageBox:
    """A window-modal box opened with open(), so no code path waits on it (tests never hang).

    The icon is a warning unless given.
    """
    from PySide6.QtWidgets import QMessageBox

    if icon is None:
        icon = QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


_unowned: set[QMessageBox] = set()


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = message_box(parent, title, text, details)
    box.addButton(QMessageBox.StandardButton.Close)
    if parent is None:
        # Nothing else holds a box without a parent: Python would delete it at once.
        _unowned.add(box)
        box.finished.connect(lambda _result: _unowned.discard(box))
    box.open()
    return box


def crash_report(error: BaseException, tb: TracebackType | None = None) -> str:
    """What a crash log keeps of an error: its type and where it arose, never its message.

    A message can quote what the user typed (a note in a ValueError, say), and no
    log may hold anything of the notes; the code lines shown are the app's own.
    """
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
    return "\n".join(lines) + "\n"


def install_excepthook(data_dir: Path) -> Callable[..., None]:
    """Route unexpected errors to a log file and a short message instead of a traceback.

    Returns the previous hook. Only the running app installs this; tests keep
    pytest-qt's own capture so a bug fails the test.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log = data_dir / ERROR_LOG
        try:
            # 0600 like every file in the data folder, whatever the umask.
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with open(fd, "a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
                handle.write(crash_report(error, tb))
            where = f"Details were written to {log}."
        except OSError:
            where = ""
        print(f"error: unexpected {kind.__name__}", file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        app = QApplication.instance()
        # One box at a time: an error that repeats (say, in painting) must not bury the window.
        if isinstance(app, QApplication) and not any(
            isinstance(widget, QMessageBox) and widget.isVisible()
            for widget in app.topLevelWidgets()
        ):
            show_error(
                app.activeWindow(),
                "Something went wrong",
                "Something unexpected went wrong. Answers already saved are safe; if the "
                "status bar shows unsaved changes, use Retry.",
                where,
            )

    sys.excepthook = hook
    return previous
