"""Backups that never freeze the window: made on a worker thread, reported back as signals."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from playbook_app.storage import StorageError
from playbook_app.ui.session.data_folder import BackupInfo, back_up_reading


class BackupRunner(QObject):
    """Runs one backup at a time on a thread of its own, with a connection of its own.

    A sqlite3 connection belongs to the thread that made it, so the window's
    stays on the GUI thread; in WAL mode the backup reads a snapshot while the
    user keeps saving. Signals arrive on the GUI thread (queued by Qt).
    """

    finished = Signal(str, object)  # reason, BackupInfo (None: a daily one was not due)
    failed = Signal(str, str, str)  # reason, message worded for the user, StorageError kind

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, reason: str, *, daily: bool = False) -> bool:
        """Begin a backup (`daily`: only if none was made in the last 24 h); False if busy."""
        if self.busy:
            return False
        self._thread = threading.Thread(
            target=self._run, args=(reason, daily), name=f"backup-{reason}", daemon=True
        )
        self._thread.start()
        return True

    def wait(self) -> None:
        """Until the running backup, if any, is done (the app is about to close)."""
        if self._thread is not None:
            self._thread.join()

    def _run(self, reason: str, daily: bool) -> None:
        try:
            info = self.run_now(reason, daily=daily)
        except StorageError as error:
            self.failed.emit(reason, str(error), error.kind)
        except Exception as error:  # a bug must not kill the thread silently
            self.failed.emit(reason, f"unexpected {type(error).__name__}", "other")
        else:
            self.finished.emit(reason, info)

    def run_now(self, reason: str, *, daily: bool = False) -> BackupInfo | None:
        """The backup itself, on the calling thread (the worker, or a test)."""
        return back_up_reading(self._data_dir, reason, daily=daily)
