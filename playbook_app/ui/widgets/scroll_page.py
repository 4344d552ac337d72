"""A scrolling page with a centred column of readable width, for long screens like the agenda."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QWidget


class _Host(QWidget):
    """The scrolled widget; its height is what its contents need at the width it gets.

    Without this, QScrollArea also honours the minimum height: the height
    wrapped text would take at its narrowest, which leaves a screenful of
    blank space below a long page of wrapped labels. Nor does it offer a
    preferred size: the scroll area's width decides, and working one out
    would lay out every wrapped label at the column's widest for nothing.
    """

    def __init__(self, preferred_width: int) -> None:
        super().__init__()
        self._preferred_width = preferred_width

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)

    def sizeHint(self) -> QSize:
        return QSize(self._preferred_width, 0)


def scrolling_column(parent: QWidget, max_width: int) -> tuple[QScrollArea, QWidget]:
    """A scroll area (to add to a layout) and the column widget to fill, centred when the
    window is wider than the column."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop: it would be an empty, unnamed stop; focus moving into it scrolls.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    margins = (24, 16, 24, 24)
    host = _Host(max_width + margins[0] + margins[2])
    centring = QHBoxLayout(host)
    centring.setContentsMargins(*margins)
    content = QWidget(host)
    content.setMaximumWidth(max_width)
    centring.addWidget(content, 1)
    scroll.setWidget(host)
    return scroll, content


def relayout(scroll: QScrollArea) -> None:
    """Make the scroll area take the new height after the column's contents changed.

    Changes made while the page is being shown (in showEvent) otherwise never
    reach the scroll area, which keeps the old height and squeezes the rows.
    """

    def invalidate() -> None:
        host = scroll.widget()
        layout = host.layout() if host is not None else None
        if layout is not None:
            layout.invalidate()

    invalidate()
    # And once more when the event loop next turns, when everything is visible.
    QTimer.singleShot(0, scroll, invalidate)
