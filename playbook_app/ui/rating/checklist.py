"""The key action's how-steps as a checklist of what the district already does, with a hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import KeyAction
from playbook_app.ui.widgets.controls import StepCheck, text_label
from playbook_app.ui.widgets.wording import suggestion_text

SUBSTEP_INDENT = 28
ACCESSIBLE_PREFIX = "We already do this"


class StepChecklist(QWidget):
    """Emits ``stepsChanged(frozenset of step ids)`` when a box is ticked or cleared."""

    stepsChanged = Signal(frozenset)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(
            text_label("Tick each step your district already does.", muted=True, scale=0.92)
        )
        self._rows_host = QWidget(self)
        self._rows = QVBoxLayout(self._rows_host)
        self._rows.setContentsMargins(0, 4, 0, 0)
        self._rows.setSpacing(2)
        layout.addWidget(self._rows_host)
        self._suggestion = text_label("", scale=0.95)
        self._suggestion.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self._suggestion)
        self._checks: dict[str, StepCheck] = {}

    def checks(self) -> list[StepCheck]:
        return list(self._checks.values())

    def set_action(self, action: KeyAction) -> None:
        """Rebuild the rows for another key action (step counts differ from action to action)."""
        for check in self._checks.values():
            check.setParent(None)
            check.deleteLater()
        self._checks = {}
        for step in action.steps:
            self._add(step.id, step.text, indent=0)
            for sub in step.substeps:
                self._add(sub.id, sub.text, indent=SUBSTEP_INDENT)

    def _add(self, step_id: str, text: str, indent: int) -> None:
        check = StepCheck(text, ACCESSIBLE_PREFIX, self._rows_host)
        check.setContentsMargins(indent, 0, 0, 0)
        check.toggled.connect(self._toggled)
        self._checks[step_id] = check
        self._rows.addWidget(check)

    def set_done(self, done: frozenset[str], stage: Stage | None) -> None:
        for step_id, check in self._checks.items():
            check.setChecked(step_id in done)
        self._update_suggestion(stage)

    def done(self) -> frozenset[str]:
        return frozenset(step_id for step_id, check in self._checks.items() if check.isChecked())

    def _update_suggestion(self, stage: Stage | None) -> None:
        text = suggestion_text(len(self.done()), len(self._checks), stage)
        self._suggestion.setText(text)
        self._suggestion.setVisible(bool(text))

    def _toggled(self, _checked: bool) -> None:
        self.stepsChanged.emit(self.done())
