"""File > Export packet… and Import packets…: the packets feature's place in the window.

The dialogs load when first asked for, so start-up pays for neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from playbook_app.ui.shell.host import Host


class PacketsFeature(QObject):
    """The two File entries; export needs an open assessment, import does not."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget())
        self.host = host
        a = host.menu_actions
        self.export_action = a.add_file_action("&Export packet…", "Ctrl+E", separate=True)
        self.import_action = a.add_file_action("&Import packets…", "Ctrl+I")
        self.export_action.triggered.connect(self.export_packet)
        self.import_action.triggered.connect(self.import_packets)
        host.session.assessmentChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.export_action.setEnabled(self.host.session.record is not None)

    def export_packet(self) -> None:
        from playbook_app.ui.packets.packet_export import start_export

        start_export(self.host)

    def import_packets(self) -> None:
        from playbook_app.ui.packets.packet_import import start_import

        start_import(self.host)
