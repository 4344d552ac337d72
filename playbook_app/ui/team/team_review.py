"""The Team review screen: per key action, reveal the answers, see the spread, agree a stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.scoring import TEAM_RULE, Standing
from playbook_app.ui.team.consensus_editor import ConsensusEditor
from playbook_app.ui.team.spread_grid import SpreadGrid
from playbook_app.ui.team.team_words import (
    HIDDEN_HINT,
    answered_text,
    flag_text,
    list_status,
    spread_text,
    team_stage_text,
)
from playbook_app.ui.widgets.controls import rule, section_heading, text_label
from playbook_app.ui.widgets.theme import Tone, set_tone
from playbook_app.ui.widgets.two_line_list import ACTION_ID_ROLE, SUBTITLE_ROLE, TwoLineDelegate

if TYPE_CHECKING:
    from playbook_app.ui.team.team_discussion import TeamDiscussion


class TeamReview(QWidget):
    """Key actions on the left, the one in discussion on the right; follows the projector."""

    def __init__(self, team: TeamDiscussion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team = team
        self._session = session = team.session
        self._syncing = False
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 10, 0, 0)
        row.setSpacing(8)

        self.model = QStandardItemModel(self)
        self._items: dict[str, QStandardItem] = {}
        for action in session.playbook.key_actions:
            item = QStandardItem(f"{action.number}  {action.title}")
            item.setEditable(False)
            item.setData(action.id, ACTION_ID_ROLE)
            item.setData("", SUBTITLE_ROLE)
            item.setToolTip(f"{action.number} {action.title}")
            self._items[action.id] = item
            self.model.appendRow(item)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setAccessibleName("Key actions to review")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumWidth(260)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumWidth(380)
        self.list.selectionModel().currentChanged.connect(self._picked)
        row.addWidget(self.list, 0)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        host = QWidget()
        scroll.setWidget(host)
        row.addWidget(scroll, 1)
        self._build_detail(host)

        session.responseChanged.connect(self._changed)
        session.consensusChanged.connect(self._changed)
        session.participantsChanged.connect(self.refresh)
        session.assessmentChanged.connect(self.refresh)
        team.revealChanged.connect(self._changed)
        team.currentChanged.connect(self._follow)
        self.refresh()

    def _build_detail(self, host: QWidget) -> None:
        layout = QVBoxLayout(host)
        layout.setContentsMargins(24, 8, 24, 24)
        layout.setSpacing(6)
        self.position = text_label("", muted=True, scale=0.92)
        self.rec_title = text_label("", muted=True)
        self.title = text_label("", bold=True, scale=1.35, selectable=True, heading=True)
        self.answered = text_label("", scale=1.05)
        self.answered.setAccessibleDescription("How many have answered")
        for widget in (self.position, self.rec_title, self.title):
            layout.addWidget(widget)
        layout.addWidget(rule(host))
        layout.addWidget(self.answered)

        self.hidden = QWidget(host)
        hidden_row = QHBoxLayout(self.hidden)
        hidden_row.setContentsMargins(0, 4, 0, 4)
        self.reveal_button = QPushButton("Reveal a&nswers", self.hidden)
        self.reveal_button.setAccessibleName("Reveal everyone's answers on this key action")
        self.reveal_button.setMinimumHeight(36)
        self.reveal_button.clicked.connect(self._reveal)
        hidden_row.addWidget(self.reveal_button)
        hidden_row.addWidget(text_label(HIDDEN_HINT, muted=True), 1)
        layout.addWidget(self.hidden)

        self.shown = QWidget(host)
        shown = QVBoxLayout(self.shown)
        shown.setContentsMargins(0, 0, 0, 0)
        shown.setSpacing(6)
        shown.addWidget(section_heading("Everyone's answers"))
        self.spread_grid = SpreadGrid(parent=self.shown)
        shown.addWidget(self.spread_grid)
        self.spread = text_label("", scale=1.05)
        self.spread.setAccessibleDescription("Spread")
        self.flag = text_label("", bold=True, scale=1.05)
        set_tone(self.flag, Tone.FLAG)  # the text also starts with a flag
        self.flag.setAccessibleDescription("Disagreement")
        self.team_stage = text_label("", bold=True, scale=1.15)
        self.team_stage.setAccessibleDescription("Team stage")
        self.notes = text_label("", muted=True, selectable=True)
        self.notes.setAccessibleDescription("Participants' notes")
        for widget in (self.spread, self.flag, self.team_stage, self.notes):
            shown.addWidget(widget)
        shown.addWidget(section_heading("The team's agreed stage"))
        self.consensus = ConsensusEditor(
            self._session, self._team.host.undo_stack, self._team.set_current, self.shown
        )
        shown.addWidget(self.consensus)
        layout.addWidget(self.shown)

        layout.addWidget(rule(host))
        bottom = QHBoxLayout()
        self.projector_button = QPushButton("Open &projector view (F5)", host)
        self.projector_button.setAccessibleName("Open the projector view")
        self.projector_button.clicked.connect(self._team.show_projector)
        bottom.addWidget(self.projector_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        layout.addWidget(text_label(TEAM_RULE, muted=True, scale=0.9))
        layout.addStretch(1)

    # Showing --------------------------------------------------------------------------

    @property
    def current_action_id(self) -> str:
        return self._team.current_action

    def refresh(self) -> None:
        if self._session.record is None:
            return
        for action_id in self._items:
            self._update_item(action_id)
        self._follow(self._team.current_action)

    def _update_item(self, action_id: str) -> None:
        standing = self._team.standing(action_id)
        item = self._items[action_id]
        status = list_status(standing, self._team.is_revealed(action_id))
        item.setData(status, SUBTITLE_ROLE)
        item.setData(f"{item.text()}: {status}", Qt.ItemDataRole.AccessibleTextRole)

    def _changed(self, action_id: str) -> None:
        if self._session.record is None or action_id not in self._items:
            return
        self._update_item(action_id)
        if action_id == self._team.current_action:
            self._show(action_id)

    def _follow(self, action_id: str) -> None:
        """Select and show a key action (the projector moved, or the screen was rebuilt)."""
        item = self._items.get(action_id)
        if item is None:
            return
        self._syncing = True
        try:
            self.list.selectionModel().setCurrentIndex(
                item.index(), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list.scrollTo(item.index())
        finally:
            self._syncing = False
        self._show(action_id)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        action_id = str(current.data(ACTION_ID_ROLE) or "")
        if action_id:
            self._team.set_current(action_id)

    def _show(self, action_id: str) -> None:
        if self._session.record is None:
            return
        playbook = self._session.playbook
        action = playbook.action(action_id)
        rec = playbook.recommendation_of(action_id)
        total = len(playbook.action_ids)
        self.position.setText(
            f"Key action {action.number} ({playbook.position(action_id) + 1} of {total})"
        )
        self.rec_title.setText(f"Recommendation {rec.number}. {rec.title}")
        self.title.setText(f"{action.number}  {action.title}")
        standing = self._team.standing(action_id)
        self.answered.setText(f"{answered_text(standing)} on this key action.")
        revealed = self._team.is_revealed(action_id)
        self.hidden.setVisible(not revealed)
        self.shown.setVisible(revealed)
        # Nothing of anyone's answers is put on screen until the reveal.
        self._show_revealed(standing if revealed else None)
        if revealed:
            self.consensus.set_action(action_id)

    def _show_revealed(self, standing: Standing | None) -> None:
        self.spread_grid.set_standing(standing)
        if standing is None:
            for label in (self.spread, self.flag, self.team_stage, self.notes):
                label.setText("")
            return
        self.spread.setText(spread_text(standing))
        self.flag.setText(flag_text(standing))
        self.flag.setVisible(bool(self.flag.text()))
        self.team_stage.setText(team_stage_text(standing))
        notes = [f"{r.name}: {r.note.strip()}" for r in standing.ratings if r.note.strip()]
        self.notes.setText("Notes:\n" + "\n".join(notes) if notes else "")
        self.notes.setVisible(bool(notes))

    def _reveal(self) -> None:
        self._team.reveal(self._team.current_action)
