"""A key action's references: your state's program (from the credited article) and examples."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from playbook_app.domain.assessment import STATES
from playbook_app.domain.playbook import KeyAction, StateProgram
from playbook_app.ui.widgets.controls import section_heading, text_label


class ReferencePanel(QWidget):
    """Read-only; rebuilt for each key action because its length varies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None

    def set_action(self, action: KeyAction, programs: tuple[StateProgram, ...]) -> None:
        # A fresh body each time: simpler than emptying a layout item by item.
        if self._body is not None:
            self._body.setParent(None)
            self._body.deleteLater()
        self._body = QWidget(self)
        column = QVBoxLayout(self._body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for program in programs:
            column.addSpacing(8)
            column.addWidget(self._program_box(program))
        if action.examples:
            column.addWidget(section_heading("Examples from the playbook"))
            for example in action.examples:
                column.addWidget(text_label(f"•  {example.label}"))
        if action.resources:
            column.addWidget(section_heading("Resources the playbook names"))
            for resource in action.resources:
                column.addWidget(text_label(f"•  {resource}"))
        self._layout.addWidget(self._body)
        self.setVisible(bool(programs or action.examples or action.resources))

    def _program_box(self, program: StateProgram) -> QFrame:
        # Highlighted because it is the one item here written for this district's own state.
        box = QFrame(self)
        box.setObjectName("stateProgram")
        # Palette references, so the box follows a change of theme.
        box.setStyleSheet(
            "QFrame#stateProgram { background: palette(alternate-base); "
            "border: 2px solid palette(highlight); border-radius: 6px; }"
        )
        inner = QVBoxLayout(box)
        inner.setContentsMargins(14, 10, 12, 10)
        inner.setSpacing(4)
        state = STATES.get(program.state, program.state)
        inner.addWidget(text_label(f"Your state: {state} — {program.name}", bold=True))
        inner.addWidget(text_label(program.summary))
        box.setAccessibleName(f"Your state's program: {program.name}")
        return box
