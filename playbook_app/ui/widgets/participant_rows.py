"""Rows of name and role fields for the other members of a team, as the New assessment form asks."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from playbook_app.domain.assessment import Participant
from playbook_app.domain.limits import NAME_MAX as MAX_TEXT
from playbook_app.storage import new_uid

START_ROWS = 2


def name_key(name: str) -> str:
    """A name as people read it: case and spacing do not make another person."""
    return " ".join(name.split()).casefold()


def repeated_names(names: Iterable[str]) -> list[str]:
    """Names given more than once (ignoring case and spacing), each once, as first typed."""
    seen: dict[str, str] = {}
    repeated: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if not key:
            continue
        if key in seen:
            repeated.setdefault(key, seen[key])
        else:
            seen[key] = " ".join(name.split())
    return list(repeated.values())


def repeated_text(names: list[str]) -> str:
    """Why names that are the same person cannot both be on the team; empty if none are."""
    if not names:
        return ""
    listed = ", ".join(f"“{n}”" for n in names)
    verb = "is" if len(names) == 1 else "are each"
    return (
        f"{listed} {verb} listed more than once. Give each person a different name "
        "(for example, add an initial), so everyone's answers stay their own."
    )


FIELD_CHARS = 16


class ParticipantRows(QWidget):
    """Empty rows are ignored; a row with a role but no name is a problem the form reports."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1)
        layout.addLayout(self._grid)
        self.rows: list[tuple[QLineEdit, QLineEdit, QPushButton]] = []
        self.add_button = QPushButton("Add another team member", self)
        self.add_button.setAccessibleName("Add another team member")
        self.add_button.setAutoDefault(True)  # Return presses it, also outside a dialog
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        for _ in range(START_ROWS):
            self.add_row()

    def add_row(self, name: str = "", role: str = "", *, focus: bool = False) -> None:
        name_edit = QLineEdit(name, self)
        name_edit.setPlaceholderText("Name")
        name_edit.setMaxLength(MAX_TEXT)
        role_edit = QLineEdit(role, self)
        role_edit.setPlaceholderText("Role, e.g. Principal")
        role_edit.setMaxLength(MAX_TEXT)
        for edit in (name_edit, role_edit):
            # Room for a name at any text size: large text made the dialog squeeze these.
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * FIELD_CHARS)
        remove = QPushButton("Remove", self)
        remove.setAutoDefault(True)
        row = (name_edit, role_edit, remove)
        remove.clicked.connect(lambda: self._remove(row))
        for edit in (name_edit, role_edit):
            edit.textChanged.connect(self.changed)
        self.rows.append(row)
        self._lay_out()
        if focus:
            name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _remove(self, row: tuple[QLineEdit, QLineEdit, QPushButton]) -> None:
        self.rows.remove(row)
        for widget in row:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._lay_out()
        self.changed.emit()

    def _lay_out(self) -> None:
        for number, (name, role, remove) in enumerate(self.rows, start=1):
            # Numbers in the names, so a screen reader says which row a field is in.
            name.setAccessibleName(f"Team member {number + 1} name")
            role.setAccessibleName(f"Team member {number + 1} role")
            remove.setAccessibleName(f"Remove team member {number + 1}")
            self._grid.addWidget(name, number, 0)
            self._grid.addWidget(role, number, 1)
            self._grid.addWidget(remove, number, 2)
        # Tab meets the rows first, then the button that adds one below them.
        chain = [w for row in self.rows for w in row] + [self.add_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def unnamed(self) -> int:
        """Rows with a role but no name."""
        return sum(1 for n, r, _ in self.rows if not n.text().strip() and r.text().strip())

    def names(self) -> list[str]:
        return [n.text().strip() for n, _r, _b in self.rows if n.text().strip()]

    def participants(self) -> list[Participant]:
        return [
            Participant(uid=new_uid(), name=n.text().strip(), role=r.text().strip())
            for n, r, _ in self.rows
            if n.text().strip()
        ]

    def line_edits(self) -> list[QLineEdit]:
        return [edit for n, r, _ in self.rows for edit in (n, r)]
