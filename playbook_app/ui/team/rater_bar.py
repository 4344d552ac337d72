"""Team mode's "who is rating now" bar, and the deliberate hand-over to the next rater."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.controls import plain_tooltip, text_label
from playbook_app.ui.widgets.wording import person_text

UID_ROLE = Qt.ItemDataRole.UserRole + 1
NOBODY = "nobody yet"
ASK_WHO = "Nobody's answers are shown until you say who is rating."
WHO_IS_RATING = "Who is rating?…"
HAND_OVER = "Hand over to…"
MAX_DIALOG_WIDTH = 760
NAME_SHOWN = 32  # characters of the rater's name and role the bar shows
ROLE_SHOWN = 48


def _shortened(text: str, most: int) -> str:
    """A long name or role cut with an ellipsis; the tooltip and Participants… give it whole."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


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
        # Two lines, so large text still fits a laptop screen: who and how far on the
        # first, the privacy note under it, the button beside both.
        grid = QGridLayout(host)
        grid.setContentsMargins(10, 4, 10, 4)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        grid.addWidget(text_label("Now rating:", wrap=False, scale=1.1), 0, 0)
        self.name = text_label("", wrap=False, bold=True, scale=1.25)
        self.name.setAccessibleDescription("Now rating")
        grid.addWidget(self.name, 0, 1)
        self.detail = text_label("", wrap=False, muted=True)
        grid.addWidget(self.detail, 0, 2)
        self.private = text_label(
            "Only this person's answers are shown while rating.", wrap=False, muted=True
        )
        grid.addWidget(self.private, 1, 1, 1, 2)
        grid.setColumnStretch(3, 1)
        self.hand_over = QPushButton(HAND_OVER, host)
        self.hand_over.setAccessibleName("Hand over to the next rater")
        self.hand_over.setToolTip("Pass the laptop to the next person (Ctrl+Shift+H)")
        self.hand_over.clicked.connect(self.handOverRequested)
        grid.addWidget(self.hand_over, 0, 4, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        self.addWidget(host)
        session.participantChanged.connect(self.refresh)
        session.participantsChanged.connect(self.refresh)
        session.assessmentChanged.connect(self.refresh)
        session.responseChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        person = self._session.participant
        record = self._session.record
        people = len(record.participants) if record is not None else 0
        self.private.setVisible(person is not None)
        if person is None:
            # Reopened: nobody's answers show until someone says who is rating.
            self.name.setText(NOBODY)
            self.detail.setText(ASK_WHO if people else "")
            self.hand_over.setText(WHO_IS_RATING)
            self.hand_over.setAccessibleName(WHO_IS_RATING.rstrip("…"))
            self.hand_over.setEnabled(people > 0)
            return
        self.name.setText(_shortened(person.name, NAME_SHOWN))
        self.name.setToolTip(plain_tooltip(person.name))
        role = person.role.strip()
        answered = self._session.answered_count()
        shown = f"{_shortened(role, ROLE_SHOWN)} · " if role else ""
        self.detail.setText(f"{shown}{answered} of {self._session.total} answered")
        self.detail.setToolTip(plain_tooltip(role))
        self.hand_over.setText(HAND_OVER)
        self.hand_over.setAccessibleName("Hand over to the next rater")
        self.hand_over.setEnabled(people > 1)


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
        self.people.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.resize(440, 360)
        self.refresh()

    def refresh(self) -> None:
        record = self._session.record
        current = self._session.participant
        self.people.clear()
        if record is None:
            return
        if current is None:
            self.setWindowTitle("Who is rating?")
            self.intro.setText(
                "Nobody's answers are shown until you say who is rating. Each person "
                "sees only their own answers on the Rate screen. Who is rating now?"
            )
            self.hand_over_button.setText("Start rating")
        else:
            self.setWindowTitle("Hand over to the next rater")
            self.intro.setText(
                f"{current.name}'s answers are saved. The next person sees only their own "
                "answers on the Rate screen. Who rates next?"
            )
            self.hand_over_button.setText("Hand over")
        self.hand_over_button.setAccessibleName(self.hand_over_button.text())
        ids = self._session.playbook.action_ids
        unfinished: QListWidgetItem | None = None
        other: QListWidgetItem | None = None
        lines: list[str] = []
        for person in record.participants:
            answered = record.answered_count(person.uid, ids)
            progress = f"{answered} of {len(ids)} answered"
            rating_now = current is not None and person.uid == current.uid
            if rating_now:
                progress += " · rating now"
            # Two lines, so "rating now" is never cut off behind a long role.
            item = QListWidgetItem(f"{person_text(person)}\n{progress}", self.people)
            item.setData(UID_ROLE, person.uid)
            lines += [person_text(person), progress]
            if not rating_now:
                other = other or item
                if unfinished is None and answered < len(ids):
                    unfinished = item
        # The next to rate is the first who has not finished, in the order people were listed.
        chosen = unfinished or other
        if chosen is not None:
            self.people.setCurrentItem(chosen)
        self._fit_width(lines)
        self._update_button()

    def _fit_width(self, lines: list[str]) -> None:
        metrics = self.people.fontMetrics()
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        # Room for the list's frame, item padding, a scroll bar and the dialog's margins.
        wanted = min(MAX_DIALOG_WIDTH, widest + 110)
        if wanted > self.width():
            self.resize(wanted, self.height())

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
