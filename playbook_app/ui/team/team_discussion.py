"""What the Team review screen and the projector share while the team talks a key action through.

The team feature (ui/team/team.py) is the one implementation; the two screens take
this interface, so neither imports the feature that builds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from playbook_app.domain.scoring import Standing
    from playbook_app.ui.session.session import Session
    from playbook_app.ui.shell.host import Host


class TeamDiscussion(Protocol):
    """Which key action is in discussion, and which have had their spread revealed."""

    @property
    def host(self) -> Host: ...

    @property
    def session(self) -> Session: ...

    @property
    def revealChanged(self) -> SignalInstance: ...  # key action id

    @property
    def currentChanged(self) -> SignalInstance: ...  # key action id

    @property
    def current_action(self) -> str: ...

    def set_current(self, action_id: str) -> None: ...

    def standing(self, action_id: str) -> Standing: ...

    def is_revealed(self, action_id: str) -> bool: ...

    def reveal(self, action_id: str) -> None: ...

    def show_projector(self) -> None: ...
