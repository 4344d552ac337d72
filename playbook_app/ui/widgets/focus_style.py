"""A focus ring that always shows where the keyboard is, on top of the platform's style."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)


class FocusStyle(QProxyStyle):
    """The platform's style, plus a focus ring that differs from a default button's outline.

    Some styles draw the focused and the default button alike, and no focus at all
    on a text area's frame: keyboard users could not see where they are.
    """

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        boxes = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        palette = option.palette
        if element not in boxes or palette.color(QPalette.ColorRole.Window).lightness() >= 128:
            return
        # On a dark palette Fusion outlines tick boxes darker than the window: unseen.
        # The placeholder colour is kept readable by the theme (3:1 and more on Base).
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = option.rect.adjusted(1, 1, -1, -1)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        keyboard = option.state & QStyle.StateFlag.State_HasFocus and (
            option.state & QStyle.StateFlag.State_KeyboardFocusChange
        )
        if not keyboard:
            return
        if element == QStyle.ControlElement.CE_PushButton and isinstance(widget, QAbstractButton):
            inset = 3
        elif element == QStyle.ControlElement.CE_ShapedFrame and isinstance(
            widget, QAbstractScrollArea
        ):
            inset = 0
        else:
            return
        painter.save()
        pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 2)
        if inset:
            pen = QPen(option.palette.color(QPalette.ColorRole.ButtonText), 1, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(inset + 1, inset + 1, -inset - 1, -inset - 1))
        painter.restore()
