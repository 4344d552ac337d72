"""Telling the user about problems without blocking: message boxes and the last-resort hook."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    # Loaded with the first box: every start installs the hook below, few show a box.
    from PySide6.QtWidgets import QMessageBox


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


def install_excepthook(data_dir: Path) -> Callable[..., None]:
    """Route unexpected errors to a log file and a short message instead of a traceback.

    Returns the previous hook. Only the running app installs this; tests keep
    pytest-qt's own capture so a bug fails the test.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        from playbook_app.logs import record_defect  # logging loads with the first error

        error.__traceback__ = tb or error.__traceback__
        log = record_defect("running the window", error, data_dir)
        where = f"Details were written to {log}." if log is not None else ""
        print(
            f"error: unexpected {kind.__name__}; details are in {log or 'no log file'}",
            file=sys.stderr,
        )
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
