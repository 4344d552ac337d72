"""Labels that screen readers announce as headings, so a page can be skimmed by its sections."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel

_installed = False


class HeadingLabel(QLabel):
    """A QLabel whose accessible role is Heading; its name is its text, as for any label."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-overload]
        _install()


class _HeadingAccessible(QAccessibleWidget):
    # Qt has no setter for a widget's role: its own QLabel interface says StaticText.
    def __init__(self, label: HeadingLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        if kind == QAccessible.Text.Description:
            return self._label.accessibleDescription()
        return super().text(kind)


def _factory(_class_name: str, target: QObject) -> QAccessibleInterface | None:
    if isinstance(target, HeadingLabel):
        return _HeadingAccessible(target)
    return None


def _install() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
