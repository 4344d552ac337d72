"""Write a file all at once or not at all: temporary file, fsync, rename, read back."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; any earlier file of that name is untouched."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old file or the new one, never half.

    The file is created private to the user (0600) and verified by reading it back.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise WriteError(f"{path} is a folder; choose a file name.")
    if not folder.is_dir():
        raise WriteError(f"The folder {folder} does not exist.")
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, path)
        temp_name = ""
        fsync_folder(folder)
        if path.read_bytes() != data:
            raise WriteError(f"{path} did not read back as written; the disk may be failing.")
    except OSError as error:
        raise WriteError(f"Could not write {path}: {error.strerror or error}.") from None
    finally:
        if temp_name:
            with suppress(OSError):
                os.unlink(temp_name)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def data_folder_refusal(path: Path, data_dir: Path) -> str:
    """Why `path` may not be written (inside the folder that holds the answers), or "".

    Exports are for other people: one left in the data folder would travel with
    every copy of it and clutter its backups. The window and the commands share this.
    """
    try:
        target, folder = path.resolve(), data_dir.resolve()
    except OSError as error:
        return f"{path} cannot be used: {error.strerror or error}."
    if target == folder or folder in target.parents:
        return (
            f"{path} is inside the folder where the app keeps your answers. "
            "Choose another folder, such as Documents."
        )
    return ""
