"""Composition root: paths -> storage -> content -> GUI, and a window factory for tests."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from playbook_app import APP_ID, APP_NAME, __version__
from playbook_app.content import ContentError, load_default
from playbook_app.domain.playbook import Playbook
from playbook_app.paths import icons_dir
from playbook_app.storage import StorageError, Store
from playbook_app.storage.database import prepare_folder
from playbook_app.storage.folder_lock import WINDOW, FolderLock, FolderLockedError

# isort: split
# PySide6 comes after the pure-Python libraries on purpose: once loaded, its
# import hook slows every later import, which start-up would pay for.
from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from shiboken6 import Shiboken

from playbook_app.ui.session.session import Session
from playbook_app.ui.shell.binding import defect_message, drops_references
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets import theme

WINDOW_SETTINGS = "window.ini"
ORGANIZATION = "Playbook Readiness"


def build_main_window(
    store: Store,
    playbook: Playbook,
    *,
    assessment_id: int | None = None,
    remember_window: bool = True,
    lock: FolderLock | None = None,
) -> MainWindow:
    """The main window on an open store, at the last (or given) assessment and key action.

    Raises StorageError if the assessment cannot be read. The caller owns the
    store and closes it after the window is gone. `lock` is the folder's write lock
    (taken here when not given); the session keeps it until the store closes.
    """
    session = Session(store, playbook, lock=lock)
    if assessment_id is not None:
        session.open_assessment(assessment_id)
    else:
        session.reopen()
    data_dir = store.path.parent
    # Window geometry lives in the data folder, so --data-dir keeps each copy separate.
    settings = (
        QSettings(str(data_dir / WINDOW_SETTINGS), QSettings.Format.IniFormat)
        if remember_window
        else None
    )
    # Palette and style go on before the first widget is made: put on later, they
    # would polish every widget again.
    theme.ensure(theme.load_choice(settings))
    return MainWindow(session, data_dir, settings)


def app_icon() -> QIcon:
    """The app's icon in every size it ships; each file is read only when a size is drawn."""
    icon = QIcon()
    for png in icons_dir().glob("playbook-*.png"):
        size = int(png.stem.rpartition("-")[2])
        icon.addFile(str(png), QSize(size, size))
    return icon


def run_gui(data_dir: Path, quit_when_ready: bool = False) -> int:
    """Open the app on a data folder; returns the exit status (1 after a reported error)."""
    os.umask(0o077)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    # Wayland and the desktops match the window to its .desktop file (and so its icon)
    # by this id; X11 and Windows take the icon set here.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    if sys.platform == "win32":
        # The taskbar groups the window under the Start-menu shortcut carrying this id.
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)

    def fail(title: str, message: str) -> int:
        print(f"error: {message}", file=sys.stderr)
        if not quit_when_ready:
            from PySide6.QtWidgets import QMessageBox

            # Nothing else is on screen yet, so waiting on this box blocks no work.
            box = QMessageBox(QMessageBox.Icon.Critical, title, message)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
        return 1

    if drops_references():
        # Before anything is opened: such a copy of Qt would crash mid-typing.
        return fail(f"{APP_NAME} cannot start safely", defect_message())
    try:
        playbook = load_default()
    except ContentError as error:
        return fail("The playbook content could not be loaded", str(error))
    try:
        prepare_folder(data_dir)
    except StorageError as error:
        return fail("The data folder cannot be used", str(error))

    lock = FolderLock(data_dir, WINDOW)
    try:
        lock.acquire()
    except FolderLockedError as error:
        if error.holder == WINDOW:
            return fail(
                "Already open",
                f"{APP_NAME} is already open with the data folder {data_dir}. "
                "Switch to that window, or close it and start again.",
            )
        return fail("The data folder is busy", str(error))
    except StorageError:
        # A folder that cannot be written (read-only, full): the app still shows what is
        # there, and the session takes the lock before its first write succeeds.
        pass
    try:
        store = Store.open(data_dir)
    except StorageError as error:
        # Only a failed open loads the recovery screens.
        from playbook_app.ui.safety.recovery_dialog import recover_on_start

        recovered = recover_on_start(data_dir, error, fail, quit_when_ready=quit_when_ready)
        if recovered is None:
            lock.release()
            return 1
        store = recovered
    window: MainWindow | None = None
    try:
        try:
            window = build_main_window(store, playbook, lock=lock)
        except StorageError as error:
            return fail("Your assessment cannot be opened", str(error))
        if not quit_when_ready:
            from playbook_app.ui.widgets.errors import install_excepthook

            install_excepthook(data_dir)
        window.show()
        if not gc.isenabled():
            # The entry point held the collector off for start-up. What exists now
            # lives as long as the window: freeze it, so no collection walks it again.
            gc.freeze()
            gc.enable()
        if quit_when_ready:
            QTimer.singleShot(0, app.quit)
        return app.exec()
    finally:
        if window is not None:
            window.session.write_settings()  # where the user was, kept for idle moments
            store = window.session.store  # the one it has now: a restore replaces it
            # The window goes before the store it writes through closes, so no
            # late signal (in a caller that keeps Qt running) reaches a closed store.
            window.hide()
            Shiboken.delete(window)
        store.close()
        lock.release()
