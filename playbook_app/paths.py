"""Where data and bundled resources live: one place to ask, with overrides for tests and users."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

DATA_DIR_ENV = "PLAYBOOK_DATA_DIR"
RESOURCES_ENV = "PLAYBOOK_RESOURCES_DIR"
DATABASE_NAME = "playbook.sqlite3"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir`, then PLAYBOOK_DATA_DIR, then the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    # Only now: a folder given on the command line or in the environment needs no lookup.
    from platformdirs import user_data_path

    return user_data_path("PlaybookReadiness", appauthor=False, roaming=False)


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def resources_dir() -> Path:
    """The bundled resources: an environment override, the installed package, the source tree."""
    env = os.environ.get(RESOURCES_ENV)
    if env:
        return Path(env)
    try:
        installed = resources.files("playbook_app._resources")
    except ModuleNotFoundError:
        installed = None
    if installed is not None and installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parent.parent / "resources"


def playbooks_dir() -> Path:
    return resources_dir() / "playbooks"
