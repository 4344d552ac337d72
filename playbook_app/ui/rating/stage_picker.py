"""The stage choice: four cards on the continuum, plus Unsure and Not applicable with its reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.ui.widgets.controls import ChoiceCard, text_label
from playbook_app.ui.widgets.keys import NOT_APPLICABLE_KEYS, STAGE_KEYS, UNSURE_KEYS

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


class ReasonEdit(QLineEdit):
    """The not-applicable reason: Ctrl+Left/Right move between key actions, as everywhere
    on the page, instead of moving the cursor a word; Return hands the reason over."""

    stepRequested = Signal(int)  # -1 previous, +1 next

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A line edit claims Ctrl+arrows before the window's shortcuts see them.
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() in steps:
            self.stepRequested.emit(steps[Qt.Key(event.key())])
            return
        super().keyPressEvent(event)


class StagePicker(QWidget):
    """Emits ``answerChosen(kind, stage)``; shows the Not-applicable reason field when needed."""

    answerChosen = Signal(object, object)  # AnswerKind, Stage | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        scale = QHBoxLayout()
        scale.addWidget(text_label("Less established", wrap=False, muted=True, scale=0.85))
        scale.addStretch(1)
        scale.addWidget(text_label("More established →", wrap=False, muted=True, scale=0.85))
        layout.addLayout(scale)

        self._stage_cards: dict[Stage, ChoiceCard] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for stage in Stage:
            card = ChoiceCard(stage.label, stage.descriptor, STAGE_KEYS[stage], self)
            card.clicked.connect(lambda _c=False, s=stage: self._choose(AnswerKind.RATED, s))
            self._stage_cards[stage] = card
            grid.addWidget(card, 0, int(stage))
        self.unsure = ChoiceCard(
            AnswerKind.UNSURE.label,
            'We don\'t know yet. It becomes a "find out" task; it neither lowers nor '
            "raises any score.",
            " or ".join(UNSURE_KEYS),
            self,
        )
        self.unsure.clicked.connect(lambda: self._choose(AnswerKind.UNSURE, None))
        self.not_applicable = ChoiceCard(
            AnswerKind.NOT_APPLICABLE.label,
            "This does not fit our district. Say why below; it neither lowers nor raises "
            "any score.",
            " or ".join(NOT_APPLICABLE_KEYS),
            self,
        )
        self.not_applicable.clicked.connect(lambda: self._choose(AnswerKind.NOT_APPLICABLE, None))
        grid.addWidget(self.unsure, 1, 0, 1, 2)
        grid.addWidget(self.not_applicable, 1, 2, 1, 2)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)

        self._reason_box = QWidget(self)
        reason_layout = QVBoxLayout(self._reason_box)
        reason_layout.setContentsMargins(0, 4, 0, 0)
        reason_layout.setSpacing(4)
        reason_label = text_label("Why does this key action not apply to your district?")
        self.reason = ReasonEdit(self._reason_box)
        self.reason.setAccessibleName("Reason it does not apply")
        self.reason.setPlaceholderText("For example: we have a single school, so …")
        self.reason.setMaxLength(1000)
        reason_label.setBuddy(self.reason)
        self._reason_prompt = text_label(
            "Please add a short reason: the agenda lists not-applicable actions with "
            "their reasons for your board.",
            muted=True,
            scale=0.92,
        )
        reason_layout.addWidget(reason_label)
        reason_layout.addWidget(self.reason)
        reason_layout.addWidget(self._reason_prompt)
        self._reason_box.setVisible(False)
        layout.addWidget(self._reason_box)
        self.reason.textChanged.connect(self._update_prompt)

    def show_keys(self, shown: bool) -> None:
        for card in self.cards():
            card.show_key(shown)

    def cards(self) -> list[ChoiceCard]:
        return [*self._stage_cards.values(), self.unsure, self.not_applicable]

    def card_for(self, kind: AnswerKind | None, stage: Stage | None) -> ChoiceCard | None:
        if kind is AnswerKind.RATED and stage is not None:
            return self._stage_cards[stage]
        if kind is AnswerKind.UNSURE:
            return self.unsure
        if kind is AnswerKind.NOT_APPLICABLE:
            return self.not_applicable
        return None

    def focus_choice(self) -> None:
        """Put the keyboard on the chosen card, or the first one."""
        checked = next((card for card in self.cards() if card.isChecked()), None)
        (checked or self._stage_cards[Stage.NOT_STARTED]).setFocus(Qt.FocusReason.OtherFocusReason)

    def set_response(self, response: Response) -> None:
        chosen = self.card_for(response.answer, response.stage)
        for card in self.cards():
            card.setChecked(card is chosen)
        self._reason_box.setVisible(response.answer is AnswerKind.NOT_APPLICABLE)
        self._update_prompt()

    def _update_prompt(self, *_args: object) -> None:
        self._reason_prompt.setVisible(not self.reason.text().strip())

    def _choose(self, kind: AnswerKind, stage: Stage | None) -> None:
        self.answerChosen.emit(kind, stage)
