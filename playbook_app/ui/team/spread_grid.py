"""The revealed spread: a column per stage (then unsure, not applicable): who chose it, how many."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playbook_app.domain.scoring import Standing
from playbook_app.ui.team.team_words import AGREED, Column, columns
from playbook_app.ui.widgets.controls import text_label


class SpreadGrid(QWidget):
    """Side by side, so the room sees at a glance how far apart it is.

    The column of the team's stage (agreed, else the median) is framed heavier
    and marked in words, so the mark does not rely on colour. Colours come from
    the palette: the projector's black-and-white palette carries through.
    """

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self.setAccessibleName("Everyone's answers side by side")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(round(8 * scale))
        self.cells: list[QFrame] = []

    def set_scale(self, scale: float) -> None:
        self._scale = scale

    def set_standing(self, standing: Standing | None) -> None:
        for cell in self.cells:
            self._row.removeWidget(cell)
            cell.hide()  # gone from view now, not when the event loop next deletes it
            cell.deleteLater()
        self.cells = []
        if standing is None:
            return
        team_stage = standing.stage if standing.rated else None
        for column in columns(standing):
            cell = self._cell(column, column.stage is not None and column.stage is team_stage,
                              standing.consensus is not None)  # fmt: skip
            self._row.addWidget(cell, 1)
            # Shown now rather than on the next event-loop turn, so a caller can measure.
            cell.show()
            self.cells.append(cell)

    def _cell(self, column: Column, is_team: bool, agreed: bool) -> QFrame:
        s = self._scale
        cell = QFrame(self)
        cell.setFrameShape(QFrame.Shape.Box)
        cell.setFrameShadow(QFrame.Shadow.Plain)
        cell.setLineWidth(max(1, round((4 if is_team else 1) * s)))
        cell.setMinimumWidth(round(64 * s))  # six columns fit a small screen at 200 %
        layout = QVBoxLayout(cell)
        margin = round(8 * s)
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(round(2 * s))
        title = text_label(column.title, bold=True, scale=1.05 * s)
        count = len(column.names)
        number = text_label(str(count) if count else "–", bold=True, scale=2.0 * s, wrap=False)
        mark = ""
        if is_team:
            mark = f"{AGREED} agreed" if agreed else "median"
        marker = text_label(mark, scale=0.9 * s, wrap=False)
        # One name a line, never wrapped: a wrapped label's height is guessed before its
        # width is known, and the last names were cut off. A very long name is clipped
        # at the column's edge instead; the tooltip and the accessible name keep it whole.
        names = text_label("\n".join(column.names), scale=0.95 * s, wrap=False)
        names.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        names.setMinimumWidth(1)
        names.setToolTip("\n".join(column.names))
        for label in (title, number, marker, names):
            layout.addWidget(label)
        layout.addStretch(1)
        people = ", ".join(column.names) or "nobody"
        said = f"{column.title}: {count} ({people})" + (f", {mark}" if mark else "")
        cell.setAccessibleName(said)
        if not count:
            # Empty stages stay in their place on the continuum, quieter.
            for label in (title, number):
                _quiet(label)
        return cell

    def texts(self) -> list[str]:
        """What each column says, for tests and screen readers."""
        return [cell.accessibleName() for cell in self.cells]


def _quiet(label: QLabel) -> None:
    font = label.font()
    font.setBold(False)
    label.setFont(font)
