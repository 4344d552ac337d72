"""A button drawn as a link whose text wraps: for long titles that lead somewhere."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from playbook_app.ui.widgets.controls import mnemonic_safe

# Drawn like a button's text: "&&" (see widgets.mnemonic_safe) shows as one "&".
_FLAGS = int(
    Qt.TextFlag.TextWordWrap
    | Qt.TextFlag.TextShowMnemonic
    | Qt.AlignmentFlag.AlignLeft
    | Qt.AlignmentFlag.AlignTop
)
_PAD = 2
_LONGEST_LINE = 640  # wider titles wrap even when there is room: long lines read badly


class LinkButton(QAbstractButton):
    """A real button (Tab reaches it, Space or Enter presses it) that wraps like a label.

    A QPushButton keeps its text on one line, which would make a long key-action
    title push the whole screen wider than the window.
    """

    def __init__(
        self, text: str, *, scale: float = 1.0, bold: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Titles are content: "R&D" must not become "RD" with Alt+D pressing the button.
        self.setText(mnemonic_safe(text))
        font = QFont(self.font())
        font.setBold(bold)
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        self.setFont(font)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = max(1, width - 2 * _PAD)
        box = self.fontMetrics().boundingRect(QRect(0, 0, inner, 100_000), _FLAGS, self.text())
        return box.height() + 2 * _PAD

    def sizeHint(self) -> QSize:
        width = min(self.fontMetrics().horizontalAdvance(self.text()), _LONGEST_LINE) + 2 * _PAD
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = min(self.sizeHint().width(), 160)
        return QSize(width, self.heightForWidth(width))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        font = QFont(self.font())
        # Underlined when pointed at or focused: a link's usual hint that it leads somewhere.
        font.setUnderline(self.underMouse() or self.hasFocus())
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Link))
        inner = self.rect().adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.drawText(inner, _FLAGS, self.text())
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
