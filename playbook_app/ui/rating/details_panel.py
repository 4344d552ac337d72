"""Importance, effort, control (with a suggested answer) and confidence for one key action."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from playbook_app.domain.assessment import (
    EFFORT_LABELS,
    IMPORTANCE_LABELS,
    Confidence,
    Response,
)
from playbook_app.domain.playbook import Control
from playbook_app.ui.widgets.controls import SegmentedChoice, text_label

# Field names match Response attributes, so the page can apply a choice with with_changes().
FIELDS = ("importance", "effort", "control", "confidence")


class DetailsPanel(QWidget):
    """Emits ``fieldChosen(field, value)``; value None means the user cleared the field."""

    fieldChosen = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.choices: dict[str, SegmentedChoice] = {}

        self._add(
            layout,
            "importance",
            "Importance for your priorities this year",
            [(value, label) for value, label in IMPORTANCE_LABELS.items()],
        )
        self._add(
            layout,
            "effort",
            "Effort to move up one stage",
            [(value, label) for value, label in EFFORT_LABELS.items()],
        )
        self._add(
            layout,
            "control",
            "Who can move it forward",
            [(control, control.label) for control in Control],
        )
        hint_row = QHBoxLayout()
        hint_row.setContentsMargins(0, 0, 0, 0)
        self._hint = text_label("", muted=True, scale=0.92)
        self.use_hint = QPushButton("Use the suggestion", self)
        self.use_hint.setAccessibleName("Use the suggested answer for who can move it forward")
        self.use_hint.clicked.connect(self._accept_hint)
        hint_row.addWidget(self._hint, 1)
        hint_row.addWidget(self.use_hint)
        layout.addLayout(hint_row)
        self._add(
            layout,
            "confidence",
            "How confident are you in this rating?",
            [(c, c.value.capitalize()) for c in Confidence],
        )
        self._default_control: Control | None = None

    def _add(
        self,
        layout: QVBoxLayout,
        field: str,
        title: str,
        options: list[tuple[Hashable, str]],
    ) -> None:
        label = text_label(title, bold=True)
        label.setContentsMargins(0, 8, 0, 0)
        choice = SegmentedChoice(title, options, self)
        choice.chosen.connect(lambda value, f=field: self.fieldChosen.emit(f, value))
        self.choices[field] = choice
        layout.addWidget(label)
        layout.addWidget(choice)

    def focus_widgets(self) -> list[QWidget]:
        """Interactive widgets in reading order, for the page's tab chain."""
        order: list[QWidget] = []
        for field in FIELDS:
            order.extend(self.choices[field].buttons())
            if field == "control":
                order.append(self.use_hint)
        return order

    def set_response(self, response: Response, default_control: Control) -> None:
        self._default_control = default_control
        for field in FIELDS:
            self.choices[field].set_value(getattr(response, field))
        # Only a suggestion: it is stored when the user picks or confirms it.
        self._hint.setText(f"Suggested: {default_control.label}.")
        self.use_hint.setVisible(response.control is None)

    def _accept_hint(self) -> None:
        if self._default_control is not None:
            self.fieldChosen.emit("control", self._default_control)
