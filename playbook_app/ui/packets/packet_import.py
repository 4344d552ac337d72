"""File > Import packets…: check every file, preview the merge, then apply it all at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from playbook_app.exchange import MergePlan, Packet, PacketError, merge, read_packets
from playbook_app.storage import StorageError
from playbook_app.ui.packets.packet_files import (
    open_file_dialog,
    ready_for_packets,
    remember_folder,
)
from playbook_app.ui.session.data_folder import import_into, stored_records
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.errors import show_error
from playbook_app.ui.widgets.theme import Tone, set_tone

if TYPE_CHECKING:
    from playbook_app.ui.shell.host import Host

NOTHING_CHANGED = "Nothing was imported; this computer's answers are unchanged."


def start_import(host: Host) -> QDialog | None:
    """Pick one or more packet files; the preview follows."""
    if not ready_for_packets(host, "imported"):
        return None
    return open_file_dialog(
        host, "Import packets", chosen=lambda paths: preview_import(host, paths)
    )


def preview_import(host: Host, paths: list[Path]) -> ImportDialog | None:
    """Check every file, then show what importing would do; nothing is written yet."""
    if not paths:
        return None
    # The folder was used even if a file in it is refused: the next try starts there.
    remember_folder(host, paths[0])
    session = host.session
    try:
        packets = [
            replace(p, source=Path(p.source).name) for p in read_packets(paths, session.playbook)
        ]
        uids = {p.assessment.uid for p in packets}
        plan = merge(packets, stored_records(session, uids), session.playbook)
    except (PacketError, StorageError) as error:
        show_error(host.widget(), "Cannot import", str(error), NOTHING_CHANGED)
        return None
    dialog = ImportDialog(host, packets, plan)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _totals(plan: MergePlan) -> tuple[int, int, int]:
    a = plan.assessments
    return (
        sum(len(m.new) for m in a),
        sum(len(m.changed) for m in a),
        sum(len(m.overridden) for m in a),
    )


def summary_text(plan: MergePlan, count: int, *, done: bool) -> str:
    new, changed, overridden = _totals(plan)
    files = f"{count} packet{'s' if count != 1 else ''}"
    if not plan.has_changes:
        return f"Nothing to import: everything in {'this packet' if count == 1 else 'these'} " \
            "is already on this computer."  # fmt: skip
    head = (
        f"Imported {files}."
        if done
        else f"{files} read and checked; nothing changes until you press Import."
    )
    conflicts = (
        f"{overridden} conflict{'s' if overridden != 1 else ''}, where the newer answer "
        f"{'won' if done else 'wins'} (listed below as overridden)"
        if overridden
        else "no conflicts"
    )
    return f"{head}\n{new} new · {changed} changed · {conflicts}."


class ImportDialog(QDialog):
    """The preview; Import applies it all or nothing, then the window shows the result."""

    def __init__(self, host: Host, packets: list[Packet], plan: MergePlan) -> None:
        super().__init__(host.widget())
        self._host = host
        self._packets = packets
        self.plan = plan
        self.result_plan: MergePlan | None = None
        self.setWindowTitle("Import packets")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.summary = text_label(summary_text(plan, len(packets), done=False), scale=1.05)
        self.summary.setAccessibleDescription("What importing will do")
        layout.addWidget(self.summary)
        layout.addWidget(
            text_label("New, changed and overridden, per assessment:", muted=True, scale=0.92)
        )
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Import details")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.details.setPlainText("\n".join(plan.report_lines()))
        layout.addWidget(self.details, 1)
        self.error = text_label("")
        set_tone(self.error, Tone.ERROR)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.import_button: QPushButton = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setAccessibleName("Import")
        self.import_button.setVisible(plan.has_changes)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        if not plan.has_changes:
            self.cancel_button.setText("Close")
            self.cancel_button.setAccessibleName("Close")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 520)

    def apply(self) -> None:
        """Back up, merge again against what is stored now, write in one transaction, reload."""
        if self.result_plan is not None:
            self.accept()
            return
        session = self._host.session
        packets = self._packets
        uids = {p.assessment.uid for p in packets}
        try:
            done = import_into(
                session, uids, lambda stored: merge(packets, stored, session.playbook)
            )
        except (PacketError, StorageError) as error:
            self.error.setText(f"{NOTHING_CHANGED} {error}")
            self.error.setVisible(True)
            return
        self.result_plan = done
        self.summary.setText(summary_text(done, len(packets), done=True))
        self.summary.setAccessibleDescription("What was imported")
        self.details.setPlainText("\n".join(done.report_lines()))
        self.error.setVisible(False)
        self.import_button.setText("Close")
        self.import_button.setAccessibleName("Close")
        self.cancel_button.setVisible(False)
        self._reload(uids)

    def _reload(self, uids: set[str]) -> None:
        """Show what arrived: the open assessment again, else the one the packets brought."""
        session = self._host.session
        record = session.record
        if record is not None and record.assessment.uid not in uids:
            self.summary.setText(
                self.summary.text() + "\nFile > Open assessment… shows what was imported."
            )
            return
        target = record.assessment.uid if record is not None else sorted(uids)[0]
        rater = session.participant_uid
        try:
            assessment_id = session.assessment_id_for_uid(target)
            if assessment_id is not None:
                session.open_assessment(assessment_id)
        except StorageError as error:
            self.error.setText(f"Imported, but it could not be shown yet: {error}")
            self.error.setVisible(True)
            return
        reopened = session.record
        if rater and reopened is not None and any(p.uid == rater for p in reopened.participants):
            session.set_active_participant(rater)
