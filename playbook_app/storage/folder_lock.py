"""One writer per data folder: an exclusive OS file lock shared by the window and every command.

The lock is the operating system's own (``flock`` on Linux and macOS, ``msvcrt.locking``
on Windows), so it vanishes with its process: a crash or a kill -9 never leaves a folder
locked. The holder writes who it is into the file, so a refused writer can say what to
close. Nothing waits: a second writer is refused at once.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from playbook_app.storage.database import StorageError, fault_kind, prepare_folder

LOCK_NAME = "playbook.lock"
WINDOW = "window"  # the holder when the app's window has the folder open
_WINDOWS_LOCK_OFFSET = 1 << 30  # lock a byte far past the holder's note, which stays readable


class FolderLockedError(StorageError):
    """Another program holds this folder's lock; `holder` says which, as far as known."""

    def __init__(self, message: str, *, holder: str) -> None:
        super().__init__(message, kind="locked")
        self.holder = holder


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


class FolderLock:
    """The folder's write lock, held from `acquire` until `release` (or the process ends)."""

    def __init__(self, data_dir: Path, purpose: str) -> None:
        self.data_dir = data_dir
        self.purpose = purpose  # WINDOW, or the command's name: shown to a refused writer
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise: FolderLockedError, or StorageError naming the cause."""
        if self._fd is not None:
            return
        prepare_folder(self.data_dir)  # a first run: the folder is made here, private
        path = lock_path(self.data_dir)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise StorageError(
                f"The data folder {self.data_dir} cannot be written to, so nothing can be "
                f"saved there ({error.strerror or error}).",
                kind=fault_kind(error),
            ) from None
        try:
            taken = _try_lock(fd)
        except OSError as error:
            os.close(fd)
            raise StorageError(
                f"The data folder {self.data_dir} cannot be locked for writing "
                f"({error.strerror or error}).",
                kind=fault_kind(error),
            ) from None
        if not taken:
            os.close(fd)
            holder = read_holder(self.data_dir)
            raise FolderLockedError(refusal(self.data_dir, holder), holder=holder)
        self._fd = fd
        # The note only names the holder for others' messages: a full disk must not turn
        # a lock that is held into an unexplained failure (the open then says "full").
        with suppress(OSError):
            _write_note(fd, f"{os.getpid()}\n{self.purpose}\n")

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _write_note(fd, "")
            _unlock(fd)
        except OSError:
            pass  # closing the descriptor releases the lock all the same
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def read_holder(data_dir: Path) -> str:
    """Who holds the lock, from its note: WINDOW, a command's name, or "" if unknown."""
    try:
        lines = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[1].strip() if len(lines) > 1 else ""


def is_locked(data_dir: Path) -> bool:
    """Whether some process holds the folder's lock right now (a probe that takes it briefly)."""
    probe = FolderLock(data_dir, "probe")
    try:
        probe.acquire()
    except FolderLockedError:
        return True
    except StorageError:
        return False  # cannot even create the file: nobody can be writing there
    probe.release()
    return False


def refusal(data_dir: Path, holder: str) -> str:
    """One line for a writer that was refused, saying what to do."""
    if holder == WINDOW:
        return (
            f"Playbook Readiness is open on {data_dir}; close its window, or do this from "
            "the window's File menu. Nothing was changed."
        )
    doing = f" (`playbook-app {holder}` is running)" if holder else ""
    return (
        f"Another copy of Playbook Readiness is writing to {data_dir}{doing}; wait for it "
        "to finish, then try again. Nothing was changed."
    )


def _write_note(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode("utf-8"))


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
