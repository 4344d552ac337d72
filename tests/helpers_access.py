"""What a screen reader and a keyboard user meet on a window, through Qt's accessibility API."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

# Roles a person operates: each must say what it is for.
CONTROL_ROLES = {
    QAccessible.Role.PushButton,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.List,
    QAccessible.Role.Table,
    QAccessible.Role.Tree,
    QAccessible.Role.SpinBox,
    QAccessible.Role.Slider,
    QAccessible.Role.Link,
    QAccessible.Role.ProgressBar,
    QAccessible.Role.ToolBar,
}


def _plain(text: str, rich: bool) -> str:
    if rich:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return " ".join(text.split())


def label_text(label: QLabel) -> str:
    """What a sighted reader sees on a label, as one line."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and text.lstrip().startswith("<")
    )
    shown = _plain(text, rich)
    if label.buddy() is not None:
        shown = re.sub(r"&(.)", r"\1", shown)
    return shown


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None and face.isValid(), f"no accessible interface for {widget!r}"
    return " ".join(face.text(QAccessible.Text.Name).split())


def accessible_role(widget: QWidget) -> QAccessible.Role:
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    return face.role()


def _describe(widget: QWidget) -> str:
    name = widget.objectName() or widget.accessibleName() or ""
    return f"{type(widget).__name__}({name!r}) in {type(widget.window()).__name__}"


def _inside_qt_composite(widget: QWidget) -> bool:
    """Qt's own parts (a combo box's line edit, a spin box's editor) are named by their owner."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def tab_stops(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits on a window, in order."""
    stops: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in stops:
        if (
            widget.window() is window
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def label_problems(root: QWidget) -> list[str]:
    """Labels whose accessible name hides what they show (a richer name must contain it)."""
    found: list[str] = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root):
            continue
        shown = label_text(label)
        if not shown:
            continue
        name = accessible_name(label)
        if not any(c.isalnum() for c in shown):
            continue  # a dash or a symbol: a word in its place says more
        if shown.casefold() not in name.casefold():
            found.append(f"{_describe(label)} shows {shown!r} but is named {name!r}")
    return found


def unnamed(root: QWidget) -> list[str]:
    """Controls, visible on `root`, that a screen reader would announce without a name."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if (
            not widget.isVisibleTo(root)
            or _inside_qt_composite(widget)
            or isinstance(widget, QHeaderView)  # its columns are named through the table
        ):
            continue
        operable = isinstance(
            widget, QAbstractButton | QLineEdit | QComboBox | QAbstractItemView | QAbstractSpinBox
        ) or (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(widget, QTabBar))
        if not operable and accessible_role(widget) not in CONTROL_ROLES:
            continue
        if isinstance(widget, QAbstractButton) and isinstance(widget.parentWidget(), QTabBar):
            continue  # the tab bar's scroll arrows
        if not accessible_name(widget):
            found.append(f"{_describe(widget)} has no accessible name")
    return found


def scroll_area_stops(window: QWidget) -> list[str]:
    """Scroll areas that take a Tab stop of their own: an empty stop with nothing to show."""
    return [
        _describe(widget)
        for widget in tab_stops(window)
        if isinstance(widget, QAbstractScrollArea)
        and not isinstance(widget, QAbstractItemView)
        and type(widget).__name__ in ("QScrollArea", "ScrollPage")
    ]


def tab_walk(window: QWidget) -> tuple[list[QWidget], list[str]]:
    """Press Tab round a window as a keyboard user would: the order met, and stops showing no focus.

    Qt styles draw focus only after focus moved by keyboard, so this presses the
    real key rather than calling setFocus.
    """
    stops = tab_stops(window)
    if not stops:
        return [], []
    unfocused = {}
    for holder, group in ((stops[-1], stops[:-1]), (stops[0], stops[-1:])):
        holder.setFocus(Qt.FocusReason.OtherFocusReason)
        for widget in group:
            unfocused[widget] = widget.grab().toImage()
    order: list[QWidget] = []
    found: list[str] = []
    for _ in range(len(stops) + 1):
        before = QApplication.focusWidget()
        assert before is not None, "the window is not active"
        QTest.keyClick(before, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        for _ in range(4):  # a date box's Tab walks its day, month and year first
            if widget is not before or not isinstance(before, QAbstractSpinBox):
                break
            QTest.keyClick(before, Qt.Key.Key_Tab)
            widget = QApplication.focusWidget()
        if widget is before and len(stops) == 1:
            break
        if widget is before:
            found.append(f"Tab does not leave {_describe(before)}")
            break
        if widget is None or widget in order:
            break
        order.append(widget)
        image = unfocused.get(widget)
        if image is not None and widget.grab().toImage() == image:
            found.append(f"{_describe(widget)} shows no focus")
    return order, found


def problems(window: QWidget) -> list[str]:
    """Everything this module checks, for one window as it is now."""
    return [
        *unnamed(window),
        *label_problems(window),
        *scroll_area_stops(window),
        *tab_walk(window)[1],
    ]
