"""The window's work on its whole data folder (backups, restore, import), through its session.

Views call these and never storage itself (a test and an import-linter contract keep it
so): every path that writes goes through the session, which holds the folder's lock,
saves what is on screen first, and shows every screen the data as it is afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from playbook_app.paths import database_path
from playbook_app.storage.backups import (
    BackupInfo,
    backup_database,
    backups_dir,
    list_backups,
    maybe_daily_backup,
)
from playbook_app.storage.database import connect_read_only, storage_error
from playbook_app.storage.importing import import_planned, load_existing
from playbook_app.storage.location import location_warning
from playbook_app.storage.repair import RestoreResult, restore

if TYPE_CHECKING:
    from playbook_app.domain.assessment import AssessmentRecord
    from playbook_app.storage.importing import Plan
    from playbook_app.ui.session.session import Session

_Plan = TypeVar("_Plan", bound="Plan")

__all__ = [
    "BackupInfo",
    "back_up_on_close",
    "back_up_reading",
    "backups_folder",
    "backups_in",
    "import_into",
    "location_warning",
    "restore_backup",
    "stored_records",
]


def backups_folder(data_dir: Path) -> Path:
    return backups_dir(data_dir)


def backups_in(data_dir: Path, *, verify: bool = False) -> list[BackupInfo]:
    """Every backup in the folder, newest first, each with its check."""
    return list_backups(data_dir, verify=verify)


def restore_backup(session: Session, name: str) -> RestoreResult:
    """Put a backup in place of the database, with the window's own connection closed
    meanwhile; raises StorageError with nothing changed."""
    return session.replace_database(lambda: restore(session.data_dir, name))


def stored_records(session: Session, uids: Iterable[str]) -> dict[str, AssessmentRecord]:
    """The stored assessments among `uids` (to preview a merge against)."""
    return load_existing(session.store, uids)


def import_into(
    session: Session,
    uids: Iterable[str],
    plan: Callable[[Mapping[str, AssessmentRecord]], _Plan],
) -> _Plan:
    """Import through the session: what is on screen is saved first, re-read afterwards."""
    return session.bulk_write(lambda store: import_planned(store, uids, plan))


def back_up_on_close(session: Session) -> None:
    """The backup made when the window closes after changes (on the window's connection)."""
    backup_database(session.store.conn, session.data_dir, "close")


def back_up_reading(data_dir: Path, reason: str, *, daily: bool = False) -> BackupInfo | None:
    """One backup through a reading connection of the caller's own (a worker thread's: a
    connection belongs to the thread that made it). None: a daily one was not due."""
    path = database_path(data_dir)
    try:
        conn = connect_read_only(path)
    except Exception as error:
        raise storage_error(error, path) from None
    try:
        if daily:
            return maybe_daily_backup(conn, data_dir)
        return backup_database(conn, data_dir, reason)
    finally:
        conn.close()
