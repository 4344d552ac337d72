"""File > Export packet…: the whole assessment or one person's answers, written and verified."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import Participant
from playbook_app.exchange import Packet, PacketError, packet_file_name, with_suffix, write_packet
from playbook_app.safe_write import data_folder_refusal
from playbook_app.storage import StorageError
from playbook_app.ui.packets.packet_files import (
    open_file_dialog,
    ready_for_packets,
    remember_folder,
)
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.controls import ChoiceBox, text_label
from playbook_app.ui.widgets.errors import message_box, show_error
from playbook_app.ui.widgets.export_notes import PACKET_NOTES
from playbook_app.ui.widgets.wording import person_text

if TYPE_CHECKING:
    from playbook_app.ui.shell.host import Host


class ExportScopeDialog(QDialog):
    """Whose answers go in the packet; emits ``chosen(participant uid or "")``."""

    chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export packet")
        record = session.record
        assert record is not None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(
            text_label(
                "A packet is one file that carries answers to another computer, on a USB "
                "stick or by email, for File > Import packets… there. "
                f"{PACKET_NOTES} What goes in it?"
            )
        )
        self.whole = QRadioButton(
            "The whole assessment: everyone's answers, the agreed stages and the agenda", self
        )
        self.whole.setAccessibleName("The whole assessment")
        self.one = QRadioButton("One person's answers only (to send to the facilitator):", self)
        self.one.setAccessibleName("One person's answers only")
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.one)
        self.person: ChoiceBox[str] = ChoiceBox(self)
        self.person.setAccessibleName("Whose answers")
        self.person.add_choices((person_text(p), p.uid) for p in record.participants)
        if not self.person.set_value(session.participant_uid or ""):
            self.person.setCurrentIndex(0)
        self.whole.setChecked(True)
        self.person.setEnabled(False)
        self.one.toggled.connect(self.person.setEnabled)
        for widget in (self.whole, self.one, self.person):
            layout.addWidget(widget)
        buttons = QDialogButtonBox(self)
        self.next_button = buttons.addButton("Choose file…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setAccessibleName("Choose file")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        self.accept()
        self.chosen.emit((self.person.value() or "") if self.one.isChecked() else "")


def start_export(host: Host) -> QDialog | None:
    """Ask what to export (team mode), then where; returns the dialog it opened."""
    session = host.session
    record = session.record
    if record is None or not ready_for_packets(host, "exported"):
        return None
    if len(record.participants) < 2:
        return _choose_file(host, "")
    scope = ExportScopeDialog(session, host.widget())
    scope.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    scope.chosen.connect(lambda uid: _choose_file(host, uid))
    scope.open()
    return scope


def _choose_file(host: Host, participant_uid: str) -> QDialog | None:
    record = host.session.record
    if record is None:
        return None
    person = next((p for p in record.participants if p.uid == participant_uid), None)
    return open_file_dialog(
        host,
        "Export packet (answers and notes)",
        save_as=packet_file_name(record, person),
        chosen=lambda paths: export_to(host, paths[0], person) if paths else None,
    )


def export_to(host: Host, path: Path, participant: Participant | None) -> Packet | None:
    """Write what is stored (not merely on screen) to `path`, then read it back and verify."""
    session = host.session
    record = session.record
    if record is None or record.assessment.id is None:
        return None
    path = with_suffix(path)
    refusal = data_folder_refusal(path, session.data_dir)
    if refusal:
        show_error(host.widget(), "The packet was not exported", refusal)
        return None
    try:
        stored = session.stored_record(record.assessment.id)
        packet = write_packet(stored, session.playbook, path, participant=participant)
    except (StorageError, PacketError) as error:
        show_error(host.widget(), "The packet was not exported", str(error))
        return None
    remember_folder(host, path)
    scope = f"{participant.name}'s answers" if participant else "the whole assessment"
    box = message_box(
        host.widget(),
        "Packet exported",
        f"Exported {scope} to {path}.",
        f"{len(packet.responses)} answers, {len(packet.consensus)} agreed stages and "
        f"{len(packet.agenda)} agenda lines; read back and checked. {PACKET_NOTES} On the other "
        "computer, use File > Import packets… to bring it in.",
        QMessageBox.Icon.Information,
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    host.show_status(f"Packet exported: {path.name}", 6000)
    return packet
