"""Where data and bundled resources live: one place to ask, with overrides for tests and users."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

DATA_DIR_ENV = "PLAYBOOK_DATA_DIR"
RESOURCES_ENV = "PLAYBOOK_RESOURCES_DIR"
DATABASE_NAME = "playbook.sqlite3"
# A folder of this name beside the installed app (the bundle's folder; on macOS the
# folder holding the .app) makes the app portable: its data lives there, so one USB
# stick carries the app and a cabinet's data from laptop to laptop.
PORTABLE_FOLDER = "PlaybookReadinessData"


class DataMode(StrEnum):
    """Why the data folder is where it is."""

    GIVEN = "given with --data-dir"
    ENVIRONMENT = f"given by {DATA_DIR_ENV}"
    PORTABLE = "portable"
    STANDARD = "standard"


@dataclass(frozen=True)
class DataLocation:
    folder: Path
    mode: DataMode


def app_folder(executable: str | None = None, frozen: bool | None = None) -> Path | None:
    """The folder the bundled app sits in; None when it runs from source (no bundle)."""
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return None
    program = Path(executable or sys.executable).resolve()
    for parent in program.parents:
        if parent.suffix == ".app":  # macOS: …/Playbook Readiness.app/Contents/MacOS/…
            return parent.parent
    return program.parent


def portable_dir(executable: str | None = None, frozen: bool | None = None) -> Path | None:
    """PlaybookReadinessData beside the bundled app, if that folder exists."""
    folder = app_folder(executable, frozen)
    if folder is None:
        return None
    candidate = folder / PORTABLE_FOLDER
    return candidate if candidate.is_dir() else None


def user_data_dir() -> Path:
    """The platform's own place for the user's data (not created here)."""
    from platformdirs import user_data_path  # only when needed: a given folder needs no lookup

    return user_data_path("PlaybookReadiness", appauthor=False, roaming=False)


def data_location(
    explicit: str | os.PathLike[str] | None = None,
    *,
    executable: str | None = None,
    frozen: bool | None = None,
) -> DataLocation:
    """`--data-dir`, then PLAYBOOK_DATA_DIR, then a portable folder beside the bundled
    app, then the platform's user data folder."""
    if explicit:
        return DataLocation(Path(explicit).expanduser(), DataMode.GIVEN)
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return DataLocation(Path(env).expanduser(), DataMode.ENVIRONMENT)
    portable = portable_dir(executable, frozen)
    if portable is not None:
        return DataLocation(portable, DataMode.PORTABLE)
    return DataLocation(user_data_dir(), DataMode.STANDARD)


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    return data_location(explicit).folder


def data_mode(folder: Path, *, executable: str | None = None, frozen: bool | None = None) -> str:
    """How the window's data folder was chosen, in words for the About box."""
    portable = portable_dir(executable, frozen)
    if portable is not None and _same(portable, folder):
        return "Portable: the data lives in the PlaybookReadinessData folder beside the app."
    if _same(user_data_dir(), folder):
        return "Standard: the data lives in your user data folder."
    return "A chosen folder (--data-dir or PLAYBOOK_DATA_DIR)."


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def resources_dir() -> Path:
    """The bundled resources: an environment override, else the package's own _resources.

    The pack, fonts and icons ship inside the package as plain files (reportlab and Qt
    open them by path, so a zipped install could not work anyway); the package folder
    is where importlib.resources would find them too, at a start-up cost of its own.
    """
    env = os.environ.get(RESOURCES_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "_resources"


def playbooks_dir() -> Path:
    return resources_dir() / "playbooks"


def icons_dir() -> Path:
    return resources_dir() / "icons"
