"""Whether participants' notes go into an export, and how they are worded when they do."""

from __future__ import annotations

from enum import StrEnum


class NotesChoice(StrEnum):
    """Notes are the user's: they leave the computer in a report only when chosen."""

    OMIT = "omit"
    WITHOUT_NAMES = "without_names"
    WITH_NAMES = "with_names"

    @property
    def included(self) -> bool:
        return self is not NotesChoice.OMIT

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str | None) -> NotesChoice:
        """The stored choice; anything unknown leaves notes out."""
        try:
            return cls(value) if value else cls.OMIT
        except ValueError:
            return cls.OMIT


_LABELS = {
    NotesChoice.OMIT: "Leave notes out (the board copy)",
    NotesChoice.WITHOUT_NAMES: "Include notes, without names",
    NotesChoice.WITH_NAMES: "Include notes, with each writer's name",
}

NOTES_LEFT_OUT = "Participants' notes are not included in this copy."
