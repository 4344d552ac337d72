"""How backups are named on screen: when, why and how big, in the words a user reads."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playbook_app.ui.session.data_folder import BackupInfo

_KINDS = {
    "daily": "Daily",
    "close": "When the app closed",
    "import": "Before an import",
    "migration": "Before an app update",
    "before-restore": "Before a restore",
    "manual": "Made by you",
    "before-delete": "Before a delete",
}


def backup_kind(reason: str) -> str:
    """Why a backup was made, e.g. "Before an import"."""
    return _KINDS.get(reason, reason.replace("-", " ").capitalize())


def backup_purpose(info: BackupInfo) -> str:
    """Why this backup was made, naming the backup a restore put in place when known:
    "Before restoring the backup of 2026-11-22 10:04" (two restores are then told apart)."""
    if info.reason == "before-restore" and info.of is not None:
        return f"Before restoring the backup of {_local(info.of)}"
    return backup_kind(info.reason)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def backup_when(info: BackupInfo) -> str:
    """When a backup was made, in this computer's time zone (file names keep UTC)."""
    return _local(info.created_at)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe_backup(info: BackupInfo) -> str:
    """One phrase naming a backup: "the backup of 2026-11-22 10:04 (Daily)"."""
    return f"the backup of {backup_when(info)} ({backup_purpose(info)})"
