"""Changes shown on screen but not yet written, kept in order until the store takes them."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import NamedTuple

from playbook_app.storage import StorageError


class PendingWrite(NamedTuple):
    """A change not yet written: `write` stores it, `saved` records the result.

    Keys: (participant uid, action id) for answers; ("consensus" | "agenda",
    assessment id, action id) for a team's agreed stage and an agenda line.
    """

    value: object
    write: Callable[[], object]
    saved: Callable[[object], None]


class WriteQueue:
    """Writes changes in the order they were made; a change that fails stays, with the reason.

    A locked or read-only database therefore loses nothing: what could not be
    written is written by the next flush that succeeds.
    """

    def __init__(self) -> None:
        self._pending: dict[Hashable, PendingWrite] = {}
        self.error = ""  # why the last flush stopped; empty once everything is written

    def __bool__(self) -> bool:
        return bool(self._pending)

    def values(self) -> dict[Hashable, object]:
        """The changes still to write, by key."""
        return {key: write.value for key, write in self._pending.items()}

    def put(
        self,
        key: Hashable,
        value: object,
        write: Callable[[], object],
        saved: Callable[[object], None],
    ) -> None:
        # A newer change to the same thing replaces an older unsaved one, and goes last.
        self._pending.pop(key, None)
        self._pending[key] = PendingWrite(value, write, saved)

    def drop(self, unwanted: Callable[[Hashable], bool]) -> None:
        """Forget changes no longer wanted (say, those of a participant just removed)."""
        for key in [k for k in self._pending if unwanted(k)]:
            del self._pending[key]

    def flush(self) -> bool:
        """Write every change in order; False, with `error` set, at the first that fails."""
        try:
            for key, pending in list(self._pending.items()):
                result = pending.write()
                if self._pending.get(key) is pending:
                    del self._pending[key]
                pending.saved(result)
        except StorageError as error:
            self.error = str(error)
            return False
        self.error = ""
        return True
