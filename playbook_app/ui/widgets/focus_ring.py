"""When the focus-ring style goes on: at once over Fusion or a dark palette, else at the first Tab.

Defining or asking for a style makes PySide build QStyle's ~570 enum members,
some 8 ms that a window used by mouse alone never needs: Qt draws focus only
after focus has moved by keyboard, and on a light palette the ring's style
changes nothing else. So over the platform's own style on a light palette it
goes on when the keyboard first moves focus, before that focus is painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

_native: str | None = None  # the platform style's name, once anything asked for a style
_waiting = False
_installed: QStyle | None = None  # the ring's style as last put on


def style_touched() -> bool:
    """True once the app's style was asked for or replaced (its enums exist by then)."""
    return _native is not None


def native_style_name(app: QApplication) -> str:
    global _native
    if _native is None:
        _native = app.style().name()
    return _native


def put_on(app: QApplication, base_name: str) -> None:
    """The ring's style over the named style, now (nothing changes if it is on already)."""
    from playbook_app.ui.widgets.focus_style import FocusStyle

    global _installed
    _stop_waiting(app)
    native_style_name(app)  # before the platform's style is replaced
    current = app.style()
    if not (isinstance(current, FocusStyle) and current.baseStyle().name() == base_name):
        app.setStyle(FocusStyle(QStyleFactory.create(base_name)))
    _installed = app.style()


def in_place(app: QApplication) -> bool:
    """Whether the ring's style is on, or waits for the keyboard, as last put."""
    return _waiting or (_installed is not None and app.style() is _installed)


def on_first_keyboard_move(app: QApplication) -> None:
    """Put the ring's style on over the platform's when the keyboard first moves focus."""
    global _waiting
    if not _waiting:
        app.focusChanged.connect(_focus_moved)
        _waiting = True


def waiting() -> bool:
    return _waiting


def _stop_waiting(app: QApplication) -> None:
    global _waiting
    if _waiting:
        app.focusChanged.disconnect(_focus_moved)
        _waiting = False


def _focus_moved(_old: QWidget | None, new: QWidget | None) -> None:
    # Qt marks the window before it tells who has focus, and paints the focus later:
    # the style put on here is the one that paints it.
    if new is None or not new.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
        return
    app = QApplication.instance()
    if isinstance(app, QApplication):
        put_on(app, native_style_name(app))
