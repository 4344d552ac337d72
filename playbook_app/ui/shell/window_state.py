"""The window's size and place and the rating screen's split, remembered between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

DEFAULT_SIZE = (1280, 800)


class WindowState:
    """Reads and writes the window's geometry and splitter in settings; without settings,
    a fresh default every time (tests, and windows that should not remember)."""

    def __init__(self, settings: QSettings | None) -> None:
        self._settings = settings

    @property
    def settings(self) -> QSettings | None:
        """Where the window's other preferences (theme, single-key rating) are kept too."""
        return self._settings

    def _stored(self, key: str) -> QByteArray | None:
        value = self._settings.value(key) if self._settings is not None else None
        # A hand-edited or foreign settings file may hold anything: use only what fits.
        return value if isinstance(value, QByteArray) else None

    def restore_window(self, window: QMainWindow) -> None:
        geometry = self._stored("geometry")
        if geometry is not None and window.restoreGeometry(geometry):
            return
        width, height = DEFAULT_SIZE
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width())
            height = min(height, available.height())
        window.resize(width, height)

    def restore_splitter(self, splitter: QSplitter) -> None:
        state = self._stored("splitter")
        if state is not None:
            splitter.restoreState(state)

    def save(self, window: QMainWindow, splitter: QSplitter | None) -> None:
        if self._settings is None:
            return
        self._settings.setValue("geometry", window.saveGeometry())
        if splitter is not None:
            self._settings.setValue("splitter", splitter.saveState())
        self._settings.sync()
