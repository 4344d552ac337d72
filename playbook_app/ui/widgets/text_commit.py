"""Hands typed text over after a short pause, on focus-out and on demand: nothing typed is lost."""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from playbook_app.domain.limits import clean

IDLE_MS = 400


TextField = QLineEdit | QPlainTextEdit

# Every field that autosaves, so one call hands over all typing in a window (before
# closing, undoing, exporting, handing the computer over, switching assessments).
_live: weakref.WeakSet[TextCommitter] = weakref.WeakSet()


def commit_typing_in(window: QWidget) -> None:
    """Hand over the typing in every autosaving field of `window`; each ends its burst."""
    for committer in list(_live):
        if committer.is_in(window):
            committer.end_burst()


class TextCommitter(QObject):
    """Watches one text field; emits ``committed(text)`` when an editing pause ends.

    A write per keystroke would flood the undo stack and the disk; a pause of
    ``IDLE_MS``, leaving the field, changing page or closing the window each
    hand the text over instead. ``burst`` counts editing bursts so the undo
    stack can merge the hand-overs of one burst into one command.

    A field whose text must be whole before it means anything (a date) passes
    ``pause=False``: it is handed over only on Return, focus-out and on demand.
    This is the one way the window saves typing: no field wires its own timer,
    ``editingFinished`` or focus handler for it (tests/test_text_commit_guard.py).
    """

    committed = Signal(str)
    editing = Signal()

    def __init__(
        self,
        field: TextField,
        parent: QObject | None = None,
        *,
        limit: int | None = None,
        pause: bool = True,
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._dirty = False
        self._loading = False
        # With a limit, typing and pasting never take the text past it, and control
        # characters are dropped as they come (line breaks and tabs stay in a text box).
        self._limit = limit
        self._accepted = ""
        self.burst = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.commit)
        self._pause = pause
        field.textChanged.connect(self._changed)
        if isinstance(field, QLineEdit):
            field.returnPressed.connect(self.end_burst)
        # The application's signal, not an event filter on the field: a filter would
        # see every event of the field in Python, and the first one makes PySide
        # build the Python types of all of Qt's event classes, which start-up pays.
        # It also fires when a completer's popup swallows the field's focus-out.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        _live.add(self)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def is_in(self, window: QWidget) -> bool:
        """Whether the field lives (still) in `window`."""
        return (
            shiboken6.isValid(self)
            and shiboken6.isValid(self._field)
            and (self._field.window() is window)
        )

    def text(self) -> str:
        if isinstance(self._field, QPlainTextEdit):
            return self._field.toPlainText()
        return self._field.text()

    def set_text(self, text: str) -> None:
        """Show stored text without treating it as an edit; new text starts a new burst."""
        self._timer.stop()
        self._dirty = False
        if self.text() == text:
            return  # e.g. the echo of our own hand-over: the burst goes on
        self.burst += 1
        self._loading = True
        try:
            if isinstance(self._field, QPlainTextEdit):
                self._field.setPlainText(text)
            else:
                self._field.setText(text)
        finally:
            self._loading = False
        # Stored text shows as it is, even past the limit (an older version took any
        # length): typing may shorten it but not lengthen it.
        self._accepted = self.text()

    def forget(self) -> None:
        """Drop typing not yet handed over (it belonged to an assessment no longer shown)."""
        self._timer.stop()
        self._dirty = False

    def commit(self) -> None:
        """Hand over what is typed now, if anything changed since the last hand-over."""
        self._timer.stop()
        if self._dirty:
            self._dirty = False
            self.committed.emit(self.text())

    def end_burst(self) -> None:
        self.commit()
        self.burst += 1

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        if self._limit is not None and not self._within_limit():
            return  # the corrected text comes back through this method
        self._dirty = True
        if self._pause:
            self._timer.start()
        self.editing.emit()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is self._field:
            self.end_burst()

    def _within_limit(self) -> bool:
        """Accept the text, or put back a corrected one and return False."""
        assert self._limit is not None
        text = self.text()
        fixed = clean(text, multiline=isinstance(self._field, QPlainTextEdit))
        allowed = max(self._limit, len(self._accepted))
        if len(fixed) > allowed:
            fixed = _refuse_growth(self._accepted, fixed, allowed)
        if fixed == text:
            self._accepted = text
            return True
        after = clean(text[_index(text, self._cursor()) :], multiline=True)
        self._replace(fixed, max(0, len(fixed) - len(after)))
        return False

    def _cursor(self) -> int:
        if isinstance(self._field, QPlainTextEdit):
            return self._field.textCursor().position()
        return self._field.cursorPosition()

    def _replace(self, text: str, index: int) -> None:
        position = _units(text[:index])
        if isinstance(self._field, QPlainTextEdit):
            from PySide6.QtGui import QTextCursor  # its enums cost start-up; used on typing

            # Through a cursor, not setPlainText: the box's own undo history survives.
            cursor = self._field.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
            cursor.setPosition(position)
            self._field.setTextCursor(cursor)
        else:
            self._field.setText(text)
            self._field.setCursorPosition(position)


def _refuse_growth(before: str, after: str, allowed: int) -> str:
    """`after` with the text just inserted cut short so the whole is `allowed` long."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    inserted = after[start : len(after) - end]
    keep = max(0, len(inserted) - (len(after) - allowed))
    return after[:start] + inserted[:keep] + after[len(after) - end :]


def _units(text: str) -> int:
    """Qt's length of `text`: UTF-16 code units, so an emoji counts two."""
    return len(text.encode("utf-16-le")) // 2


def _index(text: str, units: int) -> int:
    """The index into `text` of Qt's position `units`."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)
