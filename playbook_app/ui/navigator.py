"""The navigator: recommendations and key actions as a Qt item model, with each answer's state."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from playbook_app.domain.playbook import Playbook
from playbook_app.ui.icons import answer_icon
from playbook_app.ui.session import Session
from playbook_app.ui.theme import secondary
from playbook_app.ui.wording import answer_text, answered_of

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2

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


def wrap_two_lines(metrics: QFontMetrics, text: str, width: int) -> tuple[str, str]:
    """The text on at most two lines of `width`: whole words on the first, the rest elided."""
    if metrics.horizontalAdvance(text) <= width:
        return text, ""
    words = text.split(" ")
    first = words[0]
    for count in range(1, len(words) + 1):
        candidate = " ".join(words[:count])
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
    rest = text[len(first) :].strip()
    return first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class TwoLineDelegate(QStyledItemDelegate):
    """Draws the title on up to two lines and the answer state beneath it in a quieter tone.

    Titles are long sentences; two lines let a leader read most of one in the
    navigator without hovering.
    """

    PADDING = 5
    TITLE_LINES = 2
    TEXT_MARGIN = 4  # the style's text margin beside the item's edges
    ICON_GAP = 8  # the style's margins either side of the icon

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        small = QFontMetrics(self._small_font(option.font))
        height = self.TITLE_LINES * metrics.height() + small.height() + 2 * self.PADDING + 2
        return QSize(base.width(), max(base.height(), height))

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        # The base class draws the row, its selection and its icon; paint() adds the text.
        option.text = ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)  # the row's own font: recommendations are bold
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        subtitle = str(index.data(SUBTITLE_ROLE) or "")
        # Text starts past the icon (key actions have one, recommendations none), as
        # the style places it. Reckoned here, not asked of QStyle: PySide builds
        # QStyle's ~900 enum members on first touch, a cost start-up need not pay.
        has_icon = bool(index.data(ACTION_ID_ROLE))
        icon_room = opt.decorationSize.width() + self.ICON_GAP if has_icon else 0
        text_rect = opt.rect.adjusted(
            self.TEXT_MARGIN + icon_room, self.PADDING, -self.TEXT_MARGIN, -self.PADDING
        )
        view = self.parent()
        selected = isinstance(view, QAbstractItemView) and view.selectionModel().isSelected(index)
        palette = opt.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        main = palette.color(role)
        background = palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(main)
        metrics = QFontMetrics(opt.font)
        line = QRect(text_rect.left(), text_rect.top(), text_rect.width(), metrics.height())
        for text in wrap_two_lines(metrics, title, line.width()):
            if text:
                painter.drawText(
                    line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
                )
                line.translate(0, metrics.height())
        small_font = self._small_font(opt.font)
        small = QFontMetrics(small_font)
        painter.setFont(small_font)
        painter.setPen(secondary(main, background))
        below = QRect(line.left(), line.top() + 2, line.width(), small.height())
        painter.drawText(
            below,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small.elidedText(subtitle, Qt.TextElideMode.ElideRight, below.width()),
        )
        painter.restore()

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setBold(False)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        return small


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
