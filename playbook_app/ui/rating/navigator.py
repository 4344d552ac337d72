"""The navigator: recommendations and key actions as a Qt item model, with each answer's state."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTreeView,
    QWidget,
)

from playbook_app.domain.playbook import Playbook
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.icons import answer_icon
from playbook_app.ui.widgets.two_line_list import ACTION_ID_ROLE, SUBTITLE_ROLE, TwoLineDelegate
from playbook_app.ui.widgets.wording import answer_text, answered_of

ModelIndex = QModelIndex | QPersistentModelIndex


class NavigatorModel(QStandardItemModel):
    """Recommendations at the top, their key actions beneath; kept in step with the session."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._action_items: dict[str, QStandardItem] = {}
        self._rec_items: dict[str, QStandardItem] = {}
        self.setHorizontalHeaderLabels(["Recommendations and key actions"])
        self._build(session.playbook)
        session.responseChanged.connect(self._update_action)
        session.assessmentChanged.connect(self.refresh)
        session.participantChanged.connect(self.refresh)
        self.refresh()

    def _build(self, playbook: Playbook) -> None:
        root = self.invisibleRootItem()
        bold = QFont()
        bold.setBold(True)
        for rec in playbook.recommendations:
            rec_item = QStandardItem(f"{rec.number}.  {rec.title}")
            rec_item.setEditable(False)
            rec_item.setFont(bold)
            rec_item.setToolTip(f"Recommendation {rec.number}: {rec.title}")
            # Recommendations group; only key actions are pages to open.
            rec_item.setSelectable(False)
            # Every role Python reads is set, so a read always finds a string.
            rec_item.setData("", ACTION_ID_ROLE)
            rec_item.setData("", SUBTITLE_ROLE)
            self._rec_items[rec.id] = rec_item
            for action in rec.key_actions:
                item = QStandardItem(f"{action.number}  {action.title}")
                item.setEditable(False)
                item.setData(action.id, ACTION_ID_ROLE)
                item.setToolTip(f"{action.number} {action.title}")
                self._action_items[action.id] = item
                rec_item.appendRow(item)
            root.appendRow(rec_item)

    def index_for(self, action_id: str) -> QModelIndex:
        item = self._action_items.get(action_id)
        return item.index() if item is not None else QModelIndex()

    def refresh(self) -> None:
        for action_id in self._action_items:
            self._update_action(action_id)

    def _update_action(self, action_id: str) -> None:
        item = self._action_items.get(action_id)
        if item is None:
            return
        response = self._session.response(action_id)
        state = answer_text(response)
        item.setData(state, SUBTITLE_ROLE)
        item.setIcon(answer_icon(response))
        # Screen readers get the state with the title; sighted users see both lines.
        item.setData(f"{item.text()}: {state}", Qt.ItemDataRole.AccessibleTextRole)
        rec = self._session.playbook.recommendation_of(action_id)
        rec_item = self._rec_items[rec.id]
        ids = tuple(a.id for a in rec.key_actions)
        summary = answered_of(self._session.answered_count(ids), len(ids))
        rec_item.setData(summary, SUBTITLE_ROLE)
        rec_item.setData(f"{rec_item.text()}: {summary}", Qt.ItemDataRole.AccessibleTextRole)


class NavigatorView(QTreeView):
    """Emits ``actionActivated(action_id)`` when the user picks a key action."""

    actionActivated = Signal(str)

    def __init__(self, model: NavigatorModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(TwoLineDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(20, 20))
        self.setIndentation(16)
        self.setAccessibleName("Recommendations and key actions")
        self.expandAll()
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._syncing = False

    def select_action(self, action_id: str) -> None:
        """Follow the page without echoing the change back as a request."""
        model = self.model()
        assert isinstance(model, NavigatorModel)
        index = model.index_for(action_id)
        if not index.isValid():
            return
        self._syncing = True
        try:
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            # The recommendation heading first, so its title stays in view above the action.
            self.scrollTo(index.parent())
            self.scrollTo(index)
        finally:
            self._syncing = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        action_id = current.data(ACTION_ID_ROLE)
        if action_id:
            self.actionActivated.emit(str(action_id))
