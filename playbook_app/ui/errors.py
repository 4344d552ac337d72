"""Telling the user about problems without blocking: message boxes and the last-resort hook."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

ERROR_LOG = "error.log"


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox:
    """A window-modal box opened with open(), so no code path waits on it (tests never hang)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    box = message_box(parent, title, text, details)
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


def install_excepthook(data_dir: Path) -> Callable[..., None]:
    """Route unexpected errors to a log file and a short message instead of a traceback.

    Returns the previous hook. Only the running app installs this; tests keep
    pytest-qt's own capture so a bug fails the test.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log = data_dir / ERROR_LOG
        try:
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
                handle.write("".join(traceback.format_exception(kind, error, tb)))
            where = f"Details were written to {log}."
        except OSError:
            where = ""
        print(f"error: unexpected {kind.__name__}: {error}", file=sys.stderr)
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
