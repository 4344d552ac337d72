"""Recording the team's agreed stage on one key action, and why; or taking it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from playbook_app.domain.assessment import Consensus, Stage
from playbook_app.domain.limits import RATIONALE_MAX, clean
from playbook_app.ui.session.commands import agree
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.controls import SegmentedChoice, text_label

NOBODY_ANSWERED = "Nobody has answered this key action yet, so there is nothing to agree on."


def anyone_answered(session: Session, action_id: str) -> bool:
    """Whether any participant has answered; a stage agreed on nothing would be made up."""
    record = session.record
    if record is None:
        return False
    return any(record.response(p.uid, action_id).answered for p in record.participants)


class ConsensusEditor(QWidget):
    """Choose a stage, give the reason, Record; each record or clear is one undoable step."""

    def __init__(
        self,
        session: Session,
        undo_stack: QUndoStack,
        follow: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._undo = undo_stack
        self._follow = follow  # shows a key action when undo reaches back to it
        self._action: str | None = None
        # What the editor last showed from the store: anything else is unrecorded typing.
        self._loaded: tuple[Stage | None, str] = (None, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.stage = SegmentedChoice("Agreed stage", [(s, s.label) for s in Stage], self)
        self.stage.chosen.connect(lambda _v: self._update_buttons())
        layout.addWidget(self.stage)
        reason = text_label("Why the team agreed on it (printed with the agenda)", muted=True)
        layout.addWidget(reason)
        self.rationale = QPlainTextEdit(self)
        self.rationale.setAccessibleName("Why the team agreed on this stage")
        self.rationale.setPlaceholderText(
            "e.g. Two schools run this routinely; the rest have not started."
        )
        self.rationale.setTabChangesFocus(True)
        self.rationale.setFixedHeight(84)
        self.rationale.textChanged.connect(self._update_buttons)
        layout.addWidget(self.rationale)
        row = QHBoxLayout()
        self.record_button = QPushButton("Record &agreed stage", self)
        self.record_button.setAccessibleName("Record agreed stage")
        self.record_button.clicked.connect(self.record)
        self.clear_button = QPushButton("&Clear agreed stage", self)
        self.clear_button.setAccessibleName("Clear agreed stage")
        self.clear_button.setToolTip(
            'Back to the median, marked "no consensus yet" (Edit > Undo brings it back)'
        )
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.record_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = text_label("", muted=True, scale=0.92)
        layout.addWidget(self.note)

    def set_action(self, action_id: str) -> None:
        """Show what is recorded for a key action (a different one drops unrecorded typing)."""
        same = action_id == self._action
        typing = self._choice() != self._loaded
        self._action = action_id
        if not same or not typing:
            agreed = self._stored()
            self._loaded = (agreed.stage, agreed.rationale) if agreed else (None, "")
            self.stage.set_value(self._loaded[0])
            self.rationale.setPlainText(self._loaded[1])
        self._update_buttons()

    def _stored(self) -> Consensus | None:
        record = self._session.record
        if record is None or self._action is None:
            return None
        return record.consensus.get(self._action)

    def _choice(self) -> tuple[Stage | None, str]:
        value = self.stage.value
        stage = value if isinstance(value, Stage) else None
        return stage, clean(self.rationale.toPlainText(), multiline=True).strip()[:RATIONALE_MAX]

    def _dirty(self) -> bool:
        agreed = self._stored()
        stored = (agreed.stage, agreed.rationale) if agreed else (None, "")
        return self._choice() != stored

    def _answered(self) -> bool:
        return self._action is not None and anyone_answered(self._session, self._action)

    def _update_buttons(self) -> None:
        stage, _ = self._choice()
        answered = self._answered()
        self.record_button.setEnabled(stage is not None and self._dirty() and answered)
        self.clear_button.setEnabled(self._stored() is not None)
        if not answered and self._stored() is None:
            self.note.setText(NOBODY_ANSWERED)
        elif stage is None:
            self.note.setText("Choose the stage the team agreed on, then Record.")
        elif self._dirty():
            self.note.setText("Not recorded yet: press Record agreed stage.")
        else:
            self.note.setText("Recorded. The agenda uses this stage.")

    def record(self) -> None:
        stage, rationale = self._choice()
        if self._action is None or stage is None or not self._answered():
            return
        self._loaded = (stage, rationale)
        agree(self._session, self._undo, self._action, stage, rationale, self._follow)
        self._update_buttons()

    def clear(self) -> None:
        if self._action is None or self._stored() is None:
            return
        self._loaded = (None, "")
        self.stage.set_value(None)
        self.rationale.clear()
        # The stage and its reason stay in the undo history: Edit > Undo restores both.
        agree(self._session, self._undo, self._action, None, follow=self._follow)
        self._update_buttons()
