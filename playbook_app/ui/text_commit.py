"""Hands typed text over after a short pause, on focus-out and on demand: nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

IDLE_MS = 400


TextField = QLineEdit | QPlainTextEdit


class TextCommitter(QObject):
    """Watches one text field; emits ``committed(text)`` when an editing pause ends.

    A write per keystroke would flood the undo stack and the disk; a pause of
    ``IDLE_MS``, leaving the field, changing page or closing the window each
    hand the text over instead. ``burst`` counts editing bursts so the undo
    stack can merge the hand-overs of one burst into one command.
    """

    committed = Signal(str)
    editing = Signal()

    def __init__(self, field: TextField, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._dirty = False
        self._loading = False
        self.burst = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.commit)
        field.textChanged.connect(self._changed)
        # The application's signal, not an event filter on the field: a filter would
        # see every event of the field in Python, and the first one makes PySide
        # build the Python types of all of Qt's event classes, which start-up pays.
        # It also fires when a completer's popup swallows the field's focus-out.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @property
    def dirty(self) -> bool:
        return self._dirty

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
        self._dirty = True
        self._timer.start()
        self.editing.emit()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is self._field:
            self.end_burst()
