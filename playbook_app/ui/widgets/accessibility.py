"""What screen readers need that Qt leaves to the app: heading roles, invalid fields."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

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


INVALID_PROPERTY = "invalid"
_VALID_DESCRIPTION = "validDescription"


def describe_field(field: QWidget, text: str) -> None:
    """A field's accessible description while it is valid (an error, while shown, replaces it)."""
    field.setProperty(_VALID_DESCRIPTION, text)
    if not field.property(INVALID_PROPERTY):
        field.setAccessibleDescription(text)


def mark_invalid(field: QWidget, reason: str) -> None:
    """Mark a field invalid with the reason a screen reader reads out; an empty reason clears it.

    Qt offers no way to set a widget's accessible "invalid" state, so the reason
    goes into the description (what screen readers say after the name) and the
    state into a property that tests and styles can read.
    """
    if field.property(_VALID_DESCRIPTION) is None:
        field.setProperty(_VALID_DESCRIPTION, field.accessibleDescription())
    field.setProperty(INVALID_PROPERTY, bool(reason))
    valid = str(field.property(_VALID_DESCRIPTION) or "")
    field.setAccessibleDescription(f"Invalid entry: {reason}" if reason else valid)


class FieldError(QLabel):
    """The error message under a field: while it is shown, the field is marked invalid with it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        mark_invalid(self._field, " ".join(self.text().split()) if visible else "")

    def setText(self, text: str) -> None:
        super().setText(text)
        if not self.isHidden():
            mark_invalid(self._field, " ".join(text.split()))
