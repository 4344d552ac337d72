"""Team mode's "who is rating now" bar, and the deliberate hand-over to the next rater."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import Participant
from playbook_app.ui.session import Session
from playbook_app.ui.widgets import text_label

UID_ROLE = Qt.ItemDataRole.UserRole + 1


def person_text(participant: Participant) -> str:
    role = participant.role.strip()
    return f"{participant.name} ({role})" if role else participant.name


class RaterBar(QToolBar):
    """Always in view in team mode: whose answers the Rate screen shows and edits."""

    handOverRequested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Active rater", parent)
        self._session = session
        self.setObjectName("rater_bar")
        self.setAccessibleName("Active rater")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setEnabled(False)  # hiding it would hide whose answers these are
        host = QWidget(self)
        row = QHBoxLayout(host)
        row.setContentsMargins(10, 4, 10, 4)
        row.setSpacing(10)
        row.addWidget(text_label("Now rating:", wrap=False, scale=1.1))
        self.name = text_label("", wrap=False, bold=True, scale=1.25)
        self.name.setAccessibleName("Now rating")
        row.addWidget(self.name)
        self.detail = text_label("", wrap=False, muted=True)
        row.addWidget(self.detail)
        row.addStretch(1)
        self.private = text_label(
            "Only this person's answers are shown while rating.", wrap=False, muted=True
        )
        row.addWidget(self.private)
        self.hand_over = QPushButton("Hand over to…", host)
        self.hand_over.setAccessibleName("Hand over to the next rater")
        self.hand_over.setToolTip("Pass the laptop to the next person (Ctrl+Shift+H)")
        self.hand_over.clicked.connect(self.handOverRequested)
        row.addWidget(self.hand_over)
        self.addWidget(host)
        session.participantChanged.connect(self.refresh)
        session.participantsChanged.connect(self.refresh)
        session.assessmentChanged.connect(self.refresh)
        session.responseChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        person = self._session.participant
        record = self._session.record
        if person is None or record is None:
            self.name.setText("nobody")
            self.detail.setText("")
            return
        self.name.setText(person.name)
        role = f"{person.role.strip()} · " if person.role.strip() else ""
        answered = self._session.answered_count()
        self.detail.setText(f"{role}{answered} of {self._session.total} answered")
        self.hand_over.setEnabled(len(record.participants) > 1)


class HandOverDialog(QDialog):
    """Choose who rates next; non-blocking, emits ``chosen(uid)`` when the user hands over."""

    chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Hand over to the next rater")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.intro = text_label("")
        layout.addWidget(self.intro)
        self.people = QListWidget(self)
        self.people.setAccessibleName("Who rates next")
        self.people.itemActivated.connect(lambda _item: self._hand_over())
        layout.addWidget(self.people)
        buttons = QDialogButtonBox(self)
        self.hand_over_button = buttons.addButton(
            "Hand over", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.hand_over_button.setAccessibleName("Hand over")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self._hand_over)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.people.currentItemChanged.connect(lambda *_a: self._update_button())
        self.refresh()
        self.resize(440, 360)

    def refresh(self) -> None:
        record = self._session.record
        current = self._session.participant
        self.people.clear()
        if record is None:
            return
        now = current.name if current is not None else "nobody"
        self.intro.setText(
            f"{now}'s answers are saved. The next person sees only their own answers "
            "on the Rate screen. Who rates next?"
        )
        ids = self._session.playbook.action_ids
        first_other: QListWidgetItem | None = None
        for person in record.participants:
            answered = record.answered_count(person.uid, ids)
            text = f"{person_text(person)} · {answered} of {len(ids)} answered"
            if current is not None and person.uid == current.uid:
                text += " · rating now"
            item = QListWidgetItem(text, self.people)
            item.setData(UID_ROLE, person.uid)
            if first_other is None and (current is None or person.uid != current.uid):
                first_other = item
        if first_other is not None:
            self.people.setCurrentItem(first_other)
        self._update_button()

    def _selected_uid(self) -> str | None:
        item = self.people.currentItem()
        return None if item is None else str(item.data(UID_ROLE))

    def _update_button(self) -> None:
        uid = self._selected_uid()
        self.hand_over_button.setEnabled(uid is not None and uid != self._session.participant_uid)

    def _hand_over(self) -> None:
        uid = self._selected_uid()
        if uid is not None and uid != self._session.participant_uid:
            self.chosen.emit(uid)
            self.accept()
