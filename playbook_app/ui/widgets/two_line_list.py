"""Lists whose rows are a title on up to two lines over a quieter state line (navigator, review)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from playbook_app.ui.widgets.theme import secondary

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


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
