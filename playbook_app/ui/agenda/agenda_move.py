"""The "Move to another bucket…" dialog: where to, and why (the reason is kept and shown)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.agenda import MOVE_RULE, AgendaItem, Bucket
from playbook_app.domain.limits import MOVE_REASON_MAX, clean
from playbook_app.ui.widgets.controls import ChoiceBox, text_label


class MoveDialog(QDialog):
    """Opened with open(); emits ``moveChosen(action id, bucket, reason)`` when confirmed."""

    moveChosen = Signal(str, object, str)

    def __init__(self, item: AgendaItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._action_id = item.action_id
        action = item.key_action
        self.setWindowTitle("Move to another bucket")
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(f"{action.number}  {action.title}", bold=True))
        where = item.section
        layout.addWidget(text_label(f"Now in: {where}", muted=True))
        form = QFormLayout()
        self.bucket: ChoiceBox[Bucket] = ChoiceBox(self)
        self.bucket.setAccessibleName("Move to")
        self.bucket.add_choices((b.label, b) for b in Bucket if b is not item.bucket)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Why move it (required)")
        self.reason.setPlaceholderText("e.g. The board asked for this first")
        self.reason.setMaxLength(MOVE_REASON_MAX)
        if item.moved:
            self.reason.setText(item.entry.bucket_reason)
        form.addRow("Move &to", self.bucket)
        form.addRow("&Why", self.reason)
        layout.addLayout(form)
        layout.addWidget(text_label(MOVE_RULE, muted=True, scale=0.92))
        self.buttons = QDialogButtonBox(self)
        self.move_button = self.buttons.addButton("Move", QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.setAccessibleName("Move the key action")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(480)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self) -> None:
        # A move without a reason would leave the board asking why: the reason is required.
        self.move_button.setEnabled(bool(self.reason.text().strip()))

    def _accept(self) -> None:
        reason = " ".join(clean(self.reason.text(), multiline=False).split())
        bucket = self.bucket.value()
        if not reason or bucket is None:
            return
        self.moveChosen.emit(self._action_id, bucket, reason)
        self.accept()
