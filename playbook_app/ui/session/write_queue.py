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
    """Writes changes in the order they were made, telling the place's faults from defects.

    A fault of the place (locked, busy, read-only, full, I/O: a StorageError) keeps the
    change and every one after it, with the reason, for the next flush: nothing is lost.
    A defect (any other exception) can never succeed by trying again: it is handed to
    `on_defect`, the change leaves the queue, and the changes behind it are still written.
    """

    def __init__(self, on_defect: Callable[[Hashable, Exception], None]) -> None:
        self._pending: dict[Hashable, PendingWrite] = {}
        self._on_defect = on_defect
        self.error = ""  # why the last flush stopped; empty once everything is written
        self.error_kind = ""  # that StorageError's kind

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
        """Write every change in order; False, with `error` set, at the first fault of the
        place. Defects are reported and dropped on the way."""
        for key, pending in list(self._pending.items()):
            if self._pending.get(key) is not pending:
                continue  # replaced or dropped by what an earlier write set off
            try:
                result = pending.write()
            except StorageError as error:
                self.error, self.error_kind = str(error), error.kind
                return False
            except Exception as error:
                self._forget(key, pending)
                self._on_defect(key, error)
                continue
            self._forget(key, pending)
            pending.saved(result)
        self.error = self.error_kind = ""
        return True

    def _forget(self, key: Hashable, pending: PendingWrite) -> None:
        if self._pending.get(key) is pending:
            del self._pending[key]
