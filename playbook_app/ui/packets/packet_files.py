"""What packet export and import share: the file dialogs, the folder they remember, readiness."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog

from playbook_app.exchange import SUFFIX
from playbook_app.ui.widgets.errors import show_error

if TYPE_CHECKING:
    from playbook_app.ui.shell.host import Host

FILTERS = f"Playbook packets (*{SUFFIX});;JSON files (*.json);;All files (*)"
FOLDER_SETTING = "packet_folder"


def packet_folder(host: Host) -> str:
    """Where the last packet went or came from (a USB stick, often); else Documents; else
    the home folder."""
    remembered = host.session.setting(FOLDER_SETTING)
    if remembered and Path(remembered).is_dir():
        return remembered
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


def remember_folder(host: Host, path: Path) -> None:
    host.session.remember(FOLDER_SETTING, str(path.parent))


def ready_for_packets(host: Host, doing: str) -> bool:
    """Typing handed over and everything saved: a packet must match what is stored.

    `doing` completes "Nothing was …" ("exported", "imported").
    """
    host.commit_typing()
    session = host.session
    if session.has_pending and not session.retry():
        show_error(
            host.widget(),
            "Some changes are not saved yet",
            f"Nothing was {doing}: some changes are not saved yet. {session.last_error}",
            "Use File > Retry saving, then try again.",
        )
        return False
    return True


def open_file_dialog(
    host: Host,
    title: str,
    *,
    save_as: str = "",
    chosen: Callable[[list[Path]], object],
) -> QFileDialog:
    """The platform's file dialog, opened without blocking; `chosen` gets the files picked.

    With `save_as` (a suggested file name) it asks where to save one file;
    without, it picks one or more existing files.
    """
    folder = packet_folder(host)
    dialog = QFileDialog(host.widget(), title, str(Path(folder) / save_as) if save_as else folder)
    dialog.setNameFilters(FILTERS.split(";;"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if save_as:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(save_as)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.filesSelected.connect(lambda files: chosen([Path(f) for f in files]))
    dialog.open()
    return dialog
